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
    Phase,
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



# --- each role's work ----------------------------------------------------------------------


@dataclass
class WorkLists:
    """What waits for one person, across every agency where they hold a role."""

    mine: list[AssessmentItem] = field(default_factory=list)  # officer: open items, by due date
    returned: list[AssessmentItem] = field(default_factory=list)  # officer: sent back to them
    to_accept: list[AssessmentItem] = field(default_factory=list)  # ITA admin
    overdue: list[AssessmentItem] = field(default_factory=list)  # ITA admin: past due, still open
    to_approve: list[AssessmentItem] = field(default_factory=list)  # executive
    to_send: list[AssessmentItem] = field(default_factory=list)  # ITA admin: approved, not yet sent
    to_review: list[AssessmentItem] = field(default_factory=list)  # assessor, with review_start/review_end

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in (self.mine, self.to_accept, self.to_approve, self.to_send, self.to_review))


def _role_agencies(user) -> dict[str, set[int]]:
    from agencies.models import Membership

    by_role: dict[str, set[int]] = defaultdict(set)
    for agency_id, role in Membership.objects.filter(user=user).values_list("agency_id", "role"):
        by_role[role].add(agency_id)
    return by_role


def _work_filters(user, by_role: dict[str, set[int]]) -> dict[str, Q]:
    from agencies.models import Role

    admin, executive, assessor = by_role.get(Role.ADMIN, set()), by_role.get(Role.EXECUTIVE, set()), by_role.get(Role.ASSESSOR, set())
    nothing = Q(pk__in=[])
    return {
        "mine": Q(officer__user=user, state__in=OPEN_STATES) if by_role else nothing,
        "returned": Q(officer__user=user, state=ItemState.RETURNED) if by_role else nothing,
        "to_accept": Q(assessment__agency_id__in=admin, state=ItemState.SUBMITTED) if admin else nothing,
        "to_approve": Q(assessment__agency_id__in=executive, assessment__approval_required=True, state=ItemState.ACCEPTED)
        if executive else nothing,
        "to_send": (
            Q(assessment__agency_id__in=admin, state=ItemState.APPROVED)
            | Q(assessment__agency_id__in=admin, assessment__approval_required=False, state=ItemState.ACCEPTED)
        ) if admin else nothing,
        "to_review": Q(assessment__agency_id__in=assessor, state=ItemState.SENT, preliminary_verdict="") if assessor else nothing,
    }


def work_counts(user, *, today: dt.date | None = None) -> dict[str, int]:
    """The top bar's counts: two queries whatever the number of agencies and items."""
    today = today or today_bangkok()
    by_role = _role_agencies(user)
    if not by_role:
        return {}
    filters = _work_filters(user, by_role)
    admin = by_role.get("admin", set())
    filters["overdue"] = (
        Q(assessment__agency_id__in=admin, state__in=OPEN_STATES, due_date__lt=today) if admin else Q(pk__in=[])
    )
    wanted = Q()
    for condition in filters.values():
        wanted |= condition
    return AssessmentItem.objects.filter(wanted).aggregate(
        **{name: Count("pk", filter=condition) for name, condition in filters.items()}
    )


def work_lists(user, *, today: dt.date | None = None) -> WorkLists:
    """Every list of the home page in four queries (roles, items, review windows, nothing more)."""
    today = today or today_bangkok()
    by_role = _role_agencies(user)
    lists = WorkLists()
    if not by_role:
        return lists
    filters = _work_filters(user, by_role)
    wanted = Q()
    for condition in filters.values():
        wanted |= condition
    admin = by_role.get("admin", set())
    if admin:
        wanted |= Q(assessment__agency_id__in=admin, state__in=OPEN_STATES, due_date__lt=today)
    rows = list(
        AssessmentItem.objects.filter(wanted)
        .select_related("item", "assessment__agency", "assessment__framework", "officer", "division")
        .order_by("item__position")
    )
    review = {
        (assessment_id): (start, end)
        for assessment_id, start, end in Phase.objects.filter(
            assessment_id__in={row.assessment_id for row in rows if row.state == ItemState.SENT},
            code=Phase.Code.OIT_REVIEW,
        ).values_list("assessment_id", "start", "end")
    }
    from agencies.models import Role

    for row in rows:
        agency_id = row.assessment.agency_id
        row.review_start, row.review_end = review.get(row.assessment_id, (None, None))
        row.is_overdue = bool(row.due_date and row.due_date < today and row.state in OPEN_STATES)
        if row.officer_id and row.officer.user_id == user.pk and row.state in OPEN_STATES:
            lists.mine.append(row)
            if row.state == ItemState.RETURNED:
                lists.returned.append(row)
        if agency_id in admin:
            if row.state == ItemState.SUBMITTED:
                lists.to_accept.append(row)
            if row.is_overdue:
                lists.overdue.append(row)
            if row.state == ItemState.APPROVED or (row.state == ItemState.ACCEPTED and not row.assessment.approval_required):
                lists.to_send.append(row)
        if agency_id in by_role.get(Role.EXECUTIVE, set()) and row.assessment.approval_required and row.state == ItemState.ACCEPTED:
            lists.to_approve.append(row)
        if agency_id in by_role.get(Role.ASSESSOR, set()) and row.state == ItemState.SENT and not row.preliminary_verdict:
            lists.to_review.append(row)
    far = dt.date.max
    lists.mine.sort(key=lambda row: (row.due_date or far, row.item.position))
    lists.overdue.sort(key=lambda row: (row.due_date, row.item.position))
    for batch in (lists.to_accept, lists.to_approve, lists.to_send):
        batch.sort(key=lambda row: (row.assessment_id, row.item.position))
    lists.to_review.sort(key=lambda row: (row.review_end or far, row.assessment.agency.name_th, row.item.position))
    return lists


def items_with_evidence(assessment: Assessment, states) -> list[AssessmentItem]:
    """Items of ASSESSMENT in STATES, each with `.evidence` (its latest revision's entries, each
    with `.check`, its latest check) — what a bulk approval or send lists, in four queries."""
    rows = list(
        AssessmentItem.objects.filter(assessment=assessment, state__in=states)
        .select_related("item", "officer")
        .annotate(latest_revision_id=Subquery(
            EvidenceRevision.objects.filter(assessment_item=OuterRef("pk")).order_by("-number").values("pk")[:1]
        ))
        .order_by("item__position")
    )
    from .models import EvidenceEntry

    entries = defaultdict(list)
    revision_ids = [row.latest_revision_id for row in rows if row.latest_revision_id]
    for entry in EvidenceEntry.objects.filter(revision_id__in=revision_ids).order_by("position", "pk"):
        entry.check = None
        entries[entry.revision_id].append(entry)
    by_entry = {entry.pk: entry for group in entries.values() for entry in group}
    for check in EvidenceCheck.objects.filter(entry_id__in=by_entry).order_by("entry_id", "-checked_at", "-pk"):
        if by_entry[check.entry_id].check is None:
            by_entry[check.entry_id].check = check
    for row in rows:
        row.evidence = entries.get(row.latest_revision_id, [])
        row.failed_links = [e for e in row.evidence if e.check and e.check.outcome == EvidenceCheck.Outcome.FAILED]
    return rows
