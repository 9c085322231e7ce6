"""The reporting channel as a source of OIT evidence (registered with
assessments.evidence_sources): its guideline document, its public page and its statistics.
Which item each serves is the year's publishing map (o27-o29 in 2566, O17-O19 in 2568)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.evidence_sources import EvidenceCandidate
from lib.thai import today_bangkok

from .models import ChannelSettings

EVIDENCE_KINDS = {
    "complaint-guideline": _("Guideline for handling corruption and misconduct reports"),
    "complaint-channel": _("Online channel for reporting corruption and misconduct"),
    "complaint-statistics": _("Statistics of corruption and misconduct reports"),
}


def complaint_candidates(agency, framework, served: dict) -> list[EvidenceCandidate]:
    channel = ChannelSettings.objects.filter(agency=agency, open=True).first()
    if channel is None:
        return []
    site = settings.SITE_URL.rstrip("/")
    code = {"code": agency.code}
    today = today_bangkok()
    offers = [
        ("complaint-guideline", str(_("Guideline for handling corruption and misconduct reports")), "complaint-guideline", ""),
        ("complaint-channel", str(_("Online channel for reporting corruption and misconduct")), "",
         site + reverse("complaints:report", kwargs=code)),
        ("complaint-statistics", str(_("Statistics of corruption and misconduct reports")), "",
         f"{site}{reverse('complaints:statistics', kwargs=code)}?year={framework.fiscal_year}"),
    ]
    return [
        EvidenceCandidate(channel, kind, served[kind], today, title, document_kind, url)
        for kind, title, document_kind, url in offers
        if served.get(kind)
    ]
