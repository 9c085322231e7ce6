"""Reads of assessments: the matrix, readiness figures and OIT scores, in fixed query counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from frameworks.models import FrameworkVersion, RatingBand
from lib.scoring import Band, IndicatorSpec, ItemSpec, ScoreCard, ToolSpec, score_oit
from lib.thai import today_bangkok

from .models import (
    Assessment,
    AssessmentItem,
    EvidenceCheck,
    EvidenceRevision,
    ItemState,
)

OPEN_STATES = (ItemState.TODO, ItemState.IN_PROGRESS, ItemState.RETURNED)


def matrix_rows(assessment: Assessment) -> QuerySet[AssessmentItem]:
    """Every item of the assessment with what the matrix and dashboard show, in 3 queries."""
    latest_revision = EvidenceRevision.objects.filter(assessment_item=OuterRef("pk")).order_by("-number")
    return (
        AssessmentItem.objects.filter(assessment=assessment)
        .select_related("item", "item__subindicator", "division", "officer")
        .annotate(
            revision_count=Count("revisions", distinct=True),
            latest_revision_id=Subquery(latest_revision.values("pk")[:1]),
        )
        .order_by("item__position")
    )


def latest_check_outcomes(revision_ids: list[int]) -> dict[int, Counter]:
    """For each revision, how many of its entries' latest checks are ok / warning / failed."""
    outcomes: dict[int, Counter] = defaultdict(Counter)
    seen: set[int] = set()
    checks = (
        EvidenceCheck.objects.filter(entry__revision_id__in=revision_ids)
        .order_by("entry_id", "-checked_at", "-pk")
        .values_list("entry_id", "entry__revision_id", "outcome")
    )
    for entry_id, revision_id, outcome in checks:
        if entry_id in seen:
            continue
        seen.add(entry_id)
        outcomes[revision_id][outcome] += 1
    return outcomes


@dataclass
class Readiness:
    total: int
    by_state: list[tuple[str, str, int]]  # (state, label, count) in workflow order
    by_division: list[tuple[str, dict[str, int], int]]  # (division, state → count, total)
    overdue: list[AssessmentItem] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return next(count for state, _, count in self.by_state if state == ItemState.SENT)


def readiness(rows: list[AssessmentItem], *, today: dt.date | None = None) -> Readiness:
    today = today or today_bangkok()
    counts = Counter(row.state for row in rows)
    divisions: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        divisions[row.division.name if row.division else "—"][row.state] += 1
    overdue = [row for row in rows if row.due_date and row.due_date < today and row.state in OPEN_STATES]
    return Readiness(
        total=len(rows),
        by_state=[(state, label, counts.get(state, 0)) for state, label in ItemState.choices],
        by_division=[(name, dict(counter), sum(counter.values())) for name, counter in sorted(divisions.items())],
        overdue=overdue,
    )


# --- scores ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrameworkShape:
    oit: ToolSpec
    tools: list[ToolSpec]
    bands: list[Band]
    band_rows: dict[str, RatingBand]
    item_ids: dict[int, str]  # frameworks.Item pk → node id


def framework_shape(version: FrameworkVersion) -> FrameworkShape:
    """The framework as plain scoring data (4 queries)."""
    tools = list(version.tools.all())
    indicators = list(version.indicators.all())
    items = list(version.items.order_by("position").values_list("pk", "node_id", "indicator_id", "weight"))
    bands = list(RatingBand.objects.filter(scheme_id=version.rating_scheme_id).order_by("position"))
    items_by_indicator: dict[int, list[ItemSpec]] = defaultdict(list)
    for _, node_id, indicator_id, weight in items:
        items_by_indicator[indicator_id].append(ItemSpec(node_id, weight))
    specs = []
    oit = None
    for tool in tools:
        spec = ToolSpec(
            tool.code,
            tool.weight,
            [
                IndicatorSpec(ind.node_id, items_by_indicator.get(ind.pk, []), ind.weight, ind.share)
                for ind in indicators
                if ind.tool_id == tool.pk
            ],
        )
        specs.append(spec)
        if tool.code == "OIT":
            oit = spec
    return FrameworkShape(
        oit=oit or ToolSpec("OIT", Decimal(0)),
        tools=specs,
        bands=[Band(b.node_id, b.min_total, b.max_total, b.min_each_tool) for b in bands],
        band_rows={b.node_id: b for b in bands},
        item_ids={pk: node_id for pk, node_id, _, _ in items},
    )


def oit_scorecard(assessment: Assessment, *, final: bool | None, shape: FrameworkShape | None = None) -> ScoreCard:
    """FINAL=True: confirmed verdicts only; False: preliminary only; None: the verdict that
    counts now (confirmed where confirmed, else preliminary)."""
    shape = shape or framework_shape(assessment.framework)
    verdicts = {}
    for item_id, preliminary, confirmed in assessment.items.values_list("item_id", "preliminary_verdict", "final_verdict"):
        verdict = confirmed if final else preliminary if final is False else (confirmed or preliminary)
        verdicts[shape.item_ids[item_id]] = verdict or None
    return score_oit(assessment.framework.scoring, shape.oit, verdicts)


def oit_scores_bulk(assessments: QuerySet[Assessment], *, final: bool = True) -> dict[int, Decimal | None]:
    """OIT score of many assessments at once: one pass over their verdicts per framework version."""
    field_name = "final_verdict" if final else "preliminary_verdict"
    scores: dict[int, Decimal | None] = {}
    by_version: dict[int, list[int]] = defaultdict(list)
    for pk, version_id in assessments.values_list("pk", "framework_id"):
        by_version[version_id].append(pk)
    for version_id, assessment_ids in by_version.items():
        version = FrameworkVersion.objects.get(pk=version_id)
        shape = framework_shape(version)
        verdicts: dict[int, dict[str, str | None]] = defaultdict(dict)
        rows = (
            AssessmentItem.objects.filter(assessment_id__in=assessment_ids)
            .values_list("assessment_id", "item_id", field_name)
            .iterator(chunk_size=20000)
        )
        for assessment_id, item_id, verdict in rows:
            verdicts[assessment_id][shape.item_ids[item_id]] = verdict or None
        for assessment_id in assessment_ids:
            scores[assessment_id] = score_oit(version.scoring, shape.oit, verdicts[assessment_id]).tools["OIT"]
    return scores


def items_for_assessor(assessment: Assessment) -> QuerySet[AssessmentItem]:
    return (
        AssessmentItem.objects.filter(assessment=assessment)
        .select_related("item", "sent_revision", "division")
        .prefetch_related("sent_revision__entries", "missing_elements", "sent_revision__ticked_elements")
        .annotate(has_clarification=Count("clarification", filter=Q(clarification__isnull=False)))
        .order_by("item__position")
    )

