"""Internal memos (บันทึกข้อความ) asking for approval, with the chain of opinions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Person


class Memo(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memos")
    number = models.CharField(_("number (ที่)"), max_length=100, blank=True)
    date = models.DateField(_("date"))
    division_text = models.CharField(_("from (ส่วนราชการ)"), max_length=300)
    subject_th = models.TextField(_("subject"))
    to_th = models.CharField(_("to (เรียน)"), max_length=300)
    body_th = models.TextField(_("text"), help_text=_("Paragraphs separated by blank lines."))
    proposer = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    proposer_position_th = models.CharField(_("proposer's position as signed"), max_length=300, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.subject_th[:80]

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body_th.split("\n\n") if p.strip()]


class MemoOpinion(models.Model):
    """One box of the opinion chain (ความเห็นของ...), signed by PERSON; the last may decide."""

    memo = models.ForeignKey(Memo, on_delete=models.CASCADE, related_name="opinions")
    heading_th = models.CharField(_("heading"), max_length=300)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    position_text = models.CharField(_("position as signed"), max_length=300)
    decides = models.BooleanField(_("approves or refuses"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
