"""Roll-over: carry last year's work into next year's assessment through the crosswalk.

What moves (only what the admin accepts, item by item): the responsibility matrix (division,
position, officer) of each new item from its predecessor(s), and last year's weak points into
this year's measures plan with their item codes translated. Evidence never moves: every year's
evidence is that year's, collected again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit.services import audit_log
from frameworks.models import CONFIDENCE_LABELS, FrameworkVersion
from frameworks.selectors import CHANGE_LABELS, crosswalk_entries
from lib.errors import DomainError, NotFoundError, lazy_format

from agencies.permissions import Perm, ensure_perm

from .models import Assessment, AssessmentItem


@dataclass(frozen=True)
class Step:
    """One crosswalk entry seen from the new version: old codes → new item ids."""

    change: str
    old_codes: tuple[str, ...]
    confidence: str
    note: dict | None


def crosswalk_chain(older: FrameworkVersion, newer: FrameworkVersion) -> list[FrameworkVersion] | None:
    """The versions from NEWER back to OLDER following each file's crosswalk.from_version
    (NEWER first, OLDER last), or None when the chain does not reach OLDER."""
    chain = [newer]
    seen = {newer.code}
    current = newer
    while current.code != older.code:
        previous_code = (current.crosswalk or {}).get("from_version")
        if not previous_code or previous_code in seen:
            return None
        current = FrameworkVersion.objects.filter(code=previous_code).first()
        if current is None:
            return None
        seen.add(current.code)
        chain.append(current)
    return chain


def predecessors(older: FrameworkVersion, newer: FrameworkVersion) -> dict[str, list[Step]] | None:
    """NEWER item id → the steps leading to it from OLDER item codes, through every crosswalk
    in between (2566 → 2568 → 2569 composes). None when no chain joins the two versions."""
    chain = crosswalk_chain(older, newer)
    if chain is None or len(chain) < 2:
        return None
    # Walk forwards from the oldest: map each version's item codes to OLDER codes.
    origin: dict[str, tuple[str, ...]] = {code: (code,) for code in older.items.values_list("code", flat=True)}
    result: dict[str, list[Step]] = {}
    for version in reversed(chain[:-1]):
        codes = dict(version.items.values_list("node_id", "code"))
        next_origin: dict[str, tuple[str, ...]] = {}
        result = {}
        for entry in crosswalk_entries(version):
            sources = tuple(dict.fromkeys(old for code in entry.get("from", []) for old in origin.get(code, ())))
            for node_id in entry.get("to", []):
                next_origin[codes[node_id]] = tuple(dict.fromkeys(next_origin.get(codes[node_id], ()) + sources))
                result.setdefault(node_id, []).append(
                    Step(entry["change"], sources, entry.get("confidence", ""), entry.get("note"))
                )
        origin = next_origin
    return result


@dataclass
class RolloverRow:
    """What would move into one item of the new assessment."""

    item: AssessmentItem
    change: str
    confidence: str
    note: dict | None
    sources: list[AssessmentItem] = field(default_factory=list)
    proposed_from: AssessmentItem | None = None
    differs: bool = False  # merged predecessors had different people

    @property
    def moves(self) -> bool:
        return self.proposed_from is not None

    @property
    def change_label(self) -> str:
        return str(CHANGE_LABELS.get(self.change, self.change))

    @property
    def confidence_label(self) -> str:
        return str(CONFIDENCE_LABELS.get(self.confidence, self.confidence))

    @property
    def source_codes(self) -> str:
        return ", ".join(s.item.code for s in self.sources)


def rollover_sources(target: Assessment) -> list[Assessment]:
    """The agency's earlier assessments whose version a crosswalk chain joins to TARGET's."""
    earlier = (
        Assessment.objects.filter(agency=target.agency, framework__fiscal_year__lt=target.framework.fiscal_year)
        .select_related("framework")
        .order_by("-framework__fiscal_year")
    )
    return [a for a in earlier if crosswalk_chain(a.framework, target.framework)]


def rollover_proposal(*, source: Assessment, target: Assessment) -> list[RolloverRow]:
    """Item by item: what the new assessment would take from SOURCE, and how the item changed."""
    if source.agency_id != target.agency_id:
        raise NotFoundError(_("Work can only be carried over within one agency."))
    steps = predecessors(source.framework, target.framework)
    if steps is None:
        raise DomainError(
            lazy_format(
                _("No crosswalk leads from %(old)s to %(new)s, so nothing can be carried over."),
                {"old": source.framework.code, "new": target.framework.code},
            )
        )
    old_items = {
        row.item.code: row
        for row in source.items.select_related("item", "division", "officer")
    }
    rows = []
    for item in target.items.select_related("item", "division", "officer").order_by("item__position"):
        item_steps = steps.get(item.item.node_id, [])
        codes = list(dict.fromkeys(code for step in item_steps for code in step.old_codes))
        sources = [old_items[code] for code in codes if code in old_items]
        with_people = [s for s in sources if s.division_id or s.officer_id or s.position_th]
        people = {(s.division_id, s.officer_id, s.position_th) for s in with_people}
        first = item_steps[0] if item_steps else None
        rows.append(
            RolloverRow(
                item=item,
                change=first.change if first else "new",
                confidence=min((s.confidence or "unknown" for s in item_steps), key=_sureness, default="unknown"),
                note=first.note if first else None,
                sources=sources,
                proposed_from=with_people[0] if with_people else None,
                differs=len(people) > 1,
            )
        )
    return rows


def _sureness(confidence: str) -> int:
    return {"unknown": 0, "inferred": 1, "confirmed": 2}.get(confidence, 0)


@transaction.atomic
def rollover_apply(*, actor, source: Assessment, target: Assessment, item_ids: Iterable[int]) -> int:
    """Copy division, position and officer into the accepted items of TARGET; never evidence.
    Returns how many items changed."""
    ensure_perm(actor, target.agency, Perm.OIT_MANAGE)
    wanted = set(item_ids)
    changed = []
    for row in rollover_proposal(source=source, target=target):
        if row.item.pk not in wanted or not row.moves:
            continue
        item, origin = row.item, row.proposed_from
        item.division = origin.division
        item.position_th = origin.position_th
        item.officer = origin.officer if origin.officer and origin.officer.is_active else None
        item.full_clean()
        item.save(update_fields=["division", "position_th", "officer"])
        changed.append({"item": item.item.code, "from": row.source_codes})
    audit_log(
        actor=actor,
        action="oit.assessment.rolled_over",
        target=target,
        agency=target.agency,
        payload={"from": source.framework.code, "to": target.framework.code, "items": changed},
    )
    return len(changed)


@dataclass(frozen=True)
class WeakPointMove:
    old_code: str
    new_codes: tuple[str, ...]
    text_th: str
    score: object


def weak_point_moves(*, source: Assessment, target: Assessment) -> list[WeakPointMove]:
    """Last year's weak points (the measures plan of SOURCE's year) with their item codes read
    through the crosswalk; indicator points keep their number, a dropped item keeps its old code."""
    from plans.models import AnalysisPoint, MeasurePlan

    steps = predecessors(source.framework, target.framework) or {}
    new_codes = dict(target.framework.items.values_list("node_id", "code"))
    becomes: dict[str, list[str]] = {}
    for node_id, item_steps in steps.items():
        for step in item_steps:
            for code in step.old_codes:
                becomes.setdefault(code.lower(), []).append(new_codes[node_id])
    last = MeasurePlan.objects.filter(agency=source.agency, fiscal_year=source.framework.fiscal_year).first()
    if last is None:
        return []
    points = last.analysis_points.filter(kind=AnalysisPoint.Kind.WEAKNESS)
    return [
        WeakPointMove(p.source_code, tuple(dict.fromkeys(becomes.get(p.source_code.lower(), []))), p.text_th, p.score)
        for p in points
    ]


@transaction.atomic
def weak_points_rollover(*, actor, source: Assessment, target: Assessment) -> int:
    """Add last year's weak points to this year's measures plan (codes through the crosswalk),
    once: a point already there is not added again. Returns how many were added."""
    from plans.models import MeasurePlan
    from plans.services.measures import analysis_point_add

    ensure_perm(actor, target.agency, Perm.OIT_MANAGE)
    plan = MeasurePlan.objects.filter(agency=target.agency, fiscal_year=target.framework.fiscal_year).first()
    if plan is None:
        raise DomainError(
            lazy_format(_("Create the measures plan of %(year)s first; last year's weak points go into it."),
                        {"year": target.framework.fiscal_year}),
            code="no_plan",
        )
    existing = set(plan.analysis_points.values_list("source_code", "text_th"))
    added = 0
    for move in weak_point_moves(source=source, target=target):
        code = (", ".join(move.new_codes) or move.old_code)[:20]
        if (code.lower(), move.text_th) in existing:
            continue
        analysis_point_add(actor=actor, plan=plan, kind="weakness", source_code=code, text_th=move.text_th, score=move.score)
        added += 1
    return added


@dataclass(frozen=True)
class RecurringKind:
    """A kind of plans record the agency made last year, and where it publishes this year."""

    kind: str
    label: str
    last_year: int
    this_year: int
    old_items: tuple[str, ...]
    new_items: tuple[str, ...]


def recurring_records(*, source: Assessment, target: Assessment) -> list[RecurringKind]:
    """Last year's plans records by kind with this year's count and items: what needs a new
    edition this year (records are dated and signed for their year, so they are not copied)."""
    from frameworks.registry import evidence_kinds
    from .evidence_sources import evidence_candidates, items_by_kind

    labels = evidence_kinds()
    last: dict[str, list] = {}
    for candidate in evidence_candidates(source.agency, source.framework):
        last.setdefault(candidate.kind, []).append(candidate)
    now: dict[str, int] = {}
    for candidate in evidence_candidates(target.agency, target.framework):
        now[candidate.kind] = now.get(candidate.kind, 0) + 1
    served = items_by_kind(target.framework)
    return [
        RecurringKind(kind, str(labels.get(kind, kind)), len(records), now.get(kind, 0), records[0].items, served.get(kind, ()))
        for kind, records in sorted(last.items())
    ]
