"""The agency's calendar: framework phases, meetings and deadlines; and its iCalendar feed."""

from __future__ import annotations

import calendar as cal
import datetime as dt
from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import Agency
from agencies.permissions import Perm, agency_for_perm, agency_view
from lib.errors import DomainError
from lib.thai import MONTHS, be_year, today_bangkok
from plans import ical, selectors
from plans.models import CalendarFeed
from plans.services.feeds import calendar_feed_create, calendar_feed_revoke, calendar_feed_user

from .plans_common import page


def feed_url(request, agency: Agency, token: str) -> str:
    return request.build_absolute_uri(reverse("plans:calendar_ics", args=[agency.code]) + "?t=" + token)


# Months the calendar pages through: wide enough for any ITA year, far from date's limits.
FIRST_YEAR, LAST_YEAR = 1900, 2200


def month_param(raw: str) -> dt.date | None:
    """The first day of ?month=YYYY-MM, or None when it is malformed or out of range."""
    try:
        first = dt.datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        return None
    return first if FIRST_YEAR <= first.year <= LAST_YEAR else None


def _month(events, year: int, month: int):
    weeks = cal.Calendar(firstweekday=6).monthdatescalendar(year, month)
    by_day: dict[dt.date, list] = {}
    for event in events:
        end = event.end or event.start
        end_day = end.date() if isinstance(end, dt.datetime) else end
        day = event.day
        while day <= end_day and (end_day - event.day).days < 62:
            by_day.setdefault(day, []).append(event)
            day += dt.timedelta(days=1)
    return [[(day, day.month == month, by_day.get(day, [])) for day in week] for week in weeks]


@agency_view(Perm.PLANS_VIEW)
def calendar_view(request, agency):
    events = selectors.calendar_events(agency)
    first = month_param(request.GET.get("month", ""))
    if first is None:
        first = today_bangkok().replace(day=1)  # opens on today's month (Bangkok's date)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    months = [(key, list(group)) for key, group in groupby(events, key=lambda e: (e.day.year, e.day.month))]
    context = page(
        request, agency, "calendar",
        weeks=_month(events, first.year, first.month),
        month_label=f"{MONTHS[first.month - 1]} {be_year(first)}",
        previous=previous.strftime("%Y-%m"), following=following.strftime("%Y-%m"),
        agenda=[(f"{MONTHS[m - 1]} {y + 543}", group) for (y, m), group in months],
        feeds=CalendarFeed.objects.filter(user=request.user, agency=agency, revoked_at__isnull=True,
                                          expires_at__gt=timezone.now()),
        issued_feed_url=request.session.pop("issued_calendar_feed", None),
        feed_ttl_days=settings.CALENDAR_FEED_TTL_DAYS,
    )
    return render(request, "plans/calendar.html", context)


@require_POST
@agency_view(Perm.PLANS_VIEW)
def calendar_feeds(request, agency):
    """Create a private feed link (shown once, on the calendar page) or revoke one."""
    try:
        if "revoke" in request.POST:
            feed = get_object_or_404(CalendarFeed, pk=request.POST["revoke"] if request.POST["revoke"].isdigit() else 0,
                                     user=request.user, agency=agency)
            calendar_feed_revoke(actor=request.user, feed=feed)
            messages.success(request, _("The calendar link is revoked; calendar apps using it get nothing more."))
        else:
            issued = calendar_feed_create(actor=request.user, agency=agency, name=request.POST.get("name", ""))
            # Shown once on the next page, never stored in the clear.
            request.session["issued_calendar_feed"] = feed_url(request, agency, issued.token)
    except DomainError as error:
        messages.error(request, error.bilingual())
    return redirect("plans:calendar", code=agency.code)


def calendar_ics(request, code: str):
    """The feed: for a logged-in user, or for a calendar app holding one of the user's active links."""
    user = request.user
    token = request.GET.get("t")
    if token:
        user = calendar_feed_user(token, code)
        if user is None:
            raise Http404
    elif not user.is_authenticated:
        raise Http404
    agency = agency_for_perm(user, code, Perm.PLANS_VIEW)
    text = ical.calendar_text(selectors.calendar_events(agency, for_feed=True), name=f"ITA · {agency.name_th}",
                              domain=request.get_host().split(":")[0] or "prongsai")
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{agency.code}-ita.ics"'
    return response
