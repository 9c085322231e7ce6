"""Reads of the public section, each in a fixed number of queries whatever the number of
items, versions, entries or files. Nothing here returns what was not published."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from agencies.models import Agency
from assessments.models import Assessment, AssessmentItem

from .models import (
    EService,
    ParticipationRecord,
    Publication,
    PublicProfile,
    PublishedEntry,
    Question,
    ServiceCount,
)


def publishing_agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True, public_profile__is_public=True).order_by("name_th")


def public_agency(code: str) -> Agency:
    """The agency whose public section is on, or 404 (an agency that does not publish is unknown here)."""
    agency = publishing_agencies().select_related("public_profile").filter(code=code).first()
    if agency is None:
        raise Http404
    return agency


def current_assessment(agency: Agency) -> Assessment | None:
    """The assessment of the latest fiscal year the agency has opened."""
    return (
        Assessment.objects.filter(agency=agency).select_related("framework")
        .order_by("-framework__fiscal_year", "-pk").first()
    )


def _entries_prefetch() -> Prefetch:
    return Prefetch("entries", queryset=PublishedEntry.objects.select_related("file").order_by("position", "pk"))


@dataclass
class PublicItem:
    row: AssessmentItem
    latest: Publication | None = None
    versions: int = 0

    @property
    def item(self):
        return self.row.item


@dataclass
class ItemGroup:
    heading: str
    items: list[PublicItem] = field(default_factory=list)


def latest_publications(assessment: Assessment) -> dict[int, tuple[Publication, int]]:
    """assessment item pk → (its latest publication with entries and files, number of versions): 3 queries."""
    publications = (
        Publication.objects.filter(assessment_item__assessment=assessment)
        .order_by("assessment_item_id", "-number")
        .only("pk", "assessment_item_id", "number")
    )
    latest_ids: dict[int, int] = {}
    counts: dict[int, int] = defaultdict(int)
    for pub in publications:
        latest_ids.setdefault(pub.assessment_item_id, pub.pk)
        counts[pub.assessment_item_id] += 1
    rows = Publication.objects.filter(pk__in=latest_ids.values()).prefetch_related(_entries_prefetch())
    return {pub.assessment_item_id: (pub, counts[pub.assessment_item_id]) for pub in rows}


def item_groups(assessment: Assessment) -> list[ItemGroup]:
    """The assessment's items grouped as the framework groups them, each with its latest
    publication (None when nothing is published yet)."""
    rows = (
        AssessmentItem.objects.filter(assessment=assessment)
        .select_related("item", "item__indicator", "item__subindicator")
        .order_by("item__position")
    )
    latest = latest_publications(assessment)
    groups: list[ItemGroup] = []
    for row in rows:
        parent = row.item.subindicator or row.item.indicator
        heading = f"{parent.number} {parent.name}" + (f" · {row.item.group}" if row.item.group and row.item.group != parent.name else "")
        if not groups or groups[-1].heading != heading:
            groups.append(ItemGroup(heading))
        publication, versions = latest.get(row.pk, (None, 0))
        groups[-1].items.append(PublicItem(row, publication, versions))
    return groups


def public_item(assessment: Assessment, item_code: str) -> tuple[AssessmentItem, list[Publication]]:
    row = (
        AssessmentItem.objects.filter(assessment=assessment, item__code=item_code)
        .select_related("item", "item__indicator", "item__subindicator").first()
    )
    if row is None:
        raise Http404
    versions = list(row.publications.prefetch_related(_entries_prefetch()).order_by("-number"))
    return row, versions


@dataclass(frozen=True)
class SearchHit:
    publication: Publication
    item_code: str
    item_title: str
    entry: PublishedEntry | None


def search(agency: Agency, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Published entries (latest version of each item) whose title or item title matches QUERY."""
    query = query.strip()[:100]
    if len(query) < 2:
        return []
    assessment = current_assessment(agency)
    if assessment is None:
        return []
    latest = latest_publications(assessment)
    rows = {
        row.pk: row
        for row in AssessmentItem.objects.filter(pk__in=latest.keys()).select_related("item")
    }
    needle = query.casefold()
    hits: list[SearchHit] = []
    for item_pk, (publication, _) in latest.items():
        item = rows[item_pk].item
        item_match = needle in item.title_th.casefold() or needle in (item.title_en or "").casefold() or needle == item.code.casefold()
        for entry in publication.entries.all():
            if item_match or needle in entry.title.casefold():
                hits.append(SearchHit(publication, item.code, item.title, entry))
    hits.sort(key=lambda hit: rows[hit.publication.assessment_item_id].item.position)
    return hits[:limit]


# --- questions ---------------------------------------------------------------------------


def published_questions(agency: Agency) -> QuerySet[Question]:
    return Question.objects.filter(agency=agency, state=Question.State.PUBLISHED).order_by("-published_at")


@dataclass(frozen=True)
class QuestionStats:
    asked: int
    answered: int
    published: int
    median_days: float | None  # from asking to answering
    within_15_days: int


def question_stats(agency: Agency) -> QuestionStats:
    rows = list(Question.objects.filter(agency=agency).values_list("asked_at", "answered_at", "state"))
    waits = [(answered - asked).total_seconds() / 86400 for asked, answered, _ in rows if answered]
    return QuestionStats(
        asked=len(rows),
        answered=len(waits),
        published=sum(1 for *_, state in rows if state == Question.State.PUBLISHED),
        median_days=round(statistics.median(waits), 1) if waits else None,
        within_15_days=sum(1 for wait in waits if wait <= 15),
    )


def question_months(agency: Agency) -> list[dict]:
    """Per calendar month (Bangkok): questions asked, answered, and the median days to answer."""
    months: dict[dt.date, list] = defaultdict(lambda: [0, []])
    for asked, answered in Question.objects.filter(agency=agency).values_list("asked_at", "answered_at"):
        local = timezone.localtime(asked).date().replace(day=1)
        months[local][0] += 1
        if answered:
            months[local][1].append((answered - asked).total_seconds() / 86400)
    return [
        {
            "month": month.isoformat()[:7],
            "asked": asked,
            "answered": len(waits),
            "median_days_to_answer": round(statistics.median(waits), 1) if waits else None,
        }
        for month, (asked, waits) in sorted(months.items())
    ]


def profile_of(agency: Agency) -> PublicProfile | None:
    return getattr(agency, "public_profile", None)


def public_executives(profile: PublicProfile | None):
    if profile is None:
        return []
    return list(profile.executives.filter(is_active=True).select_related("division").order_by("pk"))




# --- participation and services ------------------------------------------------------------


def participation_records(agency: Agency) -> list[ParticipationRecord]:
    return list(ParticipationRecord.objects.filter(agency=agency).order_by("-starts_on", "-pk"))


def e_services(agency: Agency) -> list[EService]:
    return list(EService.objects.filter(agency=agency).order_by("position", "pk"))


@dataclass
class ServiceMonth:
    month: dt.date
    counts: dict[str, int]
    total: int
    percent: int = 0  # of the busiest month, for the bar


@dataclass(frozen=True)
class ServiceStats:
    services: list[str]
    months: list[ServiceMonth]
    total: int


def service_stats(agency: Agency, *, last: int = 24) -> ServiceStats:
    """Monthly counts of every service for the LAST months recorded, with each month's bar length."""
    rows = list(ServiceCount.objects.filter(agency=agency).values_list("month", "service_th", "count"))
    by_month: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for month, service, count in rows:
        by_month[month][service] = count
    months = [ServiceMonth(m, c, sum(c.values())) for m, c in sorted(by_month.items())][-last:]
    peak = max((m.total for m in months), default=0)
    for month in months:
        month.percent = round(100 * month.total / peak) if peak else 0
    services = sorted({service for _, service, _ in rows})
    return ServiceStats(services, months, sum(m.total for m in months))
