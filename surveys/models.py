"""IIT/EIT survey campaigns, single-use access codes and anonymous responses.

Anonymity by design (the threat model is docs/anonymity.md):
- an `AccessCode` row holds only a keyed digest of the code; the code itself exists only on the
  printed slips. Using a code deletes its row.
- an answer is first sealed (AES-GCM, key held by the application, not the database) into a
  `PendingResponse`; once at least `conf.release_batch()` (k) are waiting they are opened,
  shuffled and written as `Response` rows in one separate transaction. So rows, transaction
  ids, insertion order and dates tie a code to a batch of at least k responses, never to one.
- a `Response` has a random UUID key, only the day its batch was released, no foreign key to
  anything but its campaign, and no address, agent or cookie.
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
    extra_codes_approved = models.PositiveIntegerField(
        _("staff codes approved by an assessor beyond the eligible staff"), default=0
    )
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
    """One print run of access codes: who printed how many, when. The codes themselves are
    shown once, on that print, and kept only as digests (`AccessCode`)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="code_batches")
    questionnaire = models.CharField(max_length=20)
    count = models.PositiveIntegerField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class AccessCode(models.Model):
    """An *unused* single-use code, as a keyed digest (surveys.codes.access_code_digest).
    Using it deletes the row; the sealed answer written beside it cannot be read in the database."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="access_codes")
    questionnaire = models.CharField(max_length=20)
    digest = models.CharField(max_length=64, unique=True)

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


class PendingResponse(models.Model):
    """An answer waiting for its batch: sealed, no time, no code, random key (see docstring)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="pending_responses")
    questionnaire = models.CharField(max_length=20)
    sealed = models.BinaryField()


class ImportedScore(models.Model):
    """An indicator score taken from the official national survey instead of our own."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="imported_scores")
    indicator = models.ForeignKey("frameworks.Indicator", on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(max_digits=6, decimal_places=2)
    source_name = models.CharField(max_length=200, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["indicator__position"]
        constraints = [models.UniqueConstraint(fields=["campaign", "indicator"], name="importedscore_unique")]

    @property
    def verified(self) -> bool:
        return self.verified_at is not None


class ArrivalTally(models.Model):
    """How many answers arrived in one hour of one day: the coarse data behind the assessor's
    warning signs (bursts, night answers, a rate above the agency's size). It is added to when
    a batch is released (the hour travels sealed with the answer), never per answer, and holds
    no answer, no code and no finer time."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="arrival_tallies")
    questionnaire = models.CharField(max_length=20)
    day = models.DateField()
    hour = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "questionnaire", "day", "hour"], name="arrivaltally_unique")]


class ScoreImportJob(models.Model):
    """An uploaded workbook of official scores, read in the background (a workbook can be
    built to take minutes to parse). The file is kept with the job, so nothing is lost when
    reading fails; the page shows the outcome with a Thai — English message."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be read")
        RUNNING = "running", _("being read")
        DONE = "done", _("imported")
        FAILED = "failed", _("refused")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="score_imports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=200)
    data = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
