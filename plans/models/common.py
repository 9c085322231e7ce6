"""What every plans record shares: its agency, its fiscal year, a period, OIT hooks."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.thai import thai_period, today_bangkok


class EvidenceSource:
    """A record that can later be published as evidence of OIT items.

    The assessments app reads ``evidence_kind``, ``effective_date`` and ``title``; which items a
    kind of record serves is a year's data (the ``publishing`` map of each framework file), never
    code here. Nothing here publishes anything.
    """

    evidence_kind: str = ""

    @property
    def effective_date(self) -> dt.date:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    @property
    def title(self) -> str:  # pragma: no cover - every subclass overrides
        raise NotImplementedError


class Period(models.Model):
    """A start and an end date, shown the Thai way: ม.ค. ๖๖ – มี.ค. ๖๖."""

    period_start = models.DateField(_("starts"))
    period_end = models.DateField(_("ends"))

    class Meta:
        abstract = True

    @property
    def period_text(self) -> str:
        return thai_period(self.period_start, self.period_end, thai_digits=True)

    def covers(self, day: dt.date) -> bool:
        return self.period_start <= day <= self.period_end

    def is_late(self, *, done: bool, today: dt.date | None = None) -> bool:
        today = today or today_bangkok()
        return not done and today > self.period_end
