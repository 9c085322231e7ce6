"""Writes for the anti-corruption action plan and its reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Division, Person
from audit.services import audit_log
from lib.errors import DomainError

from ..models import ActionPlan, PlanReport, Project, ProjectProgress
from .common import msg, check_divisions, check_period, check_person, clean_text, parse_money, validated


@transaction.atomic
def action_plan_create(
    *, actor, agency: Agency, fiscal_year: int, title_th: str, approved_on: dt.date,
    period_start: dt.date, period_end: dt.date,
) -> ActionPlan:
    check_period(period_start, period_end)
    if ActionPlan.objects.filter(agency=agency, fiscal_year=fiscal_year).exists():
        raise DomainError(
            msg(_("There is already an action plan for fiscal year %(year)s."), {"year": fiscal_year}), field="fiscal_year"
        )
    plan = validated(ActionPlan(agency=agency, fiscal_year=fiscal_year, title_th=clean_text(title_th),
                                approved_on=approved_on, period_start=period_start, period_end=period_end))
    plan.save()
    audit_log(actor=actor, action="plans.action_plan.created", target=plan, agency=agency,
              payload={"fiscal_year": fiscal_year})
    return plan


@transaction.atomic
def project_add(
    *,
    actor,
    plan: ActionPlan,
    name_th: str,
    period_start: dt.date,
    period_end: dt.date,
    budget=None,
    no_budget: bool = False,
    division: Division | None = None,
    owner: Person | None = None,
    objective_th: str = "",
) -> Project:
    """BUDGET is a number or text in baht; with NO_BUDGET the project is marked as using none."""
    check_period(period_start, period_end)
    if period_start < plan.period_start or period_end > plan.period_end:
        raise DomainError(
            msg(_("A project's period must lie within the plan's period (%(period)s)."), {"period": plan.period_text}),
            field="period_start",
        )
    if no_budget:
        if budget not in (None, ""):
            raise DomainError(_("Either give a budget or mark the project as using no budget, not both."), field="budget")
        amount = None
    else:
        if budget in (None, ""):
            raise DomainError(_("Give the budget in baht, or mark the project as using no budget."), field="budget")
        amount = parse_money(budget)
    if division is not None:
        check_divisions(plan.agency, [division])
    check_person(plan.agency, owner, field="owner")
    number = (plan.projects.aggregate(n=Max("number"))["n"] or 0) + 1
    project = validated(Project(plan=plan, number=number, name_th=clean_text(name_th), objective_th=clean_text(objective_th),
                                budget=amount, no_budget=no_budget, period_start=period_start, period_end=period_end,
                                division=division, owner=owner))
    project.save()
    audit_log(actor=actor, action="plans.project.added", target=project, agency=plan.agency,
              payload={"number": number, "budget": str(amount) if amount is not None else "none"})
    return project


@transaction.atomic
def plan_report_file(
    *,
    actor,
    plan: ActionPlan,
    kind: str,
    covers_start: dt.date,
    covers_end: dt.date,
    reported_on: dt.date,
    lines: Mapping[Project, Mapping[str, object]],
    summary_th: str = "",
    problems_th: str = "",
    suggestions_th: str = "",
) -> PlanReport:
    """File a half-year or annual report; LINES maps each project to {status, done_th, spent}."""
    if kind not in PlanReport.Kind.values:
        raise DomainError(_("Unknown kind of report."), field="kind")
    check_period(covers_start, covers_end, field="covers_end")
    if reported_on < covers_start:
        raise DomainError(_("A report cannot be dated before the period it covers starts."), field="reported_on")
    if plan.reports.filter(kind=kind, covers_start=covers_start).exists():
        raise DomainError(_("That report is already filed."), field="covers_start")
    parsed = []
    for project, line in lines.items():
        if project.plan_id != plan.pk:
            raise DomainError(_("That project belongs to another plan."), field="lines")
        status = line.get("status", ProjectProgress.Status.IN_PROGRESS)
        if status not in ProjectProgress.Status.values:
            raise DomainError(_("Unknown status."), field="lines")
        spent = parse_money(line.get("spent") or 0, field="spent")
        if project.no_budget and spent:
            raise DomainError(
                msg(_("Project %(number)s uses no budget, so no money can be spent on it."), {"number": project.number}),
                field="spent",
            )
        parsed.append((project, status, clean_text(str(line.get("done_th", ""))), spent))
    report = validated(PlanReport(plan=plan, kind=kind, covers_start=covers_start, covers_end=covers_end,
                                  reported_on=reported_on, summary_th=clean_text(summary_th),
                                  problems_th=clean_text(problems_th), suggestions_th=clean_text(suggestions_th)))
    report.save()
    ProjectProgress.objects.bulk_create(
        ProjectProgress(report=report, project=project, status=status, done_th=done, spent=spent)
        for project, status, done, spent in parsed
    )
    audit_log(actor=actor, action="plans.plan_report.filed", target=report, agency=plan.agency,
              payload={"kind": kind, "lines": len(parsed), "spent": str(sum(p[3] for p in parsed))})
    return report
