"""IIT/EIT survey campaigns, single-use access codes and anonymous responses.

Anonymity by design: an `AccessCode` row is *deleted* when it is used, and a `Response` has a
random UUID key, only the date it was given, no foreign key to anything but its campaign,
and no address, agent or cookie. Nothing in the database says which code opened which
response (tests/test_surveys_anonymity.py scans every table to prove it).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Campaign(models.Model):
    """One agency's surveys for one fiscal year, reached through a short public code."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("not open yet")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    class IitMode(models.TextChoices):
        CODES = "codes", _("single-use access codes")
        OPEN_LINK = "open", _("open link")

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="survey_campaigns")
    framework = models.ForeignKey("frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (BE)"))
    public_code = models.CharField(_("public code"), max_length=12, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    iit_mode = models.CharField(_("how staff reach the IIT"), max_length=10, choices=IitMode.choices, default=IitMode.CODES)
    eligible_staff = models.PositiveIntegerField(_("staff with one year of service or more"), default=0)
    service_users = models.PositiveIntegerField(_("estimated number of service users"), null=True, blank=True)
    agency_group = models.CharField(_("agency group and size"), max_length=100, blank=True)
    opens_on = models.DateField(_("first day"), null=True, blank=True)
    closes_on = models.DateField(_("last day"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year"], name="campaign_one_per_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.fiscal_year}"

    def basis_value(self, basis: str):
        return {
            "eligible_staff": self.eligible_staff or None,
            "service_users": self.service_users,
            "agency_group": self.agency_group or None,
        }.get(basis)


class CodeBatch(models.Model):
    """A number of access codes issued at once (the codes themselves are `AccessCode` rows)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="code_batches")
    questionnaire = models.CharField(max_length=20)
    count = models.PositiveIntegerField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class AccessCode(models.Model):
    """An *unused* single-use code. Using it deletes the row, in the response's transaction."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="access_codes")
    questionnaire = models.CharField(max_length=20)
    code = models.CharField(max_length=20, unique=True)

    class Meta:
        ordering = ["id"]


class Response(models.Model):
    """One respondent's answers. Deliberately nothing else: see the module docstring."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    questionnaire = models.CharField(max_length=20)
    part = models.CharField(max_length=100, blank=True)
    submitted_on = models.DateField()
    answers = models.JSONField(help_text="answer row id -> answer value")

    class Meta:
        indexes = [models.Index(fields=["campaign", "questionnaire", "submitted_on"])]


class ImportedScore(models.Model):
    """An indicator score taken from the official national survey instead of our own."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="imported_scores")
    indicator = models.ForeignKey("frameworks.Indicator", on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(max_digits=6, decimal_places=2)
    source_name = models.CharField(max_length=200, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator__position"]
        constraints = [models.UniqueConstraint(fields=["campaign", "indicator"], name="importedscore_unique")]
