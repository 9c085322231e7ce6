"""Documents built in the background: asking for one, and the task that builds it step by step.

The request only records a DocumentJob and queues ``build_document`` once the transaction
commits; the worker (``manage.py db_worker``) renders the HTML, prints the PDF or writes the
DOCX, and moves the job's progress on at each step so the job page can show it.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from agencies.models import Agency
from audit.services import audit_log
from lib.errors import DomainError, NotFoundError, lazy_format

from . import pdf as pdfmod
from .docx import html_to_docx
from .models import DocumentJob
from .official import document_context, document_exists

logger = logging.getLogger(__name__)
Step = DocumentJob.Step
Status = DocumentJob.Status


@transaction.atomic
def document_job_request(*, actor, agency: Agency, kind: str, pk: int, fmt: str) -> DocumentJob:
    """Queue the document KIND of record PK as FMT (pdf or docx) for AGENCY."""
    if fmt not in DocumentJob.Format.values:
        raise DomainError(_("Documents are built in the background as PDF or DOCX only."), field="fmt")
    if not document_exists(kind, agency, pk):
        raise NotFoundError(_("This agency has no such document."))
    job = DocumentJob(agency=agency, kind=kind, record_pk=pk, fmt=fmt,
                      requested_by=actor if getattr(actor, "is_authenticated", False) else None)
    job.full_clean()
    job.save()
    audit_log(actor=actor, action="documents.job.requested", target=job, agency=agency,
              payload={"kind": kind, "record": pk, "format": fmt})
    # After commit: the worker must find the job row, and a rolled-back request queues nothing.
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    result = build_document.enqueue(job_id)
    DocumentJob.objects.filter(pk=job_id, task_id="").update(task_id=str(result.id)[:64])


def _advance(job: DocumentJob, progress: int, step: str, **fields) -> None:
    """Record how far JOB is (committed at once, so the job page sees it while the work goes on)."""
    job.progress, job.step = progress, step
    for name, value in fields.items():
        setattr(job, name, value)
    DocumentJob.objects.filter(pk=job.pk).update(progress=progress, step=step, **fields)


def _fail(job: DocumentJob, message) -> str:
    error = DomainError(message).bilingual()
    _advance(job, job.progress, Step.STOPPED, status=Status.FAILED, error=error, finished_at=timezone.now())
    return Status.FAILED


def build(job: DocumentJob) -> str:
    """Build JOB's file; the job ends done or failed with a Thai — English message."""
    _advance(job, 5, Step.GATHERING, status=Status.RUNNING, started_at=timezone.now())
    try:
        doc, context = document_context(job.kind, job.agency, job.record_pk)
        _advance(job, 30, Step.LAYOUT)
        with translation.override("th"):  # official documents are in Thai
            html = render_to_string(doc.template, context)
        if job.fmt == DocumentJob.Format.PDF:
            _advance(job, 50, Step.PRINTING)
            body = pdfmod.render_pdf(html)
        else:
            _advance(job, 50, Step.WRITING)
            body = html_to_docx(html)
        _advance(job, 90, Step.SAVING)
        name = f"{job.agency.code}-{context['filename']}.{job.fmt}"
        job.result.save(name, ContentFile(body), save=False)
    except Http404:
        return _fail(job, _("The record this document is built from no longer exists."))
    except pdfmod.PdfRenderError as exc:
        return _fail(job, lazy_format(_("The PDF could not be built: %(reason)s"), {"reason": str(exc)}))
    except Exception as exc:  # noqa: BLE001 - the job must end with a message, whatever broke
        logger.exception("document job %s failed", job.pk)
        return _fail(job, lazy_format(
            _("The document could not be built (%(error)s). Try again; if it fails again, tell the operator."),
            {"error": type(exc).__name__},
        ))
    _advance(job, 100, Step.FINISHED, status=Status.DONE, result=job.result.name, filename=name,
             finished_at=timezone.now())
    return Status.DONE


@task()
def build_document(job_id: int) -> str:
    job = DocumentJob.objects.select_related("agency").filter(pk=job_id).first()
    if job is None:
        return "missing"
    if job.status != Status.QUEUED:  # a repeated delivery of the same task does nothing
        return job.status
    return build(job)
