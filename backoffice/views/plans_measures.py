"""Measures: the board, the table, one measure with its methods and follow-up."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from agencies.permissions import Perm, agency_view
from lib.errors import DomainError

from plans import selectors, services
from backoffice.forms.plans import (
    AnalysisPointForm,
    FollowUpEditForm,
    FollowUpForm,
    MeasureEditForm,
    MeasureForm,
    MeasurePlanEditForm,
    MeasurePlanForm,
    MethodEditForm,
    MethodForm,
    ResultsImportForm,
    StatusForm,
)
from plans.models import FollowUp, ImportedResult, Measure, MeasureMethod, MeasurePlan
from plans.services.results import MAX_BYTES

from .plans_common import attempt, current_fiscal_year, form_error, page

XLSX_MAGIC = b"PK\x03\x04"  # an XLSX workbook is a ZIP archive


def _measures_page(request, agency, *, plan_form=None, point_form=None, measure_form=None, import_form=None,
                   status=200):
    plan = selectors.measure_plan_for(agency)
    board = selectors.measure_board(plan) if plan else {}
    imported, pass_mark = selectors.imported_rows(plan) if plan else ([], None)
    context = page(
        request, agency, "measures",
        plan=plan,
        rows=selectors.plan_rows(plan) if plan else [],
        columns=[(value, label, board.get(value, [])) for value, label in Measure.Status.choices] if plan else [],
        plan_form=plan_form or MeasurePlanForm(initial={"fiscal_year": current_fiscal_year()}),
        point_form=point_form or AnalysisPointForm(),
        measure_form=measure_form or MeasureForm(agency=agency),
        import_form=import_form or ResultsImportForm(),
        imported=imported,
        pass_mark=pass_mark,
        imports=plan.results_imports.select_related("requested_by")[:5] if plan else [],
    )
    return render(request, "plans/measures.html", context, status=status)


@agency_view(Perm.PLANS_VIEW)
def measures(request, agency):
    return _measures_page(request, agency)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def measure_plan_create(request, agency):
    form = MeasurePlanForm(request.POST)
    done = attempt(request, form, lambda d: services.measure_plan_create(actor=request.user, agency=agency, **d),
                   _("Measures plan created."), reverse("plans:measures", args=[agency.code]))
    return done or _measures_page(request, agency, plan_form=form, status=400)


def _plan_or_404(agency):
    plan = selectors.measure_plan_for(agency)
    if plan is None:
        raise Http404
    return plan


@require_POST
@agency_view(Perm.PLANS_EDIT)
def analysis_point_add(request, agency):
    plan = _plan_or_404(agency)
    form = AnalysisPointForm(request.POST)
    done = attempt(request, form, lambda d: services.analysis_point_add(actor=request.user, plan=plan, **d),
                   _("Finding added."), reverse("plans:measures", args=[agency.code]))
    return done or _measures_page(request, agency, point_form=form, status=400)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def measure_create(request, agency):
    plan = _plan_or_404(agency)
    form = MeasureForm(request.POST, agency=agency)

    def call(d):
        return services.measure_create(
            actor=request.user, plan=plan, title_th=d["title_th"], period_start=d["period_start"],
            period_end=d["period_end"], divisions=list(d["divisions"]), monitoring_th=d["monitoring_th"],
            methods=[line for line in d["methods"].splitlines() if line.strip()],
        )

    done = attempt(request, form, call, _("Measure added."), reverse("plans:measures", args=[agency.code]))
    return done or _measures_page(request, agency, measure_form=form, status=400)


def _measure_or_404(agency, measure_id: int) -> Measure:
    measure = selectors.measures_qs().select_related("plan").filter(pk=measure_id, plan__agency=agency).first()
    if measure is None:
        raise Http404
    return measure


def _measure_page(request, agency, measure, *, follow_form=None, method_form=None, status_form=None, status=200):
    context = page(
        request, agency, "measures",
        measure=measure,
        rows=selectors.measure_rows(measure),
        follow_form=follow_form or FollowUpForm(agency=agency, measure=measure),
        method_form=method_form or MethodForm(agency=agency),
        status_form=status_form or StatusForm(initial={"status": measure.status}),
        late=measure.is_late(done=measure.is_finished),
    )
    return render(request, "plans/measure_detail.html", context, status=status)


@agency_view(Perm.PLANS_VIEW)
def measure_detail(request, agency, measure_id: int):
    return _measure_page(request, agency, _measure_or_404(agency, measure_id))


@require_POST
@agency_view(Perm.PLANS_EDIT)
def follow_up_add(request, agency, measure_id: int):
    measure = _measure_or_404(agency, measure_id)
    form = FollowUpForm(request.POST, agency=agency, measure=measure)

    def call(d):
        method = None
        if d["method"]:
            method = MeasureMethod.objects.filter(pk=d["method"], measure=measure).first()
            if method is None:
                raise Http404
        return services.follow_up_add(
            actor=request.user, measure=measure, method=method, date=d["date"], precision=d["precision"],
            heading_th=d["heading_th"], text_th=d["text_th"], url=d["url"], meeting=d["meeting"],
        )

    target = reverse("plans:measure", args=[agency.code, measure.pk])
    done = attempt(request, form, call, _("Follow-up recorded."), target)
    return done or _measure_page(request, agency, measure, follow_form=form, status=400)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def method_add(request, agency, measure_id: int):
    measure = _measure_or_404(agency, measure_id)
    form = MethodForm(request.POST, agency=agency)
    done = attempt(request, form,
                   lambda d: services.measure_method_add(actor=request.user, measure=measure, text_th=d["text_th"],
                                                         period_start=d["period_start"], period_end=d["period_end"],
                                                         divisions=list(d["divisions"])),
                   _("Method added."), reverse("plans:measure", args=[agency.code, measure.pk]))
    return done or _measure_page(request, agency, measure, method_form=form, status=400)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def measure_status(request, agency, measure_id: int):
    measure = _measure_or_404(agency, measure_id)
    form = StatusForm(request.POST)
    done = attempt(request, form,
                   lambda d: services.measure_set_status(actor=request.user, measure=measure, status=d["status"]),
                   _("Status changed."), reverse("plans:measure", args=[agency.code, measure.pk]))
    return done or _measure_page(request, agency, measure, status_form=form, status=400)


# --- last year's results ----------------------------------------------------------------------


@require_POST
@agency_view(Perm.PLANS_EDIT)
def analysis_results_import(request, agency):
    plan = _plan_or_404(agency)
    form = ResultsImportForm(request.POST, request.FILES)

    def call(d):
        upload = d["file"]
        if upload.size > MAX_BYTES:
            raise DomainError(_lazy("The file is larger than 1 MB."), field="file")
        data = upload.read(MAX_BYTES + 1)
        if upload.name.lower().endswith(".xlsx") or data.startswith(XLSX_MAGIC):
            # A workbook can be built to take long to read: it is read in the background.
            return services.results_import_request(actor=request.user, plan=plan, name=upload.name, data=data)
        return services.analysis_results_import(actor=request.user, plan=plan, name=upload.name, data=data)

    workbook = bool(form.is_valid() and form.cleaned_data["file"].name.lower().endswith(".xlsx"))
    success = (_("The workbook is being read in the background; the outcome appears below.") if workbook
               else _("Last year's results imported."))
    done = attempt(request, form, call, success, reverse("plans:measures", args=[agency.code]) + "#analysis")
    return done or _measures_page(request, agency, import_form=form, status=400)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def imported_result_weakness(request, agency, result_id: int):
    result = ImportedResult.objects.filter(pk=result_id, plan__agency=agency).first()
    if result is None:
        raise Http404
    try:
        services.imported_result_add_weakness(actor=request.user, result=result)
    except DomainError as error:
        form_error(request, None, error)
        return _measures_page(request, agency, status=error.status)
    messages.success(request, _("Weak point added to the analysis."))
    return redirect(reverse("plans:measures", args=[agency.code]) + "#analysis")


# --- edits ------------------------------------------------------------------------------------


def _edit_page(request, agency, *, form, call, heading: str, back: str, action: str, success: str):
    """GET: the form prefilled. POST: save and go BACK, or the form again with the error beside
    its field and the input kept (409 when someone else saved the record meanwhile)."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                call(form.cleaned_data)
            except DomainError as error:
                form_error(request, form, error)
                if error.code == "conflict":
                    status = 409
            else:
                messages.success(request, success)
                return redirect(back)
    context = page(request, agency, "measures", form=form, heading=heading, back=back, action=action)
    return render(request, "plans/edit.html", context, status=status)


def _data(request):
    return request.POST if request.method == "POST" else None


@require_http_methods(["GET", "POST"])
@agency_view(Perm.PLANS_EDIT)
def measure_plan_edit(request, agency, plan_id: int):
    plan = MeasurePlan.objects.filter(pk=plan_id, agency=agency).first()
    if plan is None:
        raise Http404
    form = MeasurePlanEditForm(_data(request), initial={
        "fiscal_year": plan.fiscal_year, "title_th": plan.title_th, "intro_th": plan.intro_th,
        "adopted_on": plan.adopted_on, "base_version": plan.version})
    return _edit_page(
        request, agency, form=form,
        call=lambda d: services.measure_plan_update(actor=request.user, plan=plan, **d),
        heading=_("Edit the measures plan"), back=reverse("plans:measures", args=[agency.code]),
        action=request.path, success=_("Measures plan saved."),
    )


@require_http_methods(["GET", "POST"])
@agency_view(Perm.PLANS_EDIT)
def measure_edit(request, agency, measure_id: int):
    measure = _measure_or_404(agency, measure_id)
    form = MeasureEditForm(_data(request), agency=agency, initial={
        "title_th": measure.title_th, "period_start": measure.period_start, "period_end": measure.period_end,
        "divisions": list(measure.divisions.all()), "monitoring_th": measure.monitoring_th,
        "status": measure.status, "base_version": measure.version})

    def call(d):
        return services.measure_update(
            actor=request.user, measure=measure, base_version=d["base_version"], title_th=d["title_th"],
            period_start=d["period_start"], period_end=d["period_end"], divisions=list(d["divisions"]),
            monitoring_th=d["monitoring_th"], status=d["status"])

    return _edit_page(
        request, agency, form=form, call=call,
        heading=_("Edit measure %(number)s") % {"number": measure.number},
        back=reverse("plans:measure", args=[agency.code, measure.pk]), action=request.path,
        success=_("Measure saved."),
    )


@require_http_methods(["GET", "POST"])
@agency_view(Perm.PLANS_EDIT)
def method_edit(request, agency, measure_id: int, method_id: int):
    measure = _measure_or_404(agency, measure_id)
    method = MeasureMethod.objects.filter(pk=method_id, measure=measure).select_related("measure__plan").first()
    if method is None:
        raise Http404
    form = MethodEditForm(_data(request), agency=agency, initial={
        "text_th": method.text_th, "period_start": method.period_start, "period_end": method.period_end,
        "divisions": list(method.divisions.all()), "base_version": method.version})

    def call(d):
        return services.method_update(
            actor=request.user, method=method, base_version=d["base_version"], text_th=d["text_th"],
            period_start=d["period_start"], period_end=d["period_end"], divisions=list(d["divisions"]))

    return _edit_page(
        request, agency, form=form, call=call,
        heading=_("Edit method %(number)s of measure %(measure)s") % {"number": method.number,
                                                                     "measure": measure.number},
        back=reverse("plans:measure", args=[agency.code, measure.pk]), action=request.path,
        success=_("Method saved."),
    )


@require_http_methods(["GET", "POST"])
@agency_view(Perm.PLANS_EDIT)
def follow_up_edit(request, agency, measure_id: int, follow_up_id: int):
    measure = _measure_or_404(agency, measure_id)
    entry = FollowUp.objects.filter(pk=follow_up_id, measure=measure).select_related("method", "meeting").first()
    if entry is None:
        raise Http404
    form = FollowUpEditForm(_data(request), initial={
        "date": entry.date, "precision": entry.precision, "heading_th": entry.heading_th, "text_th": entry.text_th,
        "url": entry.url, "base_version": entry.version})
    return _edit_page(
        request, agency, form=form,
        call=lambda d: services.follow_up_update(actor=request.user, follow_up=entry, **d),
        heading=_("Edit a follow-up of measure %(number)s") % {"number": measure.number},
        back=reverse("plans:measure", args=[agency.code, measure.pk]), action=request.path,
        success=_("Follow-up saved."),
    )
