"""Survey pages for agency staff and assessors (/app/a/<agency>/surveys/...).

Everyone with a role in the agency sees progress and aggregate results; admins and assessors
run the campaign; only they see the access codes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import VIEW_ROLES, agency_for, can_manage, roles_in
from agencies.models import Role
from lib.errors import DomainError
from lib.thai import fiscal_year_be

from . import selectors, services
from .codes import access_code_display
from .forms import CampaignForm, CounterCodesForm, ImportForm
from .models import AccessCode, Campaign
from .qr import qr_svg_inline
from .questionnaires import questionnaire_get, questionnaires_of
from .views_public import survey_url

MANAGE_ROLES = {Role.ADMIN, Role.ASSESSOR}


def _may_manage(user, agency) -> bool:
    return user.is_operator or bool(roles_in(user, agency) & MANAGE_ROLES)


def _context(request, agency, **extra) -> dict:
    roles = roles_in(request.user, agency)
    return {
        "agency": agency,
        "can_manage": can_manage(request.user, agency),
        "can_audit": request.user.is_operator or bool(roles & {Role.ADMIN, Role.EXECUTIVE}),
        "may_run": _may_manage(request.user, agency),
        **extra,
    }


def _campaign(agency, year: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("agency", "framework"), agency=agency, fiscal_year=year)


def _show(request, form, error: DomainError) -> None:
    if form is not None and error.field in getattr(form, "fields", {}):
        form.add_error(error.field, error.bilingual())
    else:
        messages.error(request, error.bilingual())


@login_required
def campaigns(request, code: str):
    agency = agency_for(request.user, code, VIEW_ROLES)
    may_run = _may_manage(request.user, agency)
    form = None
    if may_run:
        form = CampaignForm(request.POST or None, initial={"fiscal_year": fiscal_year_be(timezone.localdate()), "iit_mode": "codes", "eligible_staff": 0})
    if request.method == "POST":
        if not may_run:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                campaign = services.campaign_create(
                    actor=request.user, agency=agency, framework=data["framework"], fiscal_year=data["fiscal_year"],
                    iit_mode=data["iit_mode"], eligible_staff=data["eligible_staff"], service_users=data["service_users"],
                    agency_group=data["agency_group"], opens_on=data["opens_on"], closes_on=data["closes_on"],
                )
            except DomainError as error:
                _show(request, form, error)
            else:
                messages.success(request, _("Surveys created."))
                return redirect("surveys:campaign", code=agency.code, year=campaign.fiscal_year)
    rows = agency.survey_campaigns.select_related("framework")
    return render(request, "surveys/admin_campaigns.html", _context(request, agency, rows=rows, form=form))


@login_required
def campaign(request, code: str, year: int):
    agency = agency_for(request.user, code, VIEW_ROLES)
    campaign = _campaign(agency, year)
    may_run = _may_manage(request.user, agency)
    form = None
    if may_run:
        form = CampaignForm(
            request.POST or None, editing=True,
            initial={
                "iit_mode": campaign.iit_mode, "eligible_staff": campaign.eligible_staff,
                "service_users": campaign.service_users, "agency_group": campaign.agency_group,
                "opens_on": campaign.opens_on, "closes_on": campaign.closes_on,
            },
        )
    if request.method == "POST":
        if not may_run:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.campaign_update(
                    actor=request.user, campaign=campaign, iit_mode=data["iit_mode"], eligible_staff=data["eligible_staff"],
                    service_users=data["service_users"], agency_group=data["agency_group"],
                    opens_on=data["opens_on"], closes_on=data["closes_on"],
                )
            except DomainError as error:
                _show(request, form, error)
            else:
                messages.success(request, _("Settings saved."))
                return redirect("surveys:campaign", code=agency.code, year=year)
    links = [
        {"questionnaire": q, "url": survey_url(request, campaign, q.code), "uses_codes": services.uses_codes(campaign, q)}
        for q in questionnaires_of(campaign.framework)
    ]
    context = _context(
        request, agency, campaign=campaign, form=form, links=links, counter_form=CounterCodesForm(),
        progress=selectors.campaign_progress(campaign),
    )
    return render(request, "surveys/admin_campaign.html", context)


@login_required
@require_POST
def status(request, code: str, year: int):
    agency = agency_for(request.user, code, MANAGE_ROLES)
    campaign = _campaign(agency, year)
    try:
        services.campaign_set_status(actor=request.user, campaign=campaign, status=request.POST.get("status", ""))
    except DomainError as error:
        messages.error(request, error.bilingual())
    else:
        messages.success(request, _("Status changed."))
    return redirect("surveys:campaign", code=agency.code, year=year)


@login_required
@require_POST
def counter_codes(request, code: str, year: int, questionnaire_code: str):
    agency = agency_for(request.user, code, MANAGE_ROLES)
    campaign = _campaign(agency, year)
    form = CounterCodesForm(request.POST)
    if form.is_valid():
        try:
            services.access_codes_issue(
                actor=request.user, campaign=campaign, questionnaire_code=questionnaire_code, count=form.cleaned_data["count"]
            )
        except DomainError as error:
            messages.error(request, error.bilingual())
        else:
            messages.success(request, _("Codes issued."))
    else:
        messages.error(request, _("Give a number of codes between 1 and 5000."))
    return redirect("surveys:campaign", code=agency.code, year=year)


@login_required
def slips(request, code: str, year: int, questionnaire_code: str):
    """Printable slips of the unused codes: cut them apart and hand them out at random."""
    agency = agency_for(request.user, code, MANAGE_ROLES)
    campaign = _campaign(agency, year)
    questionnaire = questionnaire_get(campaign.framework, questionnaire_code)
    if questionnaire is None:
        raise Http404
    url = survey_url(request, campaign, questionnaire.code)
    codes = [
        access_code_display(c)
        for c in AccessCode.objects.filter(campaign=campaign, questionnaire=questionnaire.code).values_list("code", flat=True)
    ]
    context = {"campaign": campaign, "agency": agency, "questionnaire": questionnaire, "url": url, "codes": codes, "qr": qr_svg_inline(url, scale=2)}
    return render(request, "surveys/print_slips.html", context)


@login_required
def poster(request, code: str, year: int, questionnaire_code: str):
    """An A4 poster with the QR code and how to answer (print it from the browser)."""
    agency = agency_for(request.user, code, VIEW_ROLES)
    campaign = _campaign(agency, year)
    questionnaire = questionnaire_get(campaign.framework, questionnaire_code)
    if questionnaire is None:
        raise Http404
    url = survey_url(request, campaign, questionnaire.code)
    context = {
        "campaign": campaign, "agency": agency, "questionnaire": questionnaire, "url": url,
        "qr": qr_svg_inline(url, scale=10, title=url), "uses_codes": services.uses_codes(campaign, questionnaire),
    }
    return render(request, "surveys/print_poster.html", context)


@login_required
def results(request, code: str, year: int):
    agency = agency_for(request.user, code, VIEW_ROLES)
    campaign = _campaign(agency, year)
    may_run = _may_manage(request.user, agency)
    form = ImportForm(request.POST or None, request.FILES or None) if may_run else None
    if request.method == "POST":
        if not may_run:
            raise Http404
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                text = upload.read(200_000).decode("utf-8-sig")
            except UnicodeDecodeError:
                _show(request, form, DomainError(_("The file is not UTF-8 CSV text."), field="file"))
            else:
                try:
                    services.official_scores_import(actor=request.user, campaign=campaign, csv_text=text, source_name=upload.name)
                except DomainError as error:
                    _show(request, form, error)
                else:
                    messages.success(request, _("Official scores imported."))
                    return redirect(reverse("surveys:results", args=[agency.code, year]))
    context = _context(
        request, agency, campaign=campaign, form=form,
        progress=selectors.campaign_progress(campaign), results=selectors.campaign_scores(campaign),
    )
    return render(request, "surveys/admin_results.html", context)
