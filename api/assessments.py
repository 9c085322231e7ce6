"""OIT assessments over JSON, with bearer-token auth and the same rules as the pages."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema
from ninja.security import HttpBearer

from accounts.services import api_token_user
from agencies.access import visible_agencies
from agencies.permissions import Perm, require_perm
from assessments import review, services
from assessments.models import Assessment, AssessmentItem, EvidenceRevision
from assessments.rules import may_see_drafts, may_see_verdicts
from assessments.selectors import framework_shape, matrix_rows, oit_scorecard
from lib.errors import DomainError, lazy_format
from lib.scoring import rounded


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


router = Router(tags=["assessments"], auth=TokenAuth())


class ErrorOut(Schema):
    code: str
    field: str | None = None
    message_th: str
    message_en: str


def _assessment(request, pk: int) -> Assessment:
    # 404 to anyone without a role there, exactly like the pages (agencies.permissions).
    assessment = get_object_or_404(Assessment.objects.select_related("agency", "framework"), pk=pk)
    require_perm(request.user, assessment.agency, Perm.OIT_VIEW)
    return assessment


def _item(assessment: Assessment, code: str) -> AssessmentItem:
    return get_object_or_404(
        AssessmentItem.objects.select_related("item", "officer__user", "division", "sent_revision"),
        assessment=assessment,
        item__code=code,
    )


class AssessmentSummary(Schema):
    id: int
    agency: str
    framework: str
    fiscal_year: int


@router.get("/", response=list[AssessmentSummary], summary="Assessments you may see")
def list_assessments(request):
    rows = Assessment.objects.filter(agency__in=visible_agencies(request.user)).select_related("agency", "framework")
    return [
        {"id": a.pk, "agency": a.agency.code, "framework": a.framework.code, "fiscal_year": a.framework.fiscal_year}
        for a in rows
    ]


def _item_row(row: AssessmentItem, verdicts: bool) -> dict:
    return {
        "code": row.item.code,
        "title": row.item.title_th,
        "state": row.state,
        "version": row.version,
        "division": row.division.name_th if row.division else None,
        "officer": row.officer.full_name if row.officer else None,
        "due_date": row.due_date.isoformat() if row.due_date else None,
        "preliminary_verdict": (row.preliminary_verdict or None) if verdicts else None,
        "final_verdict": (row.final_verdict or None) if verdicts else None,
    }


@router.get("/{pk}/", summary="An assessment with its items and OIT score")
def get_assessment(request, pk: int):
    assessment = _assessment(request, pk)
    verdicts = may_see_verdicts(request.user, assessment)
    rows = list(matrix_rows(assessment))
    shape = framework_shape(assessment.framework)
    return {
        "id": assessment.pk,
        "agency": assessment.agency.code,
        "framework": assessment.framework.code,
        "approval_required": assessment.approval_required,
        "phases": [
            {"code": p.code, "start": p.start.isoformat(), "end": p.end.isoformat()} for p in assessment.phases.all()
        ],
        "oit_score": {
            "preliminary": str(rounded(oit_scorecard(assessment, final=False, shape=shape).tools["OIT"])) if verdicts else None,
            "final": str(rounded(oit_scorecard(assessment, final=True, shape=shape).tools["OIT"])) if verdicts else None,
        },
        "items": [_item_row(row, verdicts) for row in rows],
    }


def _revision_json(revision: EvidenceRevision | None) -> dict | None:
    if revision is None:
        return None
    return {
        "number": revision.number,
        "note": revision.note,
        "ticked_elements": [el.node_id for el in revision.ticked_elements.all()],
        "entries": [
            {
                "id": e.pk,
                "title": e.title,
                "url": e.url or None,
                "file": e.file_name or None,
                "effective_date": e.effective_date.isoformat() if e.effective_date else None,
                "covers_to": e.covers_to.isoformat() if e.covers_to else None,
                "none_statement": e.none_statement,
                "check": (
                    {
                        "outcome": c.outcome,
                        "status": c.status,
                        "problems": [
                            {"code": p.get("code") if isinstance(p, dict) else None, "message_th": th, "message_en": en}
                            for p, th, en in zip(c.problems, c.problems_in("th"), c.problems_in("en"))
                        ],
                    }
                    if (c := next(iter(e.checks.all()), None))
                    else None
                ),
            }
            for e in revision.entries.all()
        ],
    }


@router.get("/{pk}/items/{code}/", summary="One item with its evidence")
def get_item(request, pk: int, code: str):
    assessment = _assessment(request, pk)
    row = _item(assessment, code)
    staff = may_see_drafts(request.user, assessment.agency)
    revisions = EvidenceRevision.objects.prefetch_related("entries__checks", "ticked_elements")
    # Assessors get only the sent revision, never drafts.
    current = revisions.filter(assessment_item=row).first() if staff else revisions.filter(pk=row.sent_revision_id).first()
    data = _item_row(row, may_see_verdicts(request.user, assessment))
    data["evidence"] = _revision_json(current)
    data["sent_revision"] = row.sent_revision.number if row.sent_revision_id else None
    return data


class EvidenceIn(Schema):
    base_version: int
    title: str
    url: str
    effective_date: dt.date | None = None
    covers_to: dt.date | None = None
    none_statement: bool = False
    keep_entry_ids: list[int] | None = None
    ticked: list[str] | None = None
    note: str = ""


class TransitionIn(Schema):
    action: str
    base_version: int
    comment: str = ""


class VerdictIn(Schema):
    verdict: str
    reason: str = ""
    missing: list[str] = []
    base_version: int


class ClarificationIn(Schema):
    text: str
    entry_ids: list[int] = []


class ConfirmIn(Schema):
    verdict: str | None = None
    reason: str = ""
    base_version: int


# A refused step raises DomainError; api.urls turns it into the one refusal body
# (error.status and error.as_dict(), prongsai.refusals), as for every other API call.
REFUSALS = {400: ErrorOut, 403: ErrorOut, 409: ErrorOut}


@router.post("/{pk}/items/{code}/evidence", response={200: dict, **REFUSALS},
             summary="Add a URL as a new evidence revision")
def post_evidence(request, pk: int, code: str, payload: EvidenceIn):
    assessment = _assessment(request, pk)
    row = _item(assessment, code)
    current = row.revisions.first()
    current_entries = list(current.entries.all()) if current else []
    keep_ids = set(payload.keep_entry_ids) if payload.keep_entry_ids is not None else {e.pk for e in current_entries}
    keep = [e for e in current_entries if e.pk in keep_ids]
    if len(keep) != len(keep_ids):
        raise DomainError(_("Only entries of the current evidence can be kept."), field="keep_entry_ids")
    elements = {el.node_id: el for el in row.item.elements.all()}
    ticked_ids = payload.ticked if payload.ticked is not None else (
        [el.node_id for el in current.ticked_elements.all()] if current else []
    )
    unknown = [t for t in ticked_ids if t not in elements]
    if unknown:
        raise DomainError(lazy_format(_("Unknown element id: %(ids)s"), {"ids": ", ".join(unknown)}), field="ticked")
    revision = services.evidence_save(
        actor=request.user,
        assessment_item=row,
        base_version=payload.base_version,
        note=payload.note,
        ticked=[elements[t] for t in ticked_ids],
        keep_entries=keep,
        new_entries=[
            services.EntryInput(
                title=payload.title,
                url=payload.url,
                effective_date=payload.effective_date,
                covers_to=payload.covers_to,
                none_statement=payload.none_statement,
            )
        ],
    )
    return {"revision": revision.number}


@router.post("/{pk}/items/{code}/transitions", response={200: dict, **REFUSALS},
             summary="Move an item: submit, return, accept, approve, send")
def post_transition(request, pk: int, code: str, payload: TransitionIn):
    row = _item(_assessment(request, pk), code)
    item = services.item_transition(actor=request.user, assessment_item=row, **payload.dict())
    return {"state": item.state, "version": item.version}


@router.post("/{pk}/items/{code}/verdict", response={200: dict, **REFUSALS}, summary="Assessor: preliminary verdict")
def post_verdict(request, pk: int, code: str, payload: VerdictIn):
    row = _item(_assessment(request, pk), code)
    elements = {el.node_id: el for el in row.item.elements.all()}
    if any(m not in elements for m in payload.missing):
        raise DomainError(_("A missing element must belong to this item."), field="missing")
    item = review.verdict_record(
        actor=request.user,
        assessment_item=row,
        verdict=payload.verdict,
        reason=payload.reason,
        missing=[elements[m] for m in payload.missing],
        base_version=payload.base_version,
    )
    return {"preliminary_verdict": item.preliminary_verdict, "version": item.version}


@router.post("/{pk}/items/{code}/clarification", response={200: dict, **REFUSALS},
             summary="Agency: one clarification of a failed item")
def post_clarification(request, pk: int, code: str, payload: ClarificationIn):
    row = _item(_assessment(request, pk), code)
    sent = {e.pk: e for e in row.sent_revision.entries.all()} if row.sent_revision_id else {}
    if any(i not in sent for i in payload.entry_ids):
        raise DomainError(
            _("A clarification may only point to evidence already sent; new links are not accepted."), field="entry_ids"
        )
    review.clarification_file(
        actor=request.user, assessment_item=row, text=payload.text, entries=[sent[i] for i in payload.entry_ids]
    )
    return {"clarified": True}


@router.post("/{pk}/items/{code}/confirm", response={200: dict, **REFUSALS}, summary="Assessor: confirm the final verdict")
def post_confirm(request, pk: int, code: str, payload: ConfirmIn):
    row = _item(_assessment(request, pk), code)
    item = review.verdict_confirm(actor=request.user, assessment_item=row, **payload.dict())
    return {"final_verdict": item.final_verdict, "version": item.version}
