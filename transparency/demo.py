"""The demo's public section: อบต.เมืองเก่า publishes its sent and approved items, the manuals
page of its website (the seed's คู่มือการใช้ทรัพย์สิน of 17 มกราคม 2566 and the manuals beside
it), shows its IIT/EIT QR codes while the demo surveys are open, and has answered a question.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Person
from assessments.demo import SITE
from assessments.models import Assessment
from assessments.services import EntryInput, evidence_save, item_transition
from lib.proof_of_work import pow_solve
from surveys import guard

from . import services
from .models import PublicProfile

# The manuals page of the agency's website as the seed shows it (title, date).
MANUALS = [
    ("คู่มือการใช้ทรัพย์สินทางราชการ ฉบับเมืองเก่า", "คู่มือการใช้ทรัพย์สิน", dt.date(2023, 1, 17)),
    ("คู่มือการปฏิบัติงานการจัดทำคู่มือเบิกจ่ายอื่น ๆ ฉบับเมืองเก่า", "คู่มือเบิกจ่าย", dt.date(2022, 8, 8)),
    ("คู่มือ ว่าด้วยความปลอดภัย อาชีวอนามัยและสภาพแวดล้อมในการทำงาน พ.ศ. 2565 ฉบับเมืองเก่า", "คู่มือความปลอดภัย", dt.date(2023, 2, 4)),
    ("คู่มือการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่ ฉบับเมืองเก่า", "คู่มือร้องเรียนทุจริต", dt.date(2021, 1, 5)),
    ("คู่มือการปฏิบัติงานรับเรื่องร้องเรียน ร้องทุกข์ ฉบับเมืองเก่า", "คู่มือรับเรื่องร้องเรียน", dt.date(2021, 8, 9)),
]
EXECUTIVES = ("อุทัย", "วัฒนา", "อุตร", "วีระพันธุ์")


def _user(email: str):
    return get_user_model().objects.get(email=email)


def _step(actor, item, action: str):
    item.refresh_from_db()
    item_transition(actor=actor, assessment_item=item, action=action, base_version=item.version)


@transaction.atomic
def public_demo_load(agency_code: str = "muangkao") -> bool:
    agency = Agency.objects.filter(code=agency_code).first()
    assessment = Assessment.objects.filter(agency=agency, framework__code="ita-2566").first() if agency else None
    if assessment is None or PublicProfile.objects.filter(agency=agency).exists():
        return False
    admin = _user("nipaporn@muangkao.example")
    executive = _user("uthai@muangkao.example")
    if not agency.address:
        agency.address = "องค์การบริหารส่วนตำบลเมืองเก่า อำเภอแม่แตง จังหวัดเชียงใหม่"
        agency.save(update_fields=["address"])
    executives = sorted(
        Person.objects.filter(agency=agency, first_name__in=EXECUTIVES),
        key=lambda person: EXECUTIVES.index(person.first_name),
    )
    services.profile_update(
        actor=admin, agency=agency,
        data=services.ProfileInput(
            is_public=True, phone="0 5312 1061", website=f"{SITE}/",
            office_hours_th="จันทร์–ศุกร์ 08.30–16.30 น.", executives=tuple(executives),
        ),
    )

    items = {row.item.code: row for row in assessment.items.select_related("item")}
    # o14: the manuals page, approved by the executive (the seed's measure 2: the asset manual of 17 Jan 2566).
    o14 = items["o14"]
    o14.refresh_from_db()
    evidence_save(
        actor=admin, assessment_item=o14, base_version=o14.version,
        note="เผยแพร่ที่เมนูมาตรฐาน หรือคู่มือการปฏิบัติงาน",
        ticked=list(o14.item.elements.filter(parent__isnull=True)),
        keep_entries=[],
        new_entries=[EntryInput(title=title, url=f"{SITE}/{path}", effective_date=day) for title, path, day in MANUALS],
    )
    _step(admin, o14, "submit")
    _step(admin, o14, "accept")
    _step(executive, o14, "approve")
    count = services.publications_create_ready(actor=admin, assessment=assessment)

    # Participation, e-services and service counts (the EIT's "service users" of the seed's agency).
    services.participation_record(
        actor=admin, agency=agency, kind="consultation",
        title_th="ประชาคมตำบลเพื่อทบทวนแผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)",
        starts_on=dt.date(2023, 2, 15), ends_on=dt.date(2023, 2, 15),
        participants_th="ผู้ใหญ่บ้าน คณะกรรมการหมู่บ้าน และประชาชนจากทุกหมู่บ้าน", participant_count=86,
        outcome_th="ขอให้ซ่อมถนนสายหมู่ 3 – หมู่ 5 และเพิ่มไฟส่องสว่างทางเข้าหมู่บ้าน",
        changes_th="บรรจุโครงการซ่อมถนนและไฟส่องสว่างในแผนพัฒนาท้องถิ่นฉบับเพิ่มเติม",
    )
    services.eservice_add(actor=admin, agency=agency, name_th="ขออนุญาตก่อสร้างอาคาร (ออนไลน์)", url=f"{SITE}/e-service/building")
    services.eservice_add(actor=admin, agency=agency, name_th="แจ้งซ่อมไฟฟ้าสาธารณะ", url=f"{SITE}/e-service/streetlight")
    for month, counts in ((dt.date(2022, 10, 1), (42, 7)), (dt.date(2022, 11, 1), (55, 9)), (dt.date(2022, 12, 1), (61, 4)),
                          (dt.date(2023, 1, 1), (48, 12)), (dt.date(2023, 2, 1), (39, 6)), (dt.date(2023, 3, 1), (70, 8))):
        services.service_count_record(actor=admin, agency=agency, service_th="ชำระภาษีที่ดินและสิ่งปลูกสร้าง", month=month, count=counts[0])
        services.service_count_record(actor=admin, agency=agency, service_th="ขออนุญาตก่อสร้างอาคาร", month=month, count=counts[1])

    # A question asked through the public form's own checks, answered and published.
    scope = services.question_scope(agency)
    challenge, bits = guard.challenge_issue(scope)
    question, _receipt = services.question_ask(
        agency=agency, text="ขอทราบช่องทางการยืมเต็นท์และเก้าอี้ของ อบต. สำหรับงานบุญในหมู่บ้าน ต้องทำอย่างไรบ้างครับ",
        challenge=challenge, solution=pow_solve(challenge, bits), client="demo",
    )
    question.asked_at = timezone.now() - dt.timedelta(days=3)
    question.save(update_fields=["asked_at"])
    services.question_answer(
        actor=admin, question=question,
        answer="ยื่นแบบคำขอยืมทรัพย์สินที่กองคลังล่วงหน้าอย่างน้อย 3 วันทำการ ตามคู่มือการใช้ทรัพย์สินทางราชการ "
               "ฉบับเมืองเก่า (17 มกราคม 2566) ซึ่งเผยแพร่ในหัวข้อ o14 ของหน้านี้",
    )
    services.question_moderate(actor=admin, question=question, publish=True)
    return count > 0
