"""Steps on several OIT items at once: the executive's approval memo, the admin's bulk send."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies.permissions import Perm, agency_view, has_perm
from assessments import approvals
from assessments.models import ApprovalMemo, Assessment, ItemState
from assessments.selectors import items_with_evidence
from audit.selectors import when_text
from backoffice.forms.oit import ApprovalMemoForm, BulkItemsForm
from lib.errors import DomainError
from lib.thai import today_bangkok

from .common import agency_context, form_error


def _assessment(agency, pk: int) -> Assessment:
    return get_object_or_404(Assessment.objects.select_related("agency", "framework"), pk=pk, agency=agency)


def _signer(user, agency):
    return user.people.filter(agency=agency).first() if user.is_authenticated else None


@agency_view(Perm.OIT_APPROVE)
def approve(request, agency, pk: int):
    """The executive's page: every accepted item, ticked, and the memo that approves them."""
    assessment = _assessment(agency, pk)
    rows = items_with_evidence(assessment, [ItemState.ACCEPTED]) if assessment.approval_required else []
    # Any item of this assessment may be posted: one that moved meanwhile is refused by the
    # workflow step with its code and state, not by a bare "invalid choice".
    candidates = assessment.items.all()
    signer = _signer(request.user, agency)
    defaults = approvals.default_memo_text(assessment)
    form = ApprovalMemoForm(
        request.POST or None,
        candidates=candidates,
        initial={
            "items": [row.pk for row in rows],
            "date": today_bangkok(),
            "to_th": signer.position_th if signer else "",
            "subject_th": defaults["subject_th"],
            "body_th": defaults["body_th"],
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                memo = approvals.approval_memo_sign(
                    actor=request.user, assessment=assessment, items=list(data["items"].select_related("item")),
                    date=data["date"], number=data["number"], to_th=data["to_th"], subject_th=data["subject_th"],
                    body_th=data["body_th"], signer=signer,
                )
            except DomainError as error:
                form_error(request, form, error, inline=True)
                status = error.status
            else:
                messages.success(request, _("%(n)s items approved. The memo is ready to print.") % {"n": memo.items.count()})
                return redirect("oit:approval_memo", code=agency.code, pk=assessment.pk, memo_pk=memo.pk)
        else:
            status = 400
    chosen = {int(pk) for pk in (form["items"].value() or [])}
    return render(request, "oit/approve.html", agency_context(
        request, agency, tab="oit", assessment=assessment, rows=rows, form=form, chosen=chosen,
        signer_name=signer.full_name if signer else (request.user.full_name or request.user.email),
        memos=assessment.approval_memos.all()[:10],
    ), status=status)


@agency_view(Perm.OIT_SEND)
def send(request, agency, pk: int):
    """The ITA admin's page: every item ready to go, ticked, sent in one step."""
    assessment = _assessment(agency, pk)
    ready = [ItemState.APPROVED] if assessment.approval_required else [ItemState.APPROVED, ItemState.ACCEPTED]
    rows = items_with_evidence(assessment, ready)
    form = BulkItemsForm(request.POST or None, candidates=assessment.items.all(),
                         initial={"items": [row.pk for row in rows]})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                moved = approvals.items_send(
                    actor=request.user, assessment=assessment, items=list(form.cleaned_data["items"].select_related("item"))
                )
            except DomainError as error:
                form_error(request, form, error, inline=True)
                status = error.status
            else:
                messages.success(request, _("%(n)s items sent to the assessors.") % {"n": len(moved)})
                return redirect("oit:assessment", code=agency.code, pk=assessment.pk)
        else:
            status = 400
    chosen = {int(pk) for pk in (form["items"].value() or [])}
    return render(request, "oit/send.html", agency_context(
        request, agency, tab="oit", assessment=assessment, rows=rows, form=form, chosen=chosen,
    ), status=status)


@agency_view(Perm.OIT_DRAFTS)
def approval_memo(request, agency, pk: int, memo_pk: int):
    assessment = _assessment(agency, pk)
    memo = get_object_or_404(
        ApprovalMemo.objects.select_related("approved_by", "signer"), pk=memo_pk, assessment=assessment
    )
    approver = memo.signer.full_name if memo.signer else (memo.approved_by.full_name if memo.approved_by else "—")
    return render(request, "oit/approval_memo.html", agency_context(
        request, agency, tab="oit", assessment=assessment, memo=memo,
        items=memo.items.select_related("item").order_by("item__position"),
        approver=approver, approved_when=when_text(memo.approved_at),
        can_print=has_perm(request.user, agency, Perm.DOCUMENTS_BUILD),
    ))
