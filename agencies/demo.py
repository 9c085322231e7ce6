"""The demo installation: อบต.เมืองเก่า as its ITA 2566 paperwork shows it, plus a second
agency, an assessor and an operator so that roles and isolation can be tried.

Names follow order 17/2566 where the seed spells them two ways (e.g. วัฒนา, not วิวัฒนา).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Agency, Role, WorkingGroupMember
from .services import (
    Seat,
    agency_create,
    division_create,
    membership_grant,
    person_create,
    working_group_appoint,
)

DEMO_PASSWORD = "prongsai-demo-2566"
DEMO_AGENCY = "muangkao"

DIVISIONS = [
    ("สำนักปลัด", "Office of the Permanent Secretary"),
    ("กองคลัง", "Finance Division"),
    ("กองช่าง", "Public Works Division"),
    ("หน่วยตรวจสอบภายใน", "Internal Audit Unit"),
]


@dataclass(frozen=True)
class SeedPerson:
    title: str
    first_name: str
    last_name: str
    position_th: str
    division: str | None
    group_role: str
    email: str = ""
    roles: tuple[str, ...] = ()


CHAIR, VICE, MEMBER, SECRETARY = (
    WorkingGroupMember.GroupRole.CHAIR,
    WorkingGroupMember.GroupRole.VICE_CHAIR,
    WorkingGroupMember.GroupRole.MEMBER,
    WorkingGroupMember.GroupRole.SECRETARY,
)

# Order 17/2566, องค์ประกอบ, in the order's sequence.
ORDER_MEMBERS = [
    SeedPerson("นาย", "อุทัย", "พวงลังกา", "นายกองค์การบริหารส่วนตำบลเมืองเก่า", None, CHAIR,
               "uthai@muangkao.example", (Role.EXECUTIVE,)),
    SeedPerson("นาย", "วัฒนา", "มโนวงศ์", "ปลัดองค์การบริหารส่วนตำบลเมืองเก่า", "สำนักปลัด", VICE,
               "wattana@muangkao.example", (Role.MEMBER,)),
    SeedPerson("นาย", "อุตร", "จิตกล้า", "รองนายกองค์การบริหารส่วนตำบล", None, MEMBER),
    SeedPerson("นาย", "วีระพันธุ์", "วิวัฒน์รัตนกุล", "รองนายกองค์การบริหารส่วนตำบล", None, MEMBER),
    SeedPerson("นาย", "อนิรุทธิ์", "พงษ์แก้ว", "นักพัฒนาชุมชนชำนาญการ รักษาการแทนหัวหน้าสำนักงานปลัด", "สำนักปลัด", MEMBER,
               "anirut@muangkao.example", (Role.MEMBER,)),
    SeedPerson("นาย", "สมเพชร", "ทิศเมือง", "นายช่างโยธาชำนาญงาน รักษาการแทนผู้อำนวยการกองช่าง", "กองช่าง", MEMBER),
    SeedPerson("นาย", "สมเจตต์", "อุดเถิน", "นักวิเคราะห์นโยบายและแผนชำนาญการ", "สำนักปลัด", MEMBER,
               "somjet@muangkao.example", (Role.OFFICER,)),
    SeedPerson("นางสาว", "ณิพัชตรา", "รัษฎ์", "นักทรัพยากรบุคคลปฏิบัติการ", "สำนักปลัด", MEMBER,
               "nipatchara@muangkao.example", (Role.OFFICER,)),
    SeedPerson("นางสาว", "นันทิดา", "ทันโต", "นักวิชาการพัสดุปฏิบัติการ", "กองคลัง", MEMBER,
               "nantida@muangkao.example", (Role.OFFICER,)),
    SeedPerson("นางสาว", "วาสนา", "สมจันทร์", "เจ้าพนักงานจัดเก็บรายได้ปฏิบัติงาน", "กองคลัง", MEMBER),
    SeedPerson("ส.อ.", "ชัยวัฒน์", "ชัยยศสมบุรณ์", "เจ้าพนักงานป้องกันฯปฏิบัติงาน", "สำนักปลัด", MEMBER),
    SeedPerson("นาย", "อุดม", "แซ่ยะ", "ผู้ช่วยนักพัฒนาชุมชน", "สำนักปลัด", MEMBER),
    SeedPerson("นาย", "ชัยพิพัฒน์", "ไสยะตระกูล", "ผู้ช่วยเจ้าพนักงานธุรการ", "สำนักปลัด", MEMBER),
    SeedPerson("นางสาว", "นิภาพร", "วรรณศรี", "นักจัดการงานทั่วไปปฏิบัติการ", "สำนักปลัด", SECRETARY,
               "nipaporn@muangkao.example", (Role.ADMIN, Role.OFFICER)),
]
ORDER_SUBJECT = (
    "แต่งตั้งคณะทำงานเพื่อสนับสนุนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment : ITA) ขององค์การบริหารส่วนตำบลเมืองเก่า ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"
)
ORDER_PREAMBLE = (
    "ตามที่แผนแม่บทภายใต้ยุทธศาสตร์ชาติ ประเด็น การต่อต้านการทุจริตและประพฤติมิชอบ (พ.ศ. ๒๕๖๕ - ๒๕๘๐) "
    "ได้กำหนดให้การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐเป็นหนึ่งในตัวชี้วัดของแผนย่อย"
    "การป้องกันการทุจริตและประพฤติมิชอบ โดยระยะแรกได้กำหนดให้ภายในปีงบประมาณ พ.ศ. ๒๕๖๐ หน่วยงานที่เข้าร่วม"
    "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของภาครัฐ จำนวนไม่น้อยกว่าร้อยละ ๘๐ จะต้องมีผลการประเมิน"
    "ผ่านเกณฑ์ที่ ๘๕ คะแนนขึ้นไป นั้น\n"
    "องค์การบริหารส่วนตำบลเมืองเก่า จึงเห็นความสำคัญของการประเมินฯ ดังกล่าว เปรียบเสมือนเครื่องมือตรวจสุขภาพ"
    "องค์กรประจำปี เพื่อให้ทราบถึงสถานะและปัญหาการดำเนินงานด้านคุณธรรมและความโปร่งใสขององค์กรซึ่งจะช่วยให้"
    "สามารถนำไปใช้ในการปรับปรุงพัฒนาองค์กรให้มีประสิทธิภาพในการปฏิบัติงาน การให้บริการสามารถอำนวยความสะดวก"
    "และตอบสนองต่อประชาชนได้ดียิ่งขึ้น ซึ่งสอดคล้องกับนโยบายกระทรวงมหาดไทย กรมส่งเสริมการปกครองส่วนท้องถิ่น"
    "และจังหวัด จึงแต่งตั้งคณะทำงานเพื่อยกระดับผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานขององค์การ"
    "บริหารส่วนตำบลเมืองเก่า ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ โดยมีองค์ประกอบคณะทำงาน และอำนาจหน้าที่ ดังนี้"
)
ORDER_DUTIES = [
    ("1", "วิเคราะห์ผลการประเมิน ITA ในปีงบประมาณที่ผ่านมา เพื่อพิจารณาหาจุดบกพร่องและแนวทางการแก้ไขและพัฒนา"
          "ผลการคะแนนการประเมิน ITA ในปีงบประมาณ พ.ศ. ๒๕๖๖"),
    ("2", "ศึกษากรอบแนวทางการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ และปฏิทินการประเมิน ITA เพื่อกำหนดนโยบาย/"
          "มาตรการ รวมทั้งแผนงานเพื่อยกระดับการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น"),
    ("3", "ดำเนินการกำกับดูแลและติดตามการดำเนินการตามมาตรการ/แผนงานการยกระดับผลคะแนนการประเมิน "
          "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ดังนี้"),
    ("3.1", "ก่อนการประเมิน เพื่อเตรียมความพร้อมในการประเมิน"),
    ("3.2", "ระหว่างการประเมิน เพื่อติดตาม/แก้ไขปัญหาที่เกี่ยวข้องกับการประเมิน"),
    ("3.3", "หลังการประเมิน เพื่อสรุปผลพร้อมทั้งปัญหาและอุปสรรคในการดำเนินการขององค์การบริหารส่วนตำบลเมืองเก่า"),
    ("3.4", "ประกาศผลคะแนนการประเมิน ITA อย่างเป็นทางการ เพื่อวิเคราะห์ข้อบกพร่องและกำหนดแนวทาง แผนงานเพื่อพัฒนา/"
            "รักษาระดับผลคะแนนการประเมิน ITA ในปีงบประมาณต่อไป"),
    ("4", "มอบหมายหน่วยงานและบุคลากรดำเนินการสนับสนุนการประเมิน ITA ขององค์การบริหารส่วนตำบลเมืองเก่า "
          "ตามกรอบเวลาปฏิทินที่สำนักงาน ป.ป.ช. กำหนด"),
    ("5", "เปิดเผยผลการดำเนินการของคณะทำงาน ผ่านเว็บไซต์ขององค์การบริหารส่วนตำบลเมืองเก่า www.muangkhai.go.th"),
    ("6", "ดำเนินการอื่นใดตามคณะทำงานมอบหมาย"),
]
ORDER_TERM = (
    "โดยให้คณะทำงานมีวาระตั้งแต่วันที่คำสั่งแต่งตั้งเป็นต้นไปจนถึงวันสิ้นสุดรอบการประเมินตามปฏิทินการประเมิน"
    "คุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment : ITA) "
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ที่ ป.ป.ช. กำหนด ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"
)


@dataclass(frozen=True)
class DemoLogin:
    email: str
    who: str
    roles: str


def _user(email: str, full_name: str, **extra):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name, **extra)
    return user


@transaction.atomic
def demo_load() -> bool:
    """Create the demo agencies and accounts. Returns False (and changes nothing) if already there."""
    if Agency.objects.filter(code=DEMO_AGENCY).exists():
        return False
    operator = _user("operator@prongsai.example", "ผู้ดูแลการติดตั้ง (Operator)", is_operator=True)
    agency = agency_create(
        actor=operator,
        code=DEMO_AGENCY,
        name_th="องค์การบริหารส่วนตำบลเมืองเก่า",
        name_en="Mueang Kao Subdistrict Administrative Organisation",
        short_name_th="อบต.เมืองเก่า",
        kind=Agency.Kind.SAO,
        province="เชียงใหม่",
        district="แม่แตง",
        # The seed's website, and the demo's example one (reserved, never fetched) for its evidence.
        domains=["muangkhai.go.th", "muangkao.example"],
    )
    divisions = {
        name_th: division_create(actor=operator, agency=agency, name_th=name_th, name_en=name_en)
        for name_th, name_en in DIVISIONS
    }
    seats = []
    for seed in ORDER_MEMBERS:
        person = person_create(
            actor=operator,
            agency=agency,
            title=seed.title,
            first_name=seed.first_name,
            last_name=seed.last_name,
            position_th=seed.position_th,
            division=divisions.get(seed.division) if seed.division else None,
            email=seed.email,
        )
        seats.append(Seat(person=person, group_role=seed.group_role))
        if seed.email:
            user = _user(seed.email, person.full_name)
            for role in seed.roles:
                membership_grant(actor=operator, user=user, agency=agency, role=role, person=person)
    chair = seats[0].person
    working_group_appoint(
        actor=operator,
        agency=agency,
        fiscal_year=2566,
        order_number="17/2566",
        order_date=dt.date(2023, 1, 16),
        subject_th=ORDER_SUBJECT,
        preamble_th=ORDER_PREAMBLE,
        signed_by=chair,
        seats=seats,
        duties=ORDER_DUTIES,
        term_th=ORDER_TERM,
    )

    # The NACC provincial office assesses it.
    assessor = _user(
        "assessor@nacc-chiangmai.example",
        "เจ้าหน้าที่ผู้ตรวจประเมิน ป.ป.ช. จังหวัดเชียงใหม่",
        organisation="สำนักงาน ป.ป.ช. ประจำจังหวัดเชียงใหม่",
    )
    membership_grant(actor=operator, user=assessor, agency=agency, role=Role.ASSESSOR)

    # A second agency, so that isolation can be seen: its admin sees nothing of เมืองเก่า.
    other = agency_create(
        actor=operator,
        code="ban-suan",
        name_th="เทศบาลตำบลบ้านสวน (ตัวอย่าง)",
        name_en="Ban Suan Subdistrict Municipality (example)",
        short_name_th="ทต.บ้านสวน",
        kind=Agency.Kind.MUNICIPALITY,
        province="เชียงใหม่",
        district="สันทราย",
        domains=["bansuan.example.go.th"],
    )
    other_office = division_create(actor=operator, agency=other, name_th="สำนักปลัดเทศบาล", name_en="Office of the Municipal Clerk")
    other_admin_person = person_create(
        actor=operator,
        agency=other,
        title="นาง",
        first_name="สมศรี",
        last_name="ใจดี",
        position_th="นักจัดการงานทั่วไปชำนาญการ",
        division=other_office,
        email="admin@bansuan.example",
    )
    other_admin = _user("admin@bansuan.example", other_admin_person.full_name)
    membership_grant(actor=operator, user=other_admin, agency=other, role=Role.ADMIN, person=other_admin_person)
    return True


def demo_logins() -> list[DemoLogin]:
    """Every demo account with its roles, for the start-up banner and the README."""
    User = get_user_model()
    rows = []
    for user in User.objects.filter(email__endswith=".example").prefetch_related("memberships__agency").order_by("email"):
        roles = [f"{m.get_role_display()} @ {m.agency.short_name_th or m.agency.code}" for m in user.memberships.all()]
        if user.is_operator:
            roles.insert(0, "Operator")
        rows.append(DemoLogin(user.email, user.full_name, ", ".join(roles)))
    return rows
