"""ITA score arithmetic as pure functions of framework data and verdicts or answers.

The shape of the framework (tools → indicators → items) and the aggregation rules come in as
plain data, so a year's rules change in YAML, not here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class ItemSpec:
    id: str
    weight: Decimal | None = None


@dataclass(frozen=True)
class IndicatorSpec:
    id: str
    items: Sequence[ItemSpec] = ()
    weight: Decimal | None = None
    share: Decimal | None = None  # share of the total, for rule "indicator_shares" (to 2565)


@dataclass(frozen=True)
class ToolSpec:
    code: str
    weight: Decimal
    indicators: Sequence[IndicatorSpec] = ()


@dataclass(frozen=True)
class Band:
    id: str
    min_total: Decimal
    max_total: Decimal
    min_each_tool: Decimal | None = None


@dataclass
class ScoreCard:
    items: dict[str, Decimal | None] = field(default_factory=dict)
    indicators: dict[str, Decimal | None] = field(default_factory=dict)
    tools: dict[str, Decimal | None] = field(default_factory=dict)
    total: Decimal | None = None
    unscored_items: int = 0


def rounded(value: Decimal | None) -> Decimal | None:
    """The one rounding rule for every score (OIT, IIT, EIT, the total): two places, halves up.

    Applied once, to the value shown or stored as a result; sums and means are taken over
    exact values, never over rounded ones.
    """
    return None if value is None else value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def mean(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    return sum(values, Decimal(0)) / len(values) if values else None


def weighted(pairs: Iterable[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """Sum of weight × score; None if any score is missing."""
    total = Decimal(0)
    for weight, score in pairs:
        if score is None:
            return None
        total += weight * score
    return total


def item_points(verdict: str | None, values: Mapping[str, Decimal]) -> Decimal | None:
    if verdict is not None and verdict in values:
        return Decimal(values[verdict])
    return None


def oit_indicator_score(
    items: Sequence[ItemSpec], points: Mapping[str, Decimal | None], rule: str, missing_as: Decimal | None
) -> Decimal | None:
    scored = []
    for item in items:
        value = points.get(item.id)
        if value is None:
            if missing_as is None:
                return None
            value = missing_as
        scored.append((item, value))
    if rule == "weighted_items":
        return weighted((item.weight or Decimal(0), value) for item, value in scored)
    return mean(value for _, value in scored)


def tool_score(indicators: Sequence[IndicatorSpec], scores: Mapping[str, Decimal | None], rule: str) -> Decimal | None:
    values = [scores.get(ind.id) for ind in indicators]
    if not values or any(v is None for v in values):
        return None
    if rule == "weighted_indicators":
        return weighted((ind.weight or Decimal(0), scores[ind.id]) for ind in indicators)
    return mean(values)  # type: ignore[arg-type]


def score_oit(
    scoring: Mapping[str, Any], tool: ToolSpec, verdicts: Mapping[str, str | None], *, missing_as: Decimal | None = Decimal(0)
) -> ScoreCard:
    """Score an OIT tool from item verdicts ("pass"/"fail"/None).

    An item with no verdict counts as MISSING_AS (0 by default, as an unanswered item does
    officially); pass None to leave indicators with unreviewed items unscored instead.
    """
    values = {key: Decimal(str(value)) for key, value in scoring["item_values"].items()}
    card = ScoreCard()
    for indicator in tool.indicators:
        for item in indicator.items:
            card.items[item.id] = item_points(verdicts.get(item.id), values)
            if card.items[item.id] is None:
                card.unscored_items += 1
        card.indicators[indicator.id] = oit_indicator_score(
            indicator.items, card.items, scoring.get("indicator", "mean_of_items"), missing_as
        )
    card.tools[tool.code] = tool_score(tool.indicators, card.indicators, scoring.get("tool", "mean_of_indicators"))
    return card


def total_score(tools: Sequence[ToolSpec], tool_scores: Mapping[str, Decimal | None]) -> Decimal | None:
    return weighted((tool.weight, tool_scores.get(tool.code)) for tool in tools)


def total_from_indicators(tools: Sequence[ToolSpec], indicator_scores: Mapping[str, Decimal | None]) -> Decimal | None:
    """Sum of each indicator's share of the total times its score (ITA up to 2565)."""
    return weighted(
        (indicator.share or Decimal(0), indicator_scores.get(indicator.id))
        for tool in tools
        for indicator in tool.indicators
    )


def ita_total(
    rule: str,
    tools: Sequence[ToolSpec],
    tool_scores: Mapping[str, Decimal | None],
    indicator_scores: Mapping[str, Decimal | None] | None = None,
) -> Decimal | None:
    """The total by the year's rule (scoring.total): weighted tools, or indicator shares."""
    if rule == "indicator_shares":
        return total_from_indicators(tools, indicator_scores or {})
    return total_score(tools, tool_scores)


def rate(total: Decimal | None, tool_scores: Mapping[str, Decimal | None], bands: Sequence[Band]) -> Band | None:
    """The first band, in framework order, whose conditions hold."""
    if total is None:
        return None
    for band in bands:
        in_range = band.min_total <= total < band.max_total or (total == band.max_total == Decimal(100))
        if not in_range:
            continue
        if band.min_each_tool is not None:
            scores = list(tool_scores.values())
            if not scores or any(s is None or s < band.min_each_tool for s in scores):
                continue
        return band
    return None
