"""Which official documents exist: each domain app registers its own in ``AppConfig.ready()``.

The documents app only renders (HTML, PDF, DOCX) and keeps the background jobs; it never
imports the apps whose records it prints (pretix's ``register_data_exporters`` pattern):

    # plans/apps.py
    def ready(self):
        from documents.registry import register
        from . import documents
        for doc in documents.OFFICIAL_DOCUMENTS:
            register(doc)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise


@dataclass(frozen=True)
class OfficialDocument:
    """One kind of official document and how to build it from an agency's record."""

    kind: str  # URL slug and job key, e.g. "memo"
    label: str | Promise  # what the list of documents calls it
    template: str  # under templates/documents/
    # (agency, record pk) -> template context; 404 for a record of another agency.
    build: Callable[[Any, int], dict[str, Any]]
    # The agency's records this document can be built from (one query; the list iterates it).
    records: Callable[[Any], QuerySet[Any]]
    # A record -> (title, date or None) for the list of documents.
    describe: Callable[[Any], tuple[str, dt.date | None]]
    landscape: bool = False
    # Whether the document carries the agency's emblem (orders, memos: the correspondence rules).
    emblem: str = ""  # "", "order" (3 cm, centred) or "memo" (1.5 cm, top left)
    # Whether it ends with signatures (then a signed-original variant is offered).
    signed: bool = False
    # A record -> the label to show instead of LABEL (e.g. which kind of report).
    label_for: Callable[[Any], str | Promise] | None = None


_REGISTRY: dict[str, OfficialDocument] = {}


def register(doc: OfficialDocument) -> OfficialDocument:
    """Add DOC; registering the same kind twice with a different definition is a programming error."""
    existing = _REGISTRY.get(doc.kind)
    if existing is not None and existing != doc:
        raise ValueError(f"official document {doc.kind!r} is already registered by another app")
    _REGISTRY[doc.kind] = doc
    return doc


def register_all(docs: Iterable[OfficialDocument]) -> None:
    for doc in docs:
        register(doc)


def get(kind: str) -> OfficialDocument | None:
    return _REGISTRY.get(kind)


def registered() -> list[OfficialDocument]:
    """Every registered document, in the order the apps registered them (INSTALLED_APPS order)."""
    return list(_REGISTRY.values())
