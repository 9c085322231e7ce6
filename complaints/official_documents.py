"""The reporting channel's official document: the agency's complaint-handling guideline
(o27 in 2566, O17 in 2568), generated from the guideline data and the channel settings in
force. Registered with the documents app in ComplaintsConfig.ready()."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents.registry import OfficialDocument
from lib.thai import today_bangkok

from .guideline import guideline
from .models import ChannelSettings, Recipient


def _guideline(agency, pk: int) -> dict:
    channel = get_object_or_404(ChannelSettings.objects.select_related("escalation_agency"), pk=pk, agency=agency)
    rules = guideline()
    public = {"code": agency.code}
    return {
        "channel": channel,
        "guideline": rules,
        "steps": [state for state in rules.states.values()],
        "recipients": list(Recipient.objects.filter(agency=agency, active=True).exclude(public_key=b"")),
        "retention_days": channel.retention_days or rules.retention_days,
        "report_url": settings.SITE_URL + reverse("complaints:report", kwargs=public) if channel.open else "",
        "track_url": settings.SITE_URL + reverse("complaints:track", kwargs=public) if channel.open else "",
        "statistics_url": settings.SITE_URL + reverse("complaints:statistics", kwargs=public) if channel.open else "",
        "issued_on": today_bangkok(),
        "filename": f"complaint-guideline-{agency.code}",
    }


OFFICIAL_DOCUMENTS = [
    OfficialDocument(
        "complaint-guideline", _("Guideline for handling corruption and misconduct reports"),
        "documents/complaint_guideline.html", _guideline,
        records=lambda agency: ChannelSettings.objects.filter(agency=agency),
        describe=lambda channel: ("แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", None),
        signed=True,
    ),
]
