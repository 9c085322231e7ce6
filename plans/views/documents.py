"""Official documents of the agency as PDF (to sign and publish), DOCX (to edit) or HTML (to preview)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from documents.docx import html_to_docx
from documents.official import DOCUMENTS, document_html
from documents.pdf import PdfRenderError, render_pdf
from frameworks.models import FrameworkVersion
from lib.errors import DomainError

from ..models import ActionPlan, MeasurePlan, Memo, NoGiftDeclaration, PlanReport, RiskRegister
from .common import page, viewer

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


@login_required
def documents_index(request, code: str):
    agency = viewer(request, code)
    rows = []
    for memo in Memo.objects.filter(agency=agency):
        rows.append(("memo", memo.pk, DOCUMENTS["memo"].label, memo.subject_th, memo.date))
    for group in agency.working_groups.all():
        rows.append(("order", group.pk, DOCUMENTS["order"].label, group.order_number, group.order_date))
    for version in FrameworkVersion.objects.all():
        rows.append(("oit-matrix", version.pk, DOCUMENTS["oit-matrix"].label, version.code, None))
    for plan in MeasurePlan.objects.filter(agency=agency):
        rows.append(("measures", plan.pk, DOCUMENTS["measures"].label, plan.title_th, plan.adopted_on))
    for register in RiskRegister.objects.filter(agency=agency):
        rows.append(("risks", register.pk, DOCUMENTS["risks"].label, register.title_th, register.assessed_on))
    for plan in ActionPlan.objects.filter(agency=agency):
        rows.append(("action-plan", plan.pk, DOCUMENTS["action-plan"].label, plan.title_th, plan.approved_on))
    for report in PlanReport.objects.filter(plan__agency=agency).select_related("plan"):
        rows.append(("plan-report", report.pk, report.get_kind_display(), report.plan.title_th, report.reported_on))
    for declaration in NoGiftDeclaration.objects.filter(agency=agency):
        rows.append(("no-gift", declaration.pk, DOCUMENTS["no-gift"].label, declaration.title_th, declaration.signed_on))
    return render(request, "plans/documents.html", page(request, agency, "documents", rows=rows))


@login_required
def document_download(request, code: str, kind: str, pk: int, fmt: str):
    agency = viewer(request, code)
    if fmt not in CONTENT_TYPES:
        raise Http404
    html, name = document_html(kind, agency, pk)
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
