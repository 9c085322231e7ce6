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
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agencies.permissions import Perm, agency_view, has_perm, require_perm
from backoffice.forms.surveys import ApproveCodesForm, CampaignForm, CounterCodesForm, ImportForm, PrintCodesForm
from lib.errors import DomainError, lazy_format
from lib.thai import fiscal_year_be, today_bangkok
from portal.views.surveys import survey_url
from surveys import conf, selectors, services
from surveys.codes import access_code_display
from surveys.models import Campaign
from surveys.qr import qr_svg_inline
from surveys.questionnaires import questionnaire_get, questionnaires_of

from .common import agency_context, form_error

MAX_IMPORT_BYTES = 2_000_000  # a score list is a few hundred bytes; an XLSX of it a few kB
XLSX_MAGIC = b"PK\x03\x04"  # an XLSX workbook is a ZIP archive


def _context(request, agency, **extra) -> dict:
    context = agency_context(request, agency, **extra)
    # Admins and assessors run the campaign; only they print access codes.
    context["may_run"] = Perm.SURVEYS_RUN in context["agency_perms"]
    context["may_verify"] = Perm.SURVEYS_VERIFY in context["agency_perms"]
    return context


def _campaign(agency, year: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("agency", "framework"), agency=agency, fiscal_year=year)


@agency_view(Perm.SURVEYS_VIEW)
def campaigns(request, agency):
    may_run = has_perm(request.user, agency, Perm.SURVEYS_RUN)
    form = None
    if may_run:
        form = CampaignForm(request.POST or None, initial={"fiscal_year": fiscal_year_be(today_bangkok()), "iit_mode": "codes", "eligible_staff": 0})
    if request.method == "POST":
        require_perm(request.user, agency, Perm.SURVEYS_RUN)
        if form.is_valid():
            data = form.cleaned_data
            try:
                campaign = services.campaign_create(
                    actor=request.user, agency=agency, framework=data["framework"], fiscal_year=data["fiscal_year"],
                    iit_mode=data["iit_mode"], eligible_staff=data["eligible_staff"], service_users=data["service_users"],
                    agency_group=data["agency_group"], opens_on=data["opens_on"], closes_on=data["closes_on"],
                )
            except DomainError as error:
                form_error(request, form, error)
            else:
                messages.success(request, _("Surveys created."))
                return redirect("surveys:campaign", code=agency.code, year=campaign.fiscal_year)
    rows = agency.survey_campaigns.select_related("framework")
    return render(request, "surveys/admin_campaigns.html", _context(request, agency, rows=rows, form=form))


@agency_view(Perm.SURVEYS_VIEW)
def campaign(request, agency, year: int):
    campaign = _campaign(agency, year)
    may_run = has_perm(request.user, agency, Perm.SURVEYS_RUN)
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
        require_perm(request.user, agency, Perm.SURVEYS_RUN)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.campaign_update(
                    actor=request.user, campaign=campaign, iit_mode=data["iit_mode"], eligible_staff=data["eligible_staff"],
                    service_users=data["service_users"], agency_group=data["agency_group"],
                    opens_on=data["opens_on"], closes_on=data["closes_on"],
                )
            except DomainError as error:
                form_error(request, form, error)
            else:
                messages.success(request, _("Settings saved."))
                return redirect("surveys:campaign", code=agency.code, year=year)
    services.responses_release_if_over(campaign=campaign)
    links = [
        {"questionnaire": q, "url": survey_url(request, campaign, q.code), "uses_codes": services.uses_codes(campaign, q)}
        for q in questionnaires_of(campaign.framework)
    ]
    context = _context(
        request, agency, campaign=campaign, form=form, links=links, counter_form=CounterCodesForm(),
        progress=selectors.campaign_progress(campaign),
    )
    if context["may_verify"]:
        context["warnings"] = selectors.campaign_warnings(campaign)
        context["approve_form"] = ApproveCodesForm(initial={"extra": campaign.extra_codes_approved})
    return render(request, "surveys/admin_campaign.html", context)


@require_POST
@agency_view(Perm.SURVEYS_RUN)
def status(request, agency, year: int):
    campaign = _campaign(agency, year)
    try:
        services.campaign_set_status(actor=request.user, campaign=campaign, status=request.POST.get("status", ""))
    except DomainError as error:
        messages.error(request, error.bilingual())
    else:
        messages.success(request, _("Status changed."))
    return redirect("surveys:campaign", code=agency.code, year=year)


@never_cache
@require_POST
@agency_view(Perm.SURVEYS_RUN)
def counter_codes(request, agency, year: int, questionnaire_code: str):
    """Counter codes for a public survey: printed at once, like staff codes (see `slips`)."""
    return _slips(request, agency, year, questionnaire_code)


@never_cache
@agency_view(Perm.SURVEYS_RUN)
def slips(request, agency, year: int, questionnaire_code: str):
    return _slips(request, agency, year, questionnaire_code)


def _slips(request, agency, year: int, questionnaire_code: str):
    """Print code slips. GET: how many may still be printed, and every earlier print run
    (who, when, how many). POST: make that many codes and show them, once, to print: the
    database keeps only digests, so they can never be shown again. Every print is audited."""
    campaign = _campaign(agency, year)
    questionnaire = questionnaire_get(campaign.framework, questionnaire_code)
    if questionnaire is None:
        raise Http404
    left = services.codes_left_to_print(campaign, questionnaire)
    form = PrintCodesForm(request.POST or None, initial={"count": left if left else 50})
    if request.method == "POST" and form.is_valid():
        try:
            batch, printed = services.access_codes_print(
                actor=request.user, campaign=campaign, questionnaire_code=questionnaire.code, count=form.cleaned_data["count"]
            )
        except DomainError as error:
            messages.error(request, error.bilingual())
        else:
            url = survey_url(request, campaign, questionnaire.code)
            context = {
                "campaign": campaign, "agency": agency, "questionnaire": questionnaire, "url": url, "batch": batch,
                "codes": [access_code_display(c) for c in printed], "qr": qr_svg_inline(url, scale=2),
            }
            return render(request, "surveys/print_slips.html", context)
    elif request.method == "POST":
        messages.error(request, _("Give a number of codes between 1 and 5000."))
    batches = campaign.code_batches.filter(questionnaire=questionnaire.code).select_related("issued_by")
    context = _context(request, agency, campaign=campaign, questionnaire=questionnaire, form=form, left=left, batches=batches)
    return render(request, "surveys/admin_slips.html", context)


@agency_view(Perm.SURVEYS_VERIFY)
@require_POST
def codes_approve(request, agency, year: int):
    """An assessor allows staff codes beyond the eligible staff (audited with the reason)."""
    campaign = _campaign(agency, year)
    form = ApproveCodesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a number of codes and the reason."))
    else:
        try:
            services.campaign_codes_approve(actor=request.user, campaign=campaign, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.bilingual())
        else:
            messages.success(request, _("Extra codes approved."))
    return redirect("surveys:campaign", code=agency.code, year=year)


@agency_view(Perm.SURVEYS_VERIFY)
@require_POST
def scores_verify(request, agency, year: int):
    """An assessor confirms the official scores the agency entered."""
    campaign = _campaign(agency, year)
    try:
        services.official_scores_verify(actor=request.user, campaign=campaign)
    except DomainError as error:
        messages.error(request, error.bilingual())
    else:
        messages.success(request, _("Official scores confirmed: they now count in the total."))
    return redirect("surveys:results", code=agency.code, year=year)


@agency_view(Perm.SURVEYS_VIEW)
def poster(request, agency, year: int, questionnaire_code: str):
    """An A4 poster with the QR code and how to answer (print it from the browser)."""
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


@agency_view(Perm.SURVEYS_VIEW)
def results(request, agency, year: int):
    campaign = _campaign(agency, year)
    may_run = has_perm(request.user, agency, Perm.SURVEYS_RUN)
    form = ImportForm(request.POST or None, request.FILES or None) if may_run else None
    if request.method == "POST":
        require_perm(request.user, agency, Perm.SURVEYS_RUN)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read(MAX_IMPORT_BYTES + 1)
            source = {"source_name": upload.name}
            if len(data) > MAX_IMPORT_BYTES:
                form_error(request, form, DomainError(_("The file is too large for a list of indicator scores."), field="file"))
            elif data.startswith(XLSX_MAGIC) or upload.name.lower().endswith(".xlsx"):
                # A workbook can be built to take minutes to read: it is read in the background.
                services.score_import_request(actor=request.user, campaign=campaign, filename=upload.name, data=data)
                messages.info(request, _("The workbook is being read in the background; the outcome appears below."))
                return redirect(reverse("surveys:results", args=[agency.code, year]) + "#imports")
            else:
                try:
                    source["csv_text"] = data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    form_error(request, form, DomainError(_("The file is not UTF-8 CSV text."), field="file"))
            if "csv_text" in source:
                try:
                    services.official_scores_import(actor=request.user, campaign=campaign, **source)
                except DomainError as error:
                    form_error(request, form, error)
                else:
                    messages.success(request, _("Official scores imported."))
                    return redirect(reverse("surveys:results", args=[agency.code, year]))
    services.responses_release_if_over(campaign=campaign)
    context = _context(
        request, agency, campaign=campaign, form=form, k=conf.release_batch(),
        imports=campaign.score_imports.select_related("requested_by")[:5] if may_run else [],
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


@agency_view(Perm.SURVEYS_VIEW)
def poster_pdf(request, agency, year: int, questionnaire_code: str = ""):
    """The A4 poster as PDF (Thai first): the agency, how to answer and the QR code of each
    survey (or of one survey when QUESTIONNAIRE_CODE is given), drawn by headless Chromium."""
    from documents.fonts import sarabun_url
    from documents.pdf import PdfRenderError, render_pdf

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
