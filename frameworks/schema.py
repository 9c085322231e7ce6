"""Shape and consistency checks for a framework file (see data/FORMAT.md).

`parse_framework()` returns a validated `FrameworkFile` or raises `FrameworkFileError`
listing every problem as "path: reason". It touches no database.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

FORMAT_ID = "prongsai.framework/1"
NODE_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
WEIGHT_TOLERANCE = Decimal("0.0001")


class FrameworkFileError(Exception):
    """A framework file that cannot be loaded; `problems` holds (path, reason) pairs."""

    def __init__(self, source: str, problems: list[tuple[str, str]]):
        self.source = source
        self.problems = problems
        lines = [f"{source}: {path}: {reason}" if path else f"{source}: {reason}" for path, reason in problems]
        super().__init__("\n".join(lines))


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    th: Annotated[str, Field(min_length=1)]
    en: str = ""


NodeId = Annotated[str, Field(pattern=NODE_ID)]
Confidence = Literal["confirmed", "inferred", "unknown"]


class NodeBase(Strict):
    id: NodeId
    confidence: Confidence | None = None
    source: str = ""


class Band(NodeBase):
    label: Text
    min_total: Annotated[Decimal, Field(ge=0, le=100)]
    max_total: Annotated[Decimal, Field(ge=0, le=100)]
    min_each_tool: Annotated[Decimal, Field(ge=0, le=100)] | None = None
    passed: bool = False
    colour: str = ""


class RatingSchemeSpec(NodeBase):
    name: Text
    bands: Annotated[list[Band], Field(min_length=1)]


class ToolSpec(NodeBase):
    code: Annotated[str, Field(min_length=1, max_length=20)]
    name: Text
    weight: Annotated[Decimal, Field(gt=0, le=1)]


class IndicatorSpec(NodeBase):
    parent: NodeId
    number: str
    name: Text
    weight: Annotated[Decimal, Field(gt=0, le=1)] | None = None
    # The indicator's share of the total when scoring.total is `indicator_shares` (to 2565).
    share: Annotated[Decimal, Field(gt=0, le=1)] | None = None


class SubIndicatorSpec(NodeBase):
    parent: NodeId
    number: str
    name: Text


class TimeRule(Strict):
    kind: Literal["none", "dated_in_period", "in_force_during", "covers_period", "report_of_period"]
    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None
    frequencies: list[Literal["monthly", "quarterly", "half_yearly", "yearly"]] = []
    none_statement: bool = False
    text: Text | None = None
    confidence: Confidence | None = None
    source: str = ""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _period(self) -> TimeRule:
        if self.kind == "none":
            return self
        if self.from_ is None or self.to is None:
            raise ValueError(f"time rule '{self.kind}' needs 'from' and 'to'")
        if self.to < self.from_:
            raise ValueError(f"period ends ({self.to}) before it starts ({self.from_})")
        if self.kind == "covers_period" and not self.frequencies:
            raise ValueError("time rule 'covers_period' needs 'frequencies'")
        return self

    def as_data(self) -> dict[str, Any]:
        data = self.model_dump(by_alias=True, exclude_none=True, mode="json")
        if not data.get("frequencies"):
            data.pop("frequencies", None)
        if not data.get("source"):
            data.pop("source", None)
        return data


class Responsible(Strict):
    division: Text | None = None
    position: Text | None = None
    also: list[Text] = []


class ItemSpec(NodeBase):
    parent: NodeId
    code: Annotated[str, Field(min_length=1, max_length=20)]
    title: Text
    group: Text | None = None
    # How much of the item's element list the file holds: all of it, part of it, or nothing
    # (the official list was not found). Only `listed` items must have elements.
    elements_status: Literal["listed", "partial", "unknown"] = "listed"
    weight: Annotated[Decimal, Field(gt=0, le=1)] | None = None
    responsible: Responsible = Responsible()
    time_rule: TimeRule = TimeRule(kind="none")
    notes: list[Text] = []


class ElementSpec(NodeBase):
    parent: NodeId
    kind: Literal["content", "condition", "time"] = "content"
    label: str = ""
    text: Text
    # True when the element's sub-entries are alternatives: any one of them satisfies it.
    any_of: bool = False


class PhaseSpec(NodeBase):
    name: Text
    start: dt.date
    end: dt.date


class Scoring(Strict):
    item_values: dict[Literal["pass", "fail"], Annotated[Decimal, Field(ge=0, le=100)]]
    indicator: Literal["mean_of_items", "weighted_items"] = "mean_of_items"
    tool: Literal["mean_of_indicators", "weighted_indicators"] = "mean_of_indicators"
    total: Literal["weighted_tools", "indicator_shares"] = "weighted_tools"
    pass_mark: Annotated[Decimal, Field(ge=0, le=100)] = Decimal(85)


class Period(Strict):
    start: dt.date
    end: dt.date


# --- questionnaires (IIT, EIT): see FORMAT.md, "questionnaires" -------------------------

Points = Annotated[Decimal, Field(ge=0, le=100)]


class ScaleOption(Strict):
    value: Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,20}$")]
    label: Text
    points: Points


class ScaleSpec(NodeBase):
    name: Text
    options: Annotated[list[ScaleOption], Field(min_length=2)]


class PartSpec(NodeBase):
    name: Text
    description: Text | None = None


class QuestionnaireSpec(NodeBase):
    tool: NodeId
    code: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,19}$")]
    name: Text
    respondents: Literal["staff", "public"]
    intro: Text | None = None
    report_threshold: Annotated[int, Field(ge=1, le=1000)] = 5
    parts: list[PartSpec] = []
    parts_for_kinds: list[Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,30}$")]] = []


class QuestionSpec(NodeBase):
    parent: NodeId  # an indicator of the questionnaire's tool
    questionnaire: NodeId
    code: Annotated[str, Field(min_length=1, max_length=20)]
    text: Text


class AnswerRowSpec(NodeBase):
    parent: NodeId  # a question
    scale: NodeId
    text: Text | None = None
    reverse: bool = False


class TableRow(NodeBase):
    group: Text
    minimum: Annotated[int, Field(ge=1)]


class Cap(Strict):
    above: Annotated[int, Field(ge=1)]
    value: Annotated[int, Field(ge=1)]


class SampleRuleSpec(NodeBase):
    questionnaire: NodeId
    basis: Literal["eligible_staff", "service_users", "agency_group"]
    kind: Literal["proportion", "table"]
    name: Text | None = None
    percent: Annotated[Decimal, Field(gt=0, le=100)] | None = None
    at_least: Annotated[int, Field(ge=0)] = 0
    all_below: Annotated[int, Field(ge=0)] = 0
    cap: Cap | None = None
    rows: list[TableRow] = []

    @model_validator(mode="after")
    def _shape(self) -> SampleRuleSpec:
        if self.kind == "proportion":
            if self.percent is None:
                raise ValueError("a 'proportion' rule needs 'percent'")
            if self.rows:
                raise ValueError("a 'proportion' rule takes no 'rows'")
            if self.basis == "agency_group":
                raise ValueError("basis 'agency_group' needs kind 'table'")
        else:
            if not self.rows:
                raise ValueError("a 'table' rule needs 'rows'")
            if self.basis != "agency_group":
                raise ValueError("kind 'table' needs basis 'agency_group'")
        return self


# --- publishing map and crosswalk: see FORMAT.md ------------------------------------------

RecordKind = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{1,49}$")]


class PublishRule(Strict):
    """A kind of plans record publishes as evidence of ITEM, ticking TICKS (element ids)."""

    record: RecordKind
    item: NodeId
    ticks: list[NodeId] = []
    confidence: Confidence | None = None
    source: str = ""


class ElementChange(Strict):
    from_: list[NodeId] = Field(default=[], alias="from")
    to: list[NodeId] = []
    change: Literal["same", "reworded", "added", "removed", "moved"]
    note: Text | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


CHANGE_SHAPES = {
    # change: (minimum predecessors, maximum, minimum successors, maximum); None is no limit
    "same": (1, 1, 1, 1),
    "renamed": (1, 1, 1, 1),
    "merged": (2, None, 1, 1),
    "split": (1, 1, 2, None),
    "new": (0, 0, 1, 1),
    "dropped": (1, 1, 0, 0),
}


class CrosswalkEntry(Strict):
    from_: list[Annotated[str, Field(min_length=1, max_length=20)]] = Field(default=[], alias="from")  # item codes of the previous version
    to: list[NodeId] = []  # item ids of this version
    change: Literal["same", "renamed", "merged", "split", "new", "dropped"]
    note: Text | None = None
    elements: list[ElementChange] = []
    confidence: Confidence | None = None
    source: str = ""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _shape(self) -> CrosswalkEntry:
        low_from, high_from, low_to, high_to = CHANGE_SHAPES[self.change]
        n_from, n_to = len(self.from_), len(self.to)
        if n_from < low_from or (high_from is not None and n_from > high_from):
            raise ValueError(f"'{self.change}' takes {_count(low_from, high_from)} item(s) in 'from', not {n_from}")
        if n_to < low_to or (high_to is not None and n_to > high_to):
            raise ValueError(f"'{self.change}' takes {_count(low_to, high_to)} item(s) in 'to', not {n_to}")
        return self


def _count(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} or more"
    return str(low) if low == high else f"{low}-{high}"


class Crosswalk(Strict):
    """How this version's items follow from the previous version's (by item code there)."""

    from_version: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,49}$")]
    items: Annotated[list[CrosswalkEntry], Field(min_length=1)]
    source: str = ""


class FrameworkFile(Strict):
    format: Literal["prongsai.framework/1"]
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,49}$")]
    fiscal_year: Annotated[int, Field(ge=2500, le=2700)]
    name: Text
    description: Text | None = None
    # How sure the file is of every node that does not say so itself, and where it comes from.
    confidence: Confidence | None = None
    source: str = ""
    period: Period
    scoring: Scoring
    rating_scheme: NodeId
    rating_schemes: Annotated[list[RatingSchemeSpec], Field(min_length=1)]
    tools: Annotated[list[ToolSpec], Field(min_length=1)]
    indicators: Annotated[list[IndicatorSpec], Field(min_length=1)]
    subindicators: list[SubIndicatorSpec] = []
    items: list[ItemSpec] = []
    elements: list[ElementSpec] = []
    calendar: list[PhaseSpec] = []
    scales: list[ScaleSpec] = []
    questionnaires: list[QuestionnaireSpec] = []
    questions: list[QuestionSpec] = []
    answer_rows: list[AnswerRowSpec] = []
    sample_rules: list[SampleRuleSpec] = []
    publishing: list[PublishRule] = []
    crosswalk: Crosswalk | None = None


def _loc(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _consistency_problems(doc: FrameworkFile) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    kinds: dict[str, str] = {}

    def register(node_id: str, kind: str, path: str) -> None:
        if node_id in kinds:
            problems.append((path, f"duplicate id '{node_id}' (already used by a {kinds[node_id]})"))
        else:
            kinds[node_id] = kind

    for i, scheme in enumerate(doc.rating_schemes):
        register(scheme.id, "rating scheme", f"rating_schemes[{i}].id")
        for j, band in enumerate(scheme.bands):
            register(band.id, "rating band", f"rating_schemes[{i}].bands[{j}].id")
    for list_name, kind in (
        ("tools", "tool"),
        ("indicators", "indicator"),
        ("subindicators", "subindicator"),
        ("items", "item"),
        ("elements", "element"),
        ("calendar", "phase"),
        ("scales", "scale"),
        ("questionnaires", "questionnaire"),
        ("questions", "question"),
        ("answer_rows", "answer row"),
        ("sample_rules", "sample rule"),
    ):
        for i, node in enumerate(getattr(doc, list_name)):
            register(node.id, kind, f"{list_name}[{i}].id")
    for i, questionnaire in enumerate(doc.questionnaires):
        for j, part in enumerate(questionnaire.parts):
            register(part.id, "questionnaire part", f"questionnaires[{i}].parts[{j}].id")
    for i, rule in enumerate(doc.sample_rules):
        for j, row in enumerate(rule.rows):
            register(row.id, "sample table row", f"sample_rules[{i}].rows[{j}].id")

    allowed_parents = {
        "indicators": {"tool"},
        "subindicators": {"indicator"},
        "items": {"indicator", "subindicator"},
        "elements": {"item", "element"},
        "questions": {"indicator"},
        "answer_rows": {"question"},
    }
    for list_name, allowed in allowed_parents.items():
        for i, node in enumerate(getattr(doc, list_name)):
            parent_kind = kinds.get(node.parent)
            if parent_kind is None:
                problems.append((f"{list_name}[{i}].parent", f"parent '{node.parent}' does not exist"))
            elif parent_kind not in allowed:
                problems.append(
                    (f"{list_name}[{i}].parent", f"parent '{node.parent}' is of kind {parent_kind}; expected {' or '.join(sorted(allowed))}")
                )

    codes: dict[str, int] = {}
    for i, item in enumerate(doc.items):
        if item.code in codes:
            problems.append((f"items[{i}].code", f"duplicate item code '{item.code}'"))
        codes.setdefault(item.code, i)

    problems += _element_problems(doc)
    problems += _reference_problems(doc, kinds)
    problems += _weight_problems(doc)
    problems += _band_problems(doc)
    problems += _questionnaire_problems(doc, kinds)

    if doc.period.end < doc.period.start:
        problems.append(("period", "the period ends before it starts"))
    for i, phase in enumerate(doc.calendar):
        if phase.end < phase.start:
            problems.append((f"calendar[{i}]", f"phase '{phase.id}' ends ({phase.end}) before it starts ({phase.start})"))
    return problems


def _element_problems(doc: FrameworkFile) -> list[tuple[str, str]]:
    problems = []
    element_parent = {el.id: el.parent for el in doc.elements}
    with_elements: set[str] = set()
    for i, element in enumerate(doc.elements):
        seen = {element.id}
        node = element.parent
        while node in element_parent:
            if node in seen:
                problems.append((f"elements[{i}].parent", f"elements '{element.id}' form a cycle"))
                break
            seen.add(node)
            node = element_parent[node]
        with_elements.add(node)
    for i, item in enumerate(doc.items):
        if item.id not in with_elements and item.elements_status != "unknown":
            problems.append((f"items[{i}]", f"item '{item.code}' has no elements (say elements_status: unknown if none are known)"))
        if item.id in with_elements and item.elements_status == "unknown":
            problems.append((f"items[{i}].elements_status", f"item '{item.code}' says its elements are unknown but the file lists some (use 'partial')"))
    return problems


def _reference_problems(doc: FrameworkFile, kinds: dict[str, str]) -> list[tuple[str, str]]:
    """Every item and element named by the publishing map and the crosswalk is in this file."""
    problems: list[tuple[str, str]] = []
    element_item: dict[str, str] = {}
    parent_of = {el.id: el.parent for el in doc.elements}
    for element in doc.elements:
        node = element.parent
        while node in parent_of:
            node = parent_of[node]
        element_item[element.id] = node
    seen_rules: set[tuple[str, str]] = set()
    for i, rule in enumerate(doc.publishing):
        path = f"publishing[{i}]"
        if kinds.get(rule.item) != "item":
            problems.append((f"{path}.item", f"item '{rule.item}' does not exist in {doc.id}"))
            continue
        if (rule.record, rule.item) in seen_rules:
            problems.append((path, f"'{rule.record}' already publishes into '{rule.item}'"))
        seen_rules.add((rule.record, rule.item))
        for j, tick in enumerate(rule.ticks):
            if element_item.get(tick) != rule.item:
                problems.append((f"{path}.ticks[{j}]", f"element '{tick}' is not an element of item '{rule.item}'"))
    if doc.crosswalk is not None:
        if doc.crosswalk.from_version == doc.id:
            problems.append(("crosswalk.from_version", "a version cannot follow itself"))
        covered: set[str] = set()
        for i, entry in enumerate(doc.crosswalk.items):
            for j, target in enumerate(entry.to):
                path = f"crosswalk.items[{i}].to[{j}]"
                if kinds.get(target) != "item":
                    problems.append((path, f"item '{target}' does not exist in {doc.id}"))
                elif target in covered and entry.change != "split":
                    problems.append((path, f"item '{target}' already has an entry"))
                covered.add(target)
            for j, change in enumerate(entry.elements):
                for k, target in enumerate(change.to):
                    if element_item.get(target) not in entry.to:
                        problems.append((f"crosswalk.items[{i}].elements[{j}].to[{k}]", f"element '{target}' is not an element of {', '.join(entry.to) or 'any successor'}"))
        for item in doc.items:
            if item.id not in covered:
                problems.append(("crosswalk.items", f"item '{item.code}' has no crosswalk entry (use change: new if it has no predecessor)"))
    return problems


def _weights_sum(weights: list[Decimal]) -> bool:
    return abs(sum(weights, Decimal(0)) - Decimal(1)) <= WEIGHT_TOLERANCE


def _weight_problems(doc: FrameworkFile) -> list[tuple[str, str]]:
    problems = []
    tool_weights = [tool.weight for tool in doc.tools]
    if not _weights_sum(tool_weights):
        problems.append(("tools", f"tool weights add up to {sum(tool_weights)}, not 1"))
    for tool in doc.tools:
        weights = [ind.weight for ind in doc.indicators if ind.parent == tool.id]
        if not weights:
            problems.append(("indicators", f"tool '{tool.id}' has no indicators"))
        elif any(w is not None for w in weights):
            if any(w is None for w in weights):
                problems.append(("indicators", f"some indicators of tool '{tool.id}' have a weight and some do not"))
            elif not _weights_sum(weights):
                problems.append(("indicators", f"indicator weights of tool '{tool.id}' add up to {sum(weights)}, not 1"))
        elif doc.scoring.tool == "weighted_indicators":
            problems.append(("scoring.tool", f"'weighted_indicators' needs a weight on every indicator of '{tool.id}'"))
    if doc.scoring.total == "indicator_shares":
        shares = [ind.share for ind in doc.indicators]
        if any(share is None for share in shares):
            problems.append(("indicators", "'indicator_shares' needs a share on every indicator"))
        elif not _weights_sum(shares):
            problems.append(("indicators", f"indicator shares add up to {sum(shares)}, not 1"))
    if doc.scoring.indicator == "weighted_items":
        for ind in doc.indicators:
            children = {ind.id} | {s.id for s in doc.subindicators if s.parent == ind.id}
            weights = [item.weight for item in doc.items if item.parent in children]
            if weights and (any(w is None for w in weights) or not _weights_sum(weights)):
                problems.append(("items", f"item weights under indicator '{ind.id}' must all be given and add up to 1"))
    return problems


def _band_problems(doc: FrameworkFile) -> list[tuple[str, str]]:
    problems = []
    scheme_ids = {scheme.id for scheme in doc.rating_schemes}
    if doc.rating_scheme not in scheme_ids:
        problems.append(("rating_scheme", f"rating scheme '{doc.rating_scheme}' is not in rating_schemes"))
    for i, scheme in enumerate(doc.rating_schemes):
        path = f"rating_schemes[{i}]"
        for j, band in enumerate(scheme.bands):
            if band.max_total <= band.min_total:
                problems.append((f"{path}.bands[{j}]", f"band '{band.id}' has max_total {band.max_total} not above min_total {band.min_total}"))
        plain = sorted((b for b in scheme.bands if b.min_each_tool is None), key=lambda b: b.min_total)
        if not plain:
            problems.append((path, f"scheme '{scheme.id}' needs bands without min_each_tool covering 0-100"))
            continue
        if plain[0].min_total != 0:
            problems.append((path, f"scheme '{scheme.id}' leaves a gap: nothing covers 0 to {plain[0].min_total}"))
        if plain[-1].max_total != 100:
            problems.append((path, f"scheme '{scheme.id}' leaves a gap: nothing covers {plain[-1].max_total} to 100"))
        for lower, upper in zip(plain, plain[1:]):
            if upper.min_total > lower.max_total:
                problems.append((path, f"scheme '{scheme.id}' leaves a gap between {lower.max_total} and {upper.min_total}"))
            elif upper.min_total < lower.max_total:
                problems.append((path, f"bands '{lower.id}' and '{upper.id}' of '{scheme.id}' overlap"))
    return problems


def _questionnaire_problems(doc: FrameworkFile, kinds: dict[str, str]) -> list[tuple[str, str]]:
    """Questionnaires, their questions, answer rows, scales and sample rules fit together."""
    problems: list[tuple[str, str]] = []
    indicator_tool = {ind.id: ind.parent for ind in doc.indicators}
    questionnaire_tool = {q.id: q.tool for q in doc.questionnaires}
    scales = {scale.id for scale in doc.scales}

    for i, scale in enumerate(doc.scales):
        values = [option.value for option in scale.options]
        if len(set(values)) != len(values):
            problems.append((f"scales[{i}].options", f"scale '{scale.id}' repeats an option value"))

    codes_seen: set[tuple[str, str]] = set()
    for i, questionnaire in enumerate(doc.questionnaires):
        path = f"questionnaires[{i}]"
        if kinds.get(questionnaire.tool) != "tool":
            problems.append((f"{path}.tool", f"tool '{questionnaire.tool}' does not exist"))
        if ("questionnaire", questionnaire.code) in codes_seen:
            problems.append((f"{path}.code", f"duplicate questionnaire code '{questionnaire.code}'"))
        codes_seen.add(("questionnaire", questionnaire.code))
        if questionnaire.parts_for_kinds and len(questionnaire.parts) < 2:
            problems.append((f"{path}.parts", "'parts_for_kinds' needs at least two parts"))
        if len(questionnaire.parts) == 1:
            problems.append((f"{path}.parts", "give no parts or at least two"))
        if not any(q.questionnaire == questionnaire.id for q in doc.questions):
            problems.append((path, f"questionnaire '{questionnaire.id}' has no questions"))

    rows_of: dict[str, int] = {}
    for row in doc.answer_rows:
        rows_of[row.parent] = rows_of.get(row.parent, 0) + 1
    for i, question in enumerate(doc.questions):
        path = f"questions[{i}]"
        tool = questionnaire_tool.get(question.questionnaire)
        if tool is None:
            problems.append((f"{path}.questionnaire", f"questionnaire '{question.questionnaire}' does not exist"))
        elif question.parent in indicator_tool and indicator_tool[question.parent] != tool:
            problems.append(
                (f"{path}.parent", f"indicator '{question.parent}' is not under tool '{tool}' of questionnaire '{question.questionnaire}'")
            )
        key = (question.questionnaire, question.code)
        if key in codes_seen:
            problems.append((f"{path}.code", f"duplicate question code '{question.code}' in '{question.questionnaire}'"))
        codes_seen.add(key)
        if not rows_of.get(question.id):
            problems.append((path, f"question '{question.code}' has no answer rows"))
    for i, row in enumerate(doc.answer_rows):
        if row.scale not in scales:
            problems.append((f"answer_rows[{i}].scale", f"scale '{row.scale}' does not exist"))

    for i, rule in enumerate(doc.sample_rules):
        path = f"sample_rules[{i}]"
        if rule.questionnaire not in questionnaire_tool:
            problems.append((f"{path}.questionnaire", f"questionnaire '{rule.questionnaire}' does not exist"))
        if rule.cap is not None and rule.cap.value > rule.cap.above:
            problems.append((f"{path}.cap", f"cap value {rule.cap.value} is more than the population {rule.cap.above} it applies above"))
    return problems


def parse_framework(data: Any, source: str = "<framework>") -> FrameworkFile:
    if not isinstance(data, dict):
        raise FrameworkFileError(source, [("", "the file must hold a mapping at the top level")])
    try:
        doc = FrameworkFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            message = re.sub(r"^Value error, ", "", err["msg"])
            problems.append((_loc(err["loc"]), message))
        raise FrameworkFileError(source, problems) from None
    problems = _consistency_problems(doc)
    if problems:
        raise FrameworkFileError(source, problems)
    return doc
