"""Writes for meetings: invitations received and internal monitoring meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Person
from audit.services import audit_log
from lib.errors import DomainError
from lib.thai import to_arabic_digits

from ..models import Meeting
from .common import check_person, clean_text, validated


@transaction.atomic
def meeting_record(
    *,
    actor,
    agency: Agency,
    kind: str,
    title_th: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    organiser_th: str = "",
    letter_number: str = "",
    letter_date: dt.date | None = None,
    received_number: str = "",
    location_th: str = "",
    platform: str = "",
    online_url: str = "",
    meeting_number: str = "",
    passcode: str = "",
    must_attend_th: str = "",
    attendees: Sequence[Person] = (),
    minutes_th: str = "",
    notes_th: str = "",
) -> Meeting:
    if kind not in Meeting.Kind.values:
        raise DomainError(_("Unknown kind of meeting."), field="kind")
    if starts_at is None:
        raise DomainError(_("Give the date and time the meeting starts."), field="starts_at")
    if ends_at is not None and ends_at <= starts_at:
        raise DomainError(_("The meeting ends before it starts."), field="ends_at")
    for person in attendees:
        check_person(agency, person, field="attendees")
    meeting = validated(
        Meeting(
            agency=agency, kind=kind, title_th=clean_text(title_th), starts_at=starts_at, ends_at=ends_at,
            organiser_th=clean_text(organiser_th), letter_number=clean_text(letter_number), letter_date=letter_date,
            received_number=clean_text(received_number), location_th=clean_text(location_th),
            platform=clean_text(platform), online_url=clean_text(online_url),
            # Stored in Arabic digits so people can copy them into the meeting app.
            meeting_number=to_arabic_digits(clean_text(meeting_number)),
            passcode=to_arabic_digits(clean_text(passcode)),
            must_attend_th=clean_text(must_attend_th), minutes_th=clean_text(minutes_th), notes_th=clean_text(notes_th),
        )
    )
    meeting.save()
    meeting.attendees.set(attendees)
    audit_log(actor=actor, action="plans.meeting.recorded", target=meeting, agency=agency,
              payload={"kind": kind, "starts_at": starts_at.isoformat(), "passcode": meeting.passcode})
    return meeting


@transaction.atomic
def meeting_minutes_record(
    *, actor, meeting: Meeting, minutes_th: str, attendees: Sequence[Person] | None = None
) -> Meeting:
    if attendees is not None:
        for person in attendees:
            check_person(meeting.agency, person, field="attendees")
        meeting.attendees.set(attendees)
    meeting.minutes_th = clean_text(minutes_th)
    validated(meeting).save(update_fields=["minutes_th"])
    audit_log(actor=actor, action="plans.meeting.minutes_recorded", target=meeting, agency=meeting.agency,
              payload={"attendees": meeting.attendees.count()})
    return meeting
