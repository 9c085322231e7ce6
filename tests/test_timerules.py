"""lib.timerules against the real ITA 2566 time rules (fiscal year 1 Oct 2022 - 30 Sep 2023)."""

import datetime as dt
from pathlib import Path

import pytest

from django.utils import translation

from lib import yamlio
from lib.timerules import evaluate

DATA = Path(__file__).resolve().parents[1] / "frameworks" / "data" / "ita-2566.yaml"
D = dt.date


@pytest.fixture(scope="module")
def rules():
    items = yamlio.safe_load(DATA.read_text(encoding="utf-8"))["items"]
    return {item["id"]: item["time_rule"] for item in items}


def judge(rules, item, effective, covers_to=None, **kwargs):
    result = evaluate(rules[item], effective, covers_to, **kwargs)
    with translation.override("en"):
        assert str(result.message)  # a readable, translatable message
    return result.ok, result.code


def test_the_rules_used_here_are_the_ones_in_the_data(rules):
    assert rules["o7"]["kind"] == "dated_in_period"
    assert rules["o4"]["kind"] == "in_force_during"
    assert rules["o12"]["kind"] == rules["o21"]["kind"] == "covers_period"
    assert rules["o13"]["kind"] == "report_of_period"
    assert rules["o21"]["none_statement"] is True and "none_statement" not in rules["o12"]


def test_no_rule_always_passes(rules):
    assert judge(rules, "o1", D(2001, 1, 1)) == (True, "no_rule")
    assert evaluate({"kind": "none"}, None).ok is True
    assert evaluate(None, None).code == "no_rule"


@pytest.mark.parametrize(
    "effective, expected",
    [
        (D(2022, 10, 1), (True, "in_period")),  # first day
        (D(2023, 1, 16), (True, "in_period")),
        (D(2023, 9, 30), (True, "in_period")),  # last day
        (D(2022, 9, 30), (False, "before_period")),  # news of the previous year
        (D(2023, 10, 1), (False, "after_period")),
    ],
)
def test_o7_news_must_be_dated_in_the_fiscal_year(rules, effective, expected):
    assert judge(rules, "o7", effective) == expected


@pytest.mark.parametrize(
    "effective, covers_to, expected",
    [
        (D(2022, 9, 15), None, (True, "in_force")),  # approved just before the year starts
        (D(2017, 6, 1), D(2023, 9, 30), (True, "in_force")),  # five-year plan still running
        (D(2017, 6, 1), D(2022, 10, 1), (True, "in_force")),  # in force on the first day
        (D(2023, 9, 30), None, (True, "in_force")),
        (D(2017, 6, 1), D(2022, 9, 30), (False, "expired_before_period")),  # ended the day before
        (D(2023, 10, 2), None, (False, "issued_after_period")),  # next year's plan
    ],
)
def test_o4_plan_must_be_in_force_during_the_year(rules, effective, covers_to, expected):
    assert judge(rules, "o4", effective, covers_to) == expected


@pytest.mark.parametrize(
    "effective, covers_to, expected",
    [
        (D(2023, 4, 20), None, (True, "covers_period")),  # half-year report dated after the half
        (D(2023, 4, 20), D(2023, 3, 31), (True, "covers_period")),
        (D(2023, 3, 31), None, (True, "covers_period")),
        (D(2022, 9, 20), None, (False, "before_period")),  # dated before the half started
        (D(2022, 10, 10), D(2022, 9, 30), (False, "before_period")),  # last year's September
        (D(2022, 11, 5), D(2022, 10, 31), (None, "partial")),  # October's monthly report
        (D(2023, 1, 10), D(2022, 12, 31), (None, "partial")),  # first quarter
        (D(2022, 12, 1), None, (None, "partial")),
    ],
)
def test_o12_reports_cover_the_first_half(rules, effective, covers_to, expected):
    assert judge(rules, "o12", effective, covers_to) == expected


def test_a_report_too_short_for_the_allowed_frequencies_ends_too_early(rules):
    half_yearly_only = {**rules["o12"], "frequencies": ["half_yearly"]}
    result = evaluate(half_yearly_only, D(2023, 2, 1), D(2023, 1, 31))
    assert (result.ok, result.code) == (False, "ends_before_period_end")


def test_o21_monthly_procurement_summaries(rules):
    assert judge(rules, "o21", D(2023, 4, 10), D(2023, 3, 31)) == (True, "covers_period")
    assert judge(rules, "o21", D(2023, 2, 10), D(2023, 1, 31)) == (None, "partial")
    assert judge(rules, "o21", D(2022, 8, 1)) == (False, "before_period")


def test_o21_accepts_a_statement_that_there_was_no_procurement(rules):
    assert judge(rules, "o21", D(2023, 4, 3), D(2023, 3, 31), none_statement=True) == (True, "covers_period")
    # The statement is still held to the period it speaks of.
    assert judge(rules, "o21", D(2022, 9, 1), none_statement=True) == (False, "before_period")


@pytest.mark.parametrize("item", ["o12", "o13", "o7", "o4", "o1"])
def test_items_without_none_statement_refuse_one(rules, item):
    assert judge(rules, item, D(2023, 4, 3), none_statement=True) == (False, "none_statement_not_allowed")


@pytest.mark.parametrize(
    "effective, covers_to, expected",
    [
        (D(2022, 11, 15), None, (True, "report_of_period")),  # 2565 annual report, published Nov 2022
        (D(2022, 11, 15), D(2022, 9, 30), (True, "report_of_period")),
        (D(2022, 9, 20), D(2022, 8, 31), (True, "report_of_period")),  # "as of 31 August" tolerated
        (D(2021, 9, 30), None, (False, "before_period")),  # predates the year it reports on
        (D(2022, 5, 1), D(2022, 3, 31), (False, "ends_before_period_end")),  # only the first half
        (D(2021, 11, 1), D(2021, 9, 30), (False, "ends_before_period_end")),  # the 2564 report
        (D(2023, 10, 20), D(2023, 9, 30), (False, "covers_later_period")),  # the 2566 report
    ],
)
def test_o13_is_the_report_of_2565(rules, effective, covers_to, expected):
    assert judge(rules, "o13", effective, covers_to) == expected


@pytest.mark.parametrize("item", ["o4", "o7", "o12", "o13", "o21"])
def test_without_an_effective_date_nobody_can_tell(rules, item):
    assert judge(rules, item, None, D(2023, 3, 31)) == (None, "no_date")


def test_rules_with_iso_strings_or_bad_data():
    rule = {"kind": "dated_in_period", "from": "2022-10-01", "to": "2023-09-30"}
    assert evaluate(rule, D(2023, 1, 1)).ok is True
    assert evaluate(rule, dt.datetime(2023, 10, 1, 9, 0)).code == "after_period"
    assert evaluate({"kind": "dated_in_period", "from": "2022-10-01"}, D(2023, 1, 1)).code == "bad_rule"
    assert evaluate({"kind": "dated_in_period", "from": "2023-10-01", "to": "2022-10-01"}, D(2023, 1, 1)).code == "bad_rule"
    assert evaluate({"kind": "someday"}, D(2023, 1, 1)).ok is None


def test_messages_name_the_dates(rules):
    result = evaluate(rules["o7"], D(2022, 9, 30))
    with translation.override("en"):
        assert str(result.message) == "Dated 2022-09-30, before the period starts on 2022-10-01."
