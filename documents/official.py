"""Which official documents exist, what each is built from, and rendering them.

Each builder takes the agency and a record id and returns the template context; a record of
another agency is a 404, like every agency-scoped read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, WorkingGroup, WorkingGroupMember
from frameworks.models import FrameworkVersion
from frameworks.selectors import framework_tree
from plans import selectors
from plans.models import ActionPlan, MeasurePlan, Memo, NoGiftDeclaration, PlanReport, RiskRegister

from .fonts import sarabun_url


@dataclass(frozen=True)
class OfficialDocument:
    kind: str
    label: object
    template: str
    build: Callable[[Agency, int], dict]
    landscape: bool = False


# How an order names each seat (order 17/2566).
GROUP_ROLE_TEXT = {
    WorkingGroupMember.GroupRole.CHAIR: "ประธานคณะทำงาน",
    WorkingGroupMember.GroupRole.VICE_CHAIR: "รองประธานคณะทำงาน",
    WorkingGroupMember.GroupRole.MEMBER: "คณะทำงาน",
    WorkingGroupMember.GroupRole.SECRETARY: "เลขานุการฯ /ผู้ดูแลระบบ",
}


def _memo(agency: Agency, pk: int) -> dict:
    memo = get_object_or_404(
        Memo.objects.select_related("proposer").prefetch_related("opinions__person"), pk=pk, agency=agency
    )
    return {"memo": memo, "filename": f"memo-{memo.date:%Y%m%d}"}


def _approval_memo(agency: Agency, pk: int) -> dict:
    from assessments.models import ApprovalMemo, EvidenceRevision

    memo = get_object_or_404(
        ApprovalMemo.objects.select_related("assessment__framework", "signer", "approved_by"),
        pk=pk, assessment__agency=agency,
    )
    items = list(memo.items.select_related("item", "officer", "sent_revision").order_by("item__position"))
    # The evidence each item was approved with: what was sent, else its latest revision.
    latest = {}
    for revision in EvidenceRevision.objects.filter(assessment_item__in=items).prefetch_related("entries").order_by("-number"):
        latest.setdefault(revision.assessment_item_id, revision)
    rows = [(row, latest.get(row.pk)) for row in items]
    from django.utils import timezone

    approved = timezone.localtime(memo.approved_at)
    return {"memo": memo, "rows": rows, "approved": approved, "filename": f"approval-memo-{memo.date:%Y%m%d}-{memo.pk}"}


def _order(agency: Agency, pk: int) -> dict:
    group = get_object_or_404(
        WorkingGroup.objects.select_related("signed_by").prefetch_related(
            Prefetch("members", queryset=WorkingGroupMember.objects.select_related("person")), "duties"
        ),
        pk=pk, agency=agency,
    )
    seats = [(seat, GROUP_ROLE_TEXT.get(seat.group_role, "")) for seat in group.members.all()]
    return {"group": group, "seats": seats, "filename": f"order-{group.order_number.replace('/', '-')}"}


def _oit_matrix(agency: Agency, pk: int) -> dict:
    version = get_object_or_404(FrameworkVersion, pk=pk)
    return {"tree": framework_tree(version), "version": version, "filename": f"oit-responsibility-{version.code}"}


def _measures(agency: Agency, pk: int) -> dict:
    plan = selectors.measure_plan_for(agency, pk)
    if plan is None:
        raise Http404
    return {"plan": plan, "rows": selectors.plan_rows(plan), "filename": f"measures-{plan.fiscal_year}"}


def _risks(agency: Agency, pk: int) -> dict:
    register = selectors.risk_register_for(agency, pk)
    if register is None:
        raise Http404
    return {"register": register, "heat": selectors.heat_map(register),
            "residual_heat": selectors.heat_map(register, residual=True),
            "filename": f"risk-register-{register.fiscal_year}"}


def _action_plan(agency: Agency, pk: int) -> dict:
    plan = selectors.action_plan_for(agency, pk)
    if plan is None:
        raise Http404
    projects = list(plan.projects.all())
    total = sum((p.budget for p in projects if p.budget is not None), start=0)
    return {"plan": plan, "projects": projects, "total": total, "filename": f"action-plan-{plan.fiscal_year}"}


def _plan_report(agency: Agency, pk: int) -> dict:
    report = get_object_or_404(
        PlanReport.objects.select_related("plan").prefetch_related("lines__project"), pk=pk, plan__agency=agency
    )
    lines = list(report.lines.all())
    budget = sum((line.project.budget or 0 for line in lines), start=0)
    spent = sum((line.spent for line in lines), start=0)
    return {"report": report, "plan": report.plan, "lines": lines, "budget": budget, "spent": spent,
            "filename": f"action-plan-report-{report.kind}-{report.covers_end:%Y%m}"}


def _no_gift(agency: Agency, pk: int) -> dict:
    declaration = get_object_or_404(NoGiftDeclaration.objects.select_related("signed_by"), pk=pk, agency=agency)
    return {"declaration": declaration, "filename": f"no-gift-{declaration.fiscal_year}"}


DOCUMENTS: dict[str, OfficialDocument] = {
    doc.kind: doc
    for doc in [
        OfficialDocument("memo", _("Approval memo (บันทึกข้อความ)"), "documents/memo.html", _memo),
        OfficialDocument("order", _("Working-group order (คำสั่ง)"), "documents/order.html", _order),
        OfficialDocument("approval-memo", _("OIT approval memo (บันทึกข้อความ)"), "documents/approval_memo.html", _approval_memo),
        OfficialDocument("oit-matrix", _("OIT responsibility matrix"), "documents/oit_matrix.html", _oit_matrix),
        OfficialDocument("measures", _("Measures with follow-up"), "documents/measures.html", _measures),
        OfficialDocument("risks", _("Corruption risk register"), "documents/risks.html", _risks, landscape=True),
        OfficialDocument("action-plan", _("Anti-corruption action plan"), "documents/action_plan.html", _action_plan),
        OfficialDocument("plan-report", _("Action plan report"), "documents/plan_report.html", _plan_report),
        OfficialDocument("no-gift", _("No Gift Policy declaration"), "documents/no_gift.html", _no_gift),
    ]
}


def document_context(kind: str, agency: Agency, pk: int) -> tuple[OfficialDocument, dict]:
    doc = DOCUMENTS.get(kind)
    if doc is None:
        raise Http404
    context = doc.build(agency, pk)
    context.update({"agency": agency, "font_url": sarabun_url(), "landscape": doc.landscape})
    return doc, context


def document_html(kind: str, agency: Agency, pk: int) -> tuple[str, str]:
    """The document's HTML (always in Thai, as official documents are) and its file name stem."""
    doc, context = document_context(kind, agency, pk)
    with translation.override("th"):
        html = render_to_string(doc.template, context)
    return html, context["filename"]


def _approval_memos():
    from assessments.models import ApprovalMemo

    return ApprovalMemo.objects.all()


def document_exists(kind: str, agency: Agency, pk: int) -> bool:
    """Whether AGENCY has the record a document of KIND is built from (one cheap query)."""
    scopes = {
        "memo": lambda: Memo.objects.filter(agency=agency),
        "order": lambda: WorkingGroup.objects.filter(agency=agency),
        "approval-memo": lambda: _approval_memos().filter(assessment__agency=agency),
        "oit-matrix": lambda: FrameworkVersion.objects.all(),
        "measures": lambda: MeasurePlan.objects.filter(agency=agency),
        "risks": lambda: RiskRegister.objects.filter(agency=agency),
        "action-plan": lambda: ActionPlan.objects.filter(agency=agency),
        "plan-report": lambda: PlanReport.objects.filter(plan__agency=agency),
        "no-gift": lambda: NoGiftDeclaration.objects.filter(agency=agency),
    }
    scope = scopes.get(kind)
    return scope is not None and kind in DOCUMENTS and scope().filter(pk=pk).exists()
