"""Writes for the corruption risk register."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Division
from audit.services import audit_log
from lib.errors import DomainError

from ..matrix import DEFAULT_MATRIX, RiskMatrix, get_matrix, load_matrices
from ..models import Measure, Risk, RiskRegister, RiskTreatment
from .common import msg, check_divisions, check_period, clean_text, validated


@transaction.atomic
def risk_register_create(
    *, actor, agency: Agency, fiscal_year: int, title_th: str, assessed_on: dt.date, matrix_id: str = DEFAULT_MATRIX
) -> RiskRegister:
    if matrix_id not in load_matrices():
        raise DomainError(_("Unknown risk matrix."), field="matrix_id")
    if RiskRegister.objects.filter(agency=agency, fiscal_year=fiscal_year).exists():
        raise DomainError(
            msg(_("There is already a risk register for fiscal year %(year)s."), {"year": fiscal_year}), field="fiscal_year"
        )
    register = validated(RiskRegister(agency=agency, fiscal_year=fiscal_year, title_th=clean_text(title_th),
                                      assessed_on=assessed_on, matrix_id=matrix_id))
    register.save()
    audit_log(actor=actor, action="plans.risk_register.created", target=register, agency=agency,
              payload={"fiscal_year": fiscal_year, "matrix": matrix_id})
    return register


def _check_cell(matrix: RiskMatrix, likelihood, impact, *, residual: bool = False) -> None:
    prefix = "residual_" if residual else ""
    for value, axis, allowed in (
        (likelihood, "likelihood", matrix.likelihood_values),
        (impact, "impact", matrix.impact_values),
    ):
        if not isinstance(value, int) or value not in allowed:
            raise DomainError(
                msg(_("%(axis)s must be one of %(allowed)s on this matrix; %(value)s is outside it."), {"axis": _("Likelihood") if axis == "likelihood" else _("Impact"),
                   "allowed": ", ".join(str(v) for v in allowed), "value": value}),
                field=prefix + axis,
            )


@transaction.atomic
def risk_add(
    *,
    actor,
    register: RiskRegister,
    process_th: str,
    event_th: str,
    likelihood: int,
    impact: int,
    division: Division | None = None,
    cause_th: str = "",
    controls_th: str = "",
    residual_likelihood: int | None = None,
    residual_impact: int | None = None,
) -> Risk:
    matrix = get_matrix(register.matrix_id)
    _check_cell(matrix, likelihood, impact)
    if (residual_likelihood is None) != (residual_impact is None):
        raise DomainError(_("Give both the residual likelihood and impact, or neither."), field="residual_impact")
    if residual_likelihood is not None:
        _check_cell(matrix, residual_likelihood, residual_impact, residual=True)
    if division is not None:
        check_divisions(register.agency, [division])
    number = (register.risks.aggregate(n=Max("number"))["n"] or 0) + 1
    risk = validated(Risk(
        register=register, number=number, process_th=clean_text(process_th), division=division,
        event_th=clean_text(event_th), cause_th=clean_text(cause_th), controls_th=clean_text(controls_th),
        likelihood=likelihood, impact=impact, residual_likelihood=residual_likelihood, residual_impact=residual_impact,
    ))
    risk.save()
    audit_log(actor=actor, action="plans.risk.added", target=risk, agency=register.agency,
              payload={"number": number, "likelihood": likelihood, "impact": impact,
                       "level": matrix.level(likelihood, impact).id})
    return risk


@transaction.atomic
def risk_treatment_add(
    *,
    actor,
    risk: Risk,
    text_th: str,
    period_start: dt.date,
    period_end: dt.date,
    division: Division | None = None,
    measure: Measure | None = None,
) -> RiskTreatment:
    check_period(period_start, period_end)
    agency = risk.register.agency
    if division is not None:
        check_divisions(agency, [division])
    if measure is not None and measure.plan.agency_id != agency.pk:
        raise DomainError(_("That measure belongs to another agency."), field="measure")
    treatment = validated(RiskTreatment(risk=risk, text_th=clean_text(text_th), period_start=period_start,
                                        period_end=period_end, division=division, measure=measure,
                                        position=risk.treatments.count()))
    treatment.save()
    audit_log(actor=actor, action="plans.risk.treatment_added", target=treatment, agency=agency,
              payload={"risk": risk.number})
    return treatment
