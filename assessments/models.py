"""One agency's OIT assessment for one fiscal year: its items, evidence, review and audit.

Evidence is never overwritten: every change makes a new EvidenceRevision. The revision sent
to the assessors is pinned, and clarifications may only talk about it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lib.translated import stored_message_text


class Assessment(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="assessments")
    framework = models.ForeignKey("frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="assessments")
    approval_required = models.BooleanField(
        _("executive approval before sending"),
        default=True,
        help_text=_("When on, the executive approves each item before it goes to the assessors."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-framework__fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["agency", "framework"], name="assessment_one_per_version")]

    def __str__(self) -> str:
        return f"{self.agency} · {self.framework.code}"


class Phase(models.Model):
    """A window of the assessment calendar, copied from the framework and adjustable by operators."""

    class Code(models.TextChoices):
        REGISTRATION = "registration", _("Registration")
        OIT_COLLECTION = "oit-collection", _("OIT answers")
        OIT_REVIEW = "oit-review", _("OIT review by assessors")
        CLARIFICATION = "clarification", _("Clarification")
        CONFIRMATION = "confirmation", _("Confirmation")
        RESULTS = "results", _("Results")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="phases")
    code = models.CharField(max_length=40)
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["start", "code"]
        constraints = [models.UniqueConstraint(fields=["assessment", "code"], name="phase_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.start}–{self.end}"


class ItemState(models.TextChoices):
    TODO = "todo", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted by the officer")
    RETURNED = "returned", _("Returned with comments")
    ACCEPTED = "accepted", _("Accepted by the ITA admin")
    APPROVED = "approved", _("Approved by the executive")
    SENT = "sent", _("Sent to the assessors")


class Verdict(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class AssessmentItem(models.Model):
    """One OIT item of one assessment: who answers it, its state, its review."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey("frameworks.Item", on_delete=models.PROTECT, related_name="+")
    division = models.ForeignKey(
        "agencies.Division", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("division")
    )
    position_th = models.CharField(_("position"), max_length=300, blank=True)
    officer = models.ForeignKey(
        "agencies.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("officer")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    state = models.CharField(max_length=20, choices=ItemState.choices, default=ItemState.TODO, db_index=True)
    # Bumped by every write; a form carries the value it was built from (no lost updates).
    version = models.PositiveIntegerField(default=0)
    sent_revision = models.ForeignKey(
        "EvidenceRevision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    preliminary_verdict = models.CharField(max_length=10, choices=Verdict.choices, blank=True)
    preliminary_reason = models.TextField(blank=True)
    missing_elements = models.ManyToManyField("frameworks.Element", blank=True, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    final_verdict = models.CharField(max_length=10, choices=Verdict.choices, blank=True)
    final_reason = models.TextField(blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reminded_due = models.DateField(null=True, blank=True, help_text="the due date of the last 7-day reminder")
    reminded_overdue = models.DateField(null=True, blank=True, help_text="the due date of the last overdue notice")

    class Meta:
        ordering = ["item__position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="assessmentitem_unique")]

    def __str__(self) -> str:
        return f"{self.assessment} {self.item.code}"

    @property
    def verdict(self) -> str:
        """The verdict that counts now: the confirmed one, else the preliminary one."""
        return self.final_verdict or self.preliminary_verdict


class EvidenceRevision(models.Model):
    """A snapshot of an item's evidence: entries, ticked elements and the officer's note."""

    assessment_item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    note = models.TextField(blank=True)
    ticked_elements = models.ManyToManyField("frameworks.Element", blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment_item", "number"], name="evidencerevision_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_item} r{self.number}"


def evidence_upload_to(instance, filename: str) -> str:
    # Random names: an uploaded name never decides a path on disk.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{uuid.uuid4().hex}.{suffix}"


class EvidenceEntry(models.Model):
    """One URL or file inside a revision. Entries are copied forward, never edited."""

    revision = models.ForeignKey(EvidenceRevision, on_delete=models.CASCADE, related_name="entries")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_type = models.CharField(max_length=20, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    covers_to = models.DateField(_("covers the period up to"), null=True, blank=True)
    none_statement = models.BooleanField(_("states that there were none"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class EvidenceCheck(models.Model):
    """The automatic check of one URL entry, as the background task last saw it."""

    class Outcome(models.TextChoices):
        OK = "ok", _("OK")
        WARNING = "warning", _("Warning")
        FAILED = "failed", _("Failed")

    entry = models.ForeignKey(EvidenceEntry, on_delete=models.CASCADE, related_name="checks")
    checked_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    status = models.PositiveIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    elapsed_ms = models.PositiveIntegerField(null=True, blank=True)
    on_agency_domain = models.BooleanField(default=False)
    time_rule_ok = models.BooleanField(null=True)
    problems = models.JSONField(default=list)  # lib.translated.stored_message dicts

    class Meta:
        ordering = ["-checked_at", "-pk"]

    @property
    def problem_texts(self) -> list[str]:
        """The problems in the reader's language."""
        return [stored_message_text(problem) for problem in self.problems]

    def problems_in(self, language: str) -> list[str]:
        with translation.override(language):
            return self.problem_texts


class Clarification(models.Model):
    """The agency's one clarification of a failed item, about evidence already sent."""

    assessment_item = models.OneToOneField(AssessmentItem, on_delete=models.CASCADE, related_name="clarification")
    text = models.TextField(_("clarification"))
    entries = models.ManyToManyField(EvidenceEntry, blank=True, related_name="+", verbose_name=_("evidence it refers to"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.assessment_item} clarification"


class ReturnComment(models.Model):
    """Comments that went with each return, kept as the item's conversation."""

    assessment_item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
