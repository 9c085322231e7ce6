"""The anti-corruption action plan, its projects and reports."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.permissions import Perm, agency_view
from plans import selectors, services
from backoffice.forms.plans import ActionPlanForm, PlanReportForm, ProjectForm
from .plans_common import attempt, current_fiscal_year, page


def _page(request, agency, *, plan_form=None, project_form=None, report_form=None, status=200):
    plan = selectors.action_plan_for(agency)
    projects = list(plan.projects.all()) if plan else []
    context = page(
        request, agency, "actions",
        plan=plan, projects=projects,
        total=sum((p.budget for p in projects if p.budget is not None), start=0),
        plan_form=plan_form or ActionPlanForm(initial={"fiscal_year": current_fiscal_year()}),
        project_form=project_form or ProjectForm(agency=agency),
        report_form=report_form or PlanReportForm(projects=projects),
    )
    return render(request, "plans/action_plan.html", context, status=status)


@agency_view(Perm.PLANS_VIEW)
def action_plan(request, agency):
    return _page(request, agency)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def action_plan_create(request, agency):
    form = ActionPlanForm(request.POST)
    done = attempt(request, form, lambda d: services.action_plan_create(actor=request.user, agency=agency, **d),
                   _("Action plan created."), reverse("plans:action_plan", args=[agency.code]))
    return done or _page(request, agency, plan_form=form, status=400)


def _plan(agency):
    plan = selectors.action_plan_for(agency)
    if plan is None:
        raise Http404
    return plan


@require_POST
@agency_view(Perm.PLANS_EDIT)
def project_add(request, agency):
    plan = _plan(agency)
    form = ProjectForm(request.POST, agency=agency)
    done = attempt(request, form, lambda d: services.project_add(actor=request.user, plan=plan, **d),
                   _("Project added."), reverse("plans:action_plan", args=[agency.code]))
    return done or _page(request, agency, project_form=form, status=400)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def plan_report_file(request, agency):
    plan = _plan(agency)
    form = PlanReportForm(request.POST, projects=plan.projects.all())

    def call(d):
        fields = {k: d[k] for k in ("kind", "covers_start", "covers_end", "reported_on", "summary_th", "problems_th",
                                     "suggestions_th")}
        return services.plan_report_file(actor=request.user, plan=plan, lines=form.lines(), **fields)

    done = attempt(request, form, call, _("Report filed."), reverse("plans:action_plan", args=[agency.code]))
    return done or _page(request, agency, report_form=form, status=400)
