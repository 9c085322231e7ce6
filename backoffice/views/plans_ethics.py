"""Ethics records (o39-o41)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.permissions import Perm, agency_view, require_perm
from plans import services
from backoffice.forms.plans import EthicsForm
from plans.models import EthicsRecord
from .plans_common import attempt, current_fiscal_year, page


@agency_view(Perm.PLANS_VIEW)
def ethics(request, agency):
    if request.method == "POST":
        require_perm(request.user, agency, Perm.PLANS_EDIT)
        form = EthicsForm(request.POST)
        done = attempt(request, form, lambda d: services.ethics_record_add(actor=request.user, agency=agency, **d),
                       _("Ethics record added."), reverse("plans:ethics", args=[agency.code]))
        if done:
            return done
        status = 400
    else:
        form = EthicsForm(initial={"fiscal_year": current_fiscal_year()})
        status = 200
    records = EthicsRecord.objects.filter(agency=agency)
    return render(request, "plans/ethics.html", page(request, agency, "ethics", records=records, form=form),
                  status=status)
