"""The hand-off to ITAS: for each item of an assessment, the public addresses to paste into the
national system, and an anonymous check of each one (it answers, it is public, it lies on the
agency's domains or on ours). Own addresses are requested in-process with a fresh anonymous
client (no session, no cookie); others are fetched the way an assessor would (lib.safe_fetch).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from assessments.models import Assessment
from lib.thai import today_bangkok
from lib import safe_fetch

from . import selectors
from .models import AddressCheck


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@dataclass
class HandoffRow:
    code: str
    title: str
    state: str
    version: int | None
    item_url: str  # the item's public page, "" while nothing is published
    entries: list[tuple[str, str]] = field(default_factory=list)  # (title, public address)
    checks: dict[str, AddressCheck] = field(default_factory=dict)

    @property
    def addresses(self) -> list[str]:
        return ([self.item_url] if self.item_url else []) + [address for _, address in self.entries if address]

    @property
    def failed(self) -> bool:
        """Nothing to hand over, or an address whose last check failed or never ran."""
        if not self.item_url:
            return True
        return any(self.checks.get(a) is None or self.checks[a].outcome == AddressCheck.Outcome.FAILED for a in self.addresses)


def entry_address(agency, entry) -> str:
    if entry.file_id:
        return site_url(reverse("portal:agency_file", args=[agency.code, entry.file.token, entry.file.file_name]))
    return entry.url


def handoff_rows(assessment: Assessment) -> list[HandoffRow]:
    """Every item with its addresses and last checks, failures first (then framework order): 6 queries."""
    agency = assessment.agency
    groups = selectors.item_groups(assessment)
    checks = {check.url: check for check in AddressCheck.objects.filter(assessment=assessment)}
    rows = []
    for group in groups:
        for entry in group.items:
            latest = entry.latest
            row = HandoffRow(
                code=entry.item.code, title=entry.item.title, state=entry.row.get_state_display(),
                version=latest.number if latest else None,
                item_url=site_url(reverse("portal:agency_item", args=[agency.code, entry.item.code])) if latest else "",
                entries=[(e.title, entry_address(agency, e)) for e in latest.entries.all()] if latest else [],
            )
            row.checks = {address: checks[address] for address in row.addresses if address in checks}
            rows.append(row)
    return sorted(rows, key=lambda row: not row.failed)  # stable: framework order within each half


def _check_own(url: str) -> tuple[int | None, list[str]]:
    from django.test import Client

    parts = urlsplit(url)
    response = Client(HTTP_HOST=parts.netloc).get(parts.path + (f"?{parts.query}" if parts.query else ""))
    problems = []
    if response.status_code != 200:
        problems.append(str(_("It does not answer for a visitor (HTTP %(status)s).") % {"status": response.status_code}))
    if response.cookies:
        problems.append(str(_("It sets a cookie.")))
    return response.status_code, problems


def _check_external(url: str, domains: list[str]) -> tuple[int | None, list[str]]:
    result = safe_fetch.fetch(
        url, domains=domains, timeout=settings.EVIDENCE_CHECK_TIMEOUT,
        allowed_networks=settings.EVIDENCE_CHECK_ALLOWED_NETWORKS, allowed_ports=settings.EVIDENCE_ALLOWED_PORTS,
    )
    problems = []
    if result.error_code:
        problems.append(f"{result.error_code}: {result.error_message}")
    elif result.status and result.status >= 400:
        problems.append(f"HTTP {result.status}")
    if not result.on_agency_domain:
        problems.append(str(_("It is not on the agency's domains.")))
    return result.status, problems


def check_address(url: str, domains: list[str]) -> tuple[int | None, list[str]]:
    own = urlsplit(settings.SITE_URL)
    target = urlsplit(url)
    if (target.scheme, target.netloc) == (own.scheme, own.netloc):
        return _check_own(url)
    return _check_external(url, domains)


@task()
def handoff_check(assessment_id: int) -> int:
    """Check every public address of the assessment anonymously; keeps the last result per address."""
    assessment = Assessment.objects.select_related("agency").filter(pk=assessment_id).first()
    if assessment is None:
        return 0
    domains = list(assessment.agency.domains.values_list("domain", flat=True))
    addresses = {address for row in handoff_rows(assessment) for address in row.addresses}
    for address in sorted(addresses):
        status, problems = check_address(address, domains)
        AddressCheck.objects.update_or_create(
            assessment=assessment, url=address,
            defaults={
                "status": status, "problems": problems, "checked_at": timezone.now(),
                "outcome": AddressCheck.Outcome.FAILED if problems else AddressCheck.Outcome.OK,
            },
        )
    AddressCheck.objects.filter(assessment=assessment).exclude(url__in=addresses).delete()
    return len(addresses)


def schedule_handoff_check(*, assessment: Assessment) -> None:
    handoff_check.enqueue(assessment.pk)


def assessments_due_for_checks(*, within_days: int = 14, today=None):
    """Assessments of publishing agencies whose OIT answer window is open and ends within WITHIN_DAYS."""
    import datetime as dt

    today = today or today_bangkok()
    return Assessment.objects.filter(
        agency__public_profile__is_public=True,
        phases__code="oit-collection", phases__start__lte=today,
        phases__end__gte=today, phases__end__lte=today + dt.timedelta(days=within_days),
    ).distinct()


def schedule_due_checks(*, within_days: int = 14) -> int:
    """Queue the anonymous check of every address of the assessments due soon. Returns how many."""
    due = list(assessments_due_for_checks(within_days=within_days))
    for assessment in due:
        schedule_handoff_check(assessment=assessment)
    return len(due)
