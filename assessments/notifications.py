"""Emails about items: assigned, returned, reviewed, due soon, overdue (console backend by default)."""

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


def _admin_emails(item) -> list[str]:
    return list(
        item.assessment.agency.memberships.filter(role=Role.ADMIN).values_list("user__email", flat=True)
    )


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
