"""Reminder emails before the agency's own deadlines and meetings (Thai, sent after commit).

What is reminded, by ``send_plan_reminders`` (run daily by ``manage.py send_reminders``):

- a measure still planned or in progress whose period ends within the next 7 days (today
  included): to the people of its responsible divisions and the agency's ITA admins;
- a method with its own period ending within 7 days, while its measure is not finished: the
  same people (methods without their own period follow the measure's reminder);
- an action-plan project whose period ends within 7 days, unless its latest progress report
  says done or cancelled: to its owner, the people of its division and the ITA admins;
- a meeting that starts tomorrow: to its attendees and the ITA admins.

A person is reached at the email of their account, else the email on their record. Each
reminder is recorded in ``PlanReminder`` (kind, record, date reminded of) and never sent twice;
moving the end date or the meeting makes a new reminder due. Nothing is recorded, and nothing
sent, when nobody can be reached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies.models import Agency, Person, Role
from lib.thai import thai_date, today_bangkok

from .models import (
    Measure,
    MeasureMethod,
    Meeting,
    PlanReminder,
    Project,
    ProjectProgress,
)

DAYS_AHEAD = 7


def _url(name: str, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _person_email(person: Person | None) -> str:
    if person is None or not person.is_active:
        return ""
    return (person.user.email if person.user_id else "") or person.email


def _admin_emails(agency: Agency) -> list[str]:
    return list(agency.memberships.filter(role=Role.ADMIN).values_list("user__email", flat=True))


def _division_emails(division_ids: Iterable[int]) -> list[str]:
    people = Person.objects.filter(division_id__in=list(division_ids), is_active=True).select_related("user")
    return [_person_email(p) for p in people]


def _remind(*, agency: Agency, kind: str, object_id: int, due_on: dt.date, recipients: list[str],
            subject: str, body: str) -> bool:
    """Record and send one reminder unless it was sent before. True when it goes out."""
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return False
    if PlanReminder.objects.filter(kind=kind, object_id=object_id, due_on=due_on).exists():
        return False
    try:
        with transaction.atomic():
            PlanReminder.objects.create(agency=agency, kind=kind, object_id=object_id, due_on=due_on,
                                        recipients=recipients, subject=subject[:500])
            # After commit: if recording fails or rolls back, nothing is sent.
            transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
    except IntegrityError:  # another run recorded it first
        return False
    return True


def _days_left(day: dt.date, today: dt.date) -> str:
    days = (day - today).days
    if days == 0:
        return _("today")
    return _("in %(days)s days") % {"days": days}


def _measure_reminders(today: dt.date, until: dt.date) -> int:
    sent = 0
    open_statuses = [Measure.Status.PLANNED, Measure.Status.IN_PROGRESS]
    measures = (Measure.objects.filter(status__in=open_statuses, period_end__range=(today, until))
                .select_related("plan__agency").prefetch_related("divisions"))
    for measure in measures:
        agency = measure.plan.agency
        subject = _("Measure %(number)s “%(title)s” ends %(when)s (%(date)s)") % {
            "number": measure.number, "title": measure.title_th, "when": _days_left(measure.period_end, today),
            "date": thai_date(measure.period_end)}
        body = "\n".join([
            subject, "",
            _("Period: %(period)s") % {"period": measure.period_text},
            _("Record what was done as a follow-up, or change its status, at:"),
            _url("plans:measure", agency.code, measure.pk),
        ])
        recipients = _division_emails(d.pk for d in measure.divisions.all()) + _admin_emails(agency)
        sent += _remind(agency=agency, kind=PlanReminder.Kind.MEASURE_DUE, object_id=measure.pk,
                        due_on=measure.period_end, recipients=recipients, subject=subject, body=body)
    methods = (MeasureMethod.objects.filter(period_end__range=(today, until), measure__status__in=open_statuses)
               .select_related("measure__plan__agency").prefetch_related("divisions", "measure__divisions"))
    for method in methods:
        measure = method.measure
        agency = measure.plan.agency
        subject = _("Method %(measure)s.%(number)s of measure “%(title)s” ends %(when)s (%(date)s)") % {
            "measure": measure.number, "number": method.number, "title": measure.title_th,
            "when": _days_left(method.end, today), "date": thai_date(method.end)}
        body = "\n".join([
            subject, "", method.text_th, "",
            _("Record what was done as a follow-up, or change its status, at:"),
            _url("plans:measure", agency.code, measure.pk),
        ])
        divisions = list(method.divisions.all()) or list(measure.divisions.all())
        recipients = _division_emails(d.pk for d in divisions) + _admin_emails(agency)
        sent += _remind(agency=agency, kind=PlanReminder.Kind.METHOD_DUE, object_id=method.pk,
                        due_on=method.end, recipients=recipients, subject=subject, body=body)
    return sent


def _project_reminders(today: dt.date, until: dt.date) -> int:
    sent = 0
    latest_first = ProjectProgress.objects.order_by("-report__covers_end", "-pk")
    projects = (Project.objects.filter(period_end__range=(today, until))
                .select_related("plan__agency", "owner__user")
                .prefetch_related(Prefetch("progress", queryset=latest_first)))
    finished = {ProjectProgress.Status.DONE, ProjectProgress.Status.CANCELLED}
    for project in projects:
        lines = list(project.progress.all())
        if lines and lines[0].status in finished:
            continue
        agency = project.plan.agency
        subject = _("Action-plan project %(number)s “%(name)s” ends %(when)s (%(date)s)") % {
            "number": project.number, "name": project.name_th, "when": _days_left(project.period_end, today),
            "date": thai_date(project.period_end)}
        body = "\n".join([
            subject, "",
            _("Period: %(period)s") % {"period": project.period_text},
            _("Report its progress in the action plan at:"),
            _url("plans:action_plan", agency.code),
        ])
        recipients = [_person_email(project.owner), *_admin_emails(agency)]
        if project.division_id:
            recipients += _division_emails([project.division_id])
        sent += _remind(agency=agency, kind=PlanReminder.Kind.PROJECT_DUE, object_id=project.pk,
                        due_on=project.period_end, recipients=recipients, subject=subject, body=body)
    return sent


def _meeting_reminders(today: dt.date) -> int:
    sent = 0
    tomorrow = today + dt.timedelta(days=1)
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(tomorrow, dt.time.min, tzinfo=zone)
    meetings = (Meeting.objects.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
                .select_related("agency").prefetch_related(
                    Prefetch("attendees", queryset=Person.objects.select_related("user"))))
    for meeting in meetings:
        agency = meeting.agency
        starts = timezone.localtime(meeting.starts_at)
        subject = _("Meeting tomorrow, %(date)s at %(time)s: %(title)s") % {
            "date": thai_date(starts.date()), "time": starts.strftime("%H.%M"), "title": meeting.title_th}
        lines = [subject, ""]
        if meeting.organiser_th:
            lines.append(_("Organiser: %(who)s") % {"who": meeting.organiser_th})
        if meeting.location_th:
            lines.append(_("Place: %(place)s") % {"place": meeting.location_th})
        if meeting.online_url:
            lines.append(_("Online room: %(url)s") % {"url": meeting.online_url})
        if meeting.meeting_number:
            lines.append(_("Meeting number: %(number)s") % {"number": meeting.meeting_number})
        if meeting.passcode:
            lines.append(_("Passcode: %(code)s") % {"code": meeting.passcode})
        if meeting.must_attend_th:
            lines.append(_("Who must attend: %(who)s") % {"who": meeting.must_attend_th})
        lines += ["", _("The meeting in Prongsai:"), _url("plans:meeting", agency.code, meeting.pk)]
        recipients = [_person_email(p) for p in meeting.attendees.all()] + _admin_emails(agency)
        sent += _remind(agency=agency, kind=PlanReminder.Kind.MEETING_TOMORROW, object_id=meeting.pk,
                        due_on=tomorrow, recipients=recipients, subject=subject, body="\n".join(lines))
    return sent


def send_plan_reminders(*, today: dt.date | None = None) -> int:
    """Send the reminders due TODAY (default: today in Bangkok); safe to run again. Returns how many."""
    today = today or today_bangkok()
    until = today + dt.timedelta(days=DAYS_AHEAD)
    # Emails go out in Thai: the agency's working language.
    with translation.override("th"):
        return _measure_reminders(today, until) + _project_reminders(today, until) + _meeting_reminders(today)
