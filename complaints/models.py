"""Corruption and misconduct reports, stored so that a copy of the database or of the media
folder shows no report text, file or name (see complaints/crypto.py and docs/complaints.md).

What stays in clear, because statistics and deadlines need it: the agency, the state, the
category, the channel, the outcome, and dates (day only). Nothing that identifies the
reporter is stored: no address, user agent, cookie, account or time of day.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelSettings(models.Model):
    """An agency's reporting channel: whether it is open, where reports go when they concern
    every recipient, and how long closed reports are kept."""

    agency = models.OneToOneField("agencies.Agency", on_delete=models.CASCADE, related_name="complaint_channel")
    open = models.BooleanField(_("open to the public"), default=False)
    escalation_agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("body above (receives reports that concern every recipient)"),
    )
    chief_executive_label = models.CharField(_("title of the chief executive"), max_length=120, default="นายก")
    retention_days = models.PositiveIntegerField(_("keep closed reports for (days)"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.agency}"


class Recipient(models.Model):
    """A person who receives the agency's reports, with their key pair. The private key is
    stored only wrapped under a key derived from their passphrase."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="complaint_recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    position = models.CharField(_("position shown to reporters"), max_length=200)
    is_chief_executive = models.BooleanField(_("is the chief executive"), default=False)
    public_key = models.BinaryField()
    wrapped_private_key = models.BinaryField()
    salt = models.BinaryField()
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "user"], name="one_recipient_key_per_agency_user")]
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.position


class Report(models.Model):
    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        SCREENED = "screened", _("Screened")
        INVESTIGATING = "investigating", _("Investigating")
        CONCLUDED = "concluded", _("Concluded")
        REFERRED = "referred", _("Referred")
        CLOSED = "closed", _("Closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="complaint_reports")
    # The agency whose recipients hold the report: the agency itself, or the body above.
    handled_by = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    receipt_digest = models.CharField(max_length=64, unique=True)
    reporter_salt = models.BinaryField()
    reporter_wrapped_key = models.BinaryField()
    body = models.BinaryField()  # encrypted JSON of the reporter's fields
    category = models.CharField(max_length=40)
    channel = models.CharField(max_length=20, default="web")
    state = models.CharField(max_length=20, choices=State.choices, default=State.RECEIVED)
    state_since = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=40, blank=True)
    referred_to = models.CharField(max_length=40, blank=True)
    referral_reference = models.CharField(max_length=120, blank=True)
    received_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    reminded_for = models.CharField(max_length=20, blank=True)  # the state a reminder went out for
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_on", "id"]
        indexes = [models.Index(fields=["agency", "received_on"]), models.Index(fields=["state", "due_on"])]


class Envelope(models.Model):
    """The report's key, sealed to one recipient."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="envelopes")
    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="envelopes")
    sealed_key = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "recipient"], name="one_envelope_per_recipient")]


class Message(models.Model):
    """One message between the reporter and the recipients, encrypted with the report's key."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    from_reporter = models.BooleanField()
    body = models.BinaryField()
    sent_on = models.DateField()

    class Meta:
        ordering = ["pk"]


def _attachment_path(instance, filename):
    # A random name: the real one is stored encrypted.
    return f"complaints/{uuid.uuid4().hex}.bin"


class Attachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    blob = models.FileField(upload_to=_attachment_path)  # encrypted bytes
    meta = models.BinaryField()  # encrypted JSON: name, content type

    class Meta:
        ordering = ["pk"]
