"""Each role's day at the service level: emails on every step, bulk approval through one memo,
bulk sending, and the work lists the home page and the top bar show."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from assessments.approvals import approval_memo_sign, items_send
from assessments.models import ApprovalMemo, AssessmentItem, ItemState
from assessments.selectors import work_counts, work_lists
from audit.models import AuditEntry
from lib.errors import DomainError

from .oit_helpers import give_officer, set_phase
from .test_oit_workflow import move, save

pytestmark = pytest.mark.django_db


def _accepted(people, assessment, codes):
    """Items CODES with evidence, submitted by the officer and accepted by the admin."""
    rows = []
    for code in codes:
        item = assessment.items.get(item__code=code)
        give_officer(people, item)
        save(people, item)
        move(people, item, "submit", "officer")
        move(people, item, "accept", "admin")
        item.refresh_from_db()
        rows.append(item)
    return rows


def _emails_of(run):
    from django.test import TestCase

    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = run()
    return result, [(m.subject, sorted(m.to)) for m in mail.outbox]


def test_submit_accept_approve_and_send_each_email_the_next_person(people, assessment, o1):
    save(people, o1)
    _, sent = _emails_of(lambda: move(people, o1, "submit", "officer"))
    assert sent == [(sent[0][0], [people.admin.email])] and "o1" in sent[0][0]
    _, sent = _emails_of(lambda: move(people, o1, "accept", "admin"))
    recipients = {email for _, to in sent for email in to}
    assert recipients == {people.officer.email, people.executive.email}
    _, sent = _emails_of(lambda: move(people, o1, "approve", "executive"))
    assert {email for _, to in sent for email in to} == {people.officer.email, people.admin.email}
    _, sent = _emails_of(lambda: move(people, o1, "send", "admin"))
    assert [to for _, to in sent] == [[people.officer.email]] and "o1" in sent[0][0]


def test_a_refused_step_sends_no_email(people, assessment, o1):
    save(people, o1)
    with pytest.raises(DomainError):
        _emails_of(lambda: move(people, o1, "accept", "admin"))
    assert mail.outbox == []


def test_the_executive_approves_a_set_through_one_memo(people, assessment):
    rows = _accepted(people, assessment, ["o1", "o2", "o3"])
    before = AuditEntry.objects.count()
    memo, sent = _emails_of(lambda: approval_memo_sign(
        actor=people.executive, assessment=assessment, items=rows, number="ชม 123/2566", to_th="นายก อบต.เมืองเก่า",
    ))
    assert {row.state for row in AssessmentItem.objects.filter(pk__in=[r.pk for r in rows])} == {ItemState.APPROVED}
    assert sorted(memo.items.values_list("item__code", flat=True)) == ["o1", "o2", "o3"]
    assert memo.approved_by == people.executive and memo.approved_at is not None
    assert memo.date == timezone.localdate()
    # One audit entry per item (the single-item step) and one for the memo, which names them.
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    assert [e.action for e in entries] == ["oit.item.approved"] * 3 + ["oit.approval_memo.signed"]
    assert entries[-1].payload["items"] == ["o1", "o2", "o3"] and entries[-1].actor == people.executive
    # One email for the whole memo, not three.
    assert len(sent) == 1 and "3" in sent[0][0]


def test_bulk_approval_uses_the_single_item_rules_and_moves_nothing_on_a_refusal(people, assessment):
    rows = _accepted(people, assessment, ["o1", "o2"])
    draft = assessment.items.get(item__code="o3")  # still to do: cannot be approved
    with pytest.raises(DomainError) as refused:
        approval_memo_sign(actor=people.executive, assessment=assessment, items=[*rows, draft], to_th="นายก")
    assert "o3" in refused.value.bilingual()
    assert set(AssessmentItem.objects.filter(pk__in=[r.pk for r in rows]).values_list("state", flat=True)) == {ItemState.ACCEPTED}
    assert not ApprovalMemo.objects.exists()
    # The admin may not approve, in bulk or not: the workflow table says executives do.
    with pytest.raises(DomainError):
        approval_memo_sign(actor=people.admin, assessment=assessment, items=rows, to_th="นายก")
    with pytest.raises(DomainError):
        approval_memo_sign(actor=people.executive, assessment=assessment, items=[], to_th="นายก")


def test_the_memo_takes_its_signer_and_addressee_from_the_executive(people, assessment):
    rows = _accepted(people, assessment, ["o1"])
    signer = people.executive.people.get(agency=people.agency)
    memo = approval_memo_sign(actor=people.executive, assessment=assessment, items=rows, signer=signer)
    assert memo.signer == signer and memo.signer_position_th == signer.position_th and memo.to_th == signer.position_th
    assert "OIT" in memo.subject_th and "๒๕๖๖" in memo.subject_th


def test_the_admin_sends_a_set_in_one_step(people, assessment):
    rows = _accepted(people, assessment, ["o1", "o2"])
    approval_memo_sign(actor=people.executive, assessment=assessment, items=rows, to_th="นายก")
    moved, sent = _emails_of(lambda: items_send(actor=people.admin, assessment=assessment, items=rows))
    assert {row.state for row in moved} == {ItemState.SENT} and all(row.sent_revision_id for row in moved)
    assert AuditEntry.objects.filter(action="oit.items.sent_together").get().payload["items"] == ["o1", "o2"]
    assert len(sent) == 1 and sent[0][1] == [people.officer.email]


def test_bulk_sending_keeps_the_calendar_rule(people, assessment):
    rows = _accepted(people, assessment, ["o1"])
    approval_memo_sign(actor=people.executive, assessment=assessment, items=rows, to_th="นายก")
    set_phase(assessment, "oit-review")  # the answer window has closed
    with pytest.raises(DomainError) as refused:
        items_send(actor=people.admin, assessment=assessment, items=rows)
    assert "o1" in refused.value.bilingual()
    assert AssessmentItem.objects.get(pk=rows[0].pk).state == ItemState.APPROVED


def test_each_role_sees_its_own_work(people, assessment):
    assessment.items.update(due_date=timezone.localdate() + dt.timedelta(days=30))
    _accepted(people, assessment, ["o1", "o2"])
    o3 = assessment.items.get(item__code="o3")
    give_officer(people, o3)
    AssessmentItem.objects.filter(pk=o3.pk).update(due_date=timezone.localdate() - dt.timedelta(days=2))
    o4 = assessment.items.get(item__code="o4")
    give_officer(people, o4)
    save(people, o4)
    move(people, o4, "submit", "officer")
    move(people, o4, "return", "admin", comment="ขาดรายชื่อ")
    o5 = assessment.items.get(item__code="o5")
    give_officer(people, o5)
    save(people, o5)
    move(people, o5, "submit", "officer")

    officer = work_lists(people.officer)
    assert [row.item.code for row in officer.returned] == ["o4"]
    assert officer.mine[0].item.code == "o3"  # the overdue one first, by due date
    assert {"o3", "o4"} <= {row.item.code for row in officer.mine} and "o1" not in {r.item.code for r in officer.mine}
    admin = work_lists(people.admin)
    assert [row.item.code for row in admin.to_accept] == ["o5"]
    assert [row.item.code for row in admin.overdue] == ["o3"]
    executive = work_lists(people.executive)
    assert [row.item.code for row in executive.to_approve] == ["o1", "o2"]
    assert executive.mine == [] and executive.to_accept == []
    assert work_lists(people.outsider).total == 0 and work_lists(people.nobody).total == 0

    counts = work_counts(people.admin)
    assert counts["to_accept"] == 1 and counts["overdue"] == 1 and counts["to_approve"] == 0
    assert work_counts(people.executive)["to_approve"] == 2
    assert work_counts(people.officer)["returned"] == 1


def test_the_assessor_sees_items_to_review_with_the_review_window(people, assessment):
    rows = _accepted(people, assessment, ["o1"])
    approval_memo_sign(actor=people.executive, assessment=assessment, items=rows, to_th="นายก")
    items_send(actor=people.admin, assessment=assessment, items=rows)
    lists = work_lists(people.assessor)
    review = assessment.phases.get(code="oit-review")
    assert [row.item.code for row in lists.to_review] == ["o1"]
    assert (lists.to_review[0].review_start, lists.to_review[0].review_end) == (review.start, review.end)
    assert work_counts(people.assessor)["to_review"] == 1


def test_work_counts_take_two_queries_whatever_the_work(people, assessment, django_assert_num_queries):
    _accepted(people, assessment, ["o1", "o2", "o3"])
    with django_assert_num_queries(2):
        work_counts(people.admin)
    with django_assert_num_queries(1):
        assert work_counts(people.nobody) == {}


def test_the_memo_email_lists_each_item_with_its_link(people, assessment):
    rows = _accepted(people, assessment, ["o1", "o2"])
    mail.outbox.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        approval_memo_sign(actor=people.executive, assessment=assessment, items=rows, to_th="นายก")
    [message] = mail.outbox
    assert sorted(message.to) == sorted({people.admin.email, people.officer.email})
    for row in rows:
        assert f"/items/{row.pk}/" in message.body and row.item.title_th in message.body


def test_work_lists_take_fixed_queries(people, assessment, django_assert_max_num_queries):
    from assessments.approvals import items_send

    rows = _accepted(people, assessment, ["o1"])
    approval_memo_sign(actor=people.executive, assessment=assessment, items=rows, to_th="นายก")
    items_send(actor=people.admin, assessment=assessment, items=rows)
    # memberships, items, review windows: three, however many items and agencies
    with django_assert_max_num_queries(3):
        assert len(work_lists(people.assessor).to_review) == 1
    more = _accepted(people, assessment, ["o2", "o3", "o4"])
    approval_memo_sign(actor=people.executive, assessment=assessment, items=more, to_th="นายก")
    items_send(actor=people.admin, assessment=assessment, items=more)
    with django_assert_max_num_queries(3):
        assert len(work_lists(people.assessor).to_review) == 4
