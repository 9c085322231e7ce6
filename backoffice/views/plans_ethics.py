"""Ethics records (o39-o41)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from plans import services
from backoffice.forms.plans import EthicsForm
from plans.models import EthicsRecord
from .plans_common import attempt, current_fiscal_year, editor, page, viewer


@login_required
def ethics(request, code: str):
    if request.method == "POST":
        agency = editor(request, code)
        form = EthicsForm(request.POST)
        done = attempt(request, form, lambda d: services.ethics_record_add(actor=request.user, agency=agency, **d),
                       _("Ethics record added."), reverse("plans:ethics", args=[agency.code]))
        if done:
            return done
        status = 400
    else:
        agency = viewer(request, code)
        form = EthicsForm(initial={"fiscal_year": current_fiscal_year()})
        status = 200
    records = EthicsRecord.objects.filter(agency=agency)
    return render(request, "plans/ethics.html", page(request, agency, "ethics", records=records, form=form),
                  status=status)
