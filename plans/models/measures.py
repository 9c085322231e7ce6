"""Measures to raise integrity and transparency (o42 in ITA 2566) and their follow-up (o43)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Division
from lib.thai import thai_period

from .common import EvidenceSource, Period


class MeasurePlan(EvidenceSource, models.Model):
    """One fiscal year's analysis of last year's results and the measures answering it."""

    evidence_kind = "measure-plan"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="measure_plans")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (BE)"))
    title_th = models.CharField(_("title"), max_length=400)
    intro_th = models.TextField(_("introduction"), blank=True)
    adopted_on = models.DateField(_("adopted on"))
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year"], name="measureplan_one_per_year")]

    def __str__(self) -> str:
        return self.title_th

    @property
    def effective_date(self) -> dt.date:
        return self.adopted_on

    @property
    def title(self) -> str:
        return self.title_th


class AnalysisPoint(models.Model):
    """A weak point or a point to improve, found in last year's results."""

    class Kind(models.TextChoices):
        WEAKNESS = "weakness", _("Weak point to fix urgently")
        IMPROVE = "improve", _("Point to improve")

    plan = models.ForeignKey(MeasurePlan, on_delete=models.CASCADE, related_name="analysis_points")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source_code = models.CharField(
        _("indicator or item"), max_length=20, help_text=_("e.g. o12, IIT or 9")
    )
    score = models.DecimalField(_("last year's score"), max_digits=5, decimal_places=2, null=True, blank=True)
    text_th = models.TextField(_("finding"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.source_code}: {self.text_th[:40]}"


class ImportedResult(models.Model):
    """One score of last year's official results, imported from a file (indicator or OIT item)."""

    class Kind(models.TextChoices):
        INDICATOR = "indicator", _("Indicator")
        ITEM = "item", _("OIT item")

    plan = models.ForeignKey(MeasurePlan, on_delete=models.CASCADE, related_name="imported_results")
    framework_code = models.SlugField(_("framework version"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("indicator or item"), max_length=20)
    name_th = models.CharField(_("name"), max_length=400, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    position = models.PositiveIntegerField(default=0)
    point = models.ForeignKey(
        AnalysisPoint, null=True, blank=True, on_delete=models.SET_NULL, related_name="imported_results",
        verbose_name=_("finding made from it"),
    )
    source_name = models.CharField(_("file"), max_length=200, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="importedresult_one_per_code")]

    def __str__(self) -> str:
        return f"{self.code}: {self.score}"


class ResultsImportJob(models.Model):
    """An uploaded workbook of last year's results, read in the background (a workbook can be
    built to take long to parse). The file stays with the job, so nothing is lost when reading
    fails; the measures page shows the outcome."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be read")
        RUNNING = "running", _("being read")
        DONE = "done", _("imported")
        FAILED = "failed", _("refused")

    plan = models.ForeignKey(MeasurePlan, on_delete=models.CASCADE, related_name="results_imports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    filename = models.CharField(max_length=200)
    data = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.JSONField(default=dict, blank=True)  # {"th": ..., "en": ...}: shown in the reader's language
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    @property
    def error_text(self) -> str:
        from lib.translated import pick_text

        return pick_text(self.error)


class Measure(Period):
    """A measure (มาตรการ/แนวทาง) with its numbered methods, divisions and period."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(MeasurePlan, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveIntegerField(_("number"))
    title_th = models.CharField(_("measure"), max_length=400)
    monitoring_th = models.TextField(_("how it is monitored"), blank=True)
    divisions = models.ManyToManyField(Division, related_name="measures", verbose_name=_("responsible divisions"))
    addresses = models.ManyToManyField(AnalysisPoint, blank=True, related_name="measures")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="measure_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title_th}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.CANCELLED)


class MeasureMethod(models.Model):
    """A numbered method (วิธีการดำเนินการ). Period and divisions default to the measure's."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="methods")
    number = models.PositiveIntegerField(_("number"))
    text_th = models.TextField(_("method"))
    period_start = models.DateField(_("starts"), null=True, blank=True)
    period_end = models.DateField(_("ends"), null=True, blank=True)
    divisions = models.ManyToManyField(Division, blank=True, related_name="+", verbose_name=_("responsible divisions"))
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["measure", "number"], name="measuremethod_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text_th[:40]}"

    @property
    def start(self) -> dt.date:
        return self.period_start or self.measure.period_start

    @property
    def end(self) -> dt.date:
        return self.period_end or self.measure.period_end

    @property
    def has_own_period(self) -> bool:
        return self.period_start is not None

    @property
    def period_text(self) -> str:
        return thai_period(self.start, self.end, thai_digits=True)


class FollowUp(EvidenceSource, models.Model):
    """A dated follow-up entry (การติดตามผล) of a measure, one of its methods, or a risk treatment."""

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="follow_ups")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups")
    method = models.ForeignKey(
        MeasureMethod, null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups"
    )
    treatment = models.ForeignKey(
        "plans.RiskTreatment", null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups"
    )
    meeting = models.ForeignKey(
        "plans.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    date = models.DateField(_("date"))
    precision = models.CharField(_("date known to the"), max_length=10, choices=Precision.choices, default=Precision.DAY)
    heading_th = models.CharField(
        _("heading"), max_length=300, blank=True,
        help_text=_("Entries with the same heading are listed under it, e.g. การประชุมประจำเดือน"),
    )
    text_th = models.TextField(_("what was done"))
    url = models.URLField(_("link"), max_length=1000, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["date", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(measure__isnull=False, treatment__isnull=True)
                           | models.Q(measure__isnull=True, treatment__isnull=False)),
                name="followup_of_measure_or_treatment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.text_th[:40]}"

    @property
    def evidence_kind(self) -> str:  # type: ignore[override]
        return "measure-follow-up" if self.measure_id else "risk-follow-up"

    @property
    def effective_date(self) -> dt.date:
        return self.date

    @property
    def title(self) -> str:
        return (self.heading_th + " " if self.heading_th else "") + self.text_th.splitlines()[0]
