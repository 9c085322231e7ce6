"""Ethics (o39-o41 in ITA 2566): the code and the agency's rules, what drives them, their use in HR."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .common import EvidenceSource


class EthicsRecord(EvidenceSource, models.Model):
    class Kind(models.TextChoices):
        CODE = "code", _("Code of ethics for state officials")
        RULES = "rules", _("The agency's own ethics rules")
        TEAM = "team", _("Ethics consulting team or working group")
        DOS_DONTS = "dos_donts", _("Dos & Don'ts")
        TRAINING = "training", _("Training or activity on ethics")
        HR_USE = "hr_use", _("Ethics evaluation used in HR decisions")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="ethics_records")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (BE)"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_th = models.CharField(_("title"), max_length=400)
    date = models.DateField(_("date"))
    description_th = models.TextField(_("description"), blank=True)
    url = models.URLField(_("link to the document"), max_length=1000, blank=True)

    class Meta:
        ordering = ["kind", "date"]

    def __str__(self) -> str:
        return self.title_th

    @property
    def evidence_kind(self) -> str:  # type: ignore[override]
        return "ethics-" + self.kind.replace("_", "-")

    @property
    def effective_date(self) -> dt.date:
        return self.date

    @property
    def title(self) -> str:
        return self.title_th
