"""Measures: the board, the table, one measure with its methods and follow-up."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import AnalysisPointForm, FollowUpForm, MeasureForm, MeasurePlanForm, MethodForm, StatusForm
from ..models import Measure, MeasureMethod
from .common import attempt, current_fiscal_year, editor, page, viewer


def _measures_page(request, agency, *, plan_form=None, point_form=None, measure_form=None, status=200):
    plan = selectors.measure_plan_for(agency)
    board = selectors.measure_board(plan) if plan else {}
    context = page(
        request, agency, "measures",
        plan=plan,
        rows=selectors.plan_rows(plan) if plan else [],
        columns=[(value, label, board.get(value, [])) for value, label in Measure.Status.choices] if plan else [],
        plan_form=plan_form or MeasurePlanForm(initial={"fiscal_year": current_fiscal_year()}),
        point_form=point_form or AnalysisPointForm(),
        measure_form=measure_form or MeasureForm(agency=agency),
    )
    return render(request, "plans/measures.html", context, status=status)


@login_required
def measures(request, code: str):
    return _measures_page(request, viewer(request, code))


@login_required
@require_POST
def measure_plan_create(request, code: str):
    agency = editor(request, code)
    form = MeasurePlanForm(request.POST)
    done = attempt(request, form, lambda d: services.measure_plan_create(actor=request.user, agency=agency, **d),
                   _("Measures plan created."), reverse("plans:measures", args=[agency.code]))
    return done or _measures_page(request, agency, plan_form=form, status=400)


def _plan_or_404(agency):
    plan = selectors.measure_plan_for(agency)
    if plan is None:
        raise Http404
    return plan


@login_required
@require_POST
def analysis_point_add(request, code: str):
    agency = editor(request, code)
    plan = _plan_or_404(agency)
    form = AnalysisPointForm(request.POST)
    done = attempt(request, form, lambda d: services.analysis_point_add(actor=request.user, plan=plan, **d),
                   _("Finding added."), reverse("plans:measures", args=[agency.code]))
    return done or _measures_page(request, agency, point_form=form, status=400)


@login_required
@require_POST
def measure_create(request, code: str):
    agency = editor(request, code)
    plan = _plan_or_404(agency)
    form = MeasureForm(request.POST, agency=agency)

    def call(d):
        return services.measure_create(
            actor=request.user, plan=plan, title_th=d["title_th"], period_start=d["period_start"],
            period_end=d["period_end"], divisions=list(d["divisions"]), monitoring_th=d["monitoring_th"],
            methods=[line for line in d["methods"].splitlines() if line.strip()],
        )

    done = attempt(request, form, call, _("Measure added."), reverse("plans:measures", args=[agency.code]))
    return done or _measures_page(request, agency, measure_form=form, status=400)


def _measure_or_404(agency, measure_id: int) -> Measure:
    measure = selectors.measures_qs().select_related("plan").filter(pk=measure_id, plan__agency=agency).first()
    if measure is None:
        raise Http404
    return measure


def _measure_page(request, agency, measure, *, follow_form=None, method_form=None, status_form=None, status=200):
    context = page(
        request, agency, "measures",
        measure=measure,
        rows=selectors.measure_rows(measure),
        follow_form=follow_form or FollowUpForm(agency=agency, measure=measure),
        method_form=method_form or MethodForm(agency=agency),
        status_form=status_form or StatusForm(initial={"status": measure.status}),
        late=measure.is_late(done=measure.is_finished),
    )
    return render(request, "plans/measure_detail.html", context, status=status)


@login_required
def measure_detail(request, code: str, measure_id: int):
    agency = viewer(request, code)
    return _measure_page(request, agency, _measure_or_404(agency, measure_id))


@login_required
@require_POST
def follow_up_add(request, code: str, measure_id: int):
    agency = editor(request, code)
    measure = _measure_or_404(agency, measure_id)
    form = FollowUpForm(request.POST, agency=agency, measure=measure)

    def call(d):
        method = None
        if d["method"]:
            method = MeasureMethod.objects.filter(pk=d["method"], measure=measure).first()
            if method is None:
                raise Http404
        return services.follow_up_add(
            actor=request.user, measure=measure, method=method, date=d["date"], precision=d["precision"],
            heading_th=d["heading_th"], text_th=d["text_th"], url=d["url"], meeting=d["meeting"],
        )

    target = reverse("plans:measure", args=[agency.code, measure.pk])
    done = attempt(request, form, call, _("Follow-up recorded."), target)
    return done or _measure_page(request, agency, measure, follow_form=form, status=400)


@login_required
@require_POST
def method_add(request, code: str, measure_id: int):
    agency = editor(request, code)
    measure = _measure_or_404(agency, measure_id)
    form = MethodForm(request.POST, agency=agency)
    done = attempt(request, form,
                   lambda d: services.measure_method_add(actor=request.user, measure=measure, text_th=d["text_th"],
                                                         period_start=d["period_start"], period_end=d["period_end"],
                                                         divisions=list(d["divisions"])),
                   _("Method added."), reverse("plans:measure", args=[agency.code, measure.pk]))
    return done or _measure_page(request, agency, measure, method_form=form, status=400)


@login_required
@require_POST
def measure_status(request, code: str, measure_id: int):
    agency = editor(request, code)
    measure = _measure_or_404(agency, measure_id)
    form = StatusForm(request.POST)
    done = attempt(request, form,
                   lambda d: services.measure_set_status(actor=request.user, measure=measure, status=d["status"]),
                   _("Status changed."), reverse("plans:measure", args=[agency.code, measure.pk]))
    return done or _measure_page(request, agency, measure, status_form=form, status=400)
