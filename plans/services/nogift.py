"""Writes for the No Gift Policy and for who is chief executive in office."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Person
from audit.services import audit_log
from lib.errors import DomainError
from lib.thai import thai_date

from ..models import ChiefExecutiveTerm, NoGiftActivity, NoGiftDeclaration, NoGiftReport
from .common import msg, check_period, check_person, clean_text, validated


def chief_executive_on(agency: Agency, day: dt.date) -> ChiefExecutiveTerm | None:
    """The term of whoever was chief executive of AGENCY on DAY, if recorded."""
    return (
        ChiefExecutiveTerm.objects.select_related("person")
        .filter(agency=agency, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .first()
    )


@transaction.atomic
def chief_executive_record(
    *, actor, agency: Agency, person: Person, position_th: str, start: dt.date, end: dt.date | None = None
) -> ChiefExecutiveTerm:
    check_person(agency, person)
    if end is not None:
        check_period(start, end, field="end")
    overlapping = ChiefExecutiveTerm.objects.filter(agency=agency).filter(
        Q(end__isnull=True) | Q(end__gte=start)
    )
    if end is not None:
        overlapping = overlapping.filter(start__lte=end)
    if overlapping.exists():
        raise DomainError(
            _("Another chief executive's term overlaps these dates; close it first."), field="start"
        )
    term = validated(ChiefExecutiveTerm(agency=agency, person=person, position_th=clean_text(position_th),
                                        start=start, end=end))
    term.save()
    audit_log(actor=actor, action="plans.chief_executive.recorded", target=term, agency=agency,
              payload={"person": person.full_name, "start": start.isoformat()})
    return term


@transaction.atomic
def no_gift_declare(
    *, actor, agency: Agency, fiscal_year: int, title_th: str, body_th: str, signed_on: dt.date, signed_by: Person
) -> NoGiftDeclaration:
    check_person(agency, signed_by, field="signed_by")
    term = chief_executive_on(agency, signed_on)
    if term is None:
        raise DomainError(
            msg(_("No chief executive is recorded in office on %(day)s. Record the term first."), {"day": thai_date(signed_on)}),
            field="signed_by",
        )
    if term.person_id != signed_by.pk:
        raise DomainError(
            msg(_("The declaration must be signed by the chief executive in office on %(day)s, %(name)s."), {"day": thai_date(signed_on), "name": term.person.full_name}),
            field="signed_by",
        )
    if NoGiftDeclaration.objects.filter(agency=agency, fiscal_year=fiscal_year).exists():
        raise DomainError(
            msg(_("There is already a No Gift declaration for fiscal year %(year)s."), {"year": fiscal_year}),
            field="fiscal_year",
        )
    declaration = validated(NoGiftDeclaration(
        agency=agency, fiscal_year=fiscal_year, title_th=clean_text(title_th), body_th=clean_text(body_th),
        signed_on=signed_on, signed_by=signed_by, signer_position_th=term.position_th,
    ))
    declaration.save()
    audit_log(actor=actor, action="plans.no_gift.declared", target=declaration, agency=agency,
              payload={"fiscal_year": fiscal_year, "signed_by": signed_by.full_name})
    return declaration


@transaction.atomic
def no_gift_activity_add(
    *, actor, agency: Agency, fiscal_year: int, date: dt.date, title_th: str, description_th: str = "",
    participants: int | None = None, url: str = "",
) -> NoGiftActivity:
    if participants is not None and participants < 0:
        raise DomainError(_("The number of participants cannot be negative."), field="participants")
    activity = validated(NoGiftActivity(agency=agency, fiscal_year=fiscal_year, date=date, title_th=clean_text(title_th),
                                        description_th=clean_text(description_th), participants=participants,
                                        url=clean_text(url)))
    activity.save()
    audit_log(actor=actor, action="plans.no_gift.activity_added", target=activity, agency=agency,
              payload={"date": date.isoformat()})
    return activity


@transaction.atomic
def no_gift_report_file(
    *, actor, agency: Agency, fiscal_year: int, covers_start: dt.date, covers_end: dt.date, reported_on: dt.date,
    summary_th: str, gifts_reported: int = 0, problems_th: str = "", suggestions_th: str = "",
) -> NoGiftReport:
    check_period(covers_start, covers_end, field="covers_end")
    if gifts_reported is None or gifts_reported < 0:
        raise DomainError(_("The number of gifts reported cannot be negative."), field="gifts_reported")
    report = validated(NoGiftReport(agency=agency, fiscal_year=fiscal_year, covers_start=covers_start,
                                    covers_end=covers_end, reported_on=reported_on, gifts_reported=gifts_reported,
                                    summary_th=clean_text(summary_th), problems_th=clean_text(problems_th),
                                    suggestions_th=clean_text(suggestions_th)))
    report.save()
    audit_log(actor=actor, action="plans.no_gift.report_filed", target=report, agency=agency,
              payload={"covers_end": covers_end.isoformat()})
    return report
