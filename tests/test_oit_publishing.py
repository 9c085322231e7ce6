"""From work to evidence: a plans record becomes evidence of its OIT item in one step."""

import datetime as dt
import os

import pytest
from django.urls import reverse

from assessments.publishing import candidate_key, candidates_for, record_publish
from lib.errors import DomainError
from plans.services.measures import follow_up_add

from .oit_helpers import open_assessment, set_phase
from .plans_factories import make_measure, make_plan

HAS_CHROMIUM = os.path.exists("/usr/bin/chromium")


@pytest.fixture
def assessment(people, framework, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    a = open_assessment(people, framework)
    set_phase(a, "oit-collection")
    return a


@pytest.fixture
def follow_up(people):
    measure = make_measure(make_plan(people.agency))
    return follow_up_add(actor=None, measure=measure, date=dt.date(2023, 1, 17), text_th="จัดทำคู่มือการใช้ทรัพย์สิน",
                         url="https://muangkao.go.th/manual")


def key_of(assessment, record):
    return next(candidate_key(c) for c in candidates_for(assessment) if c.record == record)


def test_a_follow_up_with_a_link_is_published_to_o43_with_its_date_and_ticks(people, assessment, follow_up):
    revision = record_publish(actor=people.admin, assessment=assessment, key=key_of(assessment, follow_up), item_code="o43")
    entry = revision.entries.get()
    assert entry.url == "https://muangkao.go.th/manual" and entry.effective_date == dt.date(2023, 1, 17)
    assert [el.node_id for el in revision.ticked_elements.all()] == ["o43.e1"]
    assert revision.assessment_item.item.code == "o43"


def test_publishing_again_adds_a_revision_and_keeps_what_was_there(people, assessment, follow_up):
    key = key_of(assessment, follow_up)
    first = record_publish(actor=people.admin, assessment=assessment, key=key, item_code="o43")
    second = record_publish(actor=people.admin, assessment=assessment, key=key, item_code="o43")
    assert (first.number, second.number) == (1, 2)
    assert second.entries.count() == 2 and first.entries.count() == 1


def test_the_wrong_item_or_another_agencys_record_is_refused(people, assessment, follow_up):
    with pytest.raises(DomainError):
        record_publish(actor=people.admin, assessment=assessment, key=key_of(assessment, follow_up), item_code="o1")
    foreign = make_measure(make_plan(people.other_agency))
    foreign_follow_up = follow_up_add(actor=None, measure=foreign, date=dt.date(2023, 1, 5), text_th="x",
                                      url="https://ban-suan.go.th/x")
    with pytest.raises(DomainError) as exc:
        record_publish(actor=people.admin, assessment=assessment, key=f"plans.followup:{foreign_follow_up.pk}", item_code="o43")
    assert exc.value.code == "not_found"
    assert not assessment.items.get(item__code="o43").revisions.exists()


def test_a_member_without_the_item_cannot_publish(people, assessment, follow_up):
    with pytest.raises(DomainError):
        record_publish(actor=people.member, assessment=assessment, key=key_of(assessment, follow_up), item_code="o43")


@pytest.mark.skipif(not HAS_CHROMIUM, reason="Chromium is not installed; the PDF publishing test is skipped")
def test_a_measure_plan_is_published_as_its_official_pdf(people, assessment):
    plan = make_plan(people.agency)
    make_measure(plan)
    revision = record_publish(actor=people.admin, assessment=assessment, key=key_of(assessment, plan), item_code="o42")
    entry = revision.entries.get()
    assert entry.file_type == "pdf" and entry.file.read().startswith(b"%PDF")
    assert {el.node_id for el in revision.ticked_elements.all()} >= {"o42.e1", "o42.e3.3"}


def test_the_publish_page_lists_records_and_publishes_in_one_click(people, assessment, follow_up):
    url = reverse("oit:publish", args=["muangkao", assessment.pk])
    client = people.client("admin")
    page = client.get(url).content.decode()
    assert "o43" in page
    response = client.post(url, {"key": key_of(assessment, follow_up), "item": "o43"})
    assert response.status_code == 302
    assert assessment.items.get(item__code="o43").revisions.count() == 1


def test_the_publishing_map_is_the_years_data_and_names_real_elements(framework):
    """The loader refuses a tick of another item (tests/test_framework_years.py); what is stored is
    what the 2566 file says."""
    assert framework.publishing
    for rule in framework.publishing:
        known = set(framework.elements.filter(item__node_id=rule["item"]).values_list("node_id", flat=True))
        assert set(rule.get("ticks", [])) <= known, rule


