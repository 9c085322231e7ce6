"""A document built in the background: which record, by whom, how far along, and the file."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency


def job_file_path(job: DocumentJob, filename: str) -> str:
    # Served through the agency-scoped download view; a random folder keeps the path unguessable
    # where media files are served directly (DEBUG). The download keeps the readable name.
    return f"documents/jobs/{uuid.uuid4().hex}/{filename}"


class DocumentJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting in the queue")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Could not be built")

    class Step(models.TextChoices):
        WAITING = "waiting", _("Waiting for the document worker")
        GATHERING = "gathering", _("Gathering the records")
        LAYOUT = "layout", _("Laying out the pages")
        PRINTING = "printing", _("Printing the PDF")
        WRITING = "writing", _("Writing the Word file")
        SAVING = "saving", _("Saving the file")
        FINISHED = "finished", _("Finished")
        STOPPED = "stopped", _("Stopped by an error")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="document_jobs")
    kind = models.CharField(_("document"), max_length=30)
    record_pk = models.PositiveBigIntegerField(_("record"))
    fmt = models.CharField(_("format"), max_length=10, choices=Format.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="document_jobs"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=20, choices=Step.choices, default=Step.WAITING)
    result = models.FileField(_("file"), upload_to=job_file_path, blank=True, max_length=300)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["agency", "-created_at"], name="documentjob_agency_recent")]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="documentjob_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.record_pk} ({self.fmt}, {self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def label(self):
        from .registry import get

        doc = get(self.kind)
        return doc.label if doc else self.kind
