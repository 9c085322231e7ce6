"""Official documents of the agency as PDF (to sign and publish), DOCX (to edit) or HTML (to preview)."""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from agencies.permissions import Perm, agency_view, has_perm
from documents.docx import html_to_docx
from documents.jobs import document_job_request
from documents.models import DocumentJob
from documents.official import document_html, document_rows
from documents.pdf import PdfRenderError, render_pdf
from lib.errors import DomainError

from .plans_common import page

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


@agency_view(Perm.PLANS_VIEW)
def documents_index(request, agency):
    rows = document_rows(agency)
    can_build = has_perm(request.user, agency, Perm.DOCUMENTS_BUILD)
    jobs = list(DocumentJob.objects.filter(agency=agency)[:10]) if can_build else []
    return render(request, "plans/documents.html",
                  page(request, agency, "documents", rows=rows, can_build=can_build, jobs=jobs))


# The HTML preview is the print document itself, whose <style> block is rendered without a
# request (so without a nonce): inline style is allowed on these responses. Still no script.
@csp_update({"style-src": [UNSAFE_INLINE]})
@agency_view(Perm.PLANS_VIEW)
def document_download(request, agency, kind: str, pk: int, fmt: str):
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
                          page(request, agency, "documents", error=error.shown()), status=503)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{agency.code}-{name}.{fmt}"'
    return response


def _job_or_404(agency, job_id: int) -> DocumentJob:
    job = DocumentJob.objects.select_related("requested_by").filter(pk=job_id, agency=agency).first()
    if job is None:
        raise Http404
    return job


@require_POST
@agency_view(Perm.DOCUMENTS_BUILD)
def document_job_start(request, agency, kind: str, pk: int, fmt: str):
    try:
        job = document_job_request(actor=request.user, agency=agency, kind=kind, pk=pk, fmt=fmt)
    except DomainError as error:
        if error.status == 404:
            raise  # the one refusal path answers 404
        messages.error(request, error.shown())
        return redirect("plans:documents", code=agency.code)
    return redirect("plans:document_job", code=agency.code, job_id=job.pk)


@agency_view(Perm.DOCUMENTS_BUILD)
def document_job(request, agency, job_id: int):
    job = _job_or_404(agency, job_id)
    if request.htmx:
        return render(request, "plans/_document_job_progress.html", {"agency": agency, "job": job})
    return render(request, "plans/document_job.html", page(request, agency, "documents", job=job))


@agency_view(Perm.DOCUMENTS_BUILD)
def document_job_progress(request, agency, job_id: int):
    """The progress fragment the job page polls (hx-get every 2 s) until the job ends."""
    return render(request, "plans/_document_job_progress.html", {"agency": agency, "job": _job_or_404(agency, job_id)})


@agency_view(Perm.DOCUMENTS_BUILD)
def document_job_file(request, agency, job_id: int):
    job = _job_or_404(agency, job_id)
    if job.status != DocumentJob.Status.DONE or not job.result:
        raise Http404
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.filename,
                        content_type=CONTENT_TYPES[job.fmt])
