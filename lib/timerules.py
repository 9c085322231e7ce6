"""Check one piece of OIT evidence against its item's time rule (`time_rule` in
frameworks/data/FORMAT.md). Pure: the rule is the dict as stored, dates are `datetime.date`
(ISO strings are accepted for the rule's `from`/`to`).

The evidence has an `effective_date` (the date it carries: issued, published, approved) and
optionally `covers_to` (the last day of the period it reports on or is in force for).
Bounds are inclusive. The result is ok=True, ok=False, or ok=None when one piece of
evidence cannot settle it.

kind `none`
    No time condition: ok.
kind `dated_in_period` (news, activities of the year)
    from <= effective <= to.
kind `in_force_during` (a plan, policy or rule in force during the period)
    Issued on or before `to`: a plan issued after the period cannot have governed it; one
    issued years before may still be in force. If `covers_to` (the plan's last day) is given
    it must be >= `from`, or the plan expired before the period began.
kind `covers_period` (reports that together cover the period; `frequencies` says which
report lengths count)
    effective >= from: a report dated before the period started cannot report on it.
    If covers_to is given it must be >= from too (else it reports on an earlier period).
    The reach of the report is covers_to, or failing that its date. Reach >= to: this piece
    covers up to the end, ok (a first-half report dated after the half ended is the normal
    case). Reach < to: if the rule allows reports shorter than the period (monthly or
    quarterly for a half year) this may be one of several, so ok=None with code "partial";
    otherwise it ends too early, not ok.
kind `report_of_period` (a report about a past period, e.g. the 2565 annual report)
    effective >= from: published after the period began. If covers_to is given it must be
    within a month of `to` either side (REPORT_SLACK): a report ending more than a month
    before `to` is not of the whole period (a report "as of 31 August" is tolerated), one
    ending more than a month after `to` is the report of a later period.

Evidence that states there was nothing to publish ("none_statement") is acceptable only
if the rule says `none_statement: true`; it is then held to the same dates, since the
statement must be about the right period.

A missing effective date gives ok=None, code "no_date": an assessor has to look.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lib.errors import Message, lazy_date

REPORT_SLACK = dt.timedelta(days=31)
# Longest length of each report frequency, to tell whether a shorter report can be one of a set.
FREQUENCY_DAYS = {"monthly": 31, "quarterly": 92, "half_yearly": 184, "yearly": 366}


@dataclass(frozen=True)
class RuleResult:
    ok: bool | None  # None: cannot tell from this piece of evidence alone
    code: str
    message: Any  # lazy translatable string
    template: Any = ""  # the untranslated message with {placeholders}, for storing (lib.translated.StoredMessage)
    params: dict[str, Any] = field(default_factory=dict)  # the placeholders' values


CODES = (
    "no_rule", "in_period", "in_force", "covers_period", "report_of_period",  # ok
    "before_period", "after_period", "issued_after_period", "expired_before_period",
    "ends_before_period_end", "covers_later_period", "none_statement_not_allowed",  # not ok
    "partial", "no_date", "unknown_kind", "bad_rule",  # cannot tell
)


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _result(ok: bool | None, code: str, message: Message, **dates: dt.date) -> RuleResult:
    params = {k: v.isoformat() for k, v in dates.items()}
    return RuleResult(ok, code, format_lazy(message, **{k: lazy_date(v) for k, v in dates.items()}), template=message, params=params)


def evaluate(
    rule: dict[str, Any] | None,
    effective_date: dt.date | None,
    covers_to: dt.date | None = None,
    *,
    none_statement: bool = False,
) -> RuleResult:
    """Judge one piece of evidence against RULE; see the module docstring for each kind."""
    rule = rule or {"kind": "none"}
    kind = rule.get("kind", "none")

    if none_statement and not rule.get("none_statement"):
        return _result(False, "none_statement_not_allowed",
                       _("This item does not accept a statement that there was nothing to publish."))
    if kind == "none":
        return _result(True, "no_rule", _("This item has no time condition."))
    if kind not in ("dated_in_period", "in_force_during", "covers_period", "report_of_period"):
        return _result(None, "unknown_kind", _("The time condition of this item is not known."))

    start, end = _date(rule.get("from")), _date(rule.get("to"))
    if start is None or end is None or end < start:
        return _result(None, "bad_rule", _("The time condition of this item has no valid period."))
    effective, reach_to = _date(effective_date), _date(covers_to)
    if effective is None:
        return _result(None, "no_date", _("The evidence has no date; check it by hand."))

    if kind == "dated_in_period":
        if effective < start:
            return _result(False, "before_period", _("Dated {date}, before the period starts on {start}."),
                           date=effective, start=start)
        if effective > end:
            return _result(False, "after_period", _("Dated {date}, after the period ends on {end}."),
                           date=effective, end=end)
        return _result(True, "in_period", _("Dated {date}, within the period."), date=effective)

    if kind == "in_force_during":
        if effective > end:
            return _result(False, "issued_after_period",
                           _("Issued {date}, after the period ends on {end}."), date=effective, end=end)
        if reach_to is not None and reach_to < start:
            return _result(False, "expired_before_period",
                           _("In force until {until}, before the period starts on {start}."),
                           until=reach_to, start=start)
        return _result(True, "in_force", _("In force during the period."))

    if kind == "covers_period":
        if effective < start or (reach_to is not None and reach_to < start):
            return _result(False, "before_period",
                           _("It reports on a time before the period starts on {start}."), start=start)
        reach = reach_to or effective
        if reach >= end:
            return _result(True, "covers_period", _("It covers the period up to {end}."), end=end)
        period_days = (end - start).days + 1
        shorter = [f for f in rule.get("frequencies") or () if FREQUENCY_DAYS.get(f, period_days) < period_days]
        if shorter:
            return _result(None, "partial",
                           _("It covers up to {reach}; other reports must cover the rest of the period to {end}."),
                           reach=reach, end=end)
        return _result(False, "ends_before_period_end",
                       _("It covers only up to {reach}; the period ends on {end}."), reach=reach, end=end)

    # report_of_period
    if effective < start:
        return _result(False, "before_period",
                       _("Dated {date}, before the period it reports on starts on {start}."),
                       date=effective, start=start)
    if reach_to is not None and reach_to < end - REPORT_SLACK:
        return _result(False, "ends_before_period_end",
                       _("It reports only up to {reach}; the period ends on {end}."), reach=reach_to, end=end)
    if reach_to is not None and reach_to > end + REPORT_SLACK:
        return _result(False, "covers_later_period",
                       _("It reports up to {reach}, a later period than the one ending on {end}."),
                       reach=reach_to, end=end)
    return _result(True, "report_of_period", _("It is a report of the period."))
