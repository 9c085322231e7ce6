"""Emails about items: assigned, submitted, accepted, approved, sent, returned, reviewed, due soon,
overdue (console backend by default)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from agencies.models import Role
from lib.thai import today_bangkok


def _item_url(item) -> str:
    path = reverse("oit:item", kwargs={"code": item.assessment.agency.code, "pk": item.assessment.pk, "item_pk": item.pk})
    return settings.SITE_URL.rstrip("/") + path


def _officer_email(item) -> str:
    officer = item.officer
    if officer is None:
        return ""
    return (officer.user.email if officer.user_id else "") or officer.email


def _role_emails(agency, role: str) -> list[str]:
    return list(agency.memberships.filter(role=role, user__is_active=True).values_list("user__email", flat=True))


def _admin_emails(item) -> list[str]:
    return _role_emails(item.assessment.agency, Role.ADMIN)


def _send(recipients: list[str], subject: str, body: str) -> None:
    recipients = sorted({r for r in recipients if r})
    if recipients:
        # After commit: a rolled-back step sends nothing.
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


def _text(item, template: str, **extra) -> tuple[str, str]:
    # Emails go out in Thai: the agency's working language.
    with translation.override("th"):
        subject = template % {"code": item.item.code, "title": item.item.title_th, **extra}
        open_label = _("Open the item:")
        body = f"{subject}\n\n{open_label} {_item_url(item)}"
    return subject, body


def item_assigned(item) -> None:
    with translation.override("th"):
        template = _("OIT item %(code)s %(title)s is assigned to you")
    _send([_officer_email(item)], *_text(item, template))


def item_returned(item, comment: str) -> None:
    with translation.override("th"):
        template = _("OIT item %(code)s was returned: %(comment)s")
    _send([_officer_email(item)], *_text(item, template, comment=comment))


def item_submitted(item) -> None:
    """The officer handed the item in: the ITA admins check it."""
    with translation.override("th"):
        template = _("OIT item %(code)s was submitted and waits for your check")
    _send(_admin_emails(item), *_text(item, template))


def item_accepted(item) -> None:
    """The ITA admin accepted it: the officer learns so, the executives have it to approve."""
    with translation.override("th"):
        template = _("OIT item %(code)s was accepted by the ITA admin")
    _send([_officer_email(item)], *_text(item, template))
    if item.assessment.approval_required:
        with translation.override("th"):
            template = _("OIT item %(code)s waits for your approval")
        _send(_role_emails(item.assessment.agency, Role.EXECUTIVE), *_text(item, template))


def item_approved(item) -> None:
    """The executive approved it: the ITA admins send it, the officer learns so."""
    with translation.override("th"):
        template = _("OIT item %(code)s was approved by the executive and can be sent to the assessors")
    _send([_officer_email(item), *_admin_emails(item)], *_text(item, template))


def item_sent(item) -> None:
    with translation.override("th"):
        template = _("OIT item %(code)s was sent to the assessors")
    _send([_officer_email(item)], *_text(item, template))


def items_approved_by_memo(approval) -> None:
    """One email for a bulk approval: the memo's items, each with its link."""
    items = list(approval.items.select_related("item", "officer__user", "assessment__agency"))
    if not items:
        return
    agency = items[0].assessment.agency
    with translation.override("th"):
        subject = _("The executive approved %(n)s OIT items in one memo") % {"n": len(items)}
        lines = [f"{row.item.code} {row.item.title_th}\n{_item_url(row)}" for row in items]
    recipients = _role_emails(agency, Role.ADMIN) + [_officer_email(row) for row in items]
    _send(recipients, subject, subject + "\n\n" + "\n\n".join(lines))


def items_sent_together(items) -> None:
    """One email per officer for a bulk send, listing their items."""
    by_officer: dict[str, list] = {}
    for row in items:
        by_officer.setdefault(_officer_email(row), []).append(row)
    for email, rows in by_officer.items():
        with translation.override("th"):
            subject = _("%(n)s OIT items were sent to the assessors") % {"n": len(rows)}
            lines = [f"{row.item.code} {row.item.title_th}\n{_item_url(row)}" for row in rows]
        _send([email], subject, subject + "\n\n" + "\n\n".join(lines))


STEP_EMAILS = {"submit": item_submitted, "accept": item_accepted, "approve": item_approved, "send": item_sent}


def item_reviewed(item) -> None:
    with translation.override("th"):
        template = _("The assessors reviewed OIT item %(code)s")
    _send([_officer_email(item), *_admin_emails(item)], *_text(item, template))


def send_due_reminders(*, today: dt.date | None = None) -> int:
    """Remind officers 7 days before the due date and once when overdue. Idempotent per due date."""
    from .models import AssessmentItem, ItemState

    today = today or today_bangkok()
    open_states = [ItemState.TODO, ItemState.IN_PROGRESS, ItemState.RETURNED]
    sent = 0
    soon = AssessmentItem.objects.filter(
        state__in=open_states, due_date=today + dt.timedelta(days=7)
    ).select_related("item", "officer__user", "assessment__agency")
    for item in soon:
        if item.reminded_due == item.due_date:
            continue
        with translation.override("th"):
            template = _("OIT item %(code)s is due in 7 days")
        with transaction.atomic():
            _send([_officer_email(item)], *_text(item, template))
            AssessmentItem.objects.filter(pk=item.pk).update(reminded_due=item.due_date)
        sent += 1
    late = AssessmentItem.objects.filter(state__in=open_states, due_date__lt=today).select_related(
        "item", "officer__user", "assessment__agency"
    )
    for item in late:
        if item.reminded_overdue == item.due_date:
            continue
        with translation.override("th"):
            template = _("OIT item %(code)s is overdue")
        with transaction.atomic():
            _send([_officer_email(item), *_admin_emails(item)], *_text(item, template))
            AssessmentItem.objects.filter(pk=item.pk).update(reminded_overdue=item.due_date)
        sent += 1
    return sent
