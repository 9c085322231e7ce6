"""Steps on a set of items at once: the executive approves through one approval memo, the ITA
admin sends a set to the assessors.

Each item still goes through `services.item_transition`, so the workflow table and its rules
(who, from which state, in which window) are the same as for one item; either every item of
the set moves or none does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from agencies.models import Person
from audit.services import audit_log
from lib import thai
from lib.thai import today_bangkok
from lib.errors import DomainError, lazy_format

from . import notifications
from .models import ApprovalMemo, Assessment, AssessmentItem
from .services import item_transition


def _checked_set(assessment: Assessment, items: Sequence[AssessmentItem]) -> list[AssessmentItem]:
    if not items:
        raise DomainError(_("Choose at least one item."), field="items")
    for row in items:
        if row.assessment_id != assessment.pk:
            raise DomainError(_("An item of another assessment was selected."), field="items")
    return sorted(items, key=lambda row: row.item.position)


def _each(actor, items: list[AssessmentItem], action: str) -> list[AssessmentItem]:
    """Run ACTION on every item; a refusal names the item it stopped at (and nothing moves)."""
    moved = []
    for row in items:
        try:
            moved.append(item_transition(actor=actor, assessment_item=row, action=action, notify=False))
        except DomainError as error:
            raise DomainError(
                lazy_format(_("Item %(code)s: %(reason)s"), {"code": row.item.code, "reason": error.message}),
                code=error.code,
                field="items",
                status=error.status,
            ) from None
    return moved


def default_memo_text(assessment: Assessment) -> dict[str, str]:
    """What an approval memo says unless the executive changes it (Thai, as the seed's memo)."""
    agency = assessment.agency
    year = assessment.framework.fiscal_year
    subject = f"ขออนุมัติข้อมูลการเปิดเผยข้อมูลสาธารณะ (OIT) ของ{agency.name_th} ประจำปีงบประมาณ พ.ศ. {thai.to_thai_digits(year)}"
    body = (
        f"ตามที่{agency.name_th} เข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
        f"(Integrity and Transparency Assessment : ITA) ประจำปีงบประมาณ พ.ศ. {thai.to_thai_digits(year)} "
        "ผู้รับผิดชอบแต่ละข้อได้จัดเตรียมข้อมูลตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) และผู้ดูแลระบบได้ตรวจสอบแล้ว "
        "รายละเอียดและลิงก์ของข้อมูลปรากฏตามตารางท้ายบันทึกนี้"
    )
    return {"subject_th": subject, "body_th": body, "division_text": agency.name_th}


@transaction.atomic
def approval_memo_sign(
    *,
    actor,
    assessment: Assessment,
    items: Sequence[AssessmentItem],
    date: dt.date | None = None,
    number: str = "",
    to_th: str = "",
    subject_th: str = "",
    body_th: str = "",
    division_text: str = "",
    signer: Person | None = None,
    signer_position_th: str = "",
) -> ApprovalMemo:
    """Approve ITEMS as the executive through one memo, recorded with who signed it and when."""
    agency = assessment.agency
    if signer is not None and signer.agency_id != agency.pk:
        raise DomainError(_("The signer must work for this agency."), field="signer")
    rows = _checked_set(assessment, items)
    moved = _each(actor, rows, "approve")
    defaults = default_memo_text(assessment)
    memo = ApprovalMemo(
        assessment=assessment,
        number=number.strip(),
        date=date or today_bangkok(),
        division_text=division_text.strip() or defaults["division_text"],
        subject_th=subject_th.strip() or defaults["subject_th"],
        to_th=to_th.strip() or (signer.position_th if signer else ""),
        body_th=body_th.strip() or defaults["body_th"],
        approved_by=actor,
        signer=signer,
        signer_position_th=signer_position_th.strip() or (signer.position_th if signer else ""),
    )
    if not memo.to_th:
        raise DomainError(_("Say to whom the memo is addressed (เรียน)."), field="to_th")
    memo.full_clean()
    memo.save()
    memo.items.set(moved)
    audit_log(
        actor=actor,
        action="oit.approval_memo.signed",
        target=memo,
        agency=agency,
        payload={"items": [row.item.code for row in moved], "number": memo.number, "date": memo.date.isoformat()},
    )
    notifications.items_approved_by_memo(memo)
    return memo


@transaction.atomic
def items_send(*, actor, assessment: Assessment, items: Sequence[AssessmentItem]) -> list[AssessmentItem]:
    """Send a set of items to the assessors in one step (each as the single-item step would)."""
    rows = _checked_set(assessment, items)
    moved = _each(actor, rows, "send")
    audit_log(
        actor=actor,
        action="oit.items.sent_together",
        target=assessment,
        agency=assessment.agency,
        payload={"items": [row.item.code for row in moved]},
    )
    notifications.items_sent_together(moved)
    return moved
