"""Anonymity by design (docs/anonymity.md): no page or API answer moves with one response,
and the database ties a code to a batch of at least k responses, never to one. Proved on
live rows, on PostgreSQL's dead tuples, transaction ids, physical order and WAL (pageinspect,
pg_read_binary_file), and on SQLite's database file and WAL."""

import json
import os
import re
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, connections, models

from accounts.services import api_token_create
from audit.models import AuditEntry
from surveys.conf import release_batch
from surveys.models import AccessCode, PendingResponse, Response
from surveys.services import Submission, response_submit

from .surveys_helpers import (  # noqa: F401
    anonymous, code_unused, form_data, full_answers, make_campaign, print_codes, questionnaire, surveys_env,
)

pytestmark = pytest.mark.usefixtures("surveys_env")
ROOT = Path(__file__).resolve().parent.parent
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL system columns and pages")


def marked_answers(campaign, i: int) -> dict[str, str]:
    """A full IIT answer whose first rows spell I, so each response can be recognised."""
    from surveys.questionnaires import survey_load

    survey = survey_load(questionnaire(campaign, "iit"))
    rows = [row for screen in survey.screens for q in screen.questions for row in q.rows]
    answers = {row.row.node_id: row.choices[-1][0] for row in rows}
    n = i
    for row in rows[:6]:
        answers[row.row.node_id] = row.choices[n % len(row.choices)][0]
        n //= len(row.choices)
    return answers


def which(campaign, answers: dict) -> int:
    return next(i for i in range(100) if marked_answers(campaign, i) == answers)


def test_k_is_at_least_ten_whatever_the_settings_say(settings):
    settings.SURVEYS_RELEASE_BATCH = 2
    assert release_batch() == 10
    settings.SURVEYS_RELEASE_BATCH = 25
    assert release_batch() == 25


def test_the_response_and_pending_models_have_nothing_that_could_link_them():
    fields = {f.name: f for f in Response._meta.get_fields() if f.concrete}
    assert set(fields) == {"id", "campaign", "questionnaire", "part", "submitted_on", "answers"}
    assert isinstance(fields["id"], models.UUIDField) and fields["id"].default is uuid.uuid4
    assert type(fields["submitted_on"]) is models.DateField  # a date, never a time
    pending = {f.name: f for f in PendingResponse._meta.get_fields() if f.concrete}
    assert set(pending) == {"id", "campaign", "questionnaire", "sealed"}  # no time, no code, no serial id
    assert isinstance(pending["id"], models.UUIDField)
    assert {f.name for f in AccessCode._meta.get_fields() if f.concrete} == {"id", "campaign", "questionnaire", "digest"}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model in (Response, AccessCode, PendingResponse):
                pytest.fail(f"{model.__name__}.{field.name} points at {field.related_model.__name__}")


def test_a_scan_of_every_table_finds_no_code_and_no_link(people, framework):
    campaign = make_campaign(people, framework)
    printed = print_codes(campaign, count=12, actor=people.admin)
    for n, code in enumerate(printed[:3]):
        client = anonymous(ip=f"192.0.2.{n + 1}", HTTP_USER_AGENT="SecretPhone/1.0")
        assert client.post(f"/s/{campaign.public_code}/iit/", form_data(full_answers(campaign, "iit"), access_code=code)).status_code == 302
    assert Response.objects.count() == 0 and PendingResponse.objects.count() == 3  # waiting for a batch of k
    needles = set(printed) | {f"{c[:4]}-{c[4:8]}-{c[8:]}" for c in printed} | {"192.0.2.", "SecretPhone"}
    for model in apps.get_models():
        for row in model.objects.all().values():
            for column, value in row.items():
                text = bytes(value).hex() if isinstance(value, (bytes, memoryview)) else str(value)
                for needle in needles:
                    assert needle not in text, f"{model.__name__}.{column} holds {needle!r}"
    for blob in PendingResponse.objects.values_list("sealed", flat=True):
        assert b"i30.r4" not in bytes(blob)  # the answers wait sealed
    assert not AuditEntry.objects.filter(action__startswith="surveys.response").exists()
    assert AuditEntry.objects.filter(action="surveys.codes.printed").exists()  # admin steps are audited


# --- 1. no page or API answer moves with one response ------------------------------------------


def every_reading(people, campaign) -> dict[str, str]:
    """Every results page and API answer, as each agency role and the assessor reads it."""
    base = f"/app/a/{campaign.agency.code}/surveys/"
    pages = [base, f"{base}{campaign.fiscal_year}/", f"{base}{campaign.fiscal_year}/results/", "/app/surveys/progress/",
             f"/app/a/{campaign.agency.code}/"]
    readings = {}
    for who in ("admin", "executive", "officer", "member", "assessor"):
        client = people.client(who)
        for url in pages:
            page = client.get(url)
            assert page.status_code == 200, (who, url)
            readings[f"{who} {url}"] = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode())
        token = {"HTTP_AUTHORIZATION": f"Bearer {tokens[who]}"}
        for url in ("/api/surveys/progress/", f"/api/surveys/{campaign.pk}/"):
            readings[f"{who} {url}"] = json.dumps(client.get(url, **token).json(), sort_keys=True)
    return readings


tokens: dict[str, str] = {}


def test_no_page_or_api_answer_changes_with_one_response(people, framework):
    campaign = make_campaign(people, framework, eligible_staff=30)
    for who in ("admin", "executive", "officer", "member", "assessor"):
        tokens[who] = api_token_create(user=getattr(people, who), name="t").secret
    codes = print_codes(campaign, count=30)
    k = release_batch()
    iit = questionnaire(campaign, "iit")

    def one(i):
        response_submit(campaign=campaign, questionnaire=iit, client=f"c{i}",
                        submission=Submission(answers=marked_answers(campaign, i), access_code=codes[i]))

    changed_at = []
    before = every_reading(people, campaign)
    for i in range(2 * k + 3):
        one(i)
        after = every_reading(people, campaign)
        differing = [key for key in before if before[key] != after[key]]
        if differing:
            changed_at.append(i + 1)
            assert Response.objects.count() % k == 0 and Response.objects.count() == i + 1, differing
        before = after
    assert changed_at == [k, 2 * k]  # only whole batches of k ever show
    assert PendingResponse.objects.count() == 3


def test_the_warning_signs_move_only_with_a_batch(people, framework):
    from surveys.selectors import campaign_warnings

    campaign = make_campaign(people, framework, eligible_staff=12)
    codes = print_codes(campaign, count=12)
    iit = questionnaire(campaign, "iit")
    seen = []
    for i in range(12):
        response_submit(campaign=campaign, questionnaire=iit, client=f"c{i}",
                        submission=Submission(answers=marked_answers(campaign, i), access_code=codes[i]))
        seen.append([str(w.message) for w in campaign_warnings(campaign)])
    assert all(s == seen[0] for s in seen[:9]) and all(s == seen[9] for s in seen[9:])


# --- 2. the database does not link ---------------------------------------------------------------


def answer_k(campaign, codes, k, *, start=0):
    iit = questionnaire(campaign, "iit")
    for i in range(start, start + k):
        response_submit(campaign=campaign, questionnaire=iit, client=f"c{i}",
                        submission=Submission(answers=marked_answers(campaign, i), access_code=codes[i]))


def heap_tuples(cursor, table: str) -> list[dict]:
    """Every tuple on every page of TABLE, live or dead, as pageinspect reads it."""
    cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
    blocks = cursor.fetchone()[0]
    rows = []
    for block in range(blocks):
        cursor.execute(
            "SELECT lp, lp_flags, t_xmin::text, t_xmax::text, t_data FROM heap_page_items(get_raw_page(%s, %s))",
            [table, block],
        )
        for lp, flags, xmin, xmax, data in cursor.fetchall():
            rows.append({"block": block, "lp": lp, "flags": flags, "xmin": xmin, "xmax": xmax, "data": bytes(data or b"")})
    return rows


def raw_pages(cursor, table: str) -> bytes:
    cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
    blocks = cursor.fetchone()[0]
    out = b""
    for block in range(blocks):
        cursor.execute("SELECT get_raw_page(%s, %s)", [table, block])
        out += bytes(cursor.fetchone()[0])
    return out


@pytest.mark.django_db(transaction=True)
@postgres_only
def test_pageinspect_finds_no_tie_closer_than_a_batch_of_k(people, framework):
    campaign = make_campaign(people, framework, eligible_staff=12)
    k = release_batch()
    code_table, pending_table, response_table = (m._meta.db_table for m in (AccessCode, PendingResponse, Response))
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        # Fresh files for the three tables: earlier tests' rolled-back rows stay out of the reading.
        cursor.execute(f"TRUNCATE {code_table}, {pending_table}, {response_table}")
    codes = print_codes(campaign, count=12)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
        wal_start = cursor.fetchone()[0]
    answer_k(campaign, codes, k - 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
        wal_before_batch = cursor.fetchone()[0]
    assert Response.objects.count() == 0
    answer_k(campaign, codes, 1, start=k - 1)
    assert Response.objects.count() == k and PendingResponse.objects.count() == 0

    with connection.cursor() as cursor:
        code_rows, pending_rows, response_rows = (heap_tuples(cursor, t) for t in (code_table, pending_table, response_table))
        # The k responses were written by one transaction, which deleted no code.
        response_xids = {row["xmin"] for row in response_rows if row["data"]}
        assert len(response_xids) == 1 and len([r for r in response_rows if r["data"]]) == k
        code_deleters = {row["xmax"] for row in code_rows if row["xmax"] != "0"}
        assert len(code_deleters) == k and not code_deleters & response_xids
        # Dead pending tuples share a transaction with a code's deletion, but hold only sealed bytes.
        dead_pending = [row for row in pending_rows if row["data"]]
        assert {row["xmin"] for row in dead_pending} <= code_deleters
        for table in (code_table, pending_table):
            page_bytes = raw_pages(cursor, table)
            assert b"i30.r4" not in page_bytes, f"{table} holds a readable answer"
            for code in codes:
                assert code.encode() not in page_bytes, f"{table} holds a printed code"
        assert b"i30.r4" in raw_pages(cursor, response_table)  # the check can see answers where they are
        # Insertion order is shuffled: the physical order is not the order of answering.
        cursor.execute(f"SELECT answers FROM {response_table} ORDER BY ctid")
        order = [which(campaign, json.loads(a) if isinstance(a, str) else a) for (a,) in cursor.fetchall()]
        assert sorted(order) == list(range(k)) and order != list(range(k))
        # No sequence counts responses; the only date is the release day.
        assert len(set(Response.objects.values_list("submitted_on", flat=True))) == 1

        # The WAL: before the batch it held no readable answer and no code at all.
        cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
        wal_end = cursor.fetchone()[0]
        whole = wal_bytes(cursor, wal_start, wal_end)
        if whole is None:
            pytest.skip("WAL files are not readable by this database user")
        assert b"i30.r4" in whole  # the check can see answers in the WAL
        for code in codes:
            assert code.encode() not in whole
        # The WAL is the whole server's: another test worker may write answers into it in the
        # same span. So what it says of this database is read record by record (pg_walinspect):
        # before the batch no record touched this database's responses table; the batch did.
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_walinspect")
        cursor.execute("SELECT oid FROM pg_database WHERE datname = current_database()")
        ours = rf"rel \d+/{cursor.fetchone()[0]}/{raw_filenode(cursor, response_table)}\M"
        query = "SELECT count(*) FROM pg_get_wal_records_info(%s::pg_lsn, %s::pg_lsn) WHERE block_ref ~ %s"
        cursor.execute(query, [wal_start, wal_before_batch, ours])
        assert cursor.fetchone()[0] == 0, "answers reached the responses table before their batch"
        cursor.execute(query, [wal_before_batch, wal_end, ours])
        assert cursor.fetchone()[0] > 0


def raw_filenode(cursor, table: str) -> int:
    cursor.execute("SELECT pg_relation_filenode(%s)", [table])
    return cursor.fetchone()[0]


def wal_bytes(cursor, start: str, end: str) -> bytes | None:
    """The WAL between two positions, read from pg_wal (superuser)."""
    cursor.execute("SELECT file_name, file_offset FROM pg_walfile_name_offset(%s::pg_lsn)", [start])
    first, first_offset = cursor.fetchone()
    cursor.execute("SELECT file_name, file_offset FROM pg_walfile_name_offset(%s::pg_lsn)", [end])
    last, last_offset = cursor.fetchone()
    try:
        if first == last:
            cursor.execute("SELECT pg_read_binary_file(%s, %s, %s)", [f"pg_wal/{first}", first_offset, last_offset - first_offset])
            return bytes(cursor.fetchone()[0])
        cursor.execute("SELECT pg_read_binary_file(%s)", [f"pg_wal/{first}"])
        head = bytes(cursor.fetchone()[0])[first_offset:]
        cursor.execute("SELECT pg_read_binary_file(%s)", [f"pg_wal/{last}"])
        return head + bytes(cursor.fetchone()[0])[:last_offset]
    except Exception:  # noqa: BLE001 - not a superuser: the caller skips
        return None


SQLITE_SCRIPT = r"""
import json, os, shutil, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "prongsai.settings"
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
with connection.cursor() as c:
    c.execute("PRAGMA wal_autocheckpoint=0")  # keep every frame in the WAL file for the reader
from agencies.services import agency_create
from frameworks.services import DATA_DIR, framework_load
from surveys.services import Submission, access_codes_print, campaign_create, campaign_set_status, response_submit
from surveys.questionnaires import questionnaire_get
version = framework_load(path=DATA_DIR / "ita-2566.yaml").version
agency = agency_create(actor=None, code="lite", name_th="ทดสอบ", kind="sao", province="เชียงใหม่")
campaign = campaign_create(actor=None, agency=agency, framework=version, fiscal_year=version.fiscal_year, eligible_staff=12)
campaign_set_status(actor=None, campaign=campaign, status="open")
_batch, codes = access_codes_print(actor=None, campaign=campaign, questionnaire_code="iit", count=12)
answers = json.loads(sys.stdin.read())
iit = questionnaire_get(version, "iit")
db = os.environ["DB_PATH"]
for i in range(10):
    if i == 9:  # k-1 answers in: keep the file and its WAL as they are now
        for suffix in ("", "-wal"):
            if os.path.exists(db + suffix):
                shutil.copyfile(db + suffix, db + ".early" + suffix)
    response_submit(campaign=campaign, questionnaire=iit, client=f"c{i}", submission=Submission(answers=answers[i], access_code=codes[i]))
print(json.dumps(codes))
"""


def read(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def test_sqlite_file_and_wal_hold_no_code_and_no_answer_before_a_batch(people, framework, tmp_path):
    campaign = make_campaign(people, framework)  # only to build the marked answers
    k = release_batch()
    assert k == 10  # the script below answers k-1, then the k-th
    db = tmp_path / "lite.sqlite3"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", DB_PATH=str(db), SURVEYS_RELEASE_BATCH="10")
    out = subprocess.run([sys.executable, "-c", SQLITE_SCRIPT], input=json.dumps([marked_answers(campaign, i) for i in range(12)]),
                         cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=300)
    codes = json.loads(out.stdout.strip().splitlines()[-1])
    # An answer as SQLite would hold it in the clear (Django writes JSON text, keys as sealed: sorted).
    clear = [json.dumps(dict(sorted(marked_answers(campaign, i).items()))).encode() for i in range(k)]
    early = read(Path(f"{db}.early")) + read(Path(f"{db}.early-wal"))
    late = read(db) + read(Path(f"{db}-wal"))
    for code in codes:
        assert code.encode() not in early and code.encode() not in late
    assert not any(text in early for text in clear)  # k-1 answers: all sealed
    assert all(text in late for text in clear)  # the check sees answers once released
    import sqlite3

    lite = sqlite3.connect(db)
    order = [which(campaign, json.loads(a)) for (a,) in lite.execute("SELECT answers FROM surveys_response ORDER BY rowid")]
    assert sorted(order) == list(range(k)) and order != list(range(k))  # rowid order is shuffled
    assert lite.execute("SELECT COUNT(DISTINCT submitted_on) FROM surveys_response").fetchone()[0] == 1
    lite.close()


# --- single use under concurrency -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions (PostgreSQL)")
def test_one_code_used_twice_at_the_same_moment_stores_one_response(people, framework):
    campaign = make_campaign(people, framework)
    iit = questionnaire(campaign, "iit")
    code = print_codes(campaign)[0]
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
    assert PendingResponse.objects.filter(campaign=campaign).count() == 1
    assert not code_unused(campaign, code)


def test_a_waiting_answer_survives_a_secret_key_rotation(people, framework, settings):
    from tests.surveys_helpers import release_all

    campaign = make_campaign(people, framework)
    code = print_codes(campaign)[0]
    response_submit(campaign=campaign, questionnaire=questionnaire(campaign, "iit"), client="c",
                    submission=Submission(answers=full_answers(campaign, "iit"), access_code=code))
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-the-rotation-test-0123456789"
    release_all(campaign)
    assert Response.objects.count() == 1 and PendingResponse.objects.count() == 0
