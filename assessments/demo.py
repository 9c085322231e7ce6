"""The demo agency's OIT assessment in progress, worked through the real services.

Its calendar is moved so that today falls in the OIT answer window (an operator's right),
because the ITA 2566 dates themselves are long past.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from agencies.models import Agency
from frameworks.models import FrameworkVersion
from lib.thai import today_bangkok

from .models import Assessment
from .services import (
    EntryInput,
    assessment_open,
    evidence_save,
    item_transition,
    matrix_bulk_assign,
    phase_update,
)

SITE = "https://www.muangkhai.go.th"
PHASE_OFFSETS = {  # days from today: (start, end)
    "registration": (-60, -31),
    "oit-collection": (-30, 30),
    "oit-review": (31, 60),
    "clarification": (61, 75),
    "confirmation": (76, 90),
    "results": (120, 120),
}


def _user(email: str):
    return get_user_model().objects.get(email=email)


def _evidence(actor, item, *entries, ticks: int = 1, note: str = ""):
    item.refresh_from_db()
    return evidence_save(
        actor=actor,
        assessment_item=item,
        base_version=item.version,
        note=note,
        ticked=list(item.item.elements.filter(parent__isnull=True)[:ticks]),
        new_entries=[EntryInput(title=t, url=u, effective_date=d) for t, u, d in entries],
    )


def _move(actor, item, action: str, comment: str = ""):
    item.refresh_from_db()
    return item_transition(actor=actor, assessment_item=item, action=action, base_version=item.version, comment=comment)


@transaction.atomic
def oit_demo_load(agency_code: str = "muangkao") -> bool:
    agency = Agency.objects.filter(code=agency_code).first()
    framework = FrameworkVersion.objects.filter(code="ita-2566").first()
    if agency is None or framework is None or Assessment.objects.filter(agency=agency, framework=framework).exists():
        return False
    operator = _user("operator@prongsai.example")
    admin = _user("nipaporn@muangkao.example")
    executive = _user("uthai@muangkao.example")
    analyst = _user("somjet@muangkao.example")
    procurement = _user("nantida@muangkao.example")

    assessment = assessment_open(actor=admin, agency=agency, framework=framework, approval_required=True)
    today = today_bangkok()
    for phase in assessment.phases.all():
        start, end = PHASE_OFFSETS.get(phase.code, (0, 0))
        phase_update(actor=operator, phase=phase, start=today + dt.timedelta(days=start), end=today + dt.timedelta(days=end))

    items = {row.item.code: row for row in assessment.items.select_related("item")}
    # Internal deadline: two weeks before the answer window closes; o5 is already late.
    matrix_bulk_assign(actor=admin, assessment=assessment, items=list(items.values()), due_date=today + dt.timedelta(days=16))
    matrix_bulk_assign(actor=admin, assessment=assessment, items=[items["o5"]], due_date=today - dt.timedelta(days=2))
    # Procurement items go to the procurement officer of กองคลัง; due in three weeks.
    matrix_bulk_assign(
        actor=admin,
        assessment=assessment,
        items=[items[c] for c in ("o19", "o20", "o21", "o22")],
        officer=procurement.people.get(agency=agency),
        due_date=today + dt.timedelta(days=21),
    )

    # o1: through the whole internal path and sent, so the assessor has something to review.
    _evidence(admin, items["o1"], ("แผนผังโครงสร้างองค์กร อบต.เมืองเก่า", f"{SITE}/structure", dt.date(2022, 10, 3)), ticks=2)
    _move(admin, items["o1"], "submit")
    _move(admin, items["o1"], "accept")
    _move(executive, items["o1"], "approve")
    _move(admin, items["o1"], "send")
    # o2: approved by the executive, ready to send.
    _evidence(admin, items["o2"], ("ข้อมูลผู้บริหาร", f"{SITE}/executives", dt.date(2022, 10, 3)), ticks=2)
    _move(admin, items["o2"], "submit")
    _move(admin, items["o2"], "accept")
    _move(executive, items["o2"], "approve")
    # o4: submitted by the policy analyst, waiting for the admin.
    _evidence(analyst, items["o4"], ("แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)", f"{SITE}/plan-2566-2570", dt.date(2021, 10, 1)), ticks=3)
    _move(analyst, items["o4"], "submit")
    # o11: returned with a comment.
    _evidence(analyst, items["o11"], ("แผนดำเนินงานประจำปี 2566", f"{SITE}/action-plan-2566", dt.date(2022, 10, 15)))
    _move(analyst, items["o11"], "submit")
    _move(admin, items["o11"], "return", "ยังไม่แสดงงบประมาณที่ใช้ของแต่ละโครงการ (องค์ประกอบที่ 2) กรุณาเพิ่มไฟล์ที่มีงบประมาณ")
    # o14: the asset manual of 17 Jan 2566 (the seed's measure 2), still being prepared.
    _evidence(
        admin,
        items["o14"],
        ("คู่มือการใช้ทรัพย์สินทางราชการ ฉบับเมืองเก่า", f"{SITE}/คู่มือการใช้ทรัพย์สิน", dt.date(2023, 1, 17)),
        note="เผยแพร่ที่เมนูมาตรฐาน หรือคู่มือการปฏิบัติงาน",
    )
    # o5: contact details, in progress.
    _evidence(admin, items["o5"], ("ข้อมูลการติดต่อ", f"{SITE}/contact", None), ticks=4)
    return True
