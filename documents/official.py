"""Rendering a registered official document (see documents.registry) to HTML.

The documents app knows no domain app: each app registers its documents in AppConfig.ready().
"""

from __future__ import annotations

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation

from agencies.models import Agency

from . import registry
from .fonts import sarabun_url
from .registry import OfficialDocument


def document_context(kind: str, agency: Agency, pk: int, *, signed: bool = False) -> tuple[OfficialDocument, dict]:
    """The template context of document KIND built from record PK of AGENCY.

    SIGNED prints the signed-original variant: the signature lines without "(ลงชื่อ)" and the
    dotted line, for the signer to sign above their name.
    """
    doc = registry.get(kind)
    if doc is None:
        raise Http404
    context = doc.build(agency, pk)
    context.update({"agency": agency, "font_url": sarabun_url(), "landscape": doc.landscape, "signed": signed,
                    "emblem": agency.emblem_data_url if doc.emblem else "", "emblem_style": doc.emblem})
    return doc, context


def document_html(kind: str, agency: Agency, pk: int, *, signed: bool = False) -> tuple[str, str]:
    """The document's HTML (always in Thai, as official documents are) and its file name stem."""
    doc, context = document_context(kind, agency, pk, signed=signed)
    with translation.override("th"):
        html = render_to_string(doc.template, context)
    return html, context["filename"] + ("-signed" if signed else "")


def document_exists(kind: str, agency: Agency, pk: int) -> bool:
    """Whether AGENCY has the record a document of KIND is built from (one cheap query)."""
    doc = registry.get(kind)
    return doc is not None and doc.records(agency).filter(pk=pk).exists()


def document_rows(agency: Agency) -> list[tuple[str, int, object, str, object, bool]]:
    """(kind, record pk, label, title, date, has a signed original) of every document AGENCY can print."""
    rows = []
    for doc in registry.registered():
        for record in doc.records(agency):
            title, date = doc.describe(record)
            label = doc.label_for(record) if doc.label_for else doc.label
            rows.append((doc.kind, record.pk, label, title, date, doc.signed))
    return rows
