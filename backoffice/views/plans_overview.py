"""The plans overview: what is recorded, what is late, what comes next."""

from __future__ import annotations

from django.shortcuts import render

from agencies.permissions import Perm, agency_view
from lib.thai import today_bangkok
from plans import selectors

from .plans_common import page


@agency_view(Perm.PLANS_VIEW)
def overview(request, agency):
    plan = selectors.measure_plan_for(agency)
    board = selectors.measure_board(plan) if plan else {}
    cards = [card for column in board.values() for card in column]
    today = today_bangkok()
    upcoming = [e for e in selectors.calendar_events(agency) if e.day >= today][:5]
    context = page(request, agency, "overview", plan=plan, n_measures=len(cards),
                   n_late=sum(1 for c in cards if c.late), n_done=len(board.get("done", [])), upcoming=upcoming)
    return render(request, "plans/overview.html", context)
