"""Automatic evidence checks, run by the task queue after every evidence revision.

Each URL is fetched the way an assessor would open it (safely: never an internal address),
and each entry's dates are held against the item's time rule.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from lib import safe_fetch, timerules
from lib.translated import stored_message

from .models import EvidenceCheck, EvidenceEntry, EvidenceRevision


def check_entry(entry: EvidenceEntry, *, domains: list[str], time_rule: dict) -> EvidenceCheck:
    # Each problem is stored as a code, its English msgid and parameters, and translated when it
    # is shown (EvidenceCheck.problem_texts), so a Thai reader never sees an English sentence.
    problems: list[dict] = []
    rule = timerules.evaluate(
        time_rule, entry.effective_date, entry.covers_to, none_statement=entry.none_statement
    )
    if rule.ok is False:
        problems.append(stored_message(f"time.{rule.code}", rule.template, rule.params))
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
            problems.append(stored_message(result.error_code, result.error_message))
        elif result.status and result.status >= 400:
            problems.append(stored_message("http_status", _("The site answered with HTTP status {status}."),
                                           {"status": result.status}))
        if not result.on_agency_domain:
            problems.append(stored_message("other_domain", _("The address is not on the agency's own domains.")))
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
