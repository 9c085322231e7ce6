"""Ethics records (o39-o41)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.permissions import Perm, agency_view, require_perm
from backoffice.forms.plans import EthicsForm
from frameworks.selectors import framework_for_year
from plans import services
from assessments.evidence_sources import items_by_kind
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
    records = list(EthicsRecord.objects.filter(agency=agency))
    served_by_year: dict[int, dict] = {}
    for record in records:  # the items each record serves in its own year's framework
        if record.fiscal_year not in served_by_year:
            version = framework_for_year(record.fiscal_year)
            served_by_year[record.fiscal_year] = items_by_kind(version) if version else {}
        record.oit_codes = served_by_year[record.fiscal_year].get(record.evidence_kind, ())
    return render(request, "plans/ethics.html", page(request, agency, "ethics", records=records, form=form),
                  status=status)
