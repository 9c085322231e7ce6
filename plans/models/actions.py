"""The anti-corruption action plan (o36), its half-year (o37) and annual (o38) reports."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Division, Person

from .common import EvidenceSource, Period


class ActionPlan(EvidenceSource, Period):
    evidence_kind = "action-plan"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="action_plans")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (BE)"))
    title_th = models.CharField(_("title"), max_length=400)
    approved_on = models.DateField(_("approved on"))

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year"], name="actionplan_one_per_year")]

    def __str__(self) -> str:
        return self.title_th

    @property
    def effective_date(self) -> dt.date:
        return self.approved_on

    @property
    def title(self) -> str:
        return self.title_th


class Project(Period):
    """A project or activity of the plan, with a budget in baht or marked as using none."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="projects")
    number = models.PositiveIntegerField(_("number"))
    name_th = models.CharField(_("project or activity"), max_length=400)
    objective_th = models.TextField(_("objective"), blank=True)
    budget = models.DecimalField(_("budget (baht)"), max_digits=14, decimal_places=2, null=True, blank=True)
    no_budget = models.BooleanField(_("uses no budget"), default=False)
    division = models.ForeignKey(Division, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="project_unique_number"),
            models.CheckConstraint(
                condition=models.Q(no_budget=True, budget__isnull=True)
                | models.Q(no_budget=False, budget__isnull=False, budget__gte=0),
                name="project_budget_or_none",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name_th}"


class PlanReport(EvidenceSource, models.Model):
    class Kind(models.TextChoices):
        HALF_YEAR = "half_year", _("Half-year progress report")
        ANNUAL = "annual", _("Annual report")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    covers_start = models.DateField(_("covers from"))
    covers_end = models.DateField(_("covers to"))
    reported_on = models.DateField(_("reported on"))
    summary_th = models.TextField(_("summary of results"), blank=True)
    problems_th = models.TextField(_("problems and obstacles"), blank=True)
    suggestions_th = models.TextField(_("suggestions"), blank=True)

    class Meta:
        ordering = ["covers_start", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "covers_start"], name="planreport_unique_period")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.plan}"

    @property
    def evidence_kind(self) -> str:  # type: ignore[override]
        return "plan-report-half-year" if self.kind == self.Kind.HALF_YEAR else "plan-report-year"

    @property
    def effective_date(self) -> dt.date:
        return self.reported_on

    @property
    def title(self) -> str:
        return f"{self.get_kind_display()} – {self.plan.title_th}"


class ProjectProgress(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    report = models.ForeignKey(PlanReport, on_delete=models.CASCADE, related_name="lines")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    done_th = models.TextField(_("what was done"), blank=True)
    spent = models.DecimalField(_("money spent (baht)"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        ordering = ["project__number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "project"], name="projectprogress_unique"),
            models.CheckConstraint(condition=models.Q(spent__gte=0), name="projectprogress_spent_not_negative"),
        ]
