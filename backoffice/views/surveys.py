"""Survey pages for agency staff and assessors (/app/a/<agency>/surveys/...).

Everyone with a role in the agency sees progress and aggregate results; admins and assessors
run the campaign; only they see the access codes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agencies.access import VIEW_ROLES, agency_for, can_manage, roles_in
from agencies.models import Role
from lib.errors import DomainError, lazy_format
from lib.thai import fiscal_year_be

from surveys import selectors, services
from surveys.codes import access_code_display
from backoffice.forms.surveys import CampaignForm, CounterCodesForm, ImportForm
from surveys.models import AccessCode, Campaign
from surveys.qr import qr_svg_inline
from surveys.questionnaires import questionnaire_get, questionnaires_of
from portal.views.surveys import survey_url

MANAGE_ROLES = {Role.ADMIN, Role.ASSESSOR}
MAX_IMPORT_BYTES = 2_000_000  # a score list is a few hundred bytes; an XLSX of it a few kB
XLSX_MAGIC = b"PK\x03\x04"  # an XLSX workbook is a ZIP archive


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
            data = upload.read(MAX_IMPORT_BYTES + 1)
            source = {"source_name": upload.name}
            if len(data) > MAX_IMPORT_BYTES:
                _show(request, form, DomainError(_("The file is too large for a list of indicator scores."), field="file"))
            elif data.startswith(XLSX_MAGIC) or upload.name.lower().endswith(".xlsx"):
                source["xlsx"] = data
            else:
                try:
                    source["csv_text"] = data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    _show(request, form, DomainError(_("The file is not UTF-8 CSV text."), field="file"))
            if "xlsx" in source or "csv_text" in source:
                try:
                    services.official_scores_import(actor=request.user, campaign=campaign, **source)
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


def _poster_css() -> str:
    """The print stylesheet, inlined: Chromium reads the page from a file and sees no /static/."""
    from django.contrib.staticfiles import finders

    path = finders.find("css/surveys-print.css")
    if not path:
        return ""
    with open(path, encoding="utf-8") as handle:
        return handle.read()


PDF_UNAVAILABLE = gettext_lazy("The PDF cannot be made on this server right now: %(reason)s Print the HTML poster from the browser instead.")


@login_required
def poster_pdf(request, code: str, year: int, questionnaire_code: str = ""):
    """The A4 poster as PDF (Thai first): the agency, how to answer and the QR code of each
    survey (or of one survey when QUESTIONNAIRE_CODE is given), drawn by headless Chromium."""
    from documents.fonts import sarabun_url
    from documents.pdf import PdfRenderError, render_pdf

    agency = agency_for(request.user, code, VIEW_ROLES)
    campaign = _campaign(agency, year)
    questionnaires = questionnaires_of(campaign.framework)
    if questionnaire_code:
        questionnaires = [q for q in questionnaires if q.code == questionnaire_code]
        if not questionnaires:
            raise Http404
    surveys = []
    for q in questionnaires:
        url = survey_url(request, campaign, q.code)
        surveys.append({"questionnaire": q, "url": url, "uses_codes": services.uses_codes(campaign, q),
                        "qr": qr_svg_inline(url, scale=10, title=url, fit=True)})
    context = {
        "campaign": campaign, "agency": agency, "surveys": surveys, "css": _poster_css(), "font_url": sarabun_url(),
        "any_codes": any(s["uses_codes"] for s in surveys),
    }
    with translation.override("th"):  # a poster for the public: in Thai whatever the admin reads
        html = render_to_string("surveys/print_poster_pdf.html", context)
    try:
        body = render_pdf(html)
    except PdfRenderError as exc:
        error = DomainError(lazy_format(PDF_UNAVAILABLE, {"reason": str(exc)}), code="pdf_unavailable")
        context = _context(request, agency, campaign=campaign, error=error.bilingual())
        return render(request, "surveys/poster_pdf_error.html", context, status=503)
    response = HttpResponse(body, content_type="application/pdf")
    name = "-".join(filter(None, [agency.code, "surveys", str(year), questionnaire_code, "poster"]))
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@login_required
def progress(request):
    """Campaigns the user may follow, most at risk of missing their minimum first."""
    province = request.GET.get("province", "")
    below_only = request.GET.get("below") == "1"
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    rows = selectors.campaign_risks(request.user, province=province, below_only=below_only, fiscal_year=year)
    context = {
        "rows": rows, "province": province, "below_only": below_only, "year": year,
        "provinces": selectors.campaign_provinces(request.user), "years": selectors.campaign_years(request.user),
    }
    return render(request, "surveys/progress.html", context)
