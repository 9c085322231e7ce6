"""The plans app as a source of OIT evidence (registered with assessments.evidence_sources).

Nothing here publishes: it lists, for an agency and fiscal year, every record that can be
evidence, with the OIT item codes it serves in a given framework version (from that version's
publishing map: the codes are a year's data), its effective date, its title and, where there
is one, the official document that can be attached.
"""

from __future__ import annotations


from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from frameworks.models import FrameworkVersion
from lib.thai import fiscal_year_bounds

from assessments.evidence_sources import EvidenceCandidate

from .models import (
    ActionPlan,
    EthicsRecord,
    FollowUp,
    MeasurePlan,
    Meeting,
    NoGiftActivity,
    NoGiftDeclaration,
    NoGiftReport,
    PlanReport,
    RiskRegister,
)

# Every kind of record a framework's publishing map may name (registered with the framework
# loader in PlansConfig.ready); each record says its kind in ``evidence_kind``.
EVIDENCE_KINDS = {
    "measure-plan": _("Measures plan with the analysis of last year's results"),
    "measure-follow-up": _("Follow-up of a measure"),
    "internal-meeting": _("Internal monitoring meeting"),
    "risk-register": _("Corruption risk register"),
    "risk-follow-up": _("Follow-up of a risk treatment"),
    "action-plan": _("Anti-corruption action plan"),
    "plan-report-half-year": _("Half-year progress report of the action plan"),
    "plan-report-year": _("Annual report of the action plan"),
    "no-gift-declaration": _("No Gift Policy declaration"),
    "no-gift-activity": _("No Gift Policy culture activity"),
    "no-gift-report": _("No Gift Policy report"),
    "ethics-code": _("Code of ethics for state officials"),
    "ethics-rules": _("The agency's own ethics rules"),
    "ethics-team": _("Ethics consulting team or working group"),
    "ethics-dos-donts": _("Dos & Don'ts"),
    "ethics-training": _("Training or activity on ethics"),
    "ethics-hr-use": _("Ethics evaluation used in HR decisions"),
}


def plans_candidates(agency: Agency, framework: FrameworkVersion, served: dict) -> list[EvidenceCandidate]:
    """The agency's plans records of FRAMEWORK's fiscal year that its publishing map places in an
    item (SERVED: kind → item codes). Registered as an evidence source in PlansConfig.ready()."""
    fiscal_year = framework.fiscal_year
    start, end = fiscal_year_bounds(fiscal_year)
    in_year = {"agency": agency, "fiscal_year": fiscal_year}
    records: list[tuple[models.Model, str]] = []
    records += [(r, "measures") for r in MeasurePlan.objects.filter(**in_year)]
    records += [(r, "") for r in FollowUp.objects.filter(agency=agency, date__range=(start, end))]
    records += [(r, "risks") for r in RiskRegister.objects.filter(**in_year)]
    records += [(r, "action-plan") for r in ActionPlan.objects.filter(**in_year)]
    records += [(r, "plan-report") for r in PlanReport.objects.filter(plan__agency=agency,
                                                                       plan__fiscal_year=fiscal_year)
                .select_related("plan")]
    records += [(r, "no-gift") for r in NoGiftDeclaration.objects.filter(**in_year)]
    records += [(r, "") for r in NoGiftActivity.objects.filter(**in_year)]
    records += [(r, "") for r in NoGiftReport.objects.filter(**in_year)]
    records += [(r, "") for r in EthicsRecord.objects.filter(**in_year)]
    records += [(r, "") for r in Meeting.objects.filter(agency=agency, starts_at__date__range=(start, end))
                if r.kind == Meeting.Kind.INTERNAL]
    return [
        EvidenceCandidate(record, record.evidence_kind, served[record.evidence_kind], record.effective_date, record.title,
                          kind, getattr(record, "url", "") or "")
        for record, kind in records
        if served.get(record.evidence_kind)
    ]
