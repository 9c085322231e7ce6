"""What reminder emails were sent, so each is sent once (see plans.notifications)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency


class PlanReminder(models.Model):
    class Kind(models.TextChoices):
        MEASURE_DUE = "measure_due", _("Measure ends soon")
        METHOD_DUE = "method_due", _("Method ends soon")
        PROJECT_DUE = "project_due", _("Action-plan project ends soon")
        MEETING_TOMORROW = "meeting_tomorrow", _("Meeting tomorrow")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="plan_reminders")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    # The end date or meeting day reminded of: moving it makes a new reminder due.
    due_on = models.DateField(_("due on"))
    recipients = models.JSONField(default=list)
    subject = models.CharField(max_length=500)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "due_on"], name="planreminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.due_on}"
