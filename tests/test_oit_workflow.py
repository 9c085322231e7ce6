"""The whole item path and its guards, at the service level."""

import datetime as dt

import pytest
from django.core import mail

from assessments import review
from assessments.models import AssessmentItem, ItemState
from assessments.selectors import oit_scorecard
from assessments.services import EntryInput, evidence_save, item_transition, matrix_assign
from audit.models import AuditEntry
from frameworks.models import FrameworkVersion
from lib.errors import DomainError

from .oit_helpers import give_officer, open_assessment, set_phase

pytestmark = pytest.mark.django_db


def save(people, item, who="officer", **entry):
    entry.setdefault("title", "แผนผังโครงสร้าง")
    entry.setdefault("url", "https://muangkao.go.th/structure")
    entry.setdefault("effective_date", dt.date(2023, 1, 10))
    item.refresh_from_db()
    return evidence_save(
        actor=getattr(people, who),
        assessment_item=item,
        base_version=item.version,
        note="",
        ticked=list(item.item.elements.all()[:1]),
        new_entries=[EntryInput(**entry)],
    )


def move(people, item, action, who, comment=""):
    item.refresh_from_db()
    return item_transition(actor=getattr(people, who), assessment_item=item, action=action, base_version=item.version, comment=comment)


def test_opening_prefills_the_matrix_and_locks_the_framework(people, assessment, framework):
    assert assessment.items.count() == 43
    o1 = assessment.items.get(item__code="o1")
    assert o1.division == people.division  # สำนักปลัด from the framework's responsible division
    assert o1.position_th == "นักจัดการงานทั่วไป"
    assert FrameworkVersion.objects.get(pk=framework.pk).locked
    assert assessment.phases.count() == 6
    with pytest.raises(DomainError):
        open_assessment(people, framework)


def test_the_full_path_from_evidence_to_confirmed_score(people, assessment, o1):
    revision = save(people, o1)
    assert revision.number == 1
    move(people, o1, "submit", "officer")
    move(people, o1, "accept", "admin")
    move(people, o1, "approve", "executive")
    move(people, o1, "send", "admin")
    o1.refresh_from_db()
    assert o1.state == ItemState.SENT and o1.sent_revision == revision

    set_phase(assessment, "oit-review")
    missing = list(o1.item.elements.all()[:1])
    review.verdict_record(actor=people.assessor, assessment_item=o1, verdict="fail", reason="ไม่มีแผนผังฝ่ายการเมือง", missing=missing)
    before = oit_scorecard(assessment, final=False).tools["OIT"]

    set_phase(assessment, "clarification")
    entry = revision.entries.get()
    review.clarification_file(actor=people.admin, assessment_item=o1, text="อยู่ที่หน้า 2 ของไฟล์", entries=[entry])

    set_phase(assessment, "confirmation")
    review.verdict_confirm(actor=people.assessor, assessment_item=o1, verdict="pass", reason="พบในหน้า 2")
    after = oit_scorecard(assessment, final=True).tools["OIT"]
    assert after > before
    actions = list(AuditEntry.objects.filter(object_id=str(o1.pk)).values_list("action", flat=True))
    for code in ("oit.evidence.revised", "oit.item.submitted", "oit.item.accepted", "oit.item.approved", "oit.item.sent",
                 "oit.item.reviewed", "oit.item.clarified", "oit.item.confirmed"):
        assert code in actions


def test_revisions_are_kept_never_overwritten(people, assessment, o1):
    first = save(people, o1)
    second = save(people, o1, title="ฉบับปรับปรุง", url="https://muangkao.go.th/structure-v2")
    assert second.number == 2
    assert list(first.entries.values_list("title", flat=True)) == ["แผนผังโครงสร้าง"]
    assert list(second.entries.values_list("title", flat=True)) == ["ฉบับปรับปรุง"]


def test_a_returned_item_carries_the_comment_and_can_be_fixed(people, assessment, o1, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    save(people, o1)
    move(people, o1, "submit", "officer")
    with pytest.raises(DomainError):
        move(people, o1, "return", "admin", comment="  ")
    move(people, o1, "return", "admin", comment="ขาดแผนผังฝ่ายการเมือง")
    o1.refresh_from_db()
    assert o1.state == ItemState.RETURNED
    assert o1.comments.get().text == "ขาดแผนผังฝ่ายการเมือง"
    save(people, o1, title="เพิ่มฝ่ายการเมือง")
    move(people, o1, "submit", "officer")


@pytest.mark.parametrize(
    "action,who",
    [("accept", "admin"), ("approve", "executive"), ("send", "admin")],
)
def test_steps_out_of_order_are_refused(people, assessment, o1, action, who):
    save(people, o1)
    with pytest.raises(DomainError) as exc:
        move(people, o1, action, who)
    assert exc.value.code == "out_of_order"


@pytest.mark.parametrize("action,who", [("submit", "member"), ("accept", "officer"), ("approve", "admin"), ("send", "executive")])
def test_steps_by_the_wrong_role_are_refused(people, assessment, o1, action, who):
    save(people, o1)
    with pytest.raises(DomainError) as exc:
        move(people, o1, action, who)
    assert exc.value.code == "forbidden"


def test_another_officer_cannot_submit_or_edit_someone_elses_item(people, assessment, framework):
    o2 = assessment.items.get(item__code="o2")  # officer not set to people.officer
    with pytest.raises(DomainError):
        save(people, o2)


def test_sending_outside_the_collection_window_is_refused(people, assessment, o1):
    save(people, o1)
    move(people, o1, "submit", "officer")
    move(people, o1, "accept", "admin")
    move(people, o1, "approve", "executive")
    set_phase(assessment, "oit-review")
    with pytest.raises(DomainError) as exc:
        move(people, o1, "send", "admin")
    assert exc.value.code == "outside_window"
    o1.refresh_from_db()
    assert o1.state == ItemState.APPROVED


def test_without_executive_approval_accepted_items_go_straight_out(people, framework):
    assessment = open_assessment(people, framework, approval_required=False)
    set_phase(assessment, "oit-collection")
    item = assessment.items.get(item__code="o5")
    give_officer(people, item)
    save(people, item, url="https://muangkao.go.th/contact")
    move(people, item, "submit", "officer")
    move(people, item, "accept", "admin")
    with pytest.raises(DomainError):
        move(people, item, "approve", "executive")
    move(people, item, "send", "admin")


def test_a_stale_form_cannot_overwrite_a_newer_change(people, assessment, o1):
    stale_version = AssessmentItem.objects.get(pk=o1.pk).version
    save(people, o1)  # someone else saves first
    with pytest.raises(DomainError) as exc:
        evidence_save(actor=people.admin, assessment_item=o1, base_version=stale_version,
                      new_entries=[EntryInput(title="x", url="https://muangkao.go.th/x")])
    assert exc.value.code == "conflict"
    assert o1.revisions.count() == 1


@pytest.mark.parametrize(
    "url,code",
    [
        ("javascript:alert(1)", "bad_scheme"),
        ("file:///etc/passwd", "bad_scheme"),
        ("data:text/html,hi", "bad_scheme"),
        ("https://user:pw@muangkao.go.th/a", "credentials"),
        ("http://127.0.0.1/admin", None),
        ("http://10.0.0.5/", None),
        ("https://evil.example.com/o1", "other_domain"),
        ("https://muangkao.go.th.evil.example/o1", "other_domain"),
    ],
)
def test_bad_evidence_urls_are_refused_and_nothing_is_saved(people, assessment, o1, url, code):
    with pytest.raises(DomainError) as exc:
        save(people, o1, url=url)
    if code:
        assert exc.value.code == code
    assert o1.revisions.count() == 0


def test_evidence_cannot_change_once_submitted(people, assessment, o1):
    save(people, o1)
    move(people, o1, "submit", "officer")
    with pytest.raises(DomainError) as exc:
        save(people, o1, who="admin")
    assert exc.value.code == "locked"


def test_clarification_guards(people, assessment, o1):
    save(people, o1)
    for action, who in (("submit", "officer"), ("accept", "admin"), ("approve", "executive"), ("send", "admin")):
        move(people, o1, action, who)
    set_phase(assessment, "oit-review")
    review.verdict_record(actor=people.assessor, assessment_item=o1, verdict="pass")
    set_phase(assessment, "clarification")
    with pytest.raises(DomainError) as exc:
        review.clarification_file(actor=people.admin, assessment_item=o1, text="x")
    assert exc.value.code == "not_failed"

    o2 = assessment.items.get(item__code="o2")
    give_officer(people, o2)
    set_phase(assessment, "oit-collection")
    save(people, o2, url="https://muangkao.go.th/executives")
    for action, who in (("submit", "officer"), ("accept", "admin"), ("approve", "executive"), ("send", "admin")):
        move(people, o2, action, who)
    set_phase(assessment, "oit-review")
    review.verdict_record(actor=people.assessor, assessment_item=o2, verdict="fail", reason="ไม่มีรูปถ่าย",
                          missing=list(o2.item.elements.all()[:1]))
    with pytest.raises(DomainError) as exc:
        review.clarification_file(actor=people.admin, assessment_item=o2, text="ก่อนเวลา")
    assert exc.value.code == "outside_window"
    set_phase(assessment, "clarification")
    o1.refresh_from_db()
    other_entry = o1.sent_revision.entries.get()  # evidence of another item
    with pytest.raises(DomainError):
        review.clarification_file(actor=people.admin, assessment_item=o2, text="ดูข้อ o1", entries=[other_entry])
    review.clarification_file(actor=people.admin, assessment_item=o2, text="รูปอยู่ท้ายหน้า")
    with pytest.raises(DomainError) as exc:
        review.clarification_file(actor=people.admin, assessment_item=o2, text="อีกครั้ง")
    assert exc.value.code == "duplicate"
    set_phase(assessment, "results")
    with pytest.raises(DomainError) as exc:
        review.verdict_confirm(actor=people.assessor, assessment_item=o2)
    assert exc.value.code == "outside_window"


def test_a_fail_must_name_the_missing_element(people, assessment, o1):
    save(people, o1)
    for action, who in (("submit", "officer"), ("accept", "admin"), ("approve", "executive"), ("send", "admin")):
        move(people, o1, action, who)
    set_phase(assessment, "oit-review")
    with pytest.raises(DomainError):
        review.verdict_record(actor=people.assessor, assessment_item=o1, verdict="fail", reason="ไม่ครบ")
    with pytest.raises(DomainError):
        review.verdict_record(actor=people.admin, assessment_item=o1, verdict="pass")  # not an assessor


def test_assigning_an_officer_emails_them(people, assessment, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    item = assessment.items.get(item__code="o9")
    person = people.officer.people.get(agency=people.agency)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        matrix_assign(actor=people.admin, assessment_item=item, division=people.division, position_th="x",
                      officer=person, due_date=dt.date(2030, 1, 1), base_version=item.version)
    assert mail.outbox and "o9" in mail.outbox[0].subject and mail.outbox[0].to == [people.officer.email]


def test_a_division_or_officer_of_another_agency_is_refused(people, assessment):
    item = assessment.items.get(item__code="o9")
    foreign = people.other_agency.divisions.create(name_th="กองอื่น")
    with pytest.raises(DomainError):
        matrix_assign(actor=people.admin, assessment_item=item, division=foreign, position_th="", officer=None, due_date=None)
