"""The agency's calendar: framework phases, meetings and deadlines; and its iCalendar feed."""

from __future__ import annotations

import calendar as cal
import datetime as dt
from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from agencies.access import VIEW_ROLES, agency_for
from agencies.models import Agency
from lib.thai import MONTHS, be_year

from .. import ical, selectors
from .common import page, viewer

FEED_SALT = "plans.calendar-feed"


def feed_token(user, agency: Agency) -> str:
    """A token that lets a calendar app read this user's view of the agency's calendar."""
    return signing.Signer(salt=FEED_SALT).sign_object({"u": user.pk, "a": agency.code})


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


@login_required
def calendar_view(request, code: str):
    agency = viewer(request, code)
    events = selectors.calendar_events(agency)
    first = month_param(request.GET.get("month", ""))
    if first is None:
        upcoming = [e for e in events if e.day >= dt.date.today()]
        first = (upcoming[0].day if upcoming else (events[-1].day if events else dt.date.today())).replace(day=1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    months = [(key, list(group)) for key, group in groupby(events, key=lambda e: (e.day.year, e.day.month))]
    context = page(
        request, agency, "calendar",
        weeks=_month(events, first.year, first.month),
        month_label=f"{MONTHS[first.month - 1]} {be_year(first)}",
        previous=previous.strftime("%Y-%m"), following=following.strftime("%Y-%m"),
        agenda=[(f"{MONTHS[m - 1]} {y + 543}", group) for (y, m), group in months],
        feed_url=request.build_absolute_uri(
            reverse("plans:calendar_ics", args=[agency.code]) + "?t=" + feed_token(request.user, agency)
        ),
    )
    return render(request, "plans/calendar.html", context)


def calendar_ics(request, code: str):
    """The feed: for a logged-in user, or for a calendar app holding the user's feed token."""
    user = request.user
    token = request.GET.get("t")
    if token:
        from django.contrib.auth import get_user_model

        try:
            data = signing.Signer(salt=FEED_SALT).unsign_object(token)
        except signing.BadSignature:
            raise Http404 from None
        if data.get("a") != code:
            raise Http404
        user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
        if user is None:
            raise Http404
    elif not user.is_authenticated:
        raise Http404
    agency = agency_for(user, code, VIEW_ROLES)
    text = ical.calendar_text(selectors.calendar_events(agency), name=f"ITA · {agency.name_th}",
                              domain=request.get_host().split(":")[0] or "prongsai")
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{agency.code}-ita.ics"'
    return response
