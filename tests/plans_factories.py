"""Small builders for plans tests, with kwargs.setdefault defaults."""

from __future__ import annotations

import datetime as dt

from agencies.services import division_create
from plans import services

D = dt.date


def make_plan(agency, **kwargs):
    kwargs.setdefault("fiscal_year", 2566)
    kwargs.setdefault("title_th", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")
    kwargs.setdefault("adopted_on", D(2023, 1, 16))
    return services.measure_plan_create(actor=None, agency=agency, **kwargs)


def make_measure(plan, **kwargs):
    kwargs.setdefault("title_th", "การยกระดับผลการประเมิน ITA")
    kwargs.setdefault("period_start", D(2023, 1, 1))
    kwargs.setdefault("period_end", D(2023, 3, 31))
    if "divisions" not in kwargs:
        division = plan.agency.divisions.first() or division_create(actor=None, agency=plan.agency, name_th="สำนักปลัด")
        kwargs["divisions"] = [division]
    kwargs.setdefault("methods", ["แต่งตั้งคณะทำงาน", "กำหนดผู้รับผิดชอบ"])
    return services.measure_create(actor=None, plan=plan, **kwargs)


def make_register(agency, **kwargs):
    kwargs.setdefault("fiscal_year", 2566)
    kwargs.setdefault("title_th", "การประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")
    kwargs.setdefault("assessed_on", D(2023, 1, 20))
    return services.risk_register_create(actor=None, agency=agency, **kwargs)


def make_risk(register, **kwargs):
    kwargs.setdefault("process_th", "การจัดซื้อจัดจ้าง")
    kwargs.setdefault("event_th", "เอื้อประโยชน์แก่ผู้ค้ารายใดรายหนึ่ง")
    kwargs.setdefault("likelihood", 3)
    kwargs.setdefault("impact", 4)
    return services.risk_add(actor=None, register=register, **kwargs)


def make_action_plan(agency, **kwargs):
    kwargs.setdefault("fiscal_year", 2566)
    kwargs.setdefault("title_th", "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")
    kwargs.setdefault("approved_on", D(2022, 10, 3))
    kwargs.setdefault("period_start", D(2022, 10, 1))
    kwargs.setdefault("period_end", D(2023, 9, 30))
    return services.action_plan_create(actor=None, agency=agency, **kwargs)


def make_chief(agency, person, **kwargs):
    kwargs.setdefault("position_th", "นายกองค์การบริหารส่วนตำบลเมืองเก่า")
    kwargs.setdefault("start", D(2022, 10, 1))
    return services.chief_executive_record(actor=None, agency=agency, person=person, **kwargs)


def make_world(people):
    """One of everything in the agency of PEOPLE, for page and isolation tests."""
    from types import SimpleNamespace

    agency = people.agency
    plan = make_plan(agency)
    measure = make_measure(plan)
    meeting = services.meeting_record(
        actor=None, agency=agency, kind="invitation", title_th="ประชุมเตรียมความพร้อม ITA",
        starts_at=dt.datetime(2023, 1, 6, 3, tzinfo=dt.UTC), meeting_number="2514 269 2548",
        passcode="123456", online_url="https://nacc.webex.com",
    )
    follow_up = services.follow_up_add(actor=None, measure=measure, date=D(2023, 1, 6), text_th="เข้าร่วมประชุม",
                                       meeting=meeting)
    register = make_register(agency)
    risk = make_risk(register)
    treatment = services.risk_treatment_add(actor=None, risk=risk, text_th="คู่มือ", period_start=D(2023, 1, 1),
                                            period_end=D(2023, 9, 30))
    action_plan = make_action_plan(agency)
    project = services.project_add(actor=None, plan=action_plan, name_th="อบรมจริยธรรม", budget="20000",
                                   period_start=D(2023, 3, 1), period_end=D(2023, 3, 31))
    report = services.plan_report_file(actor=None, plan=action_plan, kind="half_year", covers_start=D(2022, 10, 1),
                                       covers_end=D(2023, 3, 31), reported_on=D(2023, 4, 5),
                                       lines={project: {"status": "done", "spent": "15000"}})
    chief_person = agency.people.first()
    make_chief(agency, chief_person)
    declaration = services.no_gift_declare(actor=None, agency=agency, fiscal_year=2566, title_th="No Gift Policy",
                                           body_th="จะไม่รับของขวัญ", signed_on=D(2022, 10, 3), signed_by=chief_person)
    memo = services.memo_write(actor=None, agency=agency, date=D(2023, 1, 16), division_text="สำนักปลัด",
                               subject_th="ขออนุมัติ", to_th="นายก", body_th="ย่อหน้า", proposer=chief_person)
    from plans.models import ImportedResult

    result = ImportedResult.objects.create(plan=plan, framework_code="ita-2566", kind="indicator", code="4",
                                           name_th="การใช้ทรัพย์สินของราชการ", score="72.50")
    return SimpleNamespace(plan=plan, measure=measure, meeting=meeting, result=result, register=register, risk=risk,
                           treatment=treatment, action_plan=action_plan, project=project, report=report,
                           declaration=declaration, memo=memo,
                           method=measure.methods.first(), follow_up=follow_up)
