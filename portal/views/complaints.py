"""The public side of the reporting channel: file a report, keep the receipt, follow it up,
read the statistics. No account, no cookie (the forms are protected by a signed one-time
proof-of-work challenge instead of a CSRF cookie), no address kept, no third-party code."""

from __future__ import annotations

import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from agencies.models import Agency
from lib.errors import DomainError
from lib.thai import fiscal_year_be, today_bangkok
from surveys import conf, guard

from complaints import services
from portal.views.public import cacheable, public_language
from complaints.guideline import guideline
from complaints.models import Recipient
from complaints.statistics import THRESHOLD, year_statistics
from portal.forms.complaints import ReplyForm, ReportForm, TrackForm


def _agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None or not services.channel_for(agency).open:
        raise Http404
    return agency


def _client(request) -> str:
    # The address as the trusted proxy saw it, grouped (/64 for IPv6), kept only as a keyed hash in the cache.
    return guard.client_key(guard.client_address(request.META))


def _scope(agency: Agency, what: str) -> str:
    return f"complaints:{what}:{agency.code}"


def _no_store(response):
    # Receipts, secrets and messages must not stay in a shared computer's cache.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _concern_choices(agency: Agency, channel) -> list[tuple[str, str]]:
    choices = [(str(r.pk), r.position) for r in Recipient.objects.filter(agency=agency, active=True).exclude(public_key=b"")
               if not r.is_chief_executive]
    return [("chief", channel.chief_executive_label)] + choices


def _check_guard(request, scope: str, *, counts_as_submission: bool = False) -> None:
    """Proof of work and rate limits: failed receipts per client, and new reports per client."""
    client = _client(request)
    failures = conf.failure_limit()
    if guard.count("fail", client, scope, failures) >= failures[0]:
        raise DomainError(_("Too many failed attempts from this device. Please wait a few minutes and try again."),
                          code="rate_limited")
    if counts_as_submission:
        limit = conf.open_link_limit()
        if guard.hit("sent", client, scope, limit) > limit[0]:
            raise DomainError(_("Too many reports from this device in a short time. Please wait a few minutes and try again."),
                              code="rate_limited")
    guard.challenge_check(scope, request.POST.get("pow_challenge", ""), request.POST.get("pow_solution", ""))


def _page(request, template: str, context: dict, scope: str, status: int = 200):
    challenge, bits = guard.challenge_issue(scope)
    context.update(challenge=challenge, bits=bits)
    return _no_store(render(request, template, context, status=status))


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def report(request, code: str):
    public_language(request)
    agency = _agency(code)
    channel = services.channel_for(agency)
    scope = _scope(agency, "report")
    choices = _concern_choices(agency, channel)
    context = {"agency": agency, "guideline": guideline()}
    if request.method == "GET":
        context["form"] = ReportForm(concern_choices=choices)
        return _page(request, "complaints/public_report.html", context, scope)
    form = ReportForm(request.POST, request.FILES, concern_choices=choices)
    context["form"] = form
    if not form.is_valid():
        return _page(request, "complaints/public_report.html", context, scope, status=400)
    data = form.cleaned_data
    concerns = [int(c) for c in data["concerns"] if c != "chief"]
    try:
        _check_guard(request, scope, counts_as_submission=True)
        receipt = services.report_file(
            agency=agency,
            data=services.ReportInput(
                category=data["category"], what=data["what"], when=data["when"], where=data["where"],
                people=data["people"], amount=data["amount"], contact=data["contact"], concerns=concerns,
                concerns_chief_executive="chief" in data["concerns"], files=request.FILES.getlist("files"),
            ),
            today=today_bangkok(),
        )
    except DomainError as error:
        guard.challenge_release(request.POST.get("pow_challenge", ""))
        if error.field in form.fields:
            form.add_error(error.field, str(error))
        else:
            context["error"] = str(error)
        return _page(request, "complaints/public_report.html", context, scope, status=error.status)
    return _no_store(render(request, "complaints/public_receipt.html", {
        "agency": agency, "receipt": receipt, "state": guideline().state(receipt.report.state),
    }))


def _tracked(request, agency: Agency, report, key, form=None, status: int = 200):
    scope = _scope(agency, "track")
    opened = services.report_open(report=report, key=key)
    context = {
        "agency": agency,
        "report": report,
        "state": guideline().state(report.state),
        "messages_list": opened.messages,
        "attachments": opened.attachments,
        "reply_form": form or ReplyForm(),
        "receipt_code": request.POST.get("receipt_code", ""),
        "receipt_secret": request.POST.get("receipt_secret", ""),
    }
    return _page(request, "complaints/public_track.html", context, scope, status=status)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def track(request, code: str):
    """Follow a report with its receipt. Every attempt costs a proof of work and failed ones
    are rate limited, so guessing a receipt is hopeless (see docs/complaints.md)."""
    public_language(request)
    agency = _agency(code)
    scope = _scope(agency, "track")
    if request.method == "GET":
        return _page(request, "complaints/public_track.html", {"agency": agency, "form": TrackForm()}, scope)
    form = TrackForm(request.POST)
    if not form.is_valid():
        return _page(request, "complaints/public_track.html", {"agency": agency, "form": form}, scope, status=400)
    client = _client(request)
    try:
        _check_guard(request, scope)
        report, key = services.report_unlock_by_receipt(
            code=form.cleaned_data["receipt_code"], secret=form.cleaned_data["receipt_secret"]
        )
        if report.agency_id != agency.pk:
            raise DomainError(_("This receipt was not recognised. Check both the code and the secret."), code="bad_receipt")
    except DomainError as error:
        if error.code == "bad_receipt":
            guard.hit("fail", client, scope, conf.failure_limit())
        return _page(request, "complaints/public_track.html", {"agency": agency, "form": form, "error": str(error)},
                     scope, status=400 if error.code == "bad_receipt" else error.status)
    if request.POST.get("stage") != "reply":
        return _tracked(request, agency, report, key)
    reply = ReplyForm(request.POST, request.FILES)
    if not reply.is_valid():
        return _tracked(request, agency, report, key, form=reply, status=400)
    try:
        services.reporter_message_send(report=report, key=key, text=reply.cleaned_data["text"],
                                       files=request.FILES.getlist("files"), today=today_bangkok())
    except DomainError as error:
        reply.add_error(error.field if error.field in reply.fields else None, str(error))
        return _tracked(request, agency, report, key, form=reply, status=error.status)
    return _tracked(request, agency, report, key)


def _year(request) -> int:
    current = fiscal_year_be(today_bangkok())
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and current - 20 <= int(raw) <= current else current


@require_GET
def statistics_data(request, code: str, fmt: str):
    """The same statistics as open data (CSV or JSON), small cells hidden the same way."""
    agency = _agency(code)
    stats = year_statistics(agency, _year(request))
    rows = [("month", m.isoformat()[:7], n) for m, n in stats.by_month]
    rows += [("category", label, n) for label, n in stats.by_category]
    rows += [("channel", label, n) for label, n in stats.by_channel]
    rows += [("outcome", label, n) for label, n in stats.by_outcome]
    rows += [("progress", label, n) for label, n in stats.by_progress]
    if fmt == "json":
        response = JsonResponse({
            "agency": agency.code, "fiscal_year_be": stats.year_be, "total": stats.total,
            "hidden_below": THRESHOLD, "rows": [{"group": g, "key": k, "count": n} for g, k, n in rows],
        }, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="complaints-{agency.code}-{stats.year_be}.csv"'
        writer = csv.writer(response)
        writer.writerow(["fiscal_year_be", "group", "key", "count"])
        for group, key, n in rows:
            writer.writerow([stats.year_be, group, key, f"<{THRESHOLD}" if n is None else n])
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def statistics(request, code: str):
    public_language(request)
    agency = _agency(code)
    current = fiscal_year_be(today_bangkok())
    year = _year(request)
    stats = year_statistics(agency, year)
    groups = [(_("Handling"), stats.by_progress), (_("By kind of wrongdoing"), stats.by_category),
              (_("By channel"), stats.by_channel), (_("By outcome"), stats.by_outcome)]
    return cacheable(render(request, "complaints/public_statistics.html", {
        "agency": agency, "stats": stats, "groups": groups, "years": range(current, current - 5, -1),
        "threshold": THRESHOLD,
    }), request)

