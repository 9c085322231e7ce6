"""A questionnaire of a framework version as the survey needs it: screens for the form and
scoring rules for lib.survey_scoring. Reads only; a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from frameworks.models import AnswerRow, FrameworkVersion, Question, Questionnaire
from lib import survey_scoring as scoring


@dataclass
class RowView:
    row: AnswerRow
    field_name: str
    choices: list[tuple[str, str]]
    selected: str = ""


@dataclass
class QuestionView:
    question: Question
    rows: list[RowView] = field(default_factory=list)


@dataclass
class Screen:
    """One indicator's questions: one screen of the phone form."""

    number: str
    title: str
    questions: list[QuestionView] = field(default_factory=list)


@dataclass
class Survey:
    questionnaire: Questionnaire
    screens: list[Screen]
    rules: scoring.Rules

    @property
    def row_count(self) -> int:
        return len(self.rules.rows)


FIELD_PREFIX = "a:"


def field_name(row_id: str) -> str:
    return f"{FIELD_PREFIX}{row_id}"


def questionnaire_get(version: FrameworkVersion, code: str) -> Questionnaire | None:
    return Questionnaire.objects.filter(version=version, code=code).select_related("tool", "version").first()


def questionnaires_of(version: FrameworkVersion) -> list[Questionnaire]:
    return list(Questionnaire.objects.filter(version=version).select_related("tool", "version").prefetch_related("sample_rules"))


def survey_load(questionnaire: Questionnaire) -> Survey:
    rows_qs = AnswerRow.objects.select_related("scale").order_by("position")
    questions = list(
        questionnaire.questions.select_related("indicator")
        .prefetch_related(Prefetch("rows", queryset=rows_qs))
        .order_by("position")
    )
    screens: dict[int, Screen] = {}
    rules_rows: list[scoring.RowRule] = []
    indicator_weights: dict[str, Decimal] = {}
    for question in questions:
        indicator = question.indicator
        screen = screens.get(indicator.pk)
        if screen is None:
            screen = screens[indicator.pk] = Screen(number=indicator.number, title=indicator.name)
            if indicator.weight is not None:
                indicator_weights[indicator.number] = indicator.weight
        view = QuestionView(question)
        for row in question.rows.all():
            options = [(o["value"], Decimal(str(o["points"]))) for o in row.scale.options]
            view.rows.append(RowView(row, field_name(row.node_id), row.scale.choices()))
            rules_rows.append(
                scoring.RowRule(
                    row_id=row.node_id,
                    question=question.code,
                    indicator=indicator.number,
                    points=scoring.row_points(options, reverse=row.reverse),
                )
            )
        screen.questions.append(view)
    weighted = questionnaire.version.scoring.get("tool") == "weighted_indicators" and indicator_weights
    rules = scoring.Rules(
        rows=tuple(rules_rows),
        indicators=tuple(s.number for s in screens.values()),
        threshold=questionnaire.report_threshold,
        indicator_weights=indicator_weights if weighted else None,
    )
    return Survey(questionnaire=questionnaire, screens=list(screens.values()), rules=rules)


def rules_for(questionnaire: Questionnaire) -> scoring.Rules:
    """The scoring rules, from Django's cache when possible. Keyed by the version's file
    digest: a reloaded file has a new digest, so a stale entry is never read."""
    from django.core.cache import cache

    key = f"surveys:rules:{questionnaire.pk}:{questionnaire.version.digest}"
    rules = cache.get(key)
    if rules is None:
        rules = survey_load(questionnaire).rules
        cache.set(key, rules, timeout=3600)
    return rules
