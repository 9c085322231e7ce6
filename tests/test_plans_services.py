"""The plans services: what they record, and what they refuse with a bilingual message."""

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

import pytest

from audit.models import AuditEntry
from lib.errors import DomainError
from plans import services
from plans.models import FollowUp, Measure, Project, Risk

from .conftest import make_person
from .plans_factories import D, make_action_plan, make_chief, make_measure, make_plan, make_register, make_risk


def bilingual(exc_info) -> str:
    return exc_info.value.bilingual()


@contextmanager
def refused(text: str):
    """The service refuses with TEXT in its Thai — English message."""
    with pytest.raises(DomainError) as exc:
        yield exc
    assert text in exc.value.bilingual(), exc.value.bilingual()


def test_measure_is_recorded_with_numbered_methods_and_thai_period(people):
    measure = make_measure(make_plan(people.agency))
    assert measure.number == 1
    assert [m.number for m in measure.methods.all()] == [1, 2]
    assert measure.period_text == "ม.ค. ๖๖ – มี.ค. ๖๖"
    assert AuditEntry.objects.filter(action="plans.measure.created", agency=people.agency).exists()


def test_it_refuses_a_period_that_ends_before_it_starts(people):
    plan = make_plan(people.agency)
    with pytest.raises(DomainError) as exc:
        make_measure(plan, period_start=D(2023, 3, 1), period_end=D(2023, 1, 31))
    assert exc.value.field == "period_end"
    text = bilingual(exc)
    assert "The period ends (31 มกราคม 2566) before it starts (1 มีนาคม 2566)." in text
    assert not Measure.objects.exists()


def test_it_refuses_a_division_of_another_agency(people):
    from agencies.services import division_create

    foreign = division_create(actor=None, agency=people.other_agency, name_th="กองคลัง")
    with refused("another agency"):
        make_measure(make_plan(people.agency), divisions=[foreign])


def test_follow_up_inside_the_period_moves_the_measure_in_progress(people):
    measure = make_measure(make_plan(people.agency))
    entry = services.follow_up_add(actor=None, measure=measure, date=D(2023, 1, 16), text_th="จัดทำคำสั่ง ที่ ๑๗/๒๕๖๖")
    measure.refresh_from_db()
    assert measure.status == Measure.Status.IN_PROGRESS
    assert entry.evidence_kind == "measure-follow-up" and entry.effective_date == D(2023, 1, 16)


@pytest.mark.parametrize("day", [D(2022, 12, 31), D(2023, 4, 1)])
def test_it_refuses_a_follow_up_dated_outside_the_measure_period(people, day):
    measure = make_measure(make_plan(people.agency))
    with pytest.raises(DomainError) as exc:
        services.follow_up_add(actor=None, measure=measure, date=day, text_th="ประชุม")
    assert exc.value.field == "date"
    assert "outside the period 1 มกราคม 2566 – 31 มีนาคม 2566" in bilingual(exc)
    assert not FollowUp.objects.exists()


def test_a_method_with_its_own_period_checks_follow_ups_against_it(people):
    measure = make_measure(make_plan(people.agency), period_end=D(2023, 4, 30), methods=[])
    method = services.measure_method_add(actor=None, measure=measure, text_th="ประชุม",
                                         period_start=D(2023, 1, 1), period_end=D(2023, 1, 31))
    with pytest.raises(DomainError):
        services.follow_up_add(actor=None, method=method, date=D(2023, 2, 1), text_th="x")
    month = services.follow_up_add(actor=None, method=method, date=D(2023, 1, 20), precision="month",
                                   heading_th="การประชุมประจำเดือน", text_th="มกราคม ๒๕๖๖")
    assert month.date == D(2023, 1, 1) and month.measure == measure


def test_a_method_period_must_lie_within_the_measure(people):
    measure = make_measure(make_plan(people.agency))
    with refused("within its measure"):
        services.measure_method_add(actor=None, measure=measure, text_th="x",
                                    period_start=D(2023, 1, 1), period_end=D(2023, 5, 1))


def test_a_follow_up_cannot_link_a_meeting_of_another_agency(people):
    measure = make_measure(make_plan(people.agency))
    meeting = services.meeting_record(actor=None, agency=people.other_agency, kind="internal", title_th="ประชุม",
                                      starts_at=dt.datetime(2023, 1, 10, 3, tzinfo=dt.UTC))
    with refused("another agency"):
        services.follow_up_add(actor=None, measure=measure, date=D(2023, 1, 10), text_th="", meeting=meeting)


def test_lateness_is_past_the_end_and_not_finished(people):
    measure = make_measure(make_plan(people.agency))
    assert measure.is_late(done=False, today=D(2023, 4, 1))
    assert not measure.is_late(done=True, today=D(2023, 4, 1))
    assert not measure.is_late(done=False, today=D(2023, 3, 31))


def test_meeting_keeps_numbers_in_arabic_digits_and_refuses_ending_before_start(people):
    start = dt.datetime(2023, 1, 6, 3, tzinfo=dt.UTC)
    meeting = services.meeting_record(actor=None, agency=people.agency, kind="invitation", title_th="ประชุม",
                                      starts_at=start, meeting_number="๒๕๑๔ ๒๖๙ ๒๕๔๘", passcode="๑๒๓๔๕๖")
    assert (meeting.meeting_number, meeting.passcode) == ("2514 269 2548", "123456")
    entry = AuditEntry.objects.get(action="plans.meeting.recorded")
    assert entry.payload["passcode"] == "***"
    with refused("ends before it starts"):
        services.meeting_record(actor=None, agency=people.agency, kind="internal", title_th="x",
                                starts_at=start, ends_at=start - dt.timedelta(hours=1))


@pytest.mark.parametrize(("likelihood", "impact", "field"), [(0, 3, "likelihood"), (6, 3, "likelihood"),
                                                             (3, 9, "impact"), (3, "3", "impact")])
def test_it_refuses_likelihood_or_impact_outside_the_matrix(people, likelihood, impact, field):
    register = make_register(people.agency)
    with pytest.raises(DomainError) as exc:
        make_risk(register, likelihood=likelihood, impact=impact)
    assert exc.value.field == field
    assert "outside it" in bilingual(exc)
    assert not Risk.objects.exists()


def test_it_refuses_half_a_residual_score(people):
    with refused("residual"):
        make_risk(make_register(people.agency), residual_likelihood=2)


def test_risk_treatment_follow_up_serves_o35(people):
    risk = make_risk(make_register(people.agency))
    treatment = services.risk_treatment_add(actor=None, risk=risk, text_th="คู่มือ", period_start=D(2023, 1, 1),
                                            period_end=D(2023, 9, 30))
    entry = services.follow_up_add(actor=None, treatment=treatment, date=D(2023, 2, 1), text_th="เผยแพร่คู่มือ")
    assert entry.evidence_kind == "risk-follow-up"


@pytest.mark.parametrize(("budget", "message"), [("-5", "cannot be negative"), ("ห้าพัน", "is not a number"),
                                                  ("1e400", "too large"), ("12.345", "two decimals"),
                                                  ("nan", "not a number")])
def test_it_refuses_negative_or_non_numeric_budgets(people, budget, message):
    plan = make_action_plan(people.agency)
    with refused(message) as exc:
        services.project_add(actor=None, plan=plan, name_th="อบรม", budget=budget,
                             period_start=D(2023, 1, 1), period_end=D(2023, 1, 31))
    assert exc.value.field == "budget"
    assert not Project.objects.exists()


def test_budget_accepts_thai_digits_and_commas_or_no_budget(people):
    plan = make_action_plan(people.agency)
    paid = services.project_add(actor=None, plan=plan, name_th="อบรม", budget="๒๐,๐๐๐.๕๐",
                                period_start=D(2023, 1, 1), period_end=D(2023, 1, 31))
    free = services.project_add(actor=None, plan=plan, name_th="ประกาศ", no_budget=True,
                                period_start=D(2023, 1, 1), period_end=D(2023, 1, 31))
    assert paid.budget == Decimal("20000.50") and free.budget is None and free.number == 2
    with refused("not both"):
        services.project_add(actor=None, plan=plan, name_th="x", budget="5", no_budget=True,
                             period_start=D(2023, 1, 1), period_end=D(2023, 1, 31))
    with refused("Give the budget"):
        services.project_add(actor=None, plan=plan, name_th="x", period_start=D(2023, 1, 1), period_end=D(2023, 1, 31))


def test_half_year_report_records_money_spent_and_refuses_spending_on_no_budget(people):
    plan = make_action_plan(people.agency)
    paid = services.project_add(actor=None, plan=plan, name_th="อบรม", budget="20000",
                                period_start=D(2023, 1, 1), period_end=D(2023, 1, 31))
    free = services.project_add(actor=None, plan=plan, name_th="ประกาศ", no_budget=True,
                                period_start=D(2023, 1, 1), period_end=D(2023, 1, 31))
    with refused("uses no budget"):
        services.plan_report_file(actor=None, plan=plan, kind="half_year", covers_start=D(2022, 10, 1),
                                  covers_end=D(2023, 3, 31), reported_on=D(2023, 4, 5),
                                  lines={free: {"status": "done", "spent": "100"}})
    report = services.plan_report_file(
        actor=None, plan=plan, kind="half_year", covers_start=D(2022, 10, 1), covers_end=D(2023, 3, 31),
        reported_on=D(2023, 4, 5), lines={paid: {"status": "done", "spent": "๑๕,๐๐๐", "done_th": "อบรมแล้ว"},
                                          free: {"status": "done"}},
    )
    assert report.evidence_kind == "plan-report-half-year"
    assert sorted(line.spent for line in report.lines.all()) == [Decimal("0"), Decimal("15000")]


def test_declaration_must_be_signed_by_the_chief_executive_in_office(people):
    chief = make_person(people.agency, first_name="อุทัย", last_name="พวงลังกา")
    deputy = make_person(people.agency, first_name="อุตร", last_name="จิตกล้า")
    make_chief(people.agency, chief)
    kwargs = dict(actor=None, agency=people.agency, fiscal_year=2566, title_th="No Gift Policy",
                  body_th="จะไม่รับของขวัญ", signed_on=D(2022, 10, 3))
    with pytest.raises(DomainError) as exc:
        services.no_gift_declare(signed_by=deputy, **kwargs)
    assert exc.value.field == "signed_by"
    assert "นายอุทัย พวงลังกา" in bilingual(exc) or "อุทัย พวงลังกา" in bilingual(exc)
    declaration = services.no_gift_declare(signed_by=chief, **kwargs)
    assert declaration.signer_position_th == "นายกองค์การบริหารส่วนตำบลเมืองเก่า"
    assert declaration.evidence_kind == "no-gift-declaration"


def test_declaration_is_refused_before_or_after_the_term(people):
    chief = make_person(people.agency, first_name="อุทัย")
    make_chief(people.agency, chief, start=D(2022, 10, 1), end=D(2023, 5, 31))
    with refused("No chief executive is recorded"):
        services.no_gift_declare(actor=None, agency=people.agency, fiscal_year=2566, title_th="x", body_th="y",
                                 signed_on=D(2023, 6, 1), signed_by=chief)


def test_terms_of_chief_executives_cannot_overlap(people):
    first = make_person(people.agency, first_name="ก")
    second = make_person(people.agency, first_name="ข")
    make_chief(people.agency, first, start=D(2020, 1, 1))
    with refused("overlaps"):
        make_chief(people.agency, second, start=D(2023, 1, 1))
    with refused("another agency"):
        make_chief(people.other_agency, first, start=D(2023, 1, 1))


def test_ethics_records_map_to_their_oit_items_through_the_years_file(people, framework):
    from assessments.evidence_sources import items_by_kind

    served = items_by_kind(framework)
    for kind, item in [("code", "o39"), ("training", "o40"), ("hr_use", "o41")]:
        record = services.ethics_record_add(actor=None, agency=people.agency, fiscal_year=2566, kind=kind,
                                            title_th="ประมวลจริยธรรม", date=D(2023, 1, 5))
        assert served[record.evidence_kind] == (item,)
    with pytest.raises(DomainError):
        services.ethics_record_add(actor=None, agency=people.agency, fiscal_year=2566, kind="gossip", title_th="x",
                                   date=D(2023, 1, 5))


def test_one_measures_plan_per_fiscal_year(people):
    make_plan(people.agency)
    with refused("already a measures plan"):
        make_plan(people.agency)


def test_evidence_candidates_list_each_record_with_its_items_and_date(people, framework):
    from frameworks.services import DATA_DIR, framework_load
    from assessments.evidence_sources import evidence_candidates

    from .plans_factories import make_world

    make_world(people)
    candidates = evidence_candidates(people.agency, framework)
    by_items = {c.items for c in candidates}
    assert {("o42",), ("o43",), ("o34",), ("o36",), ("o37",), ("o31",)} <= by_items
    plan = next(c for c in candidates if c.items == ("o42",))
    assert plan.effective_date == D(2023, 1, 16) and plan.document_kind == "measures"
    later = framework_load(path=DATA_DIR / "ita-2568.yaml").version
    assert evidence_candidates(people.agency, later) == []  # the records are of 2566


def test_refusals_are_worded_in_thai_then_english(people):
    with pytest.raises(DomainError) as exc:
        make_risk(make_register(people.agency), likelihood=9)
    thai, english = exc.value.bilingual().split(" — ")
    assert english == "Likelihood must be one of 1, 2, 3, 4, 5 on this matrix; 9 is outside it."
    assert "ตามเมทริกซ์นี้" in thai and "9" in thai and "Likelihood" not in thai
