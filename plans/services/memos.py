"""Writes for approval memos (บันทึกข้อความ)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Person
from audit.services import audit_log
from lib.errors import DomainError

from ..models import Memo, MemoOpinion
from .common import check_person, clean_text, validated


@dataclass(frozen=True)
class Opinion:
    heading_th: str
    person: Person
    position_text: str
    decides: bool = False


@transaction.atomic
def memo_write(
    *, actor, agency: Agency, date: dt.date, division_text: str, subject_th: str, to_th: str, body_th: str,
    proposer: Person | None, proposer_position_th: str = "", number: str = "", opinions: Sequence[Opinion] = (),
) -> Memo:
    check_person(agency, proposer, field="proposer")
    for opinion in opinions:
        check_person(agency, opinion.person, field="opinions")
    if sum(1 for o in opinions if o.decides) > 1:
        raise DomainError(_("Only one person approves or refuses a memo."), field="opinions")
    memo = validated(Memo(agency=agency, number=clean_text(number), date=date, division_text=clean_text(division_text),
                          subject_th=clean_text(subject_th), to_th=clean_text(to_th), body_th=body_th.strip(),
                          proposer=proposer,
                          proposer_position_th=clean_text(proposer_position_th) or (proposer.position_th if proposer else "")))
    memo.save()
    MemoOpinion.objects.bulk_create(
        MemoOpinion(memo=memo, heading_th=o.heading_th, person=o.person, position_text=o.position_text,
                    decides=o.decides, position=i)
        for i, o in enumerate(opinions)
    )
    audit_log(actor=actor, action="plans.memo.written", target=memo, agency=agency,
              payload={"date": date.isoformat(), "opinions": len(opinions)})
    return memo
