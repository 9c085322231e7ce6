"""The plans app's official documents, registered with the documents app in PlansConfig.ready().

Each builder takes the agency and a record id and returns the template context; a record of
another agency is a 404, like every agency-scoped read.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from documents.registry import OfficialDocument

from . import selectors
from .models import ActionPlan, MeasurePlan, Memo, NoGiftDeclaration, PlanReport, RiskRegister


def _memo(agency, pk: int) -> dict:
    memo = get_object_or_404(
        Memo.objects.select_related("proposer").prefetch_related("opinions__person"), pk=pk, agency=agency
    )
    return {"memo": memo, "filename": f"memo-{memo.date:%Y%m%d}"}


def _measures(agency, pk: int) -> dict:
    plan = selectors.measure_plan_for(agency, pk)
    if plan is None:
        raise Http404
    return {"plan": plan, "rows": selectors.plan_rows(plan), "filename": f"measures-{plan.fiscal_year}"}


def _risks(agency, pk: int) -> dict:
    register = selectors.risk_register_for(agency, pk)
    if register is None:
        raise Http404
    return {"register": register, "heat": selectors.heat_map(register),
            "residual_heat": selectors.heat_map(register, residual=True),
            "filename": f"risk-register-{register.fiscal_year}"}


def _action_plan(agency, pk: int) -> dict:
    plan = selectors.action_plan_for(agency, pk)
    if plan is None:
        raise Http404
    projects = list(plan.projects.all())
    total = sum((p.budget for p in projects if p.budget is not None), start=0)
    return {"plan": plan, "projects": projects, "total": total, "filename": f"action-plan-{plan.fiscal_year}"}


def _plan_report(agency, pk: int) -> dict:
    report = get_object_or_404(
        PlanReport.objects.select_related("plan").prefetch_related("lines__project"), pk=pk, plan__agency=agency
    )
    lines = list(report.lines.all())
    budget = sum((line.project.budget or 0 for line in lines), start=0)
    spent = sum((line.spent for line in lines), start=0)
    return {"report": report, "plan": report.plan, "lines": lines, "budget": budget, "spent": spent,
            "filename": f"action-plan-report-{report.kind}-{report.covers_end:%Y%m}"}


def _no_gift(agency, pk: int) -> dict:
    declaration = get_object_or_404(NoGiftDeclaration.objects.select_related("signed_by"), pk=pk, agency=agency)
    return {"declaration": declaration, "filename": f"no-gift-{declaration.fiscal_year}"}


OFFICIAL_DOCUMENTS = [
    OfficialDocument(
        "memo", _("Approval memo (บันทึกข้อความ)"), "documents/memo.html", _memo,
        records=lambda agency: Memo.objects.filter(agency=agency),
        describe=lambda memo: (memo.subject_th, memo.date), emblem="memo", signed=True,
    ),
    OfficialDocument(
        "measures", _("Measures with follow-up"), "documents/measures.html", _measures,
        records=lambda agency: MeasurePlan.objects.filter(agency=agency),
        describe=lambda plan: (plan.title_th, plan.adopted_on), landscape=True,
    ),
    OfficialDocument(
        "risks", _("Corruption risk register"), "documents/risks.html", _risks,
        records=lambda agency: RiskRegister.objects.filter(agency=agency),
        describe=lambda register: (register.title_th, register.assessed_on), landscape=True,
    ),
    OfficialDocument(
        "action-plan", _("Anti-corruption action plan"), "documents/action_plan.html", _action_plan,
        records=lambda agency: ActionPlan.objects.filter(agency=agency),
        describe=lambda plan: (plan.title_th, plan.approved_on),
    ),
    OfficialDocument(
        "plan-report", _("Action plan report"), "documents/plan_report.html", _plan_report,
        records=lambda agency: PlanReport.objects.filter(plan__agency=agency).select_related("plan"),
        describe=lambda report: (report.plan.title_th, report.reported_on),
        label_for=lambda report: report.get_kind_display(),
    ),
    OfficialDocument(
        "no-gift", _("No Gift Policy declaration"), "documents/no_gift.html", _no_gift,
        records=lambda agency: NoGiftDeclaration.objects.filter(agency=agency),
        describe=lambda declaration: (declaration.title_th, declaration.signed_on), signed=True,
    ),
]
