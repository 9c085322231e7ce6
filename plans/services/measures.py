"""Writes for the measures plan: analysis, measures, methods, follow-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Division
from audit.services import audit_log
from lib.errors import DomainError
from lib.thai import thai_date

from ..models import AnalysisPoint, FollowUp, Measure, MeasureMethod, MeasurePlan, Meeting, RiskTreatment
from .common import check_divisions, check_link, check_period, clean_text, lock_for_edit, msg, snapshot, validated


@transaction.atomic
def measure_plan_create(
    *, actor, agency: Agency, fiscal_year: int, title_th: str, adopted_on: dt.date, intro_th: str = ""
) -> MeasurePlan:
    if MeasurePlan.objects.filter(agency=agency, fiscal_year=fiscal_year).exists():
        raise DomainError(
            msg(_("There is already a measures plan for fiscal year %(year)s."), {"year": fiscal_year}),
            field="fiscal_year",
        )
    plan = validated(
        MeasurePlan(agency=agency, fiscal_year=fiscal_year, title_th=clean_text(title_th),
                    intro_th=clean_text(intro_th), adopted_on=adopted_on)
    )
    plan.save()
    audit_log(actor=actor, action="plans.measure_plan.created", target=plan, agency=agency,
              payload={"fiscal_year": fiscal_year})
    return plan


@transaction.atomic
def analysis_point_add(
    *, actor, plan: MeasurePlan, kind: str, source_code: str, text_th: str, score=None
) -> AnalysisPoint:
    if kind not in AnalysisPoint.Kind.values:
        raise DomainError(_("Unknown kind of finding."), field="kind")
    if score is not None and not (0 <= score <= 100):
        raise DomainError(_("A score lies between 0 and 100."), field="score")
    point = validated(
        AnalysisPoint(plan=plan, kind=kind, source_code=clean_text(source_code).lower(), text_th=clean_text(text_th),
                      score=score, position=plan.analysis_points.count())
    )
    point.save()
    audit_log(actor=actor, action="plans.analysis.added", target=point, agency=plan.agency,
              payload={"source": point.source_code, "kind": kind})
    return point


@transaction.atomic
def measure_create(
    *,
    actor,
    plan: MeasurePlan,
    title_th: str,
    period_start: dt.date,
    period_end: dt.date,
    divisions: Sequence[Division],
    methods: Sequence[str] = (),
    monitoring_th: str = "",
    addresses: Sequence[AnalysisPoint] = (),
    number: int | None = None,
) -> Measure:
    check_period(period_start, period_end)
    divisions = check_divisions(plan.agency, divisions)
    if not divisions:
        raise DomainError(_("Name at least one responsible division."), field="divisions")
    for point in addresses:
        if point.plan_id != plan.pk:
            raise DomainError(_("That finding belongs to another plan."), field="addresses")
    if number is None:
        number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
    elif plan.measures.filter(number=number).exists():
        raise DomainError(msg(_("Measure %(number)s already exists."), {"number": number}), field="number")
    measure = validated(
        Measure(plan=plan, number=number, title_th=clean_text(title_th), period_start=period_start,
                period_end=period_end, monitoring_th=clean_text(monitoring_th))
    )
    measure.save()
    measure.divisions.set(divisions)
    measure.addresses.set(addresses)
    for index, text in enumerate(t for t in methods if clean_text(t)):
        method = validated(MeasureMethod(measure=measure, number=index + 1, text_th=clean_text(text)))
        method.save()
    audit_log(actor=actor, action="plans.measure.created", target=measure, agency=plan.agency,
              payload={"number": number, "title": measure.title_th})
    return measure


@transaction.atomic
def measure_method_add(
    *,
    actor,
    measure: Measure,
    text_th: str,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    divisions: Sequence[Division] = (),
) -> MeasureMethod:
    if (period_start is None) != (period_end is None):
        raise DomainError(_("Give both the start and the end of the period, or neither."), field="period_end")
    if period_start is not None:
        check_period(period_start, period_end)
        if period_start < measure.period_start or period_end > measure.period_end:
            raise DomainError(
                msg(_("A method's period must lie within its measure's period (%(period)s)."), {"period": measure.period_text}),
                field="period_start",
            )
    divisions = check_divisions(measure.plan.agency, divisions)
    number = (measure.methods.aggregate(n=Max("number"))["n"] or 0) + 1
    method = validated(
        MeasureMethod(measure=measure, number=number, text_th=clean_text(text_th),
                      period_start=period_start, period_end=period_end)
    )
    method.save()
    method.divisions.set(divisions)
    audit_log(actor=actor, action="plans.measure.method_added", target=method, agency=measure.plan.agency,
              payload={"measure": measure.number, "number": number})
    return method


@transaction.atomic
def measure_set_status(*, actor, measure: Measure, status: str) -> Measure:
    if status not in Measure.Status.values:
        raise DomainError(_("Unknown status."), field="status")
    before = measure.status
    measure.status = status
    measure.version += 1
    validated(measure).save(update_fields=["status", "version"])
    audit_log(actor=actor, action="plans.measure.status_changed", target=measure, agency=measure.plan.agency,
              payload={"from": before, "to": status})
    return measure


def _check_in_period(day: dt.date, start: dt.date, end: dt.date, precision: str) -> None:
    if precision == FollowUp.Precision.MONTH:
        inside = (start.year, start.month) <= (day.year, day.month) <= (end.year, end.month)
    else:
        inside = start <= day <= end
    if not inside:
        raise DomainError(
            msg(_("The follow-up is dated %(day)s, outside the period %(start)s – %(end)s."), {"day": thai_date(day), "start": thai_date(start), "end": thai_date(end)}),
            field="date",
        )


@transaction.atomic
def follow_up_add(
    *,
    actor,
    date: dt.date,
    text_th: str,
    measure: Measure | None = None,
    method: MeasureMethod | None = None,
    treatment: RiskTreatment | None = None,
    precision: str = FollowUp.Precision.DAY,
    heading_th: str = "",
    url: str = "",
    meeting: Meeting | None = None,
) -> FollowUp:
    """Record what was done for a measure (or one of its methods) or for a risk treatment."""
    if method is not None:
        if measure is not None and method.measure_id != measure.pk:
            raise DomainError(_("That method belongs to another measure."), field="method")
        measure = method.measure
    if (measure is None) == (treatment is None):
        raise DomainError(_("A follow-up belongs to one measure or one risk treatment."))
    if precision not in FollowUp.Precision.values:
        raise DomainError(_("Unknown date precision."), field="precision")
    if date is None:
        raise DomainError(_("Give the date of the follow-up."), field="date")
    if measure is not None:
        agency = measure.plan.agency
        start, end = (method.start, method.end) if method is not None else (measure.period_start, measure.period_end)
    else:
        agency = treatment.risk.register.agency
        start, end = treatment.period_start, treatment.period_end
    if precision == FollowUp.Precision.MONTH:
        date = date.replace(day=1)
    _check_in_period(date, start, end, precision)
    if meeting is not None and meeting.agency_id != agency.pk:
        raise DomainError(_("That meeting belongs to another agency."), field="meeting")
    if not clean_text(text_th) and meeting is None:
        raise DomainError(_("Say what was done."), field="text_th")
    text = clean_text(text_th) or meeting.title_th
    scope = FollowUp.objects.filter(measure=measure) if measure is not None else FollowUp.objects.filter(treatment=treatment)
    entry = validated(
        FollowUp(agency=agency, measure=measure, method=method, treatment=treatment, date=date, precision=precision,
                 heading_th=clean_text(heading_th), text_th=text, url=check_link(url), meeting=meeting,
                 position=scope.count())
    )
    entry.save()
    if measure is not None and measure.status == Measure.Status.PLANNED:
        measure.status = Measure.Status.IN_PROGRESS
        measure.version += 1
        measure.save(update_fields=["status", "version"])
    audit_log(actor=actor, action="plans.follow_up.added", target=entry, agency=agency,
              payload={"date": date.isoformat(), "measure": measure.number if measure else None,
                       "meeting": meeting.pk if meeting else None})
    return entry


# --- edits ------------------------------------------------------------------------------------
# Each edit re-reads the record under a row lock, refuses with code "conflict" when its version
# is not the one the form was built from, applies the same checks as the create, bumps the
# version and writes an audit entry with what changed (before and after).

PLAN_FIELDS = ("fiscal_year", "title_th", "intro_th", "adopted_on")
MEASURE_FIELDS = ("title_th", "period_start", "period_end", "divisions", "monitoring_th", "status")
METHOD_FIELDS = ("text_th", "period_start", "period_end", "divisions")
FOLLOW_UP_FIELDS = ("date", "precision", "heading_th", "text_th", "url")


def _audit_change(*, actor, action: str, target, agency, fields, before: dict) -> None:
    after = snapshot(target, fields)
    audit_log(actor=actor, action=action, target=target, agency=agency,
              payload={"version": target.version,
                       "before": {k: v for k, v in before.items() if after[k] != v},
                       "after": {k: v for k, v in after.items() if before[k] != v}})


@transaction.atomic
def measure_plan_update(
    *, actor, plan: MeasurePlan, base_version: int | None, fiscal_year: int, title_th: str, adopted_on: dt.date,
    intro_th: str = "",
) -> MeasurePlan:
    plan = lock_for_edit(plan, base_version)
    before = snapshot(plan, PLAN_FIELDS)
    if MeasurePlan.objects.filter(agency_id=plan.agency_id, fiscal_year=fiscal_year).exclude(pk=plan.pk).exists():
        raise DomainError(
            msg(_("There is already a measures plan for fiscal year %(year)s."), {"year": fiscal_year}),
            field="fiscal_year",
        )
    plan.fiscal_year, plan.title_th, plan.intro_th, plan.adopted_on = (
        fiscal_year, clean_text(title_th), clean_text(intro_th), adopted_on)
    plan.version += 1
    validated(plan).save()
    _audit_change(actor=actor, action="plans.measure_plan.updated", target=plan, agency=plan.agency,
                  fields=PLAN_FIELDS, before=before)
    return plan


def _check_follow_ups_fit(entries, start: dt.date, end: dt.date) -> None:
    """Refuse a new period that would leave recorded follow-up entries outside it."""
    for entry in entries:
        try:
            _check_in_period(entry.date, start, end, entry.precision)
        except DomainError:
            raise DomainError(
                msg(_("The follow-up of %(day)s would lie outside the new period %(start)s – %(end)s. "
                      "Change that follow-up first."),
                    {"day": thai_date(entry.date), "start": thai_date(start), "end": thai_date(end)}),
                field="period_start" if entry.date < start else "period_end",
            ) from None


@transaction.atomic
def measure_update(
    *,
    actor,
    measure: Measure,
    base_version: int | None,
    title_th: str,
    period_start: dt.date,
    period_end: dt.date,
    divisions: Sequence[Division],
    monitoring_th: str = "",
    status: str | None = None,
) -> Measure:
    measure = lock_for_edit(measure, base_version)
    agency = measure.plan.agency
    before = snapshot(measure, MEASURE_FIELDS)
    check_period(period_start, period_end)
    divisions = check_divisions(agency, divisions)
    if not divisions:
        raise DomainError(_("Name at least one responsible division."), field="divisions")
    status = status or measure.status
    if status not in Measure.Status.values:
        raise DomainError(_("Unknown status."), field="status")
    for method in measure.methods.filter(period_start__isnull=False):
        if method.period_start < period_start or method.period_end > period_end:
            raise DomainError(
                msg(_("Method %(number)s has its own period (%(period)s), which would lie outside the new period. "
                      "Change that method first."), {"number": method.number, "period": method.period_text}),
                field="period_start" if method.period_start < period_start else "period_end",
            )
    _check_follow_ups_fit(
        measure.follow_ups.filter(models.Q(method__isnull=True) | models.Q(method__period_start__isnull=True)),
        period_start, period_end,
    )
    measure.title_th, measure.period_start, measure.period_end = clean_text(title_th), period_start, period_end
    measure.monitoring_th, measure.status = clean_text(monitoring_th), status
    measure.version += 1
    validated(measure).save()
    measure.divisions.set(divisions)
    _audit_change(actor=actor, action="plans.measure.updated", target=measure, agency=agency,
                  fields=MEASURE_FIELDS, before=before)
    return measure


@transaction.atomic
def method_update(
    *,
    actor,
    method: MeasureMethod,
    base_version: int | None,
    text_th: str,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    divisions: Sequence[Division] = (),
) -> MeasureMethod:
    method = lock_for_edit(method, base_version)
    measure = method.measure
    agency = measure.plan.agency
    before = snapshot(method, METHOD_FIELDS)
    if (period_start is None) != (period_end is None):
        raise DomainError(_("Give both the start and the end of the period, or neither."), field="period_end")
    if period_start is not None:
        check_period(period_start, period_end)
        if period_start < measure.period_start or period_end > measure.period_end:
            raise DomainError(
                msg(_("A method's period must lie within its measure's period (%(period)s)."),
                    {"period": measure.period_text}),
                field="period_start",
            )
    divisions = check_divisions(agency, divisions)
    _check_follow_ups_fit(method.follow_ups.all(), period_start or measure.period_start,
                          period_end or measure.period_end)
    method.text_th, method.period_start, method.period_end = clean_text(text_th), period_start, period_end
    method.version += 1
    validated(method).save()
    method.divisions.set(divisions)
    _audit_change(actor=actor, action="plans.measure.method_updated", target=method, agency=agency,
                  fields=METHOD_FIELDS, before=before)
    return method


@transaction.atomic
def follow_up_update(
    *,
    actor,
    follow_up: FollowUp,
    base_version: int | None,
    date: dt.date,
    text_th: str,
    precision: str = FollowUp.Precision.DAY,
    heading_th: str = "",
    url: str = "",
) -> FollowUp:
    """Change a follow-up entry. What was already published as OIT evidence keeps its own copy."""
    entry = lock_for_edit(follow_up, base_version)
    before = snapshot(entry, FOLLOW_UP_FIELDS)
    if precision not in FollowUp.Precision.values:
        raise DomainError(_("Unknown date precision."), field="precision")
    if date is None:
        raise DomainError(_("Give the date of the follow-up."), field="date")
    if entry.measure_id is not None:
        start, end = ((entry.method.start, entry.method.end) if entry.method_id is not None
                      else (entry.measure.period_start, entry.measure.period_end))
    else:
        start, end = entry.treatment.period_start, entry.treatment.period_end
    if precision == FollowUp.Precision.MONTH:
        date = date.replace(day=1)
    _check_in_period(date, start, end, precision)
    if not clean_text(text_th) and entry.meeting_id is None:
        raise DomainError(_("Say what was done."), field="text_th")
    entry.date, entry.precision, entry.heading_th = date, precision, clean_text(heading_th)
    entry.text_th = clean_text(text_th) or entry.meeting.title_th
    entry.url = check_link(url)
    entry.version += 1
    validated(entry).save()
    _audit_change(actor=actor, action="plans.follow_up.updated", target=entry, agency=entry.agency,
                  fields=FOLLOW_UP_FIELDS, before=before)
    return entry
