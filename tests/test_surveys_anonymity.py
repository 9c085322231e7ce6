"""Anonymity by design: nothing in the database links a used code to the response it opened,
and one code used twice at the same moment yields exactly one response."""

import threading
import uuid

import pytest
from django.apps import apps
from django.db import connection, connections, models

from audit.models import AuditEntry
from surveys.models import AccessCode, Response
from surveys.services import Submission, response_submit

from .surveys_helpers import anonymous, form_data, full_answers, make_campaign, questionnaire, surveys_env, unused_code  # noqa: F401

pytestmark = pytest.mark.usefixtures("surveys_env")


def test_the_response_model_has_nothing_that_could_link_it():
    fields = {f.name: f for f in Response._meta.get_fields() if f.concrete}
    assert set(fields) == {"id", "campaign", "questionnaire", "part", "submitted_on", "answers"}
    assert isinstance(fields["id"], models.UUIDField) and fields["id"].default is uuid.uuid4
    assert type(fields["submitted_on"]) is models.DateField  # a date, never a time
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model in (Response, AccessCode):
                pytest.fail(f"{model.__name__}.{field.name} points at {field.related_model.__name__}")


def test_a_scan_of_every_table_finds_nothing_linking_codes_and_responses(people, framework):
    campaign = make_campaign(people, framework)
    used = []
    for n in range(3):
        code = unused_code(campaign)
        used.append(code)
        client = anonymous(ip=f"192.0.2.{n + 1}", HTTP_USER_AGENT="SecretPhone/1.0")
        assert client.post(f"/s/{campaign.public_code}/iit/", form_data(full_answers(campaign, "iit"), access_code=code)).status_code == 302
    response_ids = {str(pk) for pk in Response.objects.values_list("id", flat=True)}
    hex_ids = {pk.replace("-", "") for pk in response_ids}
    needles = set(used) | {f"{c[:4]}-{c[4:8]}-{c[8:]}" for c in used} | {"192.0.2.", "SecretPhone"}
    for model in apps.get_models():
        for row in model.objects.all().values():
            for column, value in row.items():
                text = str(value)
                for needle in needles:
                    assert needle not in text, f"{model.__name__}.{column} holds {needle!r}"
                if model is not Response:
                    for pk in response_ids | hex_ids:
                        assert pk not in text, f"{model.__name__}.{column} holds a response id"
    assert not AuditEntry.objects.filter(action__startswith="surveys.response").exists()
    assert AuditEntry.objects.filter(action="surveys.codes.issued").exists()  # admin steps are audited


@pytest.mark.skipif(connection.vendor != "postgresql", reason="system columns exist only on PostgreSQL")
def test_no_live_row_shares_a_transaction_id_with_a_response(people, framework):
    campaign = make_campaign(people, framework)
    for n in range(2):
        anonymous(ip=f"192.0.2.{n + 1}").post(
            f"/s/{campaign.public_code}/iit/", form_data(full_answers(campaign, "iit"), access_code=unused_code(campaign))
        )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text FROM {Response._meta.db_table}")
        response_xids = {row[0] for row in cursor.fetchall()}
        assert len(response_xids) == 2
        for model in apps.get_models():
            if model is Response or not model._meta.managed:
                continue
            cursor.execute(f"SELECT xmin::text FROM {connection.ops.quote_name(model._meta.db_table)}")
            shared = response_xids & {row[0] for row in cursor.fetchall()}
            assert not shared, f"{model._meta.db_table} was written in a response's transaction"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions (PostgreSQL)")
def test_one_code_used_twice_at_the_same_moment_stores_one_response(people, framework):
    campaign = make_campaign(people, framework)
    iit = questionnaire(campaign, "iit")
    code = unused_code(campaign)
    submission = Submission(answers=full_answers(campaign, "iit"), access_code=code)
    barrier = threading.Barrier(2)
    outcomes = []

    def use():
        try:
            barrier.wait()
            response_submit(campaign=campaign, questionnaire=iit, submission=submission, client=f"c{threading.get_ident()}")
            outcomes.append("stored")
        except Exception as exc:  # noqa: BLE001 - the loser's DomainError is the point
            outcomes.append(getattr(exc, "code", repr(exc)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=use) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["stored", "used_code"]
    assert Response.objects.filter(campaign=campaign).count() == 1
    assert not AccessCode.objects.filter(code=code).exists()
