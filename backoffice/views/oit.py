"""OIT pages: the assessment, its responsibility matrix, each item's evidence and review."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agencies.permissions import Perm, agency_view, has_perm, require_perm
from assessments import review, services
from assessments.models import Assessment, AssessmentItem, EvidenceEntry, EvidenceRevision, Phase
from assessments.rules import (
    available_actions,
    may_edit_evidence,
    may_see_drafts,
    may_see_verdicts,
    require_evidence_editor,
    require_transition,
    transition_for,
)
from assessments.selectors import framework_shape, latest_check_outcomes, matrix_rows, oit_scorecard, readiness
from audit.models import AuditEntry
from frameworks.selectors import item_lineage, preparing_context
from lib.errors import DomainError, PermissionRefused
from lib.scoring import ita_total, rate, rounded
from lib.thai import today_bangkok

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
from .common import agency_context, form_error


def _assessment(agency, pk: int) -> Assessment:
    return get_object_or_404(Assessment.objects.select_related("agency", "framework"), pk=pk, agency=agency)


@agency_view(Perm.OIT_VIEW)
def assessment_list(request, agency):
    assessments = agency.assessments.select_related("framework")
    form = OpenAssessmentForm(request.POST or None)
    if request.method == "POST":
        require_perm(request.user, agency, Perm.OIT_MANAGE)
        if form.is_valid():
            try:
                assessment = services.assessment_open(actor=request.user, agency=agency, **form.cleaned_data)
            except DomainError as error:
                form_error(request, form, error)
            else:
                messages.success(request, _("Assessment opened with the responsibility matrix prefilled."))
                return redirect("oit:assessment", code=agency.code, pk=assessment.pk)
    return render(request, "oit/assessment_list.html", _oit_context(request, agency, assessments=assessments, form=form, **preparing_context()))


@agency_view(Perm.OIT_VIEW)
def assessment_detail(request, agency, pk: int):
    assessment = _assessment(agency, pk)
    rows = list(matrix_rows(assessment))
    outcomes = latest_check_outcomes([row.latest_revision_id for row in rows if row.latest_revision_id])
    for row in rows:
        row.check_outcomes = outcomes.get(row.latest_revision_id, {})
    ready = readiness(rows)
    context = _oit_context(
        request,
        agency,
        assessment=assessment,
        rows=rows,
        ready=ready,
        phases=assessment.phases.all(),
        today=today_bangkok(),
        show_verdicts=may_see_verdicts(request.user, assessment),
    )
    return render(request, "oit/assessment_detail.html", context)


@agency_view(Perm.OIT_MANAGE)
def matrix(request, agency, pk: int):
    assessment = _assessment(agency, pk)
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
            return redirect("oit:matrix", code=agency.code, pk=pk)
    rows = list(matrix_rows(assessment))
    return render(
        request,
        "oit/matrix.html",
        _oit_context(request, agency, assessment=assessment, rows=rows, form=form),
    )


@agency_view(Perm.OIT_DRAFTS)
def matrix_print(request, agency, pk: int):
    """The responsibility matrix laid out like the seed's table, for printing."""
    assessment = _assessment(agency, pk)
    rows = list(matrix_rows(assessment).prefetch_related("item__elements"))
    return render(request, "oit/matrix_print.html", {"assessment": assessment, "agency": assessment.agency, "rows": rows})


@agency_view(Perm.OIT_MANAGE)
def item_assign(request, agency, pk: int, item_pk: int):
    assessment = _assessment(agency, pk)
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
            form_error(request, form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("oit:matrix", code=agency.code, pk=pk)
    return render(
        request,
        "oit/item_assign.html",
        _oit_context(request, agency, assessment=assessment, item=item, form=form),
    )


def _oit_context(request, agency, **extra) -> dict:
    """Every OIT page: the agency context and what this user does in OIT there."""
    return agency_context(
        request,
        agency,
        tab="oit",
        is_staff=may_see_drafts(request.user, agency),
        is_assessor=has_perm(request.user, agency, Perm.OIT_REVIEW),
        **extra,
    )


def _item_context(request, assessment, item, **forms) -> dict:
    agency = assessment.agency
    user = request.user
    is_staff = may_see_drafts(user, agency)
    assessor = has_perm(user, agency, Perm.OIT_REVIEW)
    elements = list(item.item.elements.all())
    if is_staff:
        revisions = list(
            item.revisions.select_related("created_by").prefetch_related("entries__checks", "ticked_elements")
        )
    else:
        # Assessors see only what was sent, never the agency's drafts.
        revisions = [r for r in EvidenceRevision.objects.filter(pk=item.sent_revision_id).prefetch_related("entries__checks", "ticked_elements")]
    current = revisions[0] if revisions else None
    actions = available_actions(user, item) if is_staff else []
    can_edit = is_staff and may_edit_evidence(user, item)
    show_verdict = may_see_verdicts(user, assessment)
    history = AuditEntry.objects.filter(
        object_type="assessments.assessmentitem", object_id=str(item.pk)
    ).select_related("actor")[:50]
    context = _oit_context(
        request,
        agency,
        assessment=assessment,
        item=item,
        element_rows=[(el, [c for c in elements if c.parent_id == el.pk]) for el in elements if el.parent_id is None],
        revisions=revisions,
        current=current,
        ticked_ids={el.pk for el in current.ticked_elements.all()} if current else set(),
        actions=actions,
        can_edit=can_edit,
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
        has_perm(user, agency, Perm.OIT_CLARIFY)
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
            form_error(request, form, error)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect("oit:item", code=assessment.agency.code, pk=assessment.pk, item_pk=item.pk)
    item.refresh_from_db()
    return render(request, "oit/item_detail.html", _item_context(request, assessment, item, **{form_name: form}), status=400)


def _load_item(agency, pk, item_pk):
    assessment = _assessment(agency, pk)
    item = get_object_or_404(
        AssessmentItem.objects.select_related("item", "item__indicator", "item__subindicator", "division", "officer__user", "sent_revision"),
        pk=item_pk,
        assessment=assessment,
    )
    return assessment, item


@agency_view(Perm.OIT_VIEW)
def item_detail(request, agency, pk: int, item_pk: int):
    assessment, item = _load_item(agency, pk, item_pk)
    return render(request, "oit/item_detail.html", _item_context(request, assessment, item))


@require_POST
@agency_view(Perm.OIT_EVIDENCE)
def item_evidence(request, agency, pk: int, item_pk: int):
    assessment, item = _load_item(agency, pk, item_pk)
    require_evidence_editor(request.user, item)  # the service's own rule: not this officer's item is a 403
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


@require_POST
@agency_view(Perm.OIT_VIEW)
def item_transition(request, agency, pk: int, item_pk: int):
    assessment, item = _load_item(agency, pk, item_pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; nothing changed."))
    else:
        transition = transition_for(form.cleaned_data["action"], approval_required=assessment.approval_required)
        if transition is not None:
            # The same object rule the service applies: a step this user may never take is a 403.
            require_transition(request.user, item, transition)
        try:
            services.item_transition(actor=request.user, assessment_item=item, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.bilingual())
        else:
            messages.success(request, _("Done."))
    return redirect("oit:item", code=agency.code, pk=pk, item_pk=item_pk)


@require_POST
@agency_view(Perm.OIT_REVIEW)
def item_verdict(request, agency, pk: int, item_pk: int):
    assessment, item = _load_item(agency, pk, item_pk)
    form = VerdictForm(request.POST, elements=item.item.elements.all())
    return _item_form_step(
        request, assessment, item, form=form, form_name="verdict_form", success=_("Verdict recorded."),
        step=lambda data: review.verdict_record(actor=request.user, assessment_item=item, **data),
    )


@require_POST
@agency_view(Perm.OIT_REVIEW)
def item_confirm(request, agency, pk: int, item_pk: int):
    assessment, item = _load_item(agency, pk, item_pk)
    form = ConfirmForm(request.POST)
    return _item_form_step(
        request, assessment, item, form=form, form_name="confirm_form", success=_("Final verdict confirmed."),
        step=lambda data: review.verdict_confirm(actor=request.user, assessment_item=item, **data),
    )


@require_POST
@agency_view(Perm.OIT_CLARIFY)
def item_clarify(request, agency, pk: int, item_pk: int):
    assessment, item = _load_item(agency, pk, item_pk)
    entries = item.sent_revision.entries.all() if item.sent_revision else item.revisions.none()
    form = ClarificationForm(request.POST, entries=entries)
    return _item_form_step(
        request, assessment, item, form=form, form_name="clarification_form", success=_("Clarification filed."),
        step=lambda data: review.clarification_file(
            actor=request.user, assessment_item=item, text=data["text"], entries=list(data["entries"])
        ),
    )


@agency_view(Perm.OIT_VIEW)
def score(request, agency, pk: int):
    assessment = _assessment(agency, pk)
    shape = framework_shape(assessment.framework)
    rows = list(matrix_rows(assessment))
    if not may_see_verdicts(request.user, assessment):
        return render(request, "oit/score_hidden.html", _oit_context(request, agency, assessment=assessment))
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
        _oit_context(
            request,
            agency,
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
    the weighted total and its rating band, all from framework data. Official scores the
    agency entered itself are shown marked and left out until an assessor confirms them."""
    from surveys.models import Campaign
    from surveys.selectors import campaign_scores

    campaign = Campaign.objects.filter(agency=assessment.agency, framework=assessment.framework).first()
    results = campaign_scores(campaign) if campaign else []
    scores = {r.questionnaire.tool.code: r.official_tool for r in results}
    unverified = {r.questionnaire.tool.code: r.scores.tool for r in results if r.unverified}
    scores["OIT"] = oit_score
    tools = [(tool, rounded(scores.get(tool.code)), rounded(unverified.get(tool.code))) for tool in shape.tools]
    total = ita_total(assessment.framework.scoring.get("total", "weighted_tools"), shape.tools, scores)
    band = rate(total, scores, shape.bands)
    return {
        "tools": tools,
        "total": rounded(total),
        "band": shape.band_rows.get(band.id) if band else None,
        "has_surveys": campaign is not None,
    }


@agency_view(Perm.OIT_VIEW)
def phases(request, agency, pk: int):
    assessment = _assessment(agency, pk)
    if request.method == "POST":
        if not request.user.is_operator:
            raise PermissionRefused(gettext_lazy("Only operators change the assessment calendar."))
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
        return redirect("oit:phases", code=agency.code, pk=pk)
    return render(
        request,
        "oit/phases.html",
        _oit_context(request, agency, assessment=assessment, phases=assessment.phases.all(), today=today_bangkok()),
    )


@agency_view(Perm.OIT_VIEW)
def entry_file(request, agency, pk: int, entry_pk: int):
    """Download an uploaded evidence file: always as an attachment, never rendered inline."""
    assessment = _assessment(agency, pk)
    entry = get_object_or_404(
        EvidenceEntry.objects.select_related("revision__assessment_item"),
        pk=entry_pk,
        revision__assessment_item__assessment=assessment,
    )
    if not entry.file:
        raise Http404
    if not may_see_drafts(request.user, agency):
        # Assessors may open only what the agency sent them.
        if entry.revision_id != entry.revision.assessment_item.sent_revision_id:
            raise Http404
    response = FileResponse(entry.file.open("rb"), as_attachment=True, filename=entry.file_name or "evidence")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@agency_view(Perm.OIT_DRAFTS)
def publish(request, agency, pk: int):
    """Plans records of the fiscal year that can become evidence, each with its items."""
    from assessments.publishing import candidate_key, candidates_for, record_publish

    assessment = _assessment(agency, pk)
    if request.method == "POST":
        require_perm(request.user, agency, Perm.OIT_EVIDENCE)
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
            return redirect("oit:item", code=agency.code, pk=pk, item_pk=item.pk)
    candidates = [(candidate_key(c), c) for c in candidates_for(assessment)]
    candidates.sort(key=lambda pair: (pair[1].items, pair[1].effective_date))
    return render(
        request,
        "oit/publish.html",
        _oit_context(request, agency, assessment=assessment, candidates=candidates),
    )
