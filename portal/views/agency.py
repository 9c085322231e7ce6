"""The agency's public section (/p/<code>/...): home, item pages with every published version,
published files, search, the embeddable list, the JSON feed, questions and open data.

Anonymous and cookie-free: templates here extend portal/public_base.html, which has no form
that needs a CSRF cookie and never touches the session.
"""

from __future__ import annotations

from csp.utils import build_policy
from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from assessments.selectors import oit_scorecard
from lib.errors import DomainError
from lib.scoring import rounded
from lib.uploads import KINDS
from lib.thai import today_bangkok
from surveys.models import Campaign
from surveys.questionnaires import questionnaires_of
from surveys.services import campaign_accepting
from transparency import selectors
from transparency.models import Publication, PublishedFile

from .public import cacheable, public_language, public_page


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def open_surveys(agency) -> list[dict]:
    """Survey links of the agency's campaigns that take answers today (with their QR codes)."""
    today = today_bangkok()
    links = []
    for campaign in Campaign.objects.filter(agency=agency, status=Campaign.Status.OPEN).select_related("framework"):
        try:
            campaign_accepting(campaign, today)
        except DomainError:  # not open today: simply not shown
            continue
        for questionnaire in questionnaires_of(campaign.framework):
            links.append({
                "questionnaire": questionnaire,
                "url": absolute(reverse("surveys:survey", args=[campaign.public_code, questionnaire.code])),
                "qr": reverse("surveys:qr", args=[campaign.public_code, questionnaire.code, "svg"]),
            })
    return links


def published_results(assessment):
    """The confirmed OIT score, once the results phase of the calendar has begun."""
    if assessment is None:
        return None
    results = assessment.phases.filter(code="results").first()
    if results is None or results.start > today_bangkok():
        return None
    card = oit_scorecard(assessment, final=True)
    score = card.tools.get("OIT")
    return {"oit": rounded(score), "phase": results} if score is not None else None


def _context(agency, **extra) -> dict:
    return {"agency": agency, "profile": selectors.profile_of(agency), **extra}


@require_GET
@public_page
def agency_home(request, agency):
    assessment = selectors.current_assessment(agency)
    groups = selectors.item_groups(assessment) if assessment else []
    context = _context(
        agency,
        assessment=assessment,
        groups=groups,
        published_count=sum(1 for g in groups for i in g.items if i.latest),
        executives=selectors.public_executives(selectors.profile_of(agency)),
        divisions=list(agency.divisions.all()),
        surveys=open_surveys(agency),
        results=published_results(assessment),
        stats=selectors.question_stats(agency),
        canonical=absolute(reverse("portal:agency", args=[agency.code])),
    )
    return render(request, "portal/agency_home.html", context)


@require_GET
@public_page
def item_page(request, agency, item_code: str):
    assessment = selectors.current_assessment(agency)
    if assessment is None:
        raise Http404
    row, versions = selectors.public_item(assessment, item_code)
    context = _context(
        agency, assessment=assessment, row=row, item=row.item, versions=versions,
        canonical=absolute(reverse("portal:agency_item", args=[agency.code, item_code])),
    )
    return render(request, "portal/agency_item.html", context)


@require_GET
@public_page
def search(request, agency):
    query = request.GET.get("q", "").strip()[:100]
    hits = selectors.search(agency, query)
    return render(request, "portal/agency_search.html", _context(agency, query=query, hits=hits))


@require_GET
@public_page
@xframe_options_exempt
def embed(request, agency):
    """The item list for the agency's own website, in an iframe on its domains only."""
    assessment = selectors.current_assessment(agency)
    groups = selectors.item_groups(assessment) if assessment else []
    response = render(request, "portal/agency_embed.html", _context(agency, assessment=assessment, groups=groups))
    origins = " ".join(
        f"https://{d.domain} https://*.{d.domain}" for d in agency.domains.all()
    )
    # The site's policy (no inline script, ...) with only the framing allowance changed; set
    # here in full so the public page cache keeps it with the page.
    response["Content-Security-Policy"] = build_policy(replace={"frame-ancestors": ["'self'", *origins.split()]})
    return response


@require_GET
@public_page
def feed(request, agency):
    """JSON Feed 1.1 (jsonfeed.org) of the latest published version of every item."""
    assessment = selectors.current_assessment(agency)
    items = []
    for group in selectors.item_groups(assessment) if assessment else []:
        for entry in group.items:
            if entry.latest is None:
                continue
            url = absolute(reverse("portal:agency_item", args=[agency.code, entry.item.code]))
            items.append({
                "id": f"{url}#v{entry.latest.number}",
                "url": url,
                "title": f"{entry.item.code} {entry.item.title}",
                "date_published": entry.latest.published_at.isoformat(),
                "content_text": "\n".join(e.title for e in entry.latest.entries.all()),
                "_prongsai": {
                    "item": entry.item.code,
                    "group": group.heading,
                    "version": entry.latest.number,
                    "entries": [
                        {"title": e.title, "url": public_entry_url(agency, e), "effective_date": e.effective_date.isoformat() if e.effective_date else None}
                        for e in entry.latest.entries.all()
                    ],
                },
            })
    body = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": agency.name,
        "home_page_url": absolute(reverse("portal:agency", args=[agency.code])),
        "feed_url": absolute(reverse("portal:agency_feed", args=[agency.code])),
        "language": request.LANGUAGE_CODE,
        "items": items,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def public_entry_url(agency, entry) -> str:
    if entry.file_id:
        return absolute(reverse("portal:agency_file", args=[agency.code, entry.file.token, entry.file.file_name]))
    return entry.url


@require_GET
def published_file(request, code: str, token: str, name: str):
    """A published file at its stable address: PDFs inline, everything else as a download,
    never sniffed, sandboxed. Files that were never published have no address at all."""
    agency = selectors.public_agency(code)
    published = get_object_or_404(PublishedFile, agency=agency, token=token)
    if not default_storage.exists(published.storage_name):
        raise Http404
    kind = KINDS.get(published.file_type)
    inline = published.file_type == "pdf"
    response = FileResponse(
        default_storage.open(published.storage_name, "rb"), as_attachment=not inline, filename=published.file_name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def sitemap(request):
    """Every publishing agency's home, item pages with something published, Q&A and data pages."""
    public_language(request)
    urls = [absolute(reverse("portal:home"))]
    for agency in selectors.publishing_agencies():
        urls += [absolute(reverse(name, args=[agency.code])) for name in ("portal:agency", "portal:agency_questions", "portal:agency_data")]
    pairs = (
        Publication.objects.filter(agency__in=selectors.publishing_agencies())
        .values_list("agency__code", "assessment_item__item__code").distinct()
    )
    urls += [absolute(reverse("portal:agency_item", args=[code, item])) for code, item in pairs]
    response = render(request, "portal/sitemap.xml", {"urls": sorted(set(urls))}, content_type="application/xml")
    return cacheable(response, request)


@require_GET
@public_page
def participation(request, agency):
    records = selectors.participation_records(agency)
    return render(request, "portal/agency_participation.html", _context(agency, records=records))


@require_GET
@public_page
def services(request, agency):
    """E-services and monthly service counts: a bar chart with its table beside it."""
    context = _context(agency, e_services=selectors.e_services(agency), stats=selectors.service_stats(agency))
    return render(request, "portal/agency_services.html", context)
