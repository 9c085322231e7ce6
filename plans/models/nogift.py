"""No Gift Policy (o31-o33 in ITA 2566) and who is the chief executive in office to sign it."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Person

from .common import EvidenceSource


class ChiefExecutiveTerm(models.Model):
    """Who held the agency's top office (ผู้บริหารสูงสุด) from START to END (open if still in office)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="chief_executive_terms")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="chief_executive_terms")
    position_th = models.CharField(_("position as signed"), max_length=300)
    start = models.DateField(_("in office from"))
    end = models.DateField(_("in office until"), null=True, blank=True)

    class Meta:
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"{self.person} ({self.start}–{self.end or ''})"

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class NoGiftDeclaration(EvidenceSource, models.Model):
    evidence_kind = "no-gift-declaration"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="no_gift_declarations")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (BE)"))
    title_th = models.CharField(_("title"), max_length=400)
    body_th = models.TextField(_("text of the declaration"))
    signed_on = models.DateField(_("signed on"))
    signed_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("signed by"))
    signer_position_th = models.CharField(_("position as signed"), max_length=300)

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year"], name="nogift_one_per_year")]

    def __str__(self) -> str:
        return self.title_th

    @property
    def effective_date(self) -> dt.date:
        return self.signed_on

    @property
    def title(self) -> str:
        return self.title_th


class NoGiftActivity(EvidenceSource, models.Model):
    """A meeting, seminar or other activity that builds the No Gift culture."""

    evidence_kind = "no-gift-activity"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="no_gift_activities")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (BE)"))
    date = models.DateField(_("date"))
    title_th = models.CharField(_("activity"), max_length=400)
    description_th = models.TextField(_("description"), blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return self.title_th

    @property
    def effective_date(self) -> dt.date:
        return self.date

    @property
    def title(self) -> str:
        return self.title_th


class NoGiftReport(EvidenceSource, models.Model):
    """The half-year assessment of the No Gift Policy."""

    evidence_kind = "no-gift-report"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="no_gift_reports")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (BE)"))
    covers_start = models.DateField(_("covers from"))
    covers_end = models.DateField(_("covers to"))
    reported_on = models.DateField(_("reported on"))
    gifts_reported = models.PositiveIntegerField(_("gifts reported"), default=0)
    summary_th = models.TextField(_("assessment"))
    problems_th = models.TextField(_("problems and obstacles"), blank=True)
    suggestions_th = models.TextField(_("suggestions"), blank=True)

    class Meta:
        ordering = ["covers_start"]

    @property
    def effective_date(self) -> dt.date:
        return self.reported_on

    @property
    def title(self) -> str:
        return str(_("No Gift Policy report"))
