"""Yearly statistics of reports (o29 in 2566, O19 in 2568), with small cells hidden.

A count of 1 or 2 could point at a case, so it is shown as "fewer than 3". When exactly one
cell of a group is hidden, the smallest other non-zero cell is hidden too, so the hidden one
cannot be worked out from the total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from lib.thai import fiscal_year_bounds

from .guideline import guideline
from .models import Report

THRESHOLD = 3
# States in which the agency's handling is finished (concluded, referred on, or closed).
RESOLVED_STATES = (Report.State.CONCLUDED, Report.State.REFERRED, Report.State.CLOSED)


def suppress(counts: dict[str, int], threshold: int = THRESHOLD) -> dict[str, int | None]:
    """COUNTS with every cell 0 < n < THRESHOLD (and a complementary one) replaced by None."""
    shown: dict[str, int | None] = dict(counts)
    hidden = [key for key, n in counts.items() if 0 < n < threshold]
    for key in hidden:
        shown[key] = None
    if len(hidden) == 1:
        others = sorted((n, key) for key, n in counts.items() if n > 0 and key not in hidden)
        if others:
            shown[others[0][1]] = None
    return shown


@dataclass(frozen=True)
class YearStatistics:
    year_be: int
    total: int | None
    by_month: list[tuple[dt.date, int | None]]
    by_category: list[tuple[str, int | None]]
    by_channel: list[tuple[str, int | None]]
    by_outcome: list[tuple[str, int | None]]
    by_progress: list[tuple[str, int | None]]  # resolved and still in hand (o29's "(2)" and "(3)")


def _grouped(queryset, field: str, codes) -> dict[str, int]:
    found = dict(queryset.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))
    return {code: found.get(code, 0) for code in codes}


def year_statistics(agency, year_be: int) -> YearStatistics:
    start, end = fiscal_year_bounds(year_be)
    reports = Report.objects.filter(agency=agency, received_on__gte=start, received_on__lte=end)
    rules = guideline()
    months = []
    day = start
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    month_counts: dict[str, int] = {m.isoformat(): 0 for m in months}
    for received_on in reports.values_list("received_on", flat=True):
        month_counts[received_on.replace(day=1).isoformat()] += 1
    month_shown = suppress(month_counts)
    category = suppress(_grouped(reports, "category", rules.categories))
    channel = suppress(_grouped(reports, "channel", rules.channels))
    outcome = suppress(_grouped(reports.exclude(outcome=""), "outcome", rules.outcomes))
    total = sum(month_counts.values())
    done = reports.filter(state__in=RESOLVED_STATES).count()
    progress = suppress({"resolved": done, "in_progress": total - done})
    return YearStatistics(
        year_be=year_be,
        total=None if 0 < total < THRESHOLD else total,
        by_month=[(m, month_shown[m.isoformat()]) for m in months],
        by_category=[(rules.categories[c].label, n) for c, n in category.items()],
        by_channel=[(rules.channels[c].label, n) for c, n in channel.items()],
        by_outcome=[(rules.outcomes[c].label, n) for c, n in outcome.items()],
        by_progress=[(str(_("Resolved")), progress["resolved"]), (str(_("In progress")), progress["in_progress"])],
    )


def open_data_rows(agency) -> list[dict]:
    """The current fiscal year's statistics as open-data rows (small cells written "<3")."""
    from lib.thai import fiscal_year_be, today_bangkok

    stats = year_statistics(agency, fiscal_year_be(today_bangkok()))
    hidden = f"<{THRESHOLD}"
    rows = [{"fiscal_year": stats.year_be, "group": "month", "key": m.isoformat()[:7],
             "count": hidden if n is None else n} for m, n in stats.by_month]
    for group, pairs in (("category", stats.by_category), ("channel", stats.by_channel), ("outcome", stats.by_outcome),
                         ("progress", stats.by_progress)):
        rows += [{"fiscal_year": stats.year_be, "group": group, "key": label, "count": hidden if n is None else n}
                 for label, n in pairs]
    return rows


def last_report_day(agency):
    import datetime as dt_

    from django.db.models import Max

    day = Report.objects.filter(agency=agency).aggregate(last=Max("received_on"))["last"]
    return dt_.datetime.combine(day, dt_.time()) if day else None
