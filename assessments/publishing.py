"""From work to evidence: publish a record of any registered app (assessments.evidence_sources),
or the official document generated from it, as evidence of its OIT item in one step.

The generated PDF is stored as a file of a new evidence revision, so later edits of the
record never change what was published: publishing again makes another revision.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit.services import audit_log
from lib.errors import DomainError, NotFoundError, lazy_format

from .evidence_sources import EvidenceCandidate, evidence_candidates
from .models import Assessment, EvidenceRevision
from .services import EntryInput, evidence_save


def ticked_for(framework, record_kind: str, item_node_id: str) -> list[str]:
    """The element ids a record of RECORD_KIND covers in the item, as the year's file says.
    Time elements are left to the officer and the automatic time-rule check."""
    for rule in framework.publishing:
        if rule["record"] == record_kind and rule["item"] == item_node_id:
            return list(rule.get("ticks", []))
    return []


def candidate_key(candidate: EvidenceCandidate) -> str:
    # One record may serve as several kinds of evidence (a channel: its guideline and its page).
    return f"{candidate.record._meta.label_lower}:{candidate.record.pk}:{candidate.kind}"


def candidates_for(assessment: Assessment) -> list[EvidenceCandidate]:
    return evidence_candidates(assessment.agency, assessment.framework)


def _document_file(candidate: EvidenceCandidate, agency) -> SimpleUploadedFile:
    from documents.official import document_html
    from documents.pdf import PdfRenderError, render_pdf

    html, stem = document_html(candidate.document_kind, agency, candidate.record.pk)
    try:
        pdf = render_pdf(html)
    except PdfRenderError as exc:
        raise DomainError(lazy_format(_("The document could not be built: %(reason)s"), {"reason": str(exc)})) from None
    return SimpleUploadedFile(f"{stem}.pdf", pdf, content_type="application/pdf")


@transaction.atomic
def record_publish(*, actor, assessment: Assessment, key: str, item_code: str) -> EvidenceRevision:
    candidate = next((c for c in candidates_for(assessment) if candidate_key(c) == key), None)
    if candidate is None:
        raise NotFoundError(_("That record is not one of this agency's records for this fiscal year."))
    if item_code not in candidate.items:
        raise DomainError(
            lazy_format(_("This record is evidence of %(items)s, not of %(item)s."), {"items": ", ".join(candidate.items), "item": item_code}),
            field="item",
        )
    item = assessment.items.select_related("item").filter(item__code=item_code).first()
    if item is None:
        raise DomainError(lazy_format(_("This framework has no item %(item)s."), {"item": item_code}), field="item")

    url = candidate.url
    if candidate.document_kind:
        entry = EntryInput(title=candidate.title, file=_document_file(candidate, assessment.agency), effective_date=candidate.effective_date)
    elif url:
        entry = EntryInput(title=candidate.title, url=url, effective_date=candidate.effective_date)
    else:
        raise DomainError(
            _("This record has neither an official document nor a link to publish. Add the link of its page on the agency's website first."),
            code="nothing_to_publish",
        )

    current = item.revisions.first()
    keep = list(current.entries.all()) if current else []
    already = set(current.ticked_elements.all()) if current else set()
    ticks = ticked_for(assessment.framework, candidate.kind, item.item.node_id)
    wanted = set(item.item.elements.filter(node_id__in=ticks))
    revision = evidence_save(
        actor=actor,
        assessment_item=item,
        base_version=item.version,
        note=current.note if current else "",
        ticked=sorted(already | wanted, key=lambda el: el.position),
        keep_entries=keep,
        new_entries=[entry],
    )
    audit_log(
        actor=actor,
        action="oit.evidence.published",
        target=item,
        agency=assessment.agency,
        payload={"item": item_code, "record": key, "revision": revision.number, "document": candidate.document_kind},
    )
    return revision
