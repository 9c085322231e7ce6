"""Back-office pages of the public section: profile and publishing, the hand-off to ITAS with
its CSV/XLSX export and anonymous checks, and answering and moderating citizens' questions."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.permissions import Perm, agency_view, has_perm
from assessments.models import Assessment
from lib.errors import DomainError
from transparency import handoff, selectors, services
from transparency.models import EService, ParticipationRecord, Question

from ..forms.public import FORMS, ProfileForm
from .common import agency_context, form_error


@agency_view(Perm.PUBLIC_MANAGE)
def public_section(request, agency):
    """The profile of the public section and, for the current assessment, what can be published."""
    profile = services.profile_for(agency)
    initial = {
        "is_public": profile.is_public, "phone": profile.phone, "email": profile.email, "website": profile.website,
        "office_hours_th": profile.office_hours_th, "executives": list(profile.executives.all()) if profile.pk else [],
    }
    form = ProfileForm(request.POST or None, agency=agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.profile_update(
                actor=request.user, agency=agency,
                data=services.ProfileInput(**{**data, "executives": tuple(data["executives"])}),
            )
        except DomainError as error:
            form_error(request, form, error)
        else:
            messages.success(request, _("The public profile is saved."))
            return redirect("public_admin:section", code=agency.code)
    assessment = selectors.current_assessment(agency)
    rows = []
    if assessment:
        items = (
            assessment.items.select_related("item", "sent_revision", "assessment")
            .prefetch_related("revisions", "publications").order_by("item__position")
        )
        for item in items:
            revision = services.publishable_revision(item)
            last = next(iter(item.publications.all()), None)
            rows.append({"row": item, "ready": revision, "last": last, "changed": revision is not None and (last is None or last.source_revision_id != revision.pk)})
    context = agency_context(request, agency, tab="public", form=form, profile=profile, assessment=assessment, rows=rows)
    return render(request, "backoffice/public_section.html", context)


@require_POST
@agency_view(Perm.PUBLIC_MANAGE)
def publish(request, agency):
    assessment = selectors.current_assessment(agency)
    if assessment is None:
        raise DomainError(_("Open an assessment first."))
    try:
        if request.POST.get("item") == "ready":
            count = services.publications_create_ready(actor=request.user, assessment=assessment)
            messages.success(request, _("%(n)s items published.") % {"n": count})
        else:
            item = get_object_or_404(assessment.items, pk=request.POST.get("item") or 0)
            publication = services.publication_create(actor=request.user, assessment_item=item, note=request.POST.get("note", ""))
            messages.success(request, _("Published as version %(n)s.") % {"n": publication.number})
    except DomainError as error:
        messages.error(request, error.bilingual())
    return redirect("public_admin:section", code=agency.code)


# --- hand-off to ITAS ----------------------------------------------------------------------


def _assessment(agency, pk: int) -> Assessment:
    return get_object_or_404(Assessment.objects.select_related("agency", "framework"), pk=pk, agency=agency)


@agency_view(Perm.OIT_DRAFTS)
def itas(request, agency, pk: int):
    assessment = _assessment(agency, pk)
    rows = handoff.handoff_rows(assessment)
    context = agency_context(
        request, agency, tab="oit", assessment=assessment, rows=rows,
        failures=sum(1 for row in rows if row.failed), can_check=has_perm(request.user, agency, Perm.PUBLIC_MANAGE),
        profile=selectors.profile_of(agency),
    )
    return render(request, "backoffice/itas.html", context)


def _export_rows(rows) -> list[list[str]]:
    table = [[_("Item"), _("Title"), _("Public page"), _("Version"), _("Entry"), _("Address"), _("Last check")]]
    for row in rows:
        check = row.checks.get(row.item_url)
        status = (check.get_outcome_display() if check else _("not checked")) if row.item_url else _("nothing published")
        table.append([row.code, row.title, row.item_url, str(row.version or ""), "", "", status])
        for title, address in row.entries:
            check = row.checks.get(address)
            table.append([row.code, "", "", "", title, address, check.get_outcome_display() if check else _("not checked")])
    return table


@agency_view(Perm.OIT_DRAFTS)
def itas_export(request, agency, pk: int, fmt: str):
    assessment = _assessment(agency, pk)
    table = _export_rows(handoff.handoff_rows(assessment))
    name = f"itas-{agency.code}-{assessment.framework.code}.{fmt}"
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "ITAS"
        for line in table:
            sheet.append(line)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        out = io.StringIO()
        csv.writer(out).writerows(table)
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@agency_view(Perm.PUBLIC_MANAGE)
def itas_check(request, agency, pk: int):
    assessment = _assessment(agency, pk)
    handoff.schedule_handoff_check(assessment=assessment)
    messages.success(request, _("The addresses are being checked; reload this page in a minute."))
    return redirect("public_admin:itas", code=agency.code, pk=assessment.pk)


# --- questions -----------------------------------------------------------------------------


@agency_view(Perm.QA_ANSWER)
def questions(request, agency):
    rows = list(Question.objects.filter(agency=agency).select_related("answered_by").order_by("state", "-asked_at")[:500])
    context = agency_context(
        request, agency, tab="questions", questions=rows, stats=selectors.question_stats(agency),
        can_moderate=has_perm(request.user, agency, Perm.PUBLIC_MANAGE),
    )
    return render(request, "backoffice/questions.html", context)


@require_POST
@agency_view(Perm.QA_ANSWER)
def question_answer(request, agency, question_pk: int):
    question = get_object_or_404(Question, pk=question_pk, agency=agency)
    try:
        services.question_answer(actor=request.user, question=question, answer=request.POST.get("answer", ""))
    except DomainError as error:
        messages.error(request, error.bilingual())
    else:
        messages.success(request, _("The answer is saved."))
    return redirect("public_admin:questions", code=agency.code)


@require_POST
@agency_view(Perm.PUBLIC_MANAGE)
def question_moderate(request, agency, question_pk: int):
    question = get_object_or_404(Question, pk=question_pk, agency=agency)
    publish = request.POST.get("decision") == "publish"
    try:
        services.question_moderate(actor=request.user, question=question, publish=publish)
    except DomainError as error:
        messages.error(request, error.bilingual())
    else:
        messages.success(request, _("The question is published.") if publish else _("The question stays off the public page."))
    return redirect("public_admin:questions", code=agency.code)


# --- participation, services, and their publishing as OIT evidence ------------------------


@agency_view(Perm.PUBLIC_MANAGE)
def records(request, agency):
    """Participation records, e-services and monthly service counts, each publishable as evidence."""
    posted = request.POST.get("form") if request.method == "POST" else None
    forms_by_name = {name: cls(request.POST if posted == name else None, prefix=name) for name, cls in FORMS.items()}
    form = forms_by_name.get(posted)
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if posted == "participation":
                services.participation_record(actor=request.user, agency=agency, **data)
            elif posted == "eservice":
                services.eservice_add(actor=request.user, agency=agency, **data)
            else:
                services.service_count_record(actor=request.user, agency=agency, **data)
        except DomainError as error:
            form_error(request, form, error)
        else:
            messages.success(request, _("Saved and published on the public page."))
            return redirect("public_admin:records", code=agency.code)
    assessment = selectors.current_assessment(agency)
    targets = []
    if assessment:
        for source, (_url_name, title) in services.SOURCES.items():
            target = services.source_target(assessment.framework, source)
            if target:
                targets.append({"source": source, "title": title, "item": target["item"], "url": services.source_url(agency, source)})
    context = agency_context(
        request, agency, tab="public", forms=forms_by_name, assessment=assessment, targets=targets,
        participation=selectors.participation_records(agency), e_services=selectors.e_services(agency),
        stats=selectors.service_stats(agency), can_evidence=has_perm(request.user, agency, Perm.OIT_EVIDENCE),
    )
    return render(request, "backoffice/public_records.html", context)


def _remove(request, agency, model, pk: int, remove):
    remove(actor=request.user, **{"record" if model is ParticipationRecord else "service": get_object_or_404(model, pk=pk, agency=agency)})
    messages.success(request, _("Removed."))
    return redirect("public_admin:records", code=agency.code)


@require_POST
@agency_view(Perm.PUBLIC_MANAGE)
def participation_delete(request, agency, record_pk: int):
    return _remove(request, agency, ParticipationRecord, record_pk, services.participation_delete)


@require_POST
@agency_view(Perm.PUBLIC_MANAGE)
def eservice_delete(request, agency, service_pk: int):
    return _remove(request, agency, EService, service_pk, services.eservice_remove)


@require_POST
@agency_view(Perm.OIT_EVIDENCE)
def page_as_evidence(request, agency):
    """One step: the public page becomes evidence of the item the framework data names for it."""
    assessment = selectors.current_assessment(agency)
    if assessment is None:
        raise DomainError(_("Open an assessment first."))
    try:
        revision = services.source_publish(actor=request.user, assessment=assessment, source=request.POST.get("source", ""))
    except DomainError as error:
        messages.error(request, error.bilingual())
    else:
        messages.success(request, _("Added as evidence of %(item)s (revision %(n)s).") % {
            "item": revision.assessment_item.item.code, "n": revision.number})
    return redirect("public_admin:records", code=agency.code)
