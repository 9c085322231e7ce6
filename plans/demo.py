"""The demo agency's improvement work as its ITA 2566 paperwork shows it.

The measures table, its follow-up column and the NACC invitations are copied from the seed
(shared/seeds/000_2241e8c65d04e30e.txt) exactly, typos included (e.g. "ปฏิบัติกรขอยืม"); line
breaks that came only from the narrow table columns are joined. Where the seed gives two
versions of a fact, the choice is noted beside it. Records the seed does not show (risk
register, action plan, No Gift Policy) are small illustrations and say "(ตัวอย่าง)" in their titles.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction

from agencies.demo import DEMO_AGENCY
from agencies.models import Agency, Person

from . import services
from .models import MeasurePlan, Meeting

BKK = ZoneInfo("Asia/Bangkok")
D = dt.date


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BKK)


PLAN_TITLE = (
    "การดำเนินงานตามมาตรการ/แนวทางในการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"
)
PLAN_INTRO = (
    "เพื่อเป็นการยกระดับในการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ "
    "พ.ศ. ๒๕๖๖ ควรกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสเพื่อให้มีการปรับปรุง และแก้ไขข้อบกพร่อง ดังนี้"
)
MUST_ATTEND = "ผู้บริหารที่รับผิดชอบการอนุมัติและเจ้าหน้าที่ผู้รับผิดชอบดูแลระบบ ITA"
NACC_CM = "สำนักงาน ป.ป.ช. ประจำจังหวัดเชียงใหม่"

# The three Webex meetings and the seminar, from the invitation letters.
MEETINGS = [
    dict(
        key="webex-1",
        title_th="ประชุมเพื่อเตรียมความพร้อมการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
                 "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        organiser_th=NACC_CM, letter_date=D(2023, 1, 5), received_number="๐๒๑",
        starts_at=_at(D(2023, 1, 6), 10), ends_at=_at(D(2023, 1, 6), 12),
        platform="Webex Meeting Application", online_url="https://www.nacc.webex.com",
        meeting_number="๒๕๑๔ ๒๖๙ ๒๕๔๘", passcode="๑๒๓๔๕๖", must_attend_th=MUST_ATTEND,
    ),
    dict(
        key="webex-2",
        title_th="ประชุมเพื่อเตรียมความพร้อมการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
                 "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ชี้แจงหลักเกณฑ์ วิธีการและขั้นตอนการจัดเก็บข้อมูล EIT IIT และ OIT",
        organiser_th=NACC_CM, letter_number="ปช ๐๐๔๐ (ชม)/ฐ ๐๐๑๑", letter_date=D(2023, 1, 25), received_number="128",
        starts_at=_at(D(2023, 1, 26), 9, 30), ends_at=_at(D(2023, 1, 26), 11, 30),
        platform="Webex Meeting Application", online_url="https://nacc.webex.com",
        meeting_number="๒๕๑๕ ๗๒๘ ๔๒๓๗", passcode="๑๒๓๔๕๖", must_attend_th=MUST_ATTEND,
    ),
    dict(
        key="webex-3",
        title_th="ประชุมเพื่อเตรียมความพร้อมการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
                 "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ (ครั้งที่ ๓)",
        organiser_th=NACC_CM, letter_number="ปช ๐๐๔๐ (ชม)/๐๓๒๒", letter_date=D(2023, 2, 10), received_number="271",
        starts_at=_at(D(2023, 2, 17), 9, 30), ends_at=_at(D(2023, 2, 17), 12),
        platform="Webex Meeting Application", online_url="https://nacc.webex.com",
        # The follow-up column records the room actually joined; the letter printed another.
        meeting_number="2516 261 2162", passcode="123456", must_attend_th=MUST_ATTEND,
        notes_th="หนังสือเชิญพิมพ์หมายเลขห้องประชุม (Meeting ID) ๒๕๑๒ ๒๘๐ … และรหัสห้องประชุม (Passcode) ๖๕๔๓๒๑ "
                 "ส่วนการติดตามผลบันทึกว่าเข้าร่วมผ่าน Meeting number 2516 261 2162 Meeting password 123456",
    ),
    dict(
        key="seminar",
        title_th="สัมมนา “ยกระดับผลการประเมินคุณธรรมและความโปร่งใสขององค์กรปกครองส่วนท้องถิ่น "
                 "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖”",
        organiser_th="สำนักงาน ป.ป.ช.", letter_number="ปช ๐๐๑๓/ว ๐๐๑๓", letter_date=D(2023, 2, 2),
        received_number="341", starts_at=_at(D(2023, 2, 28), 8, 30), ends_at=_at(D(2023, 2, 28), 16, 30),
        platform="YouTube (GoodGovernance NACC)", location_th="ถ่ายทอดสดทาง Youtube",
        must_attend_th="ท่านหรือผู้แทน และเจ้าหน้าที่ผู้รับผิดชอบการประเมิน ITA",
    ),
]

M1_METHODS = [
    ("แต่งตั้งคณะกรรมการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
     D(2023, 1, 1), D(2023, 3, 31), ["สำนักปลัด"]),
    ("การกำหนดผู้รับผิดชอบแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ตัวชี้วัดที่ ๙ และตัวชี้วัดที่ ๑๐ "
     "ในการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐขององค์การบริหารส่วนตำบลเมืองเก่า "
     "ประจำปี ๒๕๖๖", D(2023, 1, 1), D(2023, 3, 31), ["สำนักปลัด"]),
    ("กำกับและติดตามผลการดำเนินการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
     D(2023, 1, 1), D(2023, 4, 30), ["สำนักปลัด", "กองคลัง", "กองช่าง"]),
    ("เข้าร่วมประชุมชี้แจงการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
     "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", D(2023, 1, 1), D(2023, 4, 30), ["สำนักปลัด"]),
]
PREP = (
    "การเข้าร่วมประชุมเพื่อเตรียมความพร้อมการประเมินคุณธรรมและความโปร่งใส\n"
    "ในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. 2566"
)
# (method number, date, precision, heading, text, meeting key, url)
M1_FOLLOW_UPS = [
    (1, D(2023, 1, 16), "day", "",
     "จัดทำคำสั่ง อบต.เมืองเก่า ที่ ๑๗/๒๕๖๖ เรื่อง แต่งตั้งคณะกรรมการเพื่อสนับสนุนการประเมินคุณธรรมและความโปร่งใส"
     "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ขององค์การบริหารส่วนตำบลเมืองเก่า ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ "
     "ลงวันที่ ๑๖ มกราคม ๒๕๖๖", None, ""),
    (2, D(2023, 1, 16), "day", "",
     "การกำหนดผู้รับผิดชอบแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ตัวชี้วัดที่ ๙ และตัวชี้วัดที่ ๑๐ "
     "เมื่อวันที่ ๑๖ มกราคม ๒๕๖๖", None, ""),
    (3, D(2023, 1, 1), "month", "การประชุมประจำเดือน", "มกราคม ๒๕๖๖", None, ""),
    (3, D(2023, 2, 1), "month", "การประชุมประจำเดือน", "กุมภาพันธ์ ๒๕๖๖", None, ""),
    (3, D(2023, 3, 1), "month", "การประชุมประจำเดือน", "มีนาคม ๒๕๖๖", None, ""),
    (3, D(2023, 4, 1), "month", "การประชุมประจำเดือน", "เมษายน ๒๕๖๖", None, ""),
    (4, D(2023, 1, 6), "day", "",
     PREP + "\nในรูปแบบออนไลน์ ผ่านระบบ webex meeting application\n"
     "วันที่ 6 มกราคม 2566 เข้าร่วมผ่าน meeting number\n"
     "Meeting number (access code): 2514 269 2548\nMeeting password: 123456", "webex-1", ""),
    (4, D(2023, 1, 26), "day", "",
     PREP + "\nในรูปแบบออนไลน์ ผ่านระบบ webex meeting application\n"
     "วันที่ 26 มกราคม 2566 เข้าร่วมผ่าน https://nacc.webex.com\n"
     "Meeting number: 2515 728 4237\nMeeting password: 123456", "webex-2", ""),
    (4, D(2023, 2, 17), "day", "",
     PREP + " (ครั้งที่ 3)\nในรูปแบบออนไลน์ ผ่านระบบ webex meeting application\n"
     "วันที่ 17 กุมภาพันธ์ 2566 เข้าร่วมผ่าน https://nacc.webex.com\n"
     "Meeting number : 2516 261 2162\nMeeting password: 123456", "webex-3", ""),
    (4, D(2023, 2, 28), "day", "",
     "การเข้าร่วมสัมมนา ยกระดับผลการประเมินคุณธรรมและความโปร่งใส\n"
     "ในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. 2566\n"
     "วันที่ 28 กุมภาพันธ์ 2566 ในรูปแบบออนไลน์ ผ่านระบบการถ่ายทอดสดทาง Youtube", "seminar", ""),
]
M2 = dict(
    title="เสริมสร้างการรับรู้การใช้ทรัพย์สินของราชการ",
    methods=[
        "จัดทำคู่มือแนวการปฏิบัติกรขอยืมทรัพย์สินของราชการ และกำกับติดตามตรวจสอบของราชการของหน่วยงาน",
        "ประชาสัมพันธ์คู่มือหรือแนวทางการขอยืมทรัพย์สินของราชการให้บุคลากรทราบและถือปฏิบัติ "
        "โดยใช้ช่องทางสื่อสังคมออนไลน์ในการประชาสัมพันธ์ เช่น เว็บไซต์ เฟสบุ๊ก ไลน์กลุ่มงานของหน่วยงาน",
    ],
    divisions=["กองคลัง"],
    follow_up=(D(2023, 1, 17), "day",
               "จัดทำคู่มือแนวการปฏิบัติการขอยืมทรัพย์สินของราชการ ประชาสัมพันธ์ลงในเว็บไซต์หน่วยงาน "
               "ที่เมนูมาตรฐาน หรือคู่มือการปฏิบัติงาน เรื่อง คู่มือการใช้ทรัพย์สินทางราชการ "
               "เมื่อวันที่ ๑๗ มกราคม ๒๕๖๖",
               "https://muangkhai.go.th/คู่มือการใช้ทรัพย์สิน"),
)
M3 = dict(
    title="การปรับปรุงการทำงาน",
    methods=[
        "จัดทำและเผยแพร่ช่องทางการติดต่อ - สอบถามข้อมูลและช่องทางการรับฟังความคิดเห็นของผู้ที่มาติดต่อหรือรับบริการ"
        "โดยมีลักษณะเป็นการสื่อสารสองทาง",
        "การแสดง QR code แบบวัด IIT และ แบบวัด EIT บนเว็บไซต์หน่วยงาน เพื่อให้ผู้รับบริการหรือติดต่อราชการ"
        "มีโอกาสมีส่วนร่วมในการประเมิน ITA",
    ],
    divisions=["สำนักปลัด"],
    follow_up=(D(2023, 1, 1), "month",
               "ประสานงานให้ผู้ดูแลเว็บไซต์ของหน่วยงานดำเนินการ\n"
               "๑. จัดทำช่องทางติดต่อสอบถามและช่องทางการรับฟังความคิดเห็นที่มีลักษณะเป็นการสื่อสารสองทาง\n"
               "๒. จัดให้มีการแสดง QR code แบบวัด IIT และ แบบวัด EIT ของ อบต.เมืองเก่า บนเว็บไซต์หน่วยงาน "
               "เมื่อเดือน มกราคม ๒๕๖๖", ""),
)

MEMO_SUBJECT = (
    "ขออนุมัติดำเนินการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"
    "ขององค์การบริหารส่วนตำบลเมืองเก่า ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"
)
MEMO_BODY = (
    "ตามประกาศ ป.ป.ช. ประกาศ แจ้งเรื่อง ปฏิทินการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment : ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ลงวันที่ ๖ ธันวาคม ๒๕๖๕ "
    "ตามที่คณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ ได้มีมติในการประชุมครั้งที่ ๑๓๓/๒๕๖๕ "
    "เมื่อวันที่ ๒๓ พฤศจิกายน ๒๕๖๕ เห็นชอบกรอบแนวทางและรายละเอียดการประเมินและความโปร่งใสในการดำเนินการ"
    "ของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ นั้น\n\n"
    "องค์การบริหารส่วนตำบลเมืองเก่า ได้เห็นความสำคัญของการประเมินดังกล่าว จึงขอแต่งตั้งคณะทำงานการประเมิน"
    "คุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment : ITA) "
    "และการกำหนดผู้รับผิดชอบแบบวัดการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment: OIT) "
    "ขององค์การบริหารส่วนตำบลเมืองเก่า ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ มาประกอบการพิจารณาปรากฏตามเอกสารแนบท้ายบันทึกนี้"
)


def _person(agency: Agency, first_name: str) -> Person:
    return Person.objects.get(agency=agency, first_name=first_name)


@transaction.atomic
def plans_demo_load() -> bool:
    """Load the demo agency's measures, meetings and memo. False (no change) if already there."""
    agency = Agency.objects.filter(code=DEMO_AGENCY).first()
    if agency is None or MeasurePlan.objects.filter(agency=agency).exists():
        return False
    actor = None
    divisions = {d.name_th: d for d in agency.divisions.all()}
    chief = _person(agency, "อุทัย")
    # In office on every date the seed shows him signing; the term's true start is not in the seed.
    services.chief_executive_record(actor=actor, agency=agency, person=chief,
                                    position_th="นายกองค์การบริหารส่วนตำบลเมืองเก่า", start=D(2022, 10, 1))

    meetings: dict[str, Meeting] = {}
    attendee = _person(agency, "นิภาพร")
    for spec in MEETINGS:
        spec = dict(spec)
        key = spec.pop("key")
        meetings[key] = services.meeting_record(actor=actor, agency=agency, kind=Meeting.Kind.INVITATION,
                                                attendees=[attendee], **spec)

    plan = services.measure_plan_create(actor=actor, agency=agency, fiscal_year=2566, title_th=PLAN_TITLE,
                                        intro_th=PLAN_INTRO, adopted_on=D(2023, 1, 16))
    m1 = services.measure_create(
        actor=actor, plan=plan, title_th="การยกระดับผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        period_start=D(2023, 1, 1), period_end=D(2023, 4, 30),
        divisions=[divisions[n] for n in ("สำนักปลัด", "กองคลัง", "กองช่าง")],
        monitoring_th="การประชุมประจำเดือนของคณะทำงาน",
    )
    methods = {}
    for index, (text, start, end, names) in enumerate(M1_METHODS, start=1):
        methods[index] = services.measure_method_add(actor=actor, measure=m1, text_th=text, period_start=start,
                                                     period_end=end, divisions=[divisions[n] for n in names])
    for number, day, precision, heading, text, meeting_key, url in M1_FOLLOW_UPS:
        services.follow_up_add(actor=actor, method=methods[number], date=day, precision=precision, heading_th=heading,
                               text_th=text, meeting=meetings.get(meeting_key), url=url)
    for spec in (M2, M3):
        measure = services.measure_create(
            actor=actor, plan=plan, title_th=spec["title"], period_start=D(2022, 10, 1), period_end=D(2023, 9, 30),
            divisions=[divisions[n] for n in spec["divisions"]], methods=spec["methods"],
        )
        day, precision, text, url = spec["follow_up"]
        services.follow_up_add(actor=actor, measure=measure, date=day, precision=precision, text_th=text, url=url)

    services.memo_write(
        actor=actor, agency=agency, date=D(2023, 1, 16),
        division_text="งานบริหารทั่วไป สำนักปลัด องค์การบริหารส่วนตำบลเมืองเก่า",
        subject_th=MEMO_SUBJECT, to_th="นายกองค์การบริหารส่วนตำบลเมืองเก่า", body_th=MEMO_BODY,
        proposer=attendee, proposer_position_th="นักจัดการงานทั่วไปปฏิบัติการ",
        opinions=[
            services.Opinion("ความเห็นของหัวหน้าสำนักปลัด", _person(agency, "อนิรุทธิ์"),
                             "นักพัฒนาชุมชนชำนาญการ รักษาราชการแทน\nหัวหน้าสำนักปลัดองค์การบริหารส่วนตำบล"),
            services.Opinion("ความเห็นของปลัด อบต. เมืองเก่า", _person(agency, "วัฒนา"),
                             "ปลัดองค์การบริหารส่วนตำบลเมืองเก่า"),
            services.Opinion("ความเห็นของ นายก อบต. เมืองเก่า", chief, "นายกองค์การบริหารส่วนตำบลเมืองเก่า",
                             decides=True),
        ],
    )
    _illustrations(agency, divisions, chief, m1)
    return True


def _illustrations(agency, divisions, chief, measure) -> None:
    """Small examples of records the seed does not show, so every page and document has content."""
    actor = None
    register = services.risk_register_create(
        actor=actor, agency=agency, fiscal_year=2566, assessed_on=D(2023, 1, 20),
        title_th="การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ (ตัวอย่าง)",
    )
    risk = services.risk_add(
        actor=actor, register=register, process_th="การยืมทรัพย์สินของราชการ", division=divisions["กองคลัง"],
        event_th="นำทรัพย์สินของราชการไปใช้ประโยชน์ส่วนตนโดยไม่ได้ขออนุญาต", likelihood=3, impact=4,
        residual_likelihood=2, residual_impact=3, controls_th="ทะเบียนคุมการยืมทรัพย์สิน",
    )
    treatment = services.risk_treatment_add(
        actor=actor, risk=risk, text_th="จัดทำคู่มือการขอยืมทรัพย์สินของราชการและประชาสัมพันธ์ให้บุคลากรทราบ",
        period_start=D(2022, 10, 1), period_end=D(2023, 9, 30), division=divisions["กองคลัง"],
    )
    services.follow_up_add(actor=actor, treatment=treatment, date=D(2023, 1, 17),
                           text_th="เผยแพร่คู่มือการใช้ทรัพย์สินทางราชการบนเว็บไซต์หน่วยงาน",
                           url="https://muangkhai.go.th/คู่มือการใช้ทรัพย์สิน")
    services.risk_add(
        actor=actor, register=register, process_th="การจัดซื้อจัดจ้าง", division=divisions["กองคลัง"],
        event_th="การกำหนดคุณลักษณะเฉพาะเอื้อประโยชน์แก่ผู้ค้ารายใดรายหนึ่ง", likelihood=2, impact=5,
    )
    services.risk_add(
        actor=actor, register=register, process_th="การรับเรื่องร้องเรียน", division=divisions["สำนักปลัด"],
        event_th="ข้อมูลผู้ร้องเรียนรั่วไหล", likelihood=2, impact=2,
    )
    plan = services.action_plan_create(
        actor=actor, agency=agency, fiscal_year=2566, approved_on=D(2022, 10, 3),
        title_th="แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ (ตัวอย่าง)",
        period_start=D(2022, 10, 1), period_end=D(2023, 9, 30),
    )
    services.project_add(actor=actor, plan=plan, name_th="โครงการอบรมคุณธรรมจริยธรรมแก่บุคลากร", budget="๒๐,๐๐๐",
                         period_start=D(2023, 3, 1), period_end=D(2023, 3, 31), division=divisions["สำนักปลัด"])
    services.project_add(actor=actor, plan=plan, name_th="กิจกรรมประกาศเจตนารมณ์ No Gift Policy", no_budget=True,
                         period_start=D(2022, 10, 1), period_end=D(2022, 12, 31), division=divisions["สำนักปลัด"])
    services.no_gift_declare(
        actor=actor, agency=agency, fiscal_year=2566, signed_on=D(2022, 10, 3), signed_by=chief,
        title_th="เจตนารมณ์นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy) (ตัวอย่าง)",
        body_th="ข้าพเจ้า ในนามของผู้บริหารและเจ้าหน้าที่ขององค์การบริหารส่วนตำบลเมืองเก่าทุกคน จะไม่รับของขวัญ"
                "และของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ ทั้งก่อน ขณะ และหลังปฏิบัติหน้าที่ ที่อาจส่งผลให้เกิดการทุจริต"
                "และประพฤติมิชอบ",
    )


# ---- The demo's current year ---------------------------------------------------------------
# The seed is ITA 2566's paperwork; the demo shows it as history (its measures closed when the
# year ended) and carries its three measures forward into the fiscal year of today's Bangkok
# date, so that plans, OIT and surveys share one timeline. Texts are the seed's with the year
# changed; dates are computed from today, never written here.

def current_fiscal_year(today: dt.date | None = None) -> int:
    from django.utils import timezone

    from lib.thai import fiscal_year_be

    return fiscal_year_be(today or timezone.localdate())


def _this_year(text: str, year_be: int) -> str:
    from lib.thai import to_thai_digits

    return text.replace("๒๕๖๖", to_thai_digits(year_be)).replace("2566", str(year_be))


@transaction.atomic
def plans_demo_current_year_load(today: dt.date | None = None) -> bool:
    """Close the seed's 2566 measures as history and open this fiscal year's measures.
    False (no change) without the seed's plan, or when this year's plan is already there."""
    from django.utils import timezone

    from lib.thai import fiscal_year_bounds

    today = today or timezone.localdate()
    year_be = current_fiscal_year(today)
    agency = Agency.objects.filter(code=DEMO_AGENCY).first()
    seed_plan = MeasurePlan.objects.filter(agency=agency, fiscal_year=2566).first() if agency else None
    if seed_plan is None or year_be == 2566 or MeasurePlan.objects.filter(agency=agency, fiscal_year=year_be).exists():
        return False
    actor = None
    for measure in seed_plan.measures.exclude(status__in=["done", "cancelled"]):
        services.measure_set_status(actor=actor, measure=measure, status="done")

    start, end = fiscal_year_bounds(year_be)
    divisions = {d.name_th: d for d in agency.divisions.all()}
    early = min(start + dt.timedelta(days=15), today)  # something already done this year
    plan = services.measure_plan_create(actor=actor, agency=agency, fiscal_year=year_be,
                                        title_th=_this_year(PLAN_TITLE, year_be), intro_th=_this_year(PLAN_INTRO, year_be),
                                        adopted_on=early)
    # Measure 1 runs from the start of the year to four months after today (within the year).
    m1_end = min(max(today + dt.timedelta(days=120), start + dt.timedelta(days=200)), end)
    m1 = services.measure_create(
        actor=actor, plan=plan, title_th=_this_year("การยกระดับผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", year_be),
        period_start=start, period_end=m1_end,
        divisions=[divisions[n] for n in ("สำนักปลัด", "กองคลัง", "กองช่าง")],
        monitoring_th="การประชุมประจำเดือนของคณะทำงาน",
    )
    methods = [
        services.measure_method_add(actor=actor, measure=m1, text_th=_this_year(text, year_be), period_start=start,
                                    period_end=m1_end, divisions=[divisions[n] for n in names])
        for text, _start, _end, names in M1_METHODS
    ]
    services.follow_up_add(actor=actor, method=methods[0], date=early, text_th=_this_year(
        "จัดทำคำสั่งแต่งตั้งคณะทำงานเพื่อสนับสนุนการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", year_be))
    for spec in (M2, M3):
        measure = services.measure_create(actor=actor, plan=plan, title_th=spec["title"], period_start=start,
                                          period_end=end, divisions=[divisions[n] for n in spec["divisions"]],
                                          methods=spec["methods"])
        if spec is M2:
            services.follow_up_add(actor=actor, measure=measure, date=early,
                                   text_th="ทบทวนคู่มือการใช้ทรัพย์สินทางราชการและประชาสัมพันธ์ให้บุคลากรทราบอีกครั้ง")
    return True
