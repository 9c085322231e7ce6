"""The assessor side: preliminary verdicts, the agency's clarification, confirmation."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.permissions import Perm, ensure_perm
from audit.services import audit_log
from frameworks.models import Element
from lib.errors import DomainError

from . import notifications
from .models import AssessmentItem, Clarification, EvidenceEntry, ItemState, Phase, Verdict
from .rules import require_reviewer
from .services import _lock_item, require_phase


@transaction.atomic
def verdict_record(
    *,
    actor,
    assessment_item: AssessmentItem,
    verdict: str,
    reason: str = "",
    missing: Sequence[Element] = (),
    base_version: int | None = None,
) -> AssessmentItem:
    item = _lock_item(assessment_item, base_version)
    require_reviewer(actor, item.assessment.agency)
    if item.state != ItemState.SENT:
        raise DomainError(_("Only items the agency has sent can be judged."), code="out_of_order")
    if item.final_verdict:
        raise DomainError(_("This item's verdict is already confirmed."), code="confirmed")
    require_phase(item.assessment, Phase.Code.OIT_REVIEW)
    if verdict not in Verdict.values:
        raise DomainError(_("Choose pass or fail."), field="verdict")
    if any(el.item_id != item.item_id for el in missing):
        raise DomainError(_("A missing element must belong to this item."), field="missing")
    if verdict == Verdict.FAIL and not (reason.strip() and missing):
        raise DomainError(
            _("A fail needs the missing element(s) and a reason, so the agency knows what to fix."), field="missing"
        )
    item.preliminary_verdict, item.preliminary_reason = verdict, reason.strip()
    item.reviewed_by, item.reviewed_at = actor, timezone.now()
    item.version += 1
    item.save(update_fields=["preliminary_verdict", "preliminary_reason", "reviewed_by", "reviewed_at", "version"])
    item.missing_elements.set(missing if verdict == Verdict.FAIL else [])
    audit_log(
        actor=actor,
        action="oit.item.reviewed",
        target=item,
        agency=item.assessment.agency,
        payload={"item": item.item.code, "verdict": verdict, "missing": [el.node_id for el in missing]},
    )
    notifications.item_reviewed(item)
    return item


@transaction.atomic
def clarification_file(
    *, actor, assessment_item: AssessmentItem, text: str, entries: Sequence[EvidenceEntry] = ()
) -> Clarification:
    item = _lock_item(assessment_item, None)
    agency = item.assessment.agency
    ensure_perm(actor, agency, Perm.OIT_CLARIFY)
    if item.preliminary_verdict != Verdict.FAIL:
        raise DomainError(_("Only a failed item can be clarified."), code="not_failed")
    if Clarification.objects.filter(assessment_item=item).exists():
        raise DomainError(_("This item already has its clarification; only one is allowed."), code="duplicate")
    if item.final_verdict:
        raise DomainError(_("This item's verdict is already confirmed."), code="confirmed")
    require_phase(item.assessment, Phase.Code.CLARIFICATION)
    sent_ids = set(item.sent_revision.entries.values_list("pk", flat=True)) if item.sent_revision else set()
    if any(entry.pk not in sent_ids for entry in entries):
        raise DomainError(
            _("A clarification may only point to evidence already sent; new links are not accepted."), field="entries"
        )
    if not text.strip():
        raise DomainError(_("Explain where the missing element can be found."), field="text")
    clarification = Clarification.objects.create(assessment_item=item, text=text.strip(), filed_by=actor)
    clarification.entries.set(entries)
    item.version += 1
    item.save(update_fields=["version"])
    audit_log(
        actor=actor,
        action="oit.item.clarified",
        target=item,
        agency=agency,
        payload={"item": item.item.code, "entries": [e.pk for e in entries]},
    )
    return clarification


@transaction.atomic
def verdict_confirm(
    *, actor, assessment_item: AssessmentItem, verdict: str | None = None, reason: str = "", base_version: int | None = None
) -> AssessmentItem:
    """Confirm the final verdict: the preliminary one unless VERDICT says otherwise."""
    item = _lock_item(assessment_item, base_version)
    require_reviewer(actor, item.assessment.agency)
    if not item.preliminary_verdict:
        raise DomainError(_("Judge the item before confirming it."), code="out_of_order")
    if item.final_verdict:
        raise DomainError(_("This item's verdict is already confirmed."), code="confirmed")
    require_phase(item.assessment, Phase.Code.CONFIRMATION)
    final = verdict or item.preliminary_verdict
    if final not in Verdict.values:
        raise DomainError(_("Choose pass or fail."), field="verdict")
    changed = final != item.preliminary_verdict
    if changed and not reason.strip():
        raise DomainError(_("Say why the verdict changed."), field="reason")
    item.final_verdict, item.final_reason = final, reason.strip() or item.preliminary_reason
    item.confirmed_by, item.confirmed_at = actor, timezone.now()
    item.version += 1
    item.save(update_fields=["final_verdict", "final_reason", "confirmed_by", "confirmed_at", "version"])
    audit_log(
        actor=actor,
        action="oit.item.confirmed",
        target=item,
        agency=item.assessment.agency,
        payload={"item": item.item.code, "verdict": final, "changed": changed},
    )
    notifications.item_reviewed(item)
    return item
