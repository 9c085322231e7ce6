"""The recipients' side: their inbox, one report (read with their passphrase), answers and
handling steps; the admin's channel settings and recipients; each recipient's passphrase.

A report page answers 404 to everyone who holds no envelope of it — other staff, a person
the report concerns, another agency — so nobody learns that it exists.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from agencies.permissions import Perm, agency_view, has_perm
from audit.models import AuditEntry
from lib.errors import DomainError
from lib.thai import today_bangkok

from backoffice.views.common import agency_context
from backoffice.forms.complaints import (
    ChannelForm,
    MoveForm,
    PassphraseForm,
    RecipientForm,
    RecordedReportForm,
    SetPassphraseForm,
)
from complaints import services
from complaints.guideline import guideline
from complaints.models import Envelope, Recipient
from portal.forms.complaints import ReplyForm


def _context(request, agency, **extra) -> dict:
    return agency_context(request, agency, tab="complaints", guideline=guideline(),
                           can_configure=has_perm(request.user, agency, Perm.COMPLAINTS_CONFIGURE), **extra)


@require_GET
@agency_view(Perm.AGENCY_VIEW)
def inbox(request, agency):
    mine = Recipient.objects.filter(agency=agency, user=request.user, active=True).first()
    envelopes = (
        Envelope.objects.filter(recipient=mine).select_related("report__agency").order_by("report__due_on", "-report__received_on")
        if mine else Envelope.objects.none()
    )
    rules = guideline()
    rows = [(e.report, rules.state(e.report.state), rules.categories.get(e.report.category)) for e in envelopes]
    return render(request, "complaints/inbox.html", _context(request, agency, recipient=mine, rows=rows, today=today_bangkok()))


def _trail_sentence(action: str) -> str:
    """A handling step as a person reads it: "moved to Referred", "answered the reporter"."""
    step = action.rsplit(".", 1)[-1]
    if step == "answered":
        return _("answered the reporter")
    state = guideline().states.get(step)
    return _("moved the report to “%(state)s”") % {"state": state.label} if state else step


def _report_page(request, agency, envelope, *, opened=None, passphrase_form=None, reply_form=None, move_form=None, status=200):
    report = envelope.report
    trail = [
        (timezone.localtime(entry.created_at).date(), entry.actor, _trail_sentence(entry.action))
        for entry in AuditEntry.objects.filter(object_type="complaints.report", object_id=str(report.pk)).select_related("actor")
    ]
    return render(request, "complaints/report.html", _context(
        request, agency, report=report, state=guideline().state(report.state),
        category=guideline().categories.get(report.category), opened=opened,
        passphrase_form=passphrase_form or PassphraseForm(), reply_form=reply_form or ReplyForm(),
        move_form=move_form or MoveForm(state=report.state, initial={"base_version": report.version}),
        trail=trail,
    ), status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@agency_view(Perm.AGENCY_VIEW)
def report(request, agency, report_id):
    envelope = services.envelope_for(user=request.user, report_id=report_id)
    if envelope.recipient.agency_id != agency.pk:
        raise Http404
    if request.method == "GET":
        return _report_page(request, agency, envelope)
    action = request.POST.get("action")
    if action == "move":
        form = MoveForm(request.POST, state=envelope.report.state)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.report_move(actor=request.user, envelope=envelope, to_state=data["to_state"],
                                     base_version=data["base_version"], today=today_bangkok(), outcome=data["outcome"],
                                     referred_to=data["referred_to"], reference=data["reference"])
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
                return _report_page(request, agency, envelope, move_form=form, status=error.status)
            messages.success(request, _("The report moved to its next step."))
            return redirect(request.path)
        return _report_page(request, agency, envelope, move_form=form, status=400)
    passphrase_form = PassphraseForm(request.POST)
    reply_form = ReplyForm(request.POST, request.FILES) if action == "reply" else None
    if not passphrase_form.is_valid():
        return _report_page(request, agency, envelope, passphrase_form=passphrase_form, reply_form=reply_form, status=400)
    passphrase = passphrase_form.cleaned_data["passphrase"]
    try:
        key = services.report_key(envelope=envelope, passphrase=passphrase)
        if action == "file":
            attachment, data = services.attachment_read(report=envelope.report, key=key,
                                                        attachment_id=int(request.POST.get("attachment", "0") or 0))
            response = HttpResponse(data, content_type=attachment.content_type)
            response["Content-Disposition"] = "attachment; filename*=UTF-8''" + _quoted(attachment.name)
            response["X-Content-Type-Options"] = "nosniff"
            response["Cache-Control"] = "no-store"
            return response
        if action == "reply" and reply_form is not None:
            if not reply_form.is_valid():
                return _report_page(request, agency, envelope, opened=services.report_open(report=envelope.report, key=key),
                                    reply_form=reply_form, status=400)
            services.recipient_reply(actor=request.user, envelope=envelope, passphrase=passphrase,
                                     text=reply_form.cleaned_data["text"], files=request.FILES.getlist("files"),
                                     today=today_bangkok())
            messages.success(request, _("Your answer was sent. The reporter reads it with their receipt."))
            reply_form = None
    except DomainError as error:
        if error.field == "passphrase":
            passphrase_form.add_error("passphrase", str(error))
        elif reply_form is not None:
            reply_form.add_error(error.field if error.field in reply_form.fields else None, str(error))
        return _report_page(request, agency, envelope, passphrase_form=passphrase_form, reply_form=reply_form, status=error.status)
    response = _report_page(request, agency, envelope, opened=services.report_open(report=envelope.report, key=key),
                            reply_form=reply_form)
    response["Cache-Control"] = "no-store"
    return response


def _quoted(name: str) -> str:
    return quote(name, safe="")


@require_http_methods(["GET", "POST"])
@agency_view(Perm.COMPLAINTS_CONFIGURE)
def settings_page(request, agency):
    channel = services.channel_for(agency)
    members = User.objects.filter(memberships__agency=agency).distinct().order_by("full_name")
    user_choices = [(str(u.pk), str(u)) for u in members]
    channel_form = ChannelForm(agency=agency, initial={
        "open": channel.open, "escalation_agency": channel.escalation_agency,
        "chief_executive_label": channel.chief_executive_label, "retention_days": channel.retention_days,
    })
    recipient_form = RecipientForm(user_choices=user_choices)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "channel":
                channel_form = ChannelForm(request.POST, agency=agency)
                if channel_form.is_valid():
                    d = channel_form.cleaned_data
                    services.channel_configure(actor=request.user, agency=agency, open=d["open"],
                                               escalation_agency=d["escalation_agency"],
                                               chief_executive_label=d["chief_executive_label"],
                                               retention_days=d["retention_days"])
                    messages.success(request, _("Saved."))
                    return redirect(request.path)
            elif action == "recipient":
                recipient_form = RecipientForm(request.POST, user_choices=user_choices)
                if recipient_form.is_valid():
                    d = recipient_form.cleaned_data
                    services.recipient_designate(actor=request.user, agency=agency, user=members.get(pk=d["user"]),
                                                 position=d["position"], is_chief_executive=d["is_chief_executive"])
                    messages.success(request, _("Saved. The person now sets their own passphrase on the reports page."))
                    return redirect(request.path)
            elif action == "withdraw":
                recipient = Recipient.objects.filter(agency=agency, pk=request.POST.get("recipient", "0") or 0).first()
                if recipient is None:
                    raise Http404
                services.recipient_withdraw(actor=request.user, recipient=recipient)
                messages.success(request, _("The person no longer receives reports."))
                return redirect(request.path)
        except DomainError as error:
            messages.error(request, str(error))
    recipients = Recipient.objects.filter(agency=agency).select_related("user")
    return render(request, "complaints/settings.html", _context(
        request, agency, channel=channel, channel_form=channel_form, recipient_form=recipient_form, recipients=recipients,
    ), status=400 if request.method == "POST" else 200)


@never_cache
@require_http_methods(["GET", "POST"])
@agency_view(Perm.AGENCY_VIEW)
def passphrase(request, agency):
    recipient = Recipient.objects.filter(agency=agency, user=request.user, active=True).first()
    if recipient is None:
        raise Http404
    form = SetPassphraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recipient_set_passphrase(recipient=recipient, passphrase=form.cleaned_data["passphrase"],
                                              old_passphrase=form.cleaned_data["old_passphrase"])
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("Your passphrase is set. Keep it safe: nobody can recover it."))
            return redirect("complaints:inbox", code=agency.code)
    return render(request, "complaints/passphrase.html", _context(request, agency, recipient=recipient, form=form),
                  status=400 if request.method == "POST" else 200)


@never_cache
@require_http_methods(["GET", "POST"])
@agency_view(Perm.AGENCY_VIEW)
def record(request, agency):
    """A recipient takes down a report received by telephone, letter, e-mail or in person and
    hands the reporter their receipt, so they can follow it like anyone else."""
    recipient = Recipient.objects.filter(agency=agency, user=request.user, active=True).exclude(public_key=b"").first()
    if recipient is None:
        raise Http404
    choices = [(str(r.pk), r.position) for r in Recipient.objects.filter(agency=agency, active=True).exclude(public_key=b"")]
    form = RecordedReportForm(request.POST or None, request.FILES or None, concern_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            receipt = services.report_file(
                agency=agency, received_by=data["received_by"], today=today_bangkok(),
                data=services.ReportInput(
                    category=data["category"], what=data["what"], when=data["when"], where=data["where"],
                    people=data["people"], amount=data["amount"], contact=data["contact"],
                    concerns=[int(c) for c in data["concerns"]], files=request.FILES.getlist("files"),
                ),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            response = render(request, "complaints/public_receipt.html", {
                "agency": agency, "receipt": receipt, "state": guideline().state(receipt.report.state),
            })
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "complaints/record.html", _context(request, agency, recipient=recipient, form=form),
                  status=400 if request.method == "POST" else 200)
