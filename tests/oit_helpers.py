"""Building blocks for OIT tests: an opened assessment with its calendar set around today."""

import datetime as dt

from django.utils import timezone

from assessments.models import Phase
from assessments.services import assessment_open

PHASE_ORDER = ["registration", "oit-collection", "oit-review", "clarification", "confirmation", "results"]


def open_assessment(people, framework, **kwargs):
    return assessment_open(actor=people.admin, agency=people.agency, framework=framework, **kwargs)


def set_phase(assessment, current: str) -> None:
    """Put today inside CURRENT, with earlier phases in the past and later ones ahead."""
    today = timezone.localdate()
    index = PHASE_ORDER.index(current)
    for position, code in enumerate(PHASE_ORDER):
        offset = (position - index) * 20
        Phase.objects.filter(assessment=assessment, code=code).update(
            start=today + dt.timedelta(days=offset - 10), end=today + dt.timedelta(days=offset + 9)
        )


def give_officer(people, assessment_item):
    """Make the officer of the test people the officer of this item."""
    person = people.officer.people.get(agency=people.agency)
    assessment_item.officer = person
    assessment_item.save(update_fields=["officer"])
    return person
