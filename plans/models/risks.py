"""The corruption risk register (o34) and the treatment of each risk (o35)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Division

from .common import EvidenceSource, Period


class RiskRegister(EvidenceSource, models.Model):
    evidence_kind = "risk-register"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="risk_registers")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (BE)"))
    title_th = models.CharField(_("title"), max_length=400)
    assessed_on = models.DateField(_("assessed on"))
    matrix_id = models.CharField(_("risk matrix"), max_length=50)

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year"], name="riskregister_one_per_year")]

    def __str__(self) -> str:
        return self.title_th

    @property
    def effective_date(self) -> dt.date:
        return self.assessed_on

    @property
    def title(self) -> str:
        return self.title_th


class Risk(models.Model):
    """A risk event in a process or division, scored on the register's matrix."""

    register = models.ForeignKey(RiskRegister, on_delete=models.CASCADE, related_name="risks")
    number = models.PositiveIntegerField(_("number"))
    process_th = models.CharField(_("process or task"), max_length=300)
    division = models.ForeignKey(Division, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    event_th = models.TextField(_("risk event"))
    cause_th = models.TextField(_("cause"), blank=True)
    controls_th = models.TextField(_("existing controls"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"))
    impact = models.PositiveSmallIntegerField(_("impact"))
    residual_likelihood = models.PositiveSmallIntegerField(_("residual likelihood"), null=True, blank=True)
    residual_impact = models.PositiveSmallIntegerField(_("residual impact"), null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["register", "number"], name="risk_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.event_th[:40]}"

    @property
    def has_residual(self) -> bool:
        return self.residual_likelihood is not None and self.residual_impact is not None


class RiskTreatment(Period):
    """A measure that treats a risk; its follow-up entries are FollowUp rows."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="treatments")
    text_th = models.TextField(_("treatment measure"))
    division = models.ForeignKey(Division, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    measure = models.ForeignKey(
        "plans.Measure", null=True, blank=True, on_delete=models.SET_NULL, related_name="treatments",
        help_text=_("The integrity measure this treatment is part of, if any."),
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text_th[:60]
