"""The agency's open datasets: each one a small registered reader that returns rows, with the
metadata fields of Thailand's government data catalogue (data.go.th: title, description,
publisher, licence, update frequency, last update) and their DCAT equivalents.

Apps add datasets with `register(Dataset(...))` in their AppConfig.ready(); the catalogue
pages iterate the registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from . import selectors
from .models import ParticipationRecord, Publication, Question, ServiceCount

# The licence data.go.th offers by default to government publishers.
LICENCE = {
    "id": "open-data-common",
    "title": _("Open Data Common licence"),
    "url": "https://data.go.th/pages/open-data-common",
}
FREQUENCIES = {  # catalogue wording → the EU frequency vocabulary DCAT uses
    "monthly": ("http://publications.europa.eu/resource/authority/frequency/MONTHLY", _("monthly")),
    "continuous": ("http://publications.europa.eu/resource/authority/frequency/CONT", _("whenever it changes")),
}


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: object
    description: object
    frequency: str
    columns: tuple[str, ...]
    rows: Callable[[Agency], list[dict]]
    last_update: Callable[[Agency], dt.datetime | None]
    keywords: tuple[str, ...] = ()


REGISTRY: dict[str, Dataset] = {}


def register(dataset: Dataset) -> None:
    REGISTRY[dataset.slug] = dataset


def datasets() -> list[Dataset]:
    return list(REGISTRY.values())


def _published_rows(agency: Agency) -> list[dict]:
    from django.conf import settings
    from django.urls import reverse

    site = settings.SITE_URL.rstrip("/")
    assessment = selectors.current_assessment(agency)
    rows = []
    for group in selectors.item_groups(assessment) if assessment else []:
        for item in group.items:
            if item.latest is None:
                continue
            for entry in item.latest.entries.all():
                address = (
                    site + reverse("portal:agency_file", args=[agency.code, entry.file.token, entry.file.file_name])
                    if entry.file_id else entry.url
                )
                rows.append({
                    "fiscal_year": assessment.framework.fiscal_year,
                    "item": item.item.code,
                    "item_title": item.item.title_th,
                    "version": item.latest.number,
                    "published_at": item.latest.published_at.isoformat(timespec="seconds"),
                    "title": entry.title,
                    "effective_date": entry.effective_date.isoformat() if entry.effective_date else "",
                    "address": address,
                })
    return rows


def _published_last(agency: Agency):
    return Publication.objects.filter(agency=agency).aggregate(last=Max("published_at"))["last"]


def _questions_last(agency: Agency):
    return Question.objects.filter(agency=agency).aggregate(last=Max("asked_at"))["last"]


register(Dataset(
    slug="published-items",
    title=_("Published OIT disclosures"),
    description=_("Every document and page the agency published for the items of the current ITA year, with versions and dates."),
    frequency="continuous",
    columns=("fiscal_year", "item", "item_title", "version", "published_at", "title", "effective_date", "address"),
    rows=_published_rows,
    last_update=_published_last,
    keywords=("ITA", "OIT", "เปิดเผยข้อมูล"),
))
register(Dataset(
    slug="questions-monthly",
    title=_("Questions from the public, per month"),
    description=_("How many questions citizens asked each month, how many were answered and the median days to answer."),
    frequency="monthly",
    columns=("month", "asked", "answered", "median_days_to_answer"),
    rows=selectors.question_months,
    last_update=_questions_last,
    keywords=("ถามตอบ", "Q&A"),
))


def _service_rows(agency: Agency) -> list[dict]:
    return [
        {"month": row.month.isoformat()[:7], "service": row.service_th, "count": row.count}
        for row in ServiceCount.objects.filter(agency=agency).order_by("month", "service_th")
    ]


def _participation_rows(agency: Agency) -> list[dict]:
    return [
        {
            "kind": record.kind, "title": record.title_th, "starts_on": record.starts_on.isoformat(),
            "ends_on": record.ends_on.isoformat(), "participants": record.participants_th,
            "participant_count": record.participant_count, "outcome": record.outcome_th, "changes": record.changes_th,
        }
        for record in selectors.participation_records(agency)
    ]


register(Dataset(
    slug="service-statistics",
    title=_("Service statistics, per month"),
    description=_("How many times the agency gave each of its services, month by month."),
    frequency="monthly",
    columns=("month", "service", "count"),
    rows=_service_rows,
    last_update=lambda agency: ServiceCount.objects.filter(agency=agency).aggregate(last=Max("recorded_at"))["last"],
    keywords=("สถิติการให้บริการ",),
))
register(Dataset(
    slug="participation",
    title=_("Participation of outsiders"),
    description=_("Consultations and activities where outsiders took part in the agency's work: when, who, what came out and what changed."),
    frequency="continuous",
    columns=("kind", "title", "starts_on", "ends_on", "participants", "participant_count", "outcome", "changes"),
    rows=_participation_rows,
    last_update=lambda agency: ParticipationRecord.objects.filter(agency=agency).aggregate(last=Max("created_at"))["last"],
    keywords=("การมีส่วนร่วม",),
))
