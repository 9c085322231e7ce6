"""Records other apps can publish as OIT evidence: a registry, not a central list.

An app registers a source in its AppConfig.ready(): a function that lists, for an agency and a
framework version, the agency's records of that fiscal year that the version's publishing map
places in an item. Which item a kind of record serves is each year's data (the framework
file's `publishing:` section), never code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class EvidenceCandidate:
    record: models.Model
    kind: str  # a kind registered with frameworks.registry (the publishing map names it)
    items: tuple[str, ...]  # the item codes it serves in this framework version
    effective_date: dt.date
    title: str
    document_kind: str = ""  # a kind registered with documents.registry, with record.pk as its id
    url: str = ""  # a page to give as evidence when there is no document


EvidenceSource = Callable[..., list[EvidenceCandidate]]
_SOURCES: list[EvidenceSource] = []


def evidence_source_register(source: EvidenceSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def items_by_kind(framework) -> dict[str, tuple[str, ...]]:
    """Record kind → the item codes it publishes into, in FRAMEWORK (its publishing map)."""
    codes = dict(framework.items.values_list("node_id", "code"))
    served: dict[str, list[str]] = {}
    for rule in framework.publishing:
        if rule["item"] in codes:
            served.setdefault(rule["record"], []).append(codes[rule["item"]])
    return {kind: tuple(items) for kind, items in served.items()}


def evidence_candidates(agency, framework) -> list[EvidenceCandidate]:
    """Every registered app's candidates for AGENCY in FRAMEWORK's fiscal year."""
    served = items_by_kind(framework)
    found: list[EvidenceCandidate] = []
    for source in _SOURCES:
        found += source(agency, framework, served)
    return found
