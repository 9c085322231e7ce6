"""The corruption risk register: heat map with the table beside it."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.permissions import Perm, agency_view
from plans import selectors, services
from backoffice.forms.plans import RiskForm, RiskRegisterForm, TreatmentFollowUpForm, TreatmentForm
from plans.models import Risk, RiskTreatment
from .plans_common import attempt, current_fiscal_year, page


def _risks_page(request, agency, *, register_form=None, risk_form=None, treatment_form=None, treatment_risk=None,
                status=200):
    register = selectors.risk_register_for(agency)
    context = page(
        request, agency, "risks",
        register=register,
        heat=selectors.heat_map(register) if register else None,
        residual_heat=selectors.heat_map(register, residual=True) if register else None,
        register_form=register_form or RiskRegisterForm(initial={"fiscal_year": current_fiscal_year()}),
        risk_form=risk_form or RiskForm(agency=agency),
        treatment_form=treatment_form or TreatmentForm(agency=agency),
        treatment_risk=treatment_risk,
        follow_form=TreatmentFollowUpForm(),
    )
    return render(request, "plans/risks.html", context, status=status)


@agency_view(Perm.PLANS_VIEW)
def risks(request, agency):
    return _risks_page(request, agency)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def risk_register_create(request, agency):
    form = RiskRegisterForm(request.POST)
    done = attempt(request, form, lambda d: services.risk_register_create(actor=request.user, agency=agency, **d),
                   _("Risk register created."), reverse("plans:risks", args=[agency.code]))
    return done or _risks_page(request, agency, register_form=form, status=400)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def risk_add(request, agency):
    register = selectors.risk_register_for(agency)
    if register is None:
        raise Http404
    form = RiskForm(request.POST, agency=agency)
    done = attempt(request, form, lambda d: services.risk_add(actor=request.user, register=register, **d),
                   _("Risk added."), reverse("plans:risks", args=[agency.code]))
    return done or _risks_page(request, agency, risk_form=form, status=400)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def treatment_add(request, agency, risk_id: int):
    risk = get_object_or_404(Risk, pk=risk_id, register__agency=agency)
    form = TreatmentForm(request.POST, agency=agency)
    done = attempt(request, form, lambda d: services.risk_treatment_add(actor=request.user, risk=risk, **d),
                   _("Treatment added."), reverse("plans:risks", args=[agency.code]))
    return done or _risks_page(request, agency, treatment_form=form, treatment_risk=risk, status=400)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def treatment_follow_up_add(request, agency, treatment_id: int):
    treatment = get_object_or_404(RiskTreatment.objects.select_related("risk__register"), pk=treatment_id,
                                  risk__register__agency=agency)
    form = TreatmentFollowUpForm(request.POST)
    done = attempt(request, form, lambda d: services.follow_up_add(actor=request.user, treatment=treatment, **d),
                   _("Follow-up recorded."), reverse("plans:risks", args=[agency.code]))
    return done or _risks_page(request, agency, status=400)
