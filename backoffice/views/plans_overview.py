"""The plans overview: what is recorded, what is late, what comes next."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from plans import selectors
from .plans_common import page, viewer


@login_required
def overview(request, code: str):
    agency = viewer(request, code)
    plan = selectors.measure_plan_for(agency)
    board = selectors.measure_board(plan) if plan else {}
    cards = [card for column in board.values() for card in column]
    today = dt.date.today()
    upcoming = [e for e in selectors.calendar_events(agency) if e.day >= today][:5]
    context = page(request, agency, "overview", plan=plan, n_measures=len(cards),
                   n_late=sum(1 for c in cards if c.late), n_done=len(board.get("done", [])), upcoming=upcoming)
    return render(request, "plans/overview.html", context)
