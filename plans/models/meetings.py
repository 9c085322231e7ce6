"""Meetings: invitations received (e.g. from the NACC provincial office) and internal
monitoring meetings with attendees and minutes."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Person

from .common import EvidenceSource


class Meeting(EvidenceSource, models.Model):
    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation received")
        INTERNAL = "internal", _("Internal monitoring meeting")

    evidence_kind = "internal-meeting"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_th = models.CharField(_("subject"), max_length=500)
    organiser_th = models.CharField(_("organiser"), max_length=300, blank=True)
    letter_number = models.CharField(_("letter number"), max_length=100, blank=True)
    letter_date = models.DateField(_("letter date"), null=True, blank=True)
    received_number = models.CharField(_("received number (เลขรับ)"), max_length=50, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    location_th = models.CharField(_("place"), max_length=300, blank=True)
    platform = models.CharField(_("online platform"), max_length=100, blank=True, help_text=_("e.g. Webex, YouTube"))
    online_url = models.URLField(_("online room link"), max_length=500, blank=True)
    meeting_number = models.CharField(_("meeting number"), max_length=50, blank=True)
    passcode = models.CharField(_("passcode"), max_length=50, blank=True)
    must_attend_th = models.TextField(_("who must attend"), blank=True)
    attendees = models.ManyToManyField(Person, blank=True, related_name="meetings", verbose_name=_("attendees"))
    minutes_th = models.TextField(_("minutes"), blank=True)
    notes_th = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title_th

    @property
    def day(self) -> dt.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def effective_date(self) -> dt.date:
        return self.day

    @property
    def title(self) -> str:
        return self.title_th
