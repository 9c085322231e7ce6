"""Automatic evidence checks, run by the task queue after every evidence revision.

Each URL is fetched the way an assessor would open it (safely: never an internal address),
and each entry's dates are held against the item's time rule.
"""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from lib import safe_fetch, timerules

from .models import EvidenceCheck, EvidenceEntry, EvidenceRevision


def check_entry(entry: EvidenceEntry, *, domains: list[str], time_rule: dict) -> EvidenceCheck:
    problems: list[str] = []
    rule = timerules.evaluate(
        time_rule, entry.effective_date, entry.covers_to, none_statement=entry.none_statement
    )
    if rule.ok is False:
        problems.append(str(rule.message))
    check = EvidenceCheck(entry=entry, time_rule_ok=rule.ok)
    if entry.url:
        result = safe_fetch.fetch(
            entry.url,
            domains=domains,
            timeout=settings.EVIDENCE_CHECK_TIMEOUT,
            allowed_networks=settings.EVIDENCE_CHECK_ALLOWED_NETWORKS,
            allowed_ports=settings.EVIDENCE_ALLOWED_PORTS,
        )
        check.status = result.status
        check.final_url = (result.final_url or "")[:2000]
        check.content_type = (result.content_type or "")[:200]
        check.elapsed_ms = result.elapsed_ms
        check.on_agency_domain = result.on_agency_domain
        if result.error_code:
            problems.append(f"{result.error_code}: {result.error_message}")
        elif result.status and result.status >= 400:
            problems.append(f"HTTP {result.status}")
        if not result.on_agency_domain:
            problems.append("not on the agency's domains")
    else:
        check.on_agency_domain = True  # an uploaded file lives on Prongsai, published by the agency
    check.problems = problems
    unreachable = bool(entry.url) and (bool(check.status is None) or (check.status or 0) >= 400)
    if unreachable or not check.on_agency_domain:
        check.outcome = EvidenceCheck.Outcome.FAILED
    elif problems:
        check.outcome = EvidenceCheck.Outcome.WARNING
    else:
        check.outcome = EvidenceCheck.Outcome.OK
    check.save()
    return check


@task()
def check_revision(revision_id: int) -> int:
    revision = (
        EvidenceRevision.objects.select_related("assessment_item__item", "assessment_item__assessment__agency")
        .filter(pk=revision_id)
        .first()
    )
    if revision is None:
        return 0
    item = revision.assessment_item
    from .services import site_host

    domains = [*item.assessment.agency.domains.values_list("domain", flat=True), *filter(None, [site_host()])]
    entries = list(revision.entries.all())
    for entry in entries:
        check_entry(entry, domains=domains, time_rule=item.item.time_rule)
    return len(entries)


def schedule_checks(*, revision_id: int) -> None:
    check_revision.enqueue(revision_id)
