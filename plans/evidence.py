"""Hooks for publishing plans records as OIT evidence (wired by the assessments app).

Nothing here publishes: it lists, for an agency and fiscal year, every record that can be
evidence, with the OIT item codes it serves, its effective date, its title and, where there is
one, the official document that can be attached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models

from agencies.models import Agency
from lib.thai import fiscal_year_bounds

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


@dataclass(frozen=True)
class EvidenceCandidate:
    record: models.Model
    items: tuple[str, ...]
    effective_date: dt.date
    title: str
    document_kind: str = ""  # a kind registered with documents.registry, with record.pk as its id


def evidence_candidates(agency: Agency, fiscal_year: int) -> list[EvidenceCandidate]:
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
        EvidenceCandidate(record, tuple(record.oit_item_codes()), record.effective_date, record.title, kind)
        for record, kind in records
    ]
