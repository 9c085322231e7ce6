"""OIT pages: the assessment, its responsibility matrix, each item's evidence and review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import (
    MANAGE_ROLES,
    STAFF_ROLES,
    VIEW_ROLES,
    agency_for,
    is_assessor,
    is_staff_member,
    roles_in,
)
from agencies.models import Role
from assessments import review, services
from assessments.models import (
    Assessment,
    AssessmentItem,
    EvidenceEntry,
    EvidenceRevision,
    Phase,
)
from assessments.rules import EDITABLE_STATES, available_actions
from assessments.selectors import (
    framework_shape,
    latest_check_outcomes,
    matrix_rows,
    oit_scorecard,
    readiness,
)
from audit.models import AuditEntry
from frameworks.selectors import item_lineage, preparing_context
from lib.errors import DomainError
from lib.scoring import ita_total, rate, rounded

from backoffice.forms.oit import (
    AssignForm,
    BulkAssignForm,
    ClarificationForm,
    ConfirmForm,
    EvidenceForm,
    OpenAssessmentForm,
    PhaseForm,
    TransitionForm,
    VerdictForm,
)
from .common import _agency_context, _form_error


def _assessment(request, code: str, pk: int, roles=VIEW_ROLES) -> Assessment:
    agency = agency_for(request.user, code, roles)
    return get_object_or_404(Assessment.objects.select_related("agency", "framework"), pk=pk, agency=agency)


@login_required
def assessment_list(request, code: str):
    agency = agency_for(request.user, code)
    assessments = agency.assessments.select_related("framework")
    form = OpenAssessmentForm(request.POST or None)
    if request.method == "POST":
        agency_for(request.user, code, MANAGE_ROLES)
        if form.is_valid():
            try:
                assessment = services.assessment_open(actor=request.user, agency=agency, **form.cleaned_data)
            except DomainError as error:
                _form_error(request, form, error)
            else:
                messages.success(request, _("Assessment opened with the responsibility matrix prefilled."))
                return redirect("oit:assessment", code=agency.code, pk=assessment.pk)
    return render(request, "oit/assessment_list.html", _agency_context(request, agency, tab="oit", assessments=assessments, form=form, **preparing_context()))


@login_required
def assessment_detail(request, code: str, pk: int):
    assessment = _assessment(request, code, pk)
    rows = list(matrix_rows(assessment))
    outcomes = latest_check_outcomes([row.latest_revision_id for row in rows if row.latest_revision_id])
    for row in rows:
        row.check_outcomes = outcomes.get(row.latest_revision_id, {})
    ready = readiness(rows)
    agency = assessment.agency
    context = _agency_context(
        request,
        agency,
        tab="oit",
        assessment=assessment,
        rows=rows,
        ready=ready,
        phases=assessment.phases.all(),
        today=timezone.localdate(),
        is_staff=is_staff_member(request.user, agency),
        is_assessor=is_assessor(request.user, agency),
        show_verdicts=is_assessor(request.user, agency) or review.verdicts_visible_to_agency(assessment),
    )
    return render(request, "oit/assessment_detail.html", context)


@login_required
def matrix(request, code: str, pk: int):
    assessment = _assessment(request, code, pk, MANAGE_ROLES)
    form = BulkAssignForm(request.POST or None, assessment=assessment)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count = services.matrix_bulk_assign(
                actor=request.user,
                assessment=assessment,
                items=list(data["items"]),
                division=data["division"],
                officer=data["officer"],
                due_date=data["due_date"],
            )
        except DomainError as error:
            messages.error(request, error.bilingual())
        else:
            messages.success(request, _("%(n)s items updated.") % {"n": count})
            return redirect("oit:matrix", code=code, pk=pk)
    rows = list(matrix_rows(assessment))
    return render(
        request,
        "oit/matrix.html",
        _agency_context(request, assessment.agency, tab="oit", assessment=assessment, rows=rows, form=form),
    )


@login_required
def matrix_print(request, code: str, pk: int):
    """The responsibility matrix laid out like the seed's table, for printing."""
    assessment = _assessment(request, code, pk, STAFF_ROLES)
    rows = list(matrix_rows(assessment).prefetch_related("item__elements"))
    return render(request, "oit/matrix_print.html", {"assessment": assessment, "agency": assessment.agency, "rows": rows})


@login_required
def item_assign(request, code: str, pk: int, item_pk: int):
    assessment = _assessment(request, code, pk, MANAGE_ROLES)
    item = get_object_or_404(AssessmentItem.objects.select_related("item"), pk=item_pk, assessment=assessment)
    initial = {
        "division": item.division,
        "position_th": item.position_th,
        "officer": item.officer,
        "due_date": item.due_date,
        "base_version": item.version,
    }
    form = AssignForm(request.POST or None, agency=assessment.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.matrix_assign(actor=request.user, assessment_item=item, **form.cleaned_data)
        except DomainError as error:
            _form_error(request, form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("oit:matrix", code=code, pk=pk)
    return render(
        request,
        "oit/item_assign.html",
        _agency_context(request, assessment.agency, tab="oit", assessment=assessment, item=item, form=form),
    )


def _item_context(request, assessment, item, **forms) -> dict:
    agency = assessment.agency
    user = request.user
    is_staff = is_staff_member(user, agency)
    assessor = is_assessor(user, agency)
    elements = list(item.item.elements.all())
    if is_staff:
        revisions = list(
            item.revisions.select_related("created_by").prefetch_related("entries__checks", "ticked_elements")
        )
    else:
        # Assessors see only what was sent, never the agency's drafts.
        revisions = [r for r in EvidenceRevision.objects.filter(pk=item.sent_revision_id).prefetch_related("entries__checks", "ticked_elements")]
    current = revisions[0] if revisions else None
    roles = roles_in(user, agency) | ({Role.ADMIN, Role.EXECUTIVE, Role.OFFICER} if user.is_operator else set())
    is_own = bool(item.officer_id and item.officer.user_id == user.pk)
    actions = [
        t for t in available_actions(item.state, roles, approval_required=assessment.approval_required)
        if t.action != "submit" or is_own or Role.ADMIN in roles
    ] if is_staff else []
    can_edit = is_staff and item.state in EDITABLE_STATES and (Role.ADMIN in roles or is_own or user.is_operator)
    show_verdict = assessor or review.verdicts_visible_to_agency(assessment)
    history = AuditEntry.objects.filter(
        object_type="assessments.assessmentitem", object_id=str(item.pk)
    ).select_related("actor")[:50]
    context = _agency_context(
        request,
        agency,
        tab="oit",
        assessment=assessment,
        item=item,
        element_rows=[(el, [c for c in elements if c.parent_id == el.pk]) for el in elements if el.parent_id is None],
        revisions=revisions,
        current=current,
        ticked_ids={el.pk for el in current.ticked_elements.all()} if current else set(),
        actions=actions,
        can_edit=can_edit,
        is_staff=is_staff,
        is_assessor=assessor,
        show_verdict=show_verdict,
        comments=item.comments.select_related("author"),
        history=history,
        clarification=getattr(item, "clarification", None),
        lineage=item_lineage(item.item),
    )
    if can_edit and "evidence_form" not in forms:
        forms["evidence_form"] = EvidenceForm(
            initial={
                "base_version": item.version,
                "keep": list(current.entries.all()) if current else [],
                "ticked": list(current.ticked_elements.all()) if current else [],
                "note": current.note if current else "",
            },
            elements=item.item.elements.all(),
            entries=current.entries.all() if current else item.revisions.none(),
        )
    if assessor and item.state == "sent" and not item.final_verdict and "verdict_form" not in forms:
        forms["verdict_form"] = VerdictForm(
            initial={"verdict": item.preliminary_verdict or None, "reason": item.preliminary_reason, "base_version": item.version},
            elements=item.item.elements.all(),
        )
    if assessor and item.preliminary_verdict and not item.final_verdict and "confirm_form" not in forms:
        forms["confirm_form"] = ConfirmForm(initial={"verdict": item.preliminary_verdict, "base_version": item.version})
    if (
        Role.ADMIN in roles
        and show_verdict
        and item.preliminary_verdict == "fail"
        and not context["clarification"]
        and "clarification_form" not in forms
    ):
        forms["clarification_form"] = ClarificationForm(
            entries=item.sent_revision.entries.all() if item.sent_revision else item.revisions.none()
        )
    context.update(forms)
    return context


def _item_form_step(request, assessment, item, *, form, form_name: str, step, success):
    """Validate FORM and run STEP(cleaned_data): redirect to the item with SUCCESS, or show the
    item again with the form, its input and the refusal (status 400)."""
    if form.is_valid():
        try:
            result = step(form.cleaned_data)
        except DomainError as error:
            _form_error(request, form, error)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect("oit:item", code=assessment.agency.code, pk=assessment.pk, item_pk=item.pk)
    item.refresh_from_db()
    return render(request, "oit/item_detail.html", _item_context(request, assessment, item, **{form_name: form}), status=400)


def _load_item(request, code, pk, item_pk):
    assessment = _assessment(request, code, pk)
    item = get_object_or_404(
        AssessmentItem.objects.select_related("item", "item__indicator", "item__subindicator", "division", "officer__user", "sent_revision"),
        pk=item_pk,
        assessment=assessment,
    )
    return assessment, item


@login_required
def item_detail(request, code: str, pk: int, item_pk: int):
    assessment, item = _load_item(request, code, pk, item_pk)
    return render(request, "oit/item_detail.html", _item_context(request, assessment, item))


@login_required
@require_POST
def item_evidence(request, code: str, pk: int, item_pk: int):
    assessment, item = _load_item(request, code, pk, item_pk)
    if not is_staff_member(request.user, assessment.agency):
        raise PermissionDenied
    current = item.revisions.first()
    form = EvidenceForm(
        request.POST,
        request.FILES,
        elements=item.item.elements.all(),
        entries=current.entries.all() if current else item.revisions.none(),
    )

    def step(data):
        new_entries = []
        if data["url"] or data["file"]:
            new_entries.append(
                services.EntryInput(
                    title=data["title"],
                    url=data["url"],
                    file=data["file"],
                    effective_date=data["effective_date"],
                    covers_to=data["covers_to"],
                    none_statement=data["none_statement"],
                )
            )
        return services.evidence_save(
            actor=request.user,
            assessment_item=item,
            base_version=data["base_version"],
            note=data["note"],
            ticked=list(data["ticked"]),
            keep_entries=list(data["keep"]),
            new_entries=new_entries,
        )

    return _item_form_step(
        request, assessment, item, form=form, form_name="evidence_form", step=step,
        success=lambda revision: _("Evidence saved as revision %(n)s. Checks are running.") % {"n": revision.number},
    )


@login_required
@require_POST
def item_transition(request, code: str, pk: int, item_pk: int):
    assessment, item = _load_item(request, code, pk, item_pk)
    if not is_staff_member(request.user, assessment.agency):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; nothing changed."))
    else:
        try:
            services.item_transition(actor=request.user, assessment_item=item, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.bilingual())
        else:
            messages.success(request, _("Done."))
    return redirect("oit:item", code=code, pk=pk, item_pk=item_pk)


@login_required
@require_POST
def item_verdict(request, code: str, pk: int, item_pk: int):
    assessment, item = _load_item(request, code, pk, item_pk)
    if not is_assessor(request.user, assessment.agency):
        raise PermissionDenied
    form = VerdictForm(request.POST, elements=item.item.elements.all())
    return _item_form_step(
        request, assessment, item, form=form, form_name="verdict_form", success=_("Verdict recorded."),
        step=lambda data: review.verdict_record(actor=request.user, assessment_item=item, **data),
    )


@login_required
@require_POST
def item_confirm(request, code: str, pk: int, item_pk: int):
    assessment, item = _load_item(request, code, pk, item_pk)
    if not is_assessor(request.user, assessment.agency):
        raise PermissionDenied
    form = ConfirmForm(request.POST)
    return _item_form_step(
        request, assessment, item, form=form, form_name="confirm_form", success=_("Final verdict confirmed."),
        step=lambda data: review.verdict_confirm(actor=request.user, assessment_item=item, **data),
    )


@login_required
@require_POST
def item_clarify(request, code: str, pk: int, item_pk: int):
    assessment, item = _load_item(request, code, pk, item_pk)
    agency_for(request.user, code, MANAGE_ROLES)
    entries = item.sent_revision.entries.all() if item.sent_revision else item.revisions.none()
    form = ClarificationForm(request.POST, entries=entries)
    return _item_form_step(
        request, assessment, item, form=form, form_name="clarification_form", success=_("Clarification filed."),
        step=lambda data: review.clarification_file(
            actor=request.user, assessment_item=item, text=data["text"], entries=list(data["entries"])
        ),
    )


@login_required
def score(request, code: str, pk: int):
    assessment = _assessment(request, code, pk)
    agency = assessment.agency
    shape = framework_shape(assessment.framework)
    rows = list(matrix_rows(assessment))
    if not (is_assessor(request.user, agency) or review.verdicts_visible_to_agency(assessment)):
        return render(request, "oit/score_hidden.html", _agency_context(request, agency, tab="oit", assessment=assessment))
    preliminary = oit_scorecard(assessment, final=False, shape=shape)
    current = oit_scorecard(assessment, final=None, shape=shape)
    final = oit_scorecard(assessment, final=True, shape=shape)
    confirmed = sum(1 for row in rows if row.final_verdict)
    indicators = [
        (ind, rounded(preliminary.indicators.get(ind.id)), rounded(current.indicators.get(ind.id)), rounded(final.indicators.get(ind.id)))
        for ind in shape.oit.indicators
    ]
    names = {i.node_id: i for i in assessment.framework.indicators.all()}
    ita = _ita_total(assessment, shape, current.tools["OIT"])
    return render(
        request,
        "oit/score.html",
        _agency_context(
            request,
            agency,
            tab="oit",
            assessment=assessment,
            rows=rows,
            indicators=[(names[ind.id], p, c, f) for ind, p, c, f in indicators],
            preliminary=rounded(preliminary.tools["OIT"]),
            current=rounded(current.tools["OIT"]),
            final=rounded(final.tools["OIT"]) if confirmed == len(rows) else None,
            confirmed=confirmed,
            unscored=preliminary.unscored_items,
            ita=ita,
        ),
    )


def _ita_total(assessment, shape, oit_score) -> dict:
    """IIT and EIT from the agency's surveys (or imported results) with the OIT score now:
    the weighted total and its rating band, all from framework data."""
    from surveys.models import Campaign
    from surveys.selectors import tool_scores

    campaign = Campaign.objects.filter(agency=assessment.agency, framework=assessment.framework).first()
    scores = dict(tool_scores(campaign)) if campaign else {}
    scores["OIT"] = oit_score
    tools = [(tool, rounded(scores.get(tool.code))) for tool in shape.tools]
    total = ita_total(assessment.framework.scoring.get("total", "weighted_tools"), shape.tools, scores)
    band = rate(total, scores, shape.bands)
    return {
        "tools": tools,
        "total": rounded(total),
        "band": shape.band_rows.get(band.id) if band else None,
        "has_surveys": campaign is not None,
    }


@login_required
def phases(request, code: str, pk: int):
    assessment = _assessment(request, code, pk)
    if request.method == "POST":
        if not request.user.is_operator:
            raise PermissionDenied
        phase = get_object_or_404(Phase, pk=request.POST.get("phase"), assessment=assessment)
        form = PhaseForm(request.POST)
        if form.is_valid():
            try:
                services.phase_update(actor=request.user, phase=phase, **form.cleaned_data)
                messages.success(request, _("Calendar updated."))
            except DomainError as error:
                messages.error(request, error.bilingual())
        else:
            messages.error(request, _("Enter both dates."))
        return redirect("oit:phases", code=code, pk=pk)
    return render(
        request,
        "oit/phases.html",
        _agency_context(
            request, assessment.agency, tab="oit", assessment=assessment, phases=assessment.phases.all(), today=timezone.localdate()
        ),
    )


@login_required
def entry_file(request, code: str, pk: int, entry_pk: int):
    """Download an uploaded evidence file: always as an attachment, never rendered inline."""
    assessment = _assessment(request, code, pk)
    entry = get_object_or_404(
        EvidenceEntry.objects.select_related("revision__assessment_item"),
        pk=entry_pk,
        revision__assessment_item__assessment=assessment,
    )
    if not entry.file:
        raise Http404
    if not is_staff_member(request.user, assessment.agency):
        # Assessors may open only what the agency sent them.
        if entry.revision_id != entry.revision.assessment_item.sent_revision_id:
            raise Http404
    response = FileResponse(entry.file.open("rb"), as_attachment=True, filename=entry.file_name or "evidence")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def publish(request, code: str, pk: int):
    """Plans records of the fiscal year that can become evidence, each with its items."""
    from assessments.publishing import candidate_key, candidates_for, record_publish

    assessment = _assessment(request, code, pk, STAFF_ROLES)
    if request.method == "POST":
        try:
            revision = record_publish(
                actor=request.user, assessment=assessment, key=request.POST.get("key", ""), item_code=request.POST.get("item", "")
            )
        except DomainError as error:
            messages.error(request, error.bilingual())
        else:
            item = revision.assessment_item
            messages.success(
                request,
                _("Published as evidence of %(item)s (revision %(n)s).") % {"item": item.item.code, "n": revision.number},
            )
            return redirect("oit:item", code=code, pk=pk, item_pk=item.pk)
    candidates = [(candidate_key(c), c) for c in candidates_for(assessment)]
    candidates.sort(key=lambda pair: (pair[1].items, pair[1].effective_date))
    return render(
        request,
        "oit/publish.html",
        _agency_context(request, assessment.agency, tab="oit", assessment=assessment, candidates=candidates),
    )
