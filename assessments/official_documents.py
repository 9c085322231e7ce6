"""The assessments app's official documents, registered with the documents app in
AssessmentsConfig.ready(): the executive's approval memo of a set of OIT items."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.registry import OfficialDocument

from .models import ApprovalMemo, EvidenceRevision


def _approval_memo(agency, pk: int) -> dict:
    memo = get_object_or_404(
        ApprovalMemo.objects.select_related("assessment__framework", "signer", "approved_by"),
        pk=pk, assessment__agency=agency,
    )
    items = list(memo.items.select_related("item", "officer").order_by("item__position"))
    # The evidence each item was approved with: its latest revision (the one that is sent).
    latest: dict[int, EvidenceRevision] = {}
    for revision in EvidenceRevision.objects.filter(assessment_item__in=items).prefetch_related("entries").order_by("-number"):
        latest.setdefault(revision.assessment_item_id, revision)
    return {
        "memo": memo,
        "rows": [(row, latest.get(row.pk)) for row in items],
        "approved": timezone.localtime(memo.approved_at),
        "filename": f"approval-memo-{memo.date:%Y%m%d}-{memo.pk}",
    }


OFFICIAL_DOCUMENTS = [
    OfficialDocument(
        "approval-memo", _("OIT approval memo (บันทึกข้อความ)"), "documents/approval_memo.html", _approval_memo,
        records=lambda agency: ApprovalMemo.objects.filter(assessment__agency=agency),
        describe=lambda memo: (memo.subject_th, memo.date), emblem="memo", signed=True,
    ),
]
