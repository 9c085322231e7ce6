"""IIT/EIT survey maths: answer checks, sample minimums and scores. Pure functions, no Django.

Everything year-specific (rows, scales, points, reverse scoring, thresholds, sample rules)
comes in as data built from the framework version; nothing here knows ITA 2566.

Scores: a row scores the mean of its answers' points; a question the mean of its rows; an
indicator the mean of its questions; the tool the mean (or weighted mean) of its indicators.
In a two-part survey each part is scored alone and every score is the mean of the parts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from .scoring import rounded


@dataclass(frozen=True)
class RowRule:
    row_id: str
    question: str  # question code, e.g. "i5"
    indicator: str  # indicator number, e.g. "1"
    points: Mapping[str, Decimal]  # answer value -> points, reverse scoring already applied


@dataclass(frozen=True)
class Rules:
    """One questionnaire's scoring data."""

    rows: Sequence[RowRule]
    indicators: Sequence[str]  # indicator numbers, in order
    threshold: int = 5  # fewer respondents than this: no breakdown at all
    indicator_weights: Mapping[str, Decimal] | None = None  # None: plain mean of indicators

    def row(self, row_id: str) -> RowRule | None:
        return self._by_id.get(row_id)

    @cached_property
    def _by_id(self) -> dict[str, RowRule]:
        return {rule.row_id: rule for rule in self.rows}


def row_points(options: Sequence[tuple[str, Decimal]], *, reverse: bool) -> dict[str, Decimal]:
    """Points per answer value. Reverse scoring gives option i the points of option n-1-i."""
    values = [value for value, _ in options]
    points = [Decimal(p) for _, p in options]
    if reverse:
        points = points[::-1]
    return dict(zip(values, points))


@dataclass(frozen=True)
class AnswerProblem:
    kind: str  # "unknown", "out_of_scale", "missing"
    row_id: str


def answer_problems(rules: Rules, answers: Mapping[str, str]) -> list[AnswerProblem]:
    """What is wrong with one respondent's ANSWERS (row id -> value); [] when complete and valid."""
    problems = [AnswerProblem("unknown", row_id) for row_id in answers if rules.row(row_id) is None]
    for rule in rules.rows:
        value = answers.get(rule.row_id)
        if value is None or value == "":
            problems.append(AnswerProblem("missing", rule.row_id))
        elif value not in rule.points:
            problems.append(AnswerProblem("out_of_scale", rule.row_id))
    return problems


def _mean(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


@dataclass
class Scores:
    """Scores of one questionnaire (or one part of it). None where hidden or not computable."""

    respondents: int
    hidden: bool
    questions: dict[str, Decimal | None] = field(default_factory=dict)
    indicators: dict[str, Decimal | None] = field(default_factory=dict)
    tool: Decimal | None = None
    parts: dict[str, Scores] = field(default_factory=dict)
    # The tool score before rounding: the ITA total is computed from it and rounded once.
    tool_exact: Decimal | None = None


Table = dict[str, Decimal | None]


def _raw_scores(rules: Rules, responses: Sequence[Mapping[str, str]]) -> tuple[Table, Table, Decimal | None]:
    sums: dict[str, Decimal] = {}
    counts: dict[str, int] = {}
    for answers in responses:
        for rule in rules.rows:
            value = answers.get(rule.row_id)
            if value is not None and value in rule.points:
                sums[rule.row_id] = sums.get(rule.row_id, Decimal(0)) + rule.points[value]
                counts[rule.row_id] = counts.get(rule.row_id, 0) + 1
    row_means = {row_id: sums[row_id] / counts[row_id] for row_id in sums}
    question_rows: dict[str, list[Decimal]] = {}
    question_indicator: dict[str, str] = {}
    for rule in rules.rows:
        question_indicator[rule.question] = rule.indicator
        if rule.row_id in row_means:
            question_rows.setdefault(rule.question, []).append(row_means[rule.row_id])
    questions: Table = {code: _mean(question_rows.get(code, [])) for code in question_indicator}
    indicators: Table = {
        number: _mean(q for code, q in questions.items() if question_indicator[code] == number and q is not None)
        for number in rules.indicators
    }
    return questions, indicators, tool_score(rules, indicators)


def tool_score(rules: Rules, indicators: Mapping[str, Decimal | None]) -> Decimal | None:
    known = {number: value for number, value in indicators.items() if value is not None}
    if not indicators or len(known) < len(indicators):
        return None
    if rules.indicator_weights:
        return sum((value * Decimal(rules.indicator_weights[n]) for n, value in known.items()), Decimal(0))
    return _mean(known.values())


def score(rules: Rules, responses: Sequence[Mapping[str, str]]) -> Scores:
    """Scores of one group of respondents; everything hidden below the threshold."""
    n = len(responses)
    if n < rules.threshold:
        return Scores(respondents=n, hidden=True)
    questions, indicators, tool = _raw_scores(rules, responses)
    return Scores(
        respondents=n,
        hidden=False,
        questions={k: rounded(v) for k, v in questions.items()},
        indicators={k: rounded(v) for k, v in indicators.items()},
        tool=rounded(tool),
        tool_exact=tool,
    )


def score_parts(rules: Rules, responses_by_part: Mapping[str, Sequence[Mapping[str, str]]]) -> Scores:
    """A two-part survey: each score is the mean of the parts' scores.

    If any part is below the threshold, everything is hidden: showing the total and the other
    part would reveal the small part.
    """
    n = sum(len(group) for group in responses_by_part.values())
    if not responses_by_part or any(len(group) < rules.threshold for group in responses_by_part.values()):
        return Scores(respondents=n, hidden=True)
    raw = {part: _raw_scores(rules, group) for part, group in responses_by_part.items()}

    def mean_over_parts(index: int, key: str) -> Decimal | None:
        values = [(parts[0] if index == 0 else parts[1]).get(key) for parts in raw.values()]
        known = [v for v in values if v is not None]
        return None if len(known) < len(values) else _mean(known)

    questions = {code: mean_over_parts(0, code) for code in next(iter(raw.values()))[0]}
    indicators = {number: mean_over_parts(1, number) for number in rules.indicators}
    tool = tool_score(rules, indicators)
    parts = {
        part: Scores(
            respondents=len(responses_by_part[part]),
            hidden=False,
            questions={k: rounded(v) for k, v in q.items()},
            indicators={k: rounded(v) for k, v in i.items()},
            tool=rounded(t),
            tool_exact=t,
        )
        for part, (q, i, t) in raw.items()
    }
    return Scores(
        respondents=n,
        hidden=False,
        questions={k: rounded(v) for k, v in questions.items()},
        indicators={k: rounded(v) for k, v in indicators.items()},
        tool=rounded(tool),
        tool_exact=tool,
        parts=parts,
    )


# --- sample minimums --------------------------------------------------------------------


def proportion_minimum(
    population: int,
    *,
    percent: Decimal,
    at_least: int = 0,
    all_below: int = 0,
    cap: Mapping[str, int] | None = None,
) -> int:
    """Minimum responses for POPULATION: PERCENT of it (rounded up) but at least AT_LEAST;
    everyone when the population is below ALL_BELOW; CAP['value'] when above CAP['above']."""
    if population <= 0:
        return 0
    if population < all_below:
        return population
    if cap and population > int(cap["above"]):
        return int(cap["value"])
    needed = math.ceil(Decimal(population) * Decimal(percent) / 100)
    return min(population, max(needed, at_least))


def table_minimum(rows: Sequence[Mapping[str, Any]], row_id: str) -> int | None:
    for row in rows:
        if row["id"] == row_id:
            return int(row["minimum"])
    return None
