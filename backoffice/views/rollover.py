"""Roll-over page: carry last year's matrix and weak points into this year's assessment."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies.permissions import Perm, agency_view
from assessments.models import Assessment
from assessments.rollover import (
    recurring_records,
    rollover_apply,
    rollover_proposal,
    rollover_sources,
    weak_point_moves,
    weak_points_rollover,
)
from lib.errors import DomainError

from .common import agency_context


@agency_view(Perm.OIT_MANAGE)
def rollover(request, agency, pk: int):
    target = get_object_or_404(Assessment.objects.select_related("framework", "agency"), pk=pk, agency=agency)
    sources = rollover_sources(target)
    chosen = request.POST.get("source") or request.GET.get("source")
    source = next((s for s in sources if str(s.pk) == chosen), sources[0] if sources else None)
    if request.method == "POST" and source is not None:
        try:
            if request.POST.get("what") == "weak_points":
                added = weak_points_rollover(actor=request.user, source=source, target=target)
                messages.success(request, _("%(n)s weak points of last year were added to this year's measures plan.") % {"n": added})
            else:
                ids = [int(v) for v in request.POST.getlist("items") if v.isdigit()]
                changed = rollover_apply(actor=request.user, source=source, target=target, item_ids=ids)
                messages.success(request, _("%(n)s items took over last year's division, position and officer.") % {"n": changed})
        except DomainError as error:
            messages.error(request, error.bilingual())
        return redirect(f"{request.path}?source={source.pk}")
    rows, moves, recurring, problem = [], [], [], None
    if source is not None:
        try:
            rows = rollover_proposal(source=source, target=target)
            moves = weak_point_moves(source=source, target=target)
            recurring = recurring_records(source=source, target=target)
        except DomainError as error:
            problem = error.bilingual()
    context = agency_context(
        request, agency, tab="oit", assessment=target, source=source, sources=sources, rows=rows,
        moves=moves, recurring=recurring, problem=problem,
    )
    return render(request, "oit/rollover.html", context)
