"""No Gift Policy: who is chief executive, the declaration, activities and reports."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.permissions import Perm, agency_view
from plans import services
from backoffice.forms.plans import ChiefExecutiveForm, DeclarationForm, NoGiftActivityForm, NoGiftReportForm
from plans.models import ChiefExecutiveTerm, NoGiftActivity, NoGiftDeclaration, NoGiftReport
from .plans_common import attempt, current_fiscal_year, page


def _page(request, agency, *, term_form=None, declaration_form=None, activity_form=None, report_form=None,
          status=200):
    year = {"fiscal_year": current_fiscal_year()}
    context = page(
        request, agency, "nogift",
        terms=ChiefExecutiveTerm.objects.filter(agency=agency).select_related("person"),
        declarations=NoGiftDeclaration.objects.filter(agency=agency).select_related("signed_by"),
        activities=NoGiftActivity.objects.filter(agency=agency),
        reports=NoGiftReport.objects.filter(agency=agency),
        term_form=term_form or ChiefExecutiveForm(agency=agency),
        declaration_form=declaration_form or DeclarationForm(agency=agency, initial=year),
        activity_form=activity_form or NoGiftActivityForm(initial=year),
        report_form=report_form or NoGiftReportForm(initial=year),
    )
    return render(request, "plans/no_gift.html", context, status=status)


@agency_view(Perm.PLANS_VIEW)
def no_gift(request, agency):
    return _page(request, agency)


def _post(request, agency, form_class, service, success, form_name, needs_agency=False):
    form = form_class(request.POST, agency=agency) if needs_agency else form_class(request.POST)
    done = attempt(request, form, lambda d: service(actor=request.user, agency=agency, **d), success,
                   reverse("plans:no_gift", args=[agency.code]))
    return done or _page(request, agency, **{form_name: form}, status=400)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def chief_executive_record(request, agency):
    return _post(request, agency, ChiefExecutiveForm, services.chief_executive_record, _("Term recorded."),
                 "term_form", needs_agency=True)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def no_gift_declare(request, agency):
    return _post(request, agency, DeclarationForm, services.no_gift_declare, _("Declaration recorded."),
                 "declaration_form", needs_agency=True)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def no_gift_activity_add(request, agency):
    return _post(request, agency, NoGiftActivityForm, services.no_gift_activity_add, _("Activity recorded."),
                 "activity_form")


@require_POST
@agency_view(Perm.PLANS_EDIT)
def no_gift_report_file(request, agency):
    return _post(request, agency, NoGiftReportForm, services.no_gift_report_file, _("Report filed."), "report_form")
