"""Official documents of the agency as PDF (to sign and publish), DOCX (to edit) or HTML (to preview)."""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from agencies.access import STAFF_ROLES, agency_for, is_staff_member
from documents.docx import html_to_docx
from documents.jobs import document_job_request
from documents.models import DocumentJob
from documents.official import document_html, document_rows
from documents.pdf import PdfRenderError, render_pdf
from lib.errors import DomainError

from .plans_common import page, viewer

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


@login_required
def documents_index(request, code: str):
    agency = viewer(request, code)
    rows = document_rows(agency)
    can_build = is_staff_member(request.user, agency)
    jobs = list(DocumentJob.objects.filter(agency=agency)[:10]) if can_build else []
    return render(request, "plans/documents.html",
                  page(request, agency, "documents", rows=rows, can_build=can_build, jobs=jobs))


# The HTML preview is the print document itself, whose <style> block is rendered without a
# request (so without a nonce): inline style is allowed on these responses. Still no script.
@csp_update({"style-src": [UNSAFE_INLINE]})
@login_required
def document_download(request, code: str, kind: str, pk: int, fmt: str):
    agency = viewer(request, code)
    if fmt not in CONTENT_TYPES:
        raise Http404
    # ?signed=1: the original the signer signs by hand, without "(ลงชื่อ)".
    html, name = document_html(kind, agency, pk, signed=request.GET.get("signed") == "1")
    if fmt == "html":
        return HttpResponse(html, content_type=CONTENT_TYPES["html"])
    if fmt == "docx":
        body = html_to_docx(html)
    else:
        try:
            body = render_pdf(html)
        except PdfRenderError as exc:
            error = DomainError(str(exc), code="pdf_unavailable")
            return render(request, "plans/document_error.html",
                          page(request, agency, "documents", error=error.bilingual()), status=503)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{agency.code}-{name}.{fmt}"'
    return response


# Background builds belong to the agency's staff: assessors and outsiders get a 404.
def _staff(request, code: str):
    return agency_for(request.user, code, STAFF_ROLES)


def _job_or_404(agency, job_id: int) -> DocumentJob:
    job = DocumentJob.objects.select_related("requested_by").filter(pk=job_id, agency=agency).first()
    if job is None:
        raise Http404
    return job


@login_required
@require_POST
def document_job_start(request, code: str, kind: str, pk: int, fmt: str):
    agency = _staff(request, code)
    try:
        job = document_job_request(actor=request.user, agency=agency, kind=kind, pk=pk, fmt=fmt)
    except DomainError as error:
        if error.code == "not_found":
            raise Http404 from None
        messages.error(request, error.bilingual())
        return redirect("plans:documents", code=agency.code)
    return redirect("plans:document_job", code=agency.code, job_id=job.pk)


@login_required
def document_job(request, code: str, job_id: int):
    agency = _staff(request, code)
    job = _job_or_404(agency, job_id)
    if request.htmx:
        return render(request, "plans/_document_job_progress.html", {"agency": agency, "job": job})
    return render(request, "plans/document_job.html", page(request, agency, "documents", job=job))


@login_required
def document_job_progress(request, code: str, job_id: int):
    """The progress fragment the job page polls (hx-get every 2 s) until the job ends."""
    agency = _staff(request, code)
    return render(request, "plans/_document_job_progress.html", {"agency": agency, "job": _job_or_404(agency, job_id)})


@login_required
def document_job_file(request, code: str, job_id: int):
    agency = _staff(request, code)
    job = _job_or_404(agency, job_id)
    if job.status != DocumentJob.Status.DONE or not job.result:
        raise Http404
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.filename,
                        content_type=CONTENT_TYPES[job.fmt])
