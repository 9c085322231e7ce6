"""What an agency shows the public: its profile, frozen publications of OIT items with their
files, the questions citizens ask and the checks of the addresses handed to ITAS.

A publication is never edited: publishing again makes the next numbered version, and every
version stays visible. Files are served from their own stable address (`PublishedFile.token`),
the same across versions while the stored file is the same.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(12)


class PublicProfile(models.Model):
    """The agency's public page: whether it is on, its contacts and the executives it names."""

    agency = models.OneToOneField("agencies.Agency", on_delete=models.CASCADE, related_name="public_profile")
    is_public = models.BooleanField(_("show the public section"), default=False)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    office_hours_th = models.CharField(_("office hours"), max_length=200, blank=True)
    executives = models.ManyToManyField(
        "agencies.Person", blank=True, related_name="+", verbose_name=_("executives shown to the public")
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.agency} public profile"


class Publication(models.Model):
    """One dated, frozen version of what the agency published for one OIT item."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="publications")
    assessment_item = models.ForeignKey(
        "assessments.AssessmentItem", on_delete=models.PROTECT, related_name="publications"
    )
    number = models.PositiveIntegerField()
    source_revision = models.ForeignKey("assessments.EvidenceRevision", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment_item", "number"], name="publication_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_item} v{self.number}"


class PublishedFile(models.Model):
    """A stored evidence file that has been published, at a stable public address."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="published_files")
    token = models.CharField(max_length=32, unique=True, default=new_token)
    storage_name = models.CharField(max_length=300)
    file_name = models.CharField(max_length=255)
    file_type = models.CharField(max_length=20, blank=True)
    first_published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "storage_name"], name="publishedfile_unique_storage")
        ]

    def __str__(self) -> str:
        return self.file_name


class PublishedEntry(models.Model):
    """A copy of one evidence entry as it was published."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="entries")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=2000, blank=True)
    file = models.ForeignKey(PublishedFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    effective_date = models.DateField(null=True, blank=True)
    covers_to = models.DateField(null=True, blank=True)
    none_statement = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A citizen's question (no account, no address kept) and the agency's answer."""

    class State(models.TextChoices):
        NEW = "new", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered, waiting for moderation")
        PUBLISHED = "published", _("Published")
        PRIVATE = "private", _("Answered privately")
        REJECTED = "rejected", _("Not published")

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"), max_length=2000)
    contact = models.CharField(_("contact (optional)"), max_length=200, blank=True)
    is_private = models.BooleanField(_("keep my question private"), default=False)
    receipt_hash = models.CharField(max_length=64, unique=True)
    asked_at = models.DateTimeField(default=timezone.now, db_index=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.NEW, db_index=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return self.text[:60]


class AddressCheck(models.Model):
    """The last anonymous check of one public address handed to ITAS."""

    class Outcome(models.TextChoices):
        OK = "ok", _("OK")
        FAILED = "failed", _("Failed")

    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="address_checks")
    url = models.URLField(max_length=2000)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    status = models.PositiveIntegerField(null=True, blank=True)
    problems = models.JSONField(default=list)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-checked_at"]
        constraints = [models.UniqueConstraint(fields=["assessment", "url"], name="addresscheck_unique_url")]


class ParticipationRecord(models.Model):
    """A consultation or activity where outsiders took part in the agency's work (published when recorded)."""

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Consultation")
        ACTIVITY = "activity", _("Activity")

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="participation_records")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONSULTATION)
    title_th = models.CharField(_("subject"), max_length=300)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    participants_th = models.TextField(_("who took part"))
    participant_count = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    outcome_th = models.TextField(_("what came out of it"))
    changes_th = models.TextField(_("what the agency changed as a result"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title_th


class EService(models.Model):
    """An online service of the agency, reachable without travelling to its office."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="e_services")
    name_th = models.CharField(_("service"), max_length=300)
    url = models.URLField(_("address"), max_length=2000)
    description_th = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name_th


class ServiceCount(models.Model):
    """How many times one service was given in one month."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="service_counts")
    service_th = models.CharField(_("service"), max_length=300)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    count = models.PositiveIntegerField(_("number of times served"))
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["month", "service_th"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "service_th", "month"], name="servicecount_unique_month")
        ]

    def __str__(self) -> str:
        return f"{self.service_th} {self.month:%Y-%m}: {self.count}"
