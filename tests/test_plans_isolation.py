"""Every plans URL answers 404 to someone without a role in the agency (the outsider is admin
of another agency), and the write URLs answer 403 to members whose role only reads."""

import pytest
from django.urls import reverse

from .plans_factories import make_world

CODE = "muangkao"


def _urls(world):
    a = [CODE]
    read = [
        reverse("plans:overview", args=a),
        reverse("plans:measures", args=a),
        reverse("plans:measure", args=[CODE, world.measure.pk]),
        reverse("plans:risks", args=a),
        reverse("plans:action_plan", args=a),
        reverse("plans:no_gift", args=a),
        reverse("plans:ethics", args=a),
        reverse("plans:meetings", args=a),
        reverse("plans:meeting", args=[CODE, world.meeting.pk]),
        reverse("plans:calendar", args=a),
        reverse("plans:calendar_ics", args=a),
        reverse("plans:documents", args=a),
        reverse("plans:document", args=[CODE, "measures", world.plan.pk, "html"]),
        reverse("plans:document", args=[CODE, "memo", world.memo.pk, "docx"]),
        reverse("plans:document", args=[CODE, "no-gift", world.declaration.pk, "html"]),
    ]
    write = [
        reverse("plans:measure_plan_create", args=a),
        reverse("plans:analysis_point_add", args=a),
        reverse("plans:measure_create", args=a),
        reverse("plans:follow_up_add", args=[CODE, world.measure.pk]),
        reverse("plans:method_add", args=[CODE, world.measure.pk]),
        reverse("plans:measure_status", args=[CODE, world.measure.pk]),
        reverse("plans:measure_plan_edit", args=[CODE, world.plan.pk]),
        reverse("plans:measure_edit", args=[CODE, world.measure.pk]),
        reverse("plans:method_edit", args=[CODE, world.measure.pk, world.method.pk]),
        reverse("plans:follow_up_edit", args=[CODE, world.measure.pk, world.follow_up.pk]),
        reverse("plans:analysis_results_import", args=a),
        reverse("plans:imported_result_weakness", args=[CODE, world.result.pk]),
        reverse("plans:risk_register_create", args=a),
        reverse("plans:risk_add", args=a),
        reverse("plans:treatment_add", args=[CODE, world.risk.pk]),
        reverse("plans:treatment_follow_up_add", args=[CODE, world.treatment.pk]),
        reverse("plans:action_plan_create", args=a),
        reverse("plans:project_add", args=a),
        reverse("plans:plan_report_file", args=a),
        reverse("plans:chief_executive_record", args=a),
        reverse("plans:no_gift_declare", args=a),
        reverse("plans:no_gift_activity_add", args=a),
        reverse("plans:no_gift_report_file", args=a),
        reverse("plans:ethics", args=a),
        reverse("plans:meetings", args=a),
        reverse("plans:meeting_minutes", args=[CODE, world.meeting.pk]),
    ]
    return read, write


@pytest.fixture
def world(people):
    return make_world(people)


@pytest.mark.parametrize("who", ["outsider", "nobody"])
def test_outsiders_get_404_on_every_plans_page(people, world, who):
    read, write = _urls(world)
    client = people.client(who)
    for url in read:
        assert client.get(url).status_code == 404, url
    for url in write:
        assert client.post(url, {"title_th": "x"}).status_code == 404, url


def test_read_only_roles_cannot_write(people, world):
    _, write = _urls(world)
    for who in ("executive", "assessor"):
        client = people.client(who)
        for url in write:
            assert client.post(url, {"title_th": "x"}).status_code == 403, (who, url)


def test_read_only_roles_cannot_open_the_edit_pages(people, world):
    _, write = _urls(world)
    edit_pages = [url for url in write if url.endswith("/edit/")]
    assert len(edit_pages) == 4
    for who, status in (("executive", 403), ("assessor", 403), ("outsider", 404), ("nobody", 404)):
        client = people.client(who)
        for url in edit_pages:
            assert client.get(url).status_code == status, (who, url)
    for who in ("admin", "officer", "member"):
        client = people.client(who)
        for url in edit_pages:
            assert client.get(url).status_code == 200, (who, url)


def test_records_of_another_agency_cannot_be_edited_through_our_code(people, world):
    from .plans_factories import make_measure, make_plan

    foreign_plan = make_plan(people.other_agency)
    foreign = make_measure(foreign_plan)
    client = people.client("admin")
    urls = [
        reverse("plans:measure_plan_edit", args=[CODE, foreign_plan.pk]),
        reverse("plans:measure_edit", args=[CODE, foreign.pk]),
        reverse("plans:method_edit", args=[CODE, foreign.pk, foreign.methods.first().pk]),
        # our measure with another measure's method or follow-up
        reverse("plans:method_edit", args=[CODE, world.measure.pk, foreign.methods.first().pk]),
        reverse("plans:follow_up_edit", args=[CODE, foreign.pk, world.follow_up.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title_th": "x"}).status_code == 404, url


def test_agency_staff_and_assessor_see_every_page(people, world):
    read, _ = _urls(world)
    for who in ("admin", "officer", "assessor", "executive"):
        client = people.client(who)
        for url in read:
            assert client.get(url).status_code == 200, (who, url)


def test_anonymous_is_sent_to_login_and_the_feed_is_404(people, world):
    client = people.client(None)
    response = client.get(reverse("plans:measures", args=[CODE]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(reverse("plans:calendar_ics", args=[CODE])).status_code == 404


def test_documents_of_another_agency_are_404(people, world):
    """Asking our agency's URL for a record of the other agency is a 404, not a leak."""
    from plans import services

    from .plans_factories import make_plan

    foreign = make_plan(people.other_agency, title_th="แผนของหน่วยงานอื่น")
    client = people.client("admin")
    for fmt in ("pdf", "docx", "html"):
        url = reverse("plans:document", args=[CODE, "measures", foreign.pk, fmt])
        assert client.get(url).status_code == 404
    foreign_meeting = services.meeting_record(
        actor=None, agency=people.other_agency, kind="internal", title_th="x",
        starts_at=world.meeting.starts_at,
    )
    assert client.get(reverse("plans:meeting", args=[CODE, foreign_meeting.pk])).status_code == 404
    assert client.get(reverse("plans:document", args=[CODE, "nonsense", 1, "pdf"])).status_code == 404
    assert client.get(reverse("plans:document", args=[CODE, "memo", world.memo.pk, "exe"])).status_code == 404


def test_background_document_jobs_are_for_the_agency_staff_only(people, world, settings):
    """Job pages answer 404 to outsiders and 403 to the assessor (not staff); staff get them."""
    from documents.models import DocumentJob

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    job = DocumentJob.objects.create(agency=people.agency, kind="measures", record_pk=world.plan.pk, fmt="pdf")
    pages = [reverse("plans:document_job", args=[CODE, job.pk]),
             reverse("plans:document_job_progress", args=[CODE, job.pk])]
    start = reverse("plans:document_job_start", args=[CODE, "measures", world.plan.pk, "pdf"])
    for who, status in (("outsider", 404), ("nobody", 404), ("assessor", 403)):
        client = people.client(who)
        for url in pages:
            assert client.get(url).status_code == status, (who, url)
        assert client.get(reverse("plans:document_job_file", args=[CODE, job.pk])).status_code == status, who
        assert client.post(start).status_code == status, who
    for who in ("admin", "officer", "executive", "member"):
        client = people.client(who)
        for url in pages:
            assert client.get(url).status_code == 200, (who, url)
