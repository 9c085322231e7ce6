"""Filing, reading, answering and handling corruption reports.

Every write goes through here. The reporter is never identified: no address, user agent,
cookie, account or time of day is stored, and filing writes no audit entry (an entry's
timestamp would date the report to the second). Handling steps are audited without the
agency on the entry, so the agency's own audit trail — read by its executives, who may be the
people a report concerns — does not show that a report exists; the report's recipients see
its trail on the report page.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from audit.services import audit_log
from lib.errors import ConflictError, DomainError, NotFoundError
from lib.errors import lazy_format
from lib.uploads import HEAD_BYTES, UploadRejected, sniff_upload

from . import crypto, receipts
from .guideline import guideline
from .models import Attachment, ChannelSettings, Envelope, Message, Recipient, Report
from .scrub import SCRUBBABLE, scrub

MAX_TEXT = 10_000
MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass
class ReportInput:
    category: str
    what: str
    when: str = ""
    where: str = ""
    people: str = ""
    amount: str = ""
    contact: str = ""
    concerns: list[int] = field(default_factory=list)  # recipients the report concerns
    concerns_chief_executive: bool = False
    files: list = field(default_factory=list)


@dataclass(frozen=True)
class Receipt:
    code: str
    secret: str
    report: Report
    escalated: bool


def channel_for(agency: Agency) -> ChannelSettings:
    channel, _created = ChannelSettings.objects.get_or_create(agency=agency)
    return channel


def _clean_text(value: str, field_name: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_("Please say what happened."), field=field_name)
    if len(value) > MAX_TEXT:
        raise DomainError(
            lazy_format(_("Please keep this under %(count)s characters."), {"count": f"{MAX_TEXT:,}"}), field=field_name
        )
    return value


def _route(agency: Agency, channel: ChannelSettings, data: ReportInput) -> tuple[Agency, list[Recipient], bool]:
    """Who may read the report: the agency's recipients it does not concern, else the body above."""
    recipients = [r for r in Recipient.objects.filter(agency=agency, active=True).exclude(public_key=b"")]
    excluded = set(data.concerns)
    kept = [
        r for r in recipients
        if r.pk not in excluded and not (data.concerns_chief_executive and r.is_chief_executive)
    ]
    if kept:
        return agency, kept, False
    above = channel.escalation_agency
    if above is not None:
        upper = list(Recipient.objects.filter(agency=above, active=True).exclude(public_key=b""))
        if upper:
            return above, upper, True
    raise DomainError(
        _("This agency has nobody else who can receive a report about these people. Please report it directly to "
          "the NACC (สำนักงาน ป.ป.ช., hotline 1205) or the PACC (1206). Nothing you wrote was sent or stored."),
        code="no_recipient", status=409,
    )


def _encrypt_json(key: bytes, data: dict) -> bytes:
    return crypto.encrypt(key, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _decrypt_json(key: bytes, blob: bytes) -> dict:
    return json.loads(crypto.decrypt(key, bytes(blob)).decode("utf-8"))


def _checked_files(files) -> list[tuple[str, str, bytes]]:
    if len(files) > MAX_FILES:
        raise DomainError(lazy_format(_("Attach at most %(count)s files."), {"count": MAX_FILES}), field="files")
    checked = []
    for upload in files:
        upload.seek(0)
        head = upload.read(HEAD_BYTES)
        upload.seek(0)
        kind = sniff_upload(upload.name, head, upload.size, max_bytes=MAX_FILE_BYTES, content=upload.file)
        if kind.code not in SCRUBBABLE:
            raise UploadRejected(
                _("Attach a PDF, a JPEG or PNG photo, a Word file (.docx) or a text file."), "unsupported"
            )
        upload.seek(0)
        checked.append((upload.name[-120:], kind.content_type, scrub(kind.code, upload.read())))
    return checked


def _store_files(report: Report, key: bytes, files, message: Message | None = None) -> None:
    for name, content_type, data in files:
        attachment = Attachment(report=report, message=message)
        attachment.meta = _encrypt_json(key, {"name": name, "content_type": content_type, "size": len(data)})
        attachment.blob.save("x.bin", ContentFile(crypto.encrypt(key, data)), save=False)
        attachment.save()


def _due(state: str, since: dt.date) -> dt.date | None:
    days = guideline().state(state).deadline_days
    return since + dt.timedelta(days=days) if days else None


def report_file(*, agency: Agency, data: ReportInput, today: dt.date, received_by: str = "web") -> Receipt:
    """File a report. RECEIVED_BY is the channel: "web" from the public form, or the
    telephone, letter, e-mail or counter through which a recipient took it down."""
    channel = channel_for(agency)
    if received_by not in guideline().channels:
        raise DomainError(_("Choose how the report was received."), field="received_by")
    if received_by == "web" and not channel.open:
        raise DomainError(_("This agency does not take reports through Prongsai."), code="closed", status=404)
    if data.category not in guideline().categories:
        raise DomainError(_("Choose what kind of wrongdoing it is."), field="category")
    body = {
        "what": _clean_text(data.what, "what", required=True),
        "when": _clean_text(data.when, "when"),
        "where": _clean_text(data.where, "where"),
        "people": _clean_text(data.people, "people"),
        "amount": _clean_text(data.amount, "amount"),
        "contact": _clean_text(data.contact, "contact"),
    }
    files = _checked_files(data.files)
    handler, recipients, escalated = _route(agency, channel, data)
    key = crypto.new_key()
    code, secret = receipts.new_code(), receipts.new_secret()
    salt = crypto.new_salt()
    with transaction.atomic():
        report = Report(
            agency=agency,
            handled_by=handler,
            receipt_digest=receipts.digest(code),
            reporter_salt=salt,
            reporter_wrapped_key=crypto.encrypt(crypto.derive_key(secret, salt), key),
            body=_encrypt_json(key, body),
            category=data.category,
            channel=received_by,
            state=Report.State.RECEIVED,
            state_since=today,
            due_on=_due(Report.State.RECEIVED, today),
            received_on=today,
        )
        report.full_clean(exclude=["body", "reporter_salt", "reporter_wrapped_key"])
        report.save()
        Envelope.objects.bulk_create(
            [Envelope(report=report, recipient=r, sealed_key=crypto.seal(bytes(r.public_key), key)) for r in recipients]
        )
        _store_files(report, key, files)
    return Receipt(code=code, secret=secret, report=report, escalated=escalated)


# --- the reporter, with the receipt --------------------------------------------------------

_UNKNOWN_RECEIPT = _("This receipt was not recognised. Check both the code and the secret.")


def report_unlock_by_receipt(*, code: str, secret: str) -> tuple[Report, bytes]:
    """The report and its key, for the holder of the receipt. One message for every failure,
    so a guess learns nothing about which half was wrong."""
    canonical_code = receipts.normalise(code, receipts.CODE_SYMBOLS)
    canonical_secret = receipts.normalise(secret, receipts.SECRET_SYMBOLS)
    if canonical_code is None or canonical_secret is None:
        raise DomainError(_UNKNOWN_RECEIPT, code="bad_receipt")
    report = Report.objects.filter(receipt_digest=receipts.digest(canonical_code)).first()
    if report is None:
        # No Argon2 work for an unknown code: a flood of guesses must not cost the server
        # 64 MiB each. That an 80-bit code exists is worth nothing without its secret.
        raise DomainError(_UNKNOWN_RECEIPT, code="bad_receipt")
    try:
        key = crypto.decrypt(crypto.derive_key(canonical_secret, bytes(report.reporter_salt)), report.reporter_wrapped_key)
    except crypto.WrongKey:
        raise DomainError(_UNKNOWN_RECEIPT, code="bad_receipt") from None
    return report, key


def reporter_message_send(*, report: Report, key: bytes, text: str, files, today: dt.date) -> Message:
    if report.state == Report.State.CLOSED:
        raise DomainError(_("This report is closed; file a new report if something else happened."), code="closed")
    text = _clean_text(text, "text", required=True)
    checked = _checked_files(files)
    with transaction.atomic():
        message = Message.objects.create(report=report, from_reporter=True, body=crypto.encrypt(key, text.encode()), sent_on=today)
        _store_files(report, key, checked, message)
    return message


# --- recipients ----------------------------------------------------------------------------

MIN_PASSPHRASE = 12


def recipient_designate(*, actor, agency: Agency, user, position: str, is_chief_executive: bool = False) -> Recipient:
    """The ITA admin names who receives reports; the person then sets their own passphrase."""
    position = position.strip()
    if not position:
        raise DomainError(_("Give the position reporters will see, e.g. หัวหน้าหน่วยตรวจสอบภายใน."), field="position")
    if not user.memberships.filter(agency=agency).exists():
        raise DomainError(_("A recipient must hold a role in this agency."), field="user")
    with transaction.atomic():
        recipient, created = Recipient.objects.get_or_create(
            agency=agency, user=user,
            defaults={"position": position, "is_chief_executive": is_chief_executive,
                      "public_key": b"", "wrapped_private_key": b"", "salt": b""},
        )
        if not created:
            recipient.position, recipient.is_chief_executive, recipient.active = position, is_chief_executive, True
            recipient.save()
        audit_log(actor=actor, action="complaints.recipient.designated", target=recipient, agency=agency,
                  payload={"position": position})
    return recipient


def recipient_withdraw(*, actor, recipient: Recipient) -> None:
    with transaction.atomic():
        recipient.active = False
        recipient.save(update_fields=["active"])
        audit_log(actor=actor, action="complaints.recipient.withdrawn", target=recipient, agency=recipient.agency)


def recipient_set_passphrase(*, recipient: Recipient, passphrase: str, old_passphrase: str = "") -> Recipient:
    """First time: create the key pair. Later: wrap the same private key under a new passphrase."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise DomainError(
            lazy_format(_("Use a passphrase of at least %(count)s characters."), {"count": MIN_PASSPHRASE}),
            field="passphrase",
        )
    if bytes(recipient.public_key):
        try:
            pair = crypto.keypair_rewrap(old_passphrase, passphrase, salt=bytes(recipient.salt),
                                         wrapped_private_key=bytes(recipient.wrapped_private_key))
        except crypto.WrongKey:
            raise DomainError(_("The current passphrase is wrong."), field="old_passphrase") from None
    else:
        pair = crypto.keypair_create(passphrase)
    with transaction.atomic():
        recipient.public_key, recipient.wrapped_private_key, recipient.salt = pair.public_key, pair.wrapped_private_key, pair.salt
        recipient.save()
        audit_log(actor=recipient.user, action="complaints.recipient.passphrase_set", target=recipient, agency=recipient.agency)
    return recipient


def envelope_for(*, user, report_id) -> Envelope:
    """The user's envelope of this report, or 404: anyone else learns nothing, not even that it exists."""
    envelope = (
        Envelope.objects.select_related("report__agency", "report__handled_by", "recipient")
        .filter(report_id=report_id, recipient__user=user, recipient__active=True)
        .first()
    )
    if envelope is None:
        raise NotFoundError(_("Not found"))
    return envelope


def report_key(*, envelope: Envelope, passphrase: str) -> bytes:
    recipient = envelope.recipient
    try:
        private = crypto.keypair_unlock(passphrase, salt=bytes(recipient.salt),
                                        wrapped_private_key=bytes(recipient.wrapped_private_key))
        return crypto.unseal(private, bytes(envelope.sealed_key))
    except crypto.WrongKey:
        raise DomainError(_("The passphrase is wrong."), field="passphrase", code="wrong_passphrase") from None


@dataclass(frozen=True)
class OpenedAttachment:
    pk: int
    name: str
    content_type: str
    size: int
    message_id: int | None


@dataclass(frozen=True)
class OpenedReport:
    report: Report
    body: dict
    messages: list[tuple[Message, str]]
    attachments: list[OpenedAttachment]


def report_open(*, report: Report, key: bytes) -> OpenedReport:
    messages = [(m, crypto.decrypt(key, bytes(m.body)).decode()) for m in report.messages.all()]
    attachments = []
    for a in report.attachments.all():
        meta = _decrypt_json(key, a.meta)
        attachments.append(OpenedAttachment(a.pk, meta["name"], meta["content_type"], meta["size"], a.message_id))
    return OpenedReport(report, _decrypt_json(key, report.body), messages, attachments)


def attachment_read(*, report: Report, key: bytes, attachment_id: int) -> tuple[OpenedAttachment, bytes]:
    attachment = report.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFoundError(_("Not found"))
    meta = _decrypt_json(key, attachment.meta)
    with attachment.blob.open("rb") as handle:
        data = crypto.decrypt(key, handle.read())
    return OpenedAttachment(attachment.pk, meta["name"], meta["content_type"], meta["size"], attachment.message_id), data


def recipient_reply(*, actor, envelope: Envelope, passphrase: str, text: str, files, today: dt.date) -> Message:
    report = envelope.report
    key = report_key(envelope=envelope, passphrase=passphrase)
    text = _clean_text(text, "text", required=True)
    checked = _checked_files(files)
    with transaction.atomic():
        message = Message.objects.create(report=report, from_reporter=False, body=crypto.encrypt(key, text.encode()), sent_on=today)
        _store_files(report, key, checked, message)
        audit_log(actor=actor, action="complaints.report.answered", target=report)
    return message


def report_move(
    *, actor, envelope: Envelope, to_state: str, base_version: int, today: dt.date,
    outcome: str = "", referred_to: str = "", reference: str = "",
) -> Report:
    """Move the report along the guideline; referral needs the body and its reference, and
    concluding needs an outcome."""
    rules = guideline()
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=envelope.report_id)
        if report.version != base_version:
            raise ConflictError(_("Someone else moved this report while you were working on it. Reload and check."))
        if to_state not in rules.state(report.state).next:
            raise DomainError(
                lazy_format(_("A report that is “%(state)s” cannot go to “%(target)s”."),
                            {"state": rules.state(report.state).label, "target": rules.states[to_state].label
                             if to_state in rules.states else to_state}),
                code="out_of_order",
            )
        if to_state == Report.State.REFERRED:
            if referred_to not in rules.referral_bodies or not reference.strip():
                raise DomainError(_("Say which body the report went to and give its reference."), field="reference")
            report.referred_to, report.referral_reference = referred_to, reference.strip()[:120]
            report.outcome = "referred"
        if to_state == Report.State.CONCLUDED:
            if outcome not in rules.outcomes:
                raise DomainError(_("Choose the outcome."), field="outcome")
            report.outcome = outcome
        report.state, report.state_since = to_state, today
        report.due_on = _due(to_state, today)
        report.closed_on = today if to_state == Report.State.CLOSED else None
        report.reminded_for = ""
        report.version += 1
        report.save()
        audit_log(actor=actor, action=f"complaints.report.{to_state}", target=report,
                  payload={"outcome": report.outcome, "referred_to": report.referred_to})
    return report


def channel_configure(*, actor, agency: Agency, open: bool, escalation_agency: Agency | None,
                      chief_executive_label: str, retention_days: int | None) -> ChannelSettings:
    if escalation_agency is not None and escalation_agency.pk == agency.pk:
        raise DomainError(_("The body above must be another agency."), field="escalation_agency")
    if retention_days is not None and retention_days < 365:
        raise DomainError(_("Keep closed reports for at least 365 days."), field="retention_days")
    with transaction.atomic():
        channel = channel_for(agency)
        channel.open, channel.escalation_agency = open, escalation_agency
        channel.chief_executive_label = chief_executive_label.strip() or channel.chief_executive_label
        channel.retention_days = retention_days
        channel.full_clean()
        channel.save()
        audit_log(actor=actor, action="complaints.channel.configured", target=channel, agency=agency,
                  payload={"open": open, "escalation_agency": escalation_agency.code if escalation_agency else None,
                           "retention_days": retention_days})
    return channel


def reports_purge(*, today: dt.date) -> int:
    """Delete closed reports past their agency's retention period, files included; audited."""
    default_days = guideline().retention_days
    retention = dict(ChannelSettings.objects.values_list("agency_id", "retention_days"))
    deleted = 0
    for report in Report.objects.filter(state=Report.State.CLOSED, closed_on__isnull=False).select_related("handled_by"):
        days = retention.get(report.agency_id) or default_days
        if report.closed_on + dt.timedelta(days=days) > today:
            continue
        with transaction.atomic():
            for attachment in report.attachments.all():
                attachment.blob.delete(save=False)
            audit_log(actor=None, action="complaints.report.deleted", target=report,
                      payload={"closed_on": report.closed_on.isoformat(), "retention_days": days})
            report.delete()
        deleted += 1
    return deleted


def reports_remind(*, today: dt.date) -> int:
    """Tell each report's recipients, once per step, that its deadline is near or past. The
    e-mail says only when the report came in and when the step is due: never its content."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils import translation

    from lib.thai import thai_date

    horizon = today + dt.timedelta(days=guideline().reminder_days_before)
    due = (Report.objects.filter(due_on__isnull=False, due_on__lte=horizon)
           .exclude(state=Report.State.CLOSED).prefetch_related("envelopes__recipient__user"))
    sent = 0
    for report in due:
        if report.reminded_for == report.state:
            continue
        with translation.override("th"):
            for envelope in report.envelopes.all():
                recipient = envelope.recipient
                if not recipient.active:
                    continue
                url = settings.SITE_URL + reverse(
                    "complaints:report_detail", kwargs={"code": recipient.agency.code, "report_id": report.pk}
                )
                body = str(lazy_format(
                    _("A report received on %(received)s needs its next step by %(due)s.\n%(url)s"),
                    {"received": thai_date(report.received_on), "due": thai_date(report.due_on), "url": url},
                ))
                send_mail(str(_("A corruption report needs its next step")), body, None, [recipient.user.email])
                sent += 1
        Report.objects.filter(pk=report.pk).update(reminded_for=report.state)
    return sent
