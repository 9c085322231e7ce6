"""The demo agency carries the seed's measures table and NACC invitations exactly."""

import re

import pytest

from agencies.demo import demo_load
from plans import selectors
from plans.demo import plans_demo_load
from plans.models import FollowUp, MeasurePlan, Meeting


def squash(text: str) -> str:
    # The seed's table cells wrap at column width, so compare without any whitespace.
    return re.sub(r"\s+", "", text)


@pytest.fixture
def demo(db):
    demo_load()
    assert plans_demo_load() is True
    return MeasurePlan.objects.get(agency__code="muangkao")


def test_loading_twice_changes_nothing(demo):
    assert plans_demo_load() is False
    assert MeasurePlan.objects.count() == 1


def test_every_measure_method_and_follow_up_is_word_for_word_in_the_seed(demo, seed_text):
    seed = squash(seed_text)
    assert squash(demo.title_th) in seed and squash(demo.intro_th) in seed
    texts = []
    for measure in demo.measures.all():
        texts.append(f"{measure.title_th}")
        texts += [m.text_th for m in measure.methods.all()]
    texts += [fu.text_th for fu in FollowUp.objects.filter(measure__plan=demo)]
    for text in texts:
        assert squash(text) in seed, text


def test_the_table_rows_have_the_seed_divisions_and_periods(demo):
    plan = selectors.measure_plan_for(demo.agency)
    rows = [(row.measure.number, [m.number for m in row.methods], [d.name_th for d in row.divisions], row.period_text)
            for row in selectors.plan_rows(plan)]
    assert rows == [
        (1, [1], ["สำนักปลัด"], "ม.ค. ๖๖ – มี.ค. ๖๖"),
        (1, [2], ["สำนักปลัด"], "ม.ค. ๖๖ – มี.ค. ๖๖"),
        (1, [3], ["สำนักปลัด", "กองคลัง", "กองช่าง"], "ม.ค. ๖๖ – เม.ย. ๖๖"),
        (1, [4], ["สำนักปลัด"], "ม.ค. ๖๖ – เม.ย. ๖๖"),
        (2, [1, 2], ["กองคลัง"], "ต.ค. ๖๕ – ก.ย. ๖๖"),
        (3, [1, 2], ["สำนักปลัด"], "ต.ค. ๖๕ – ก.ย. ๖๖"),
    ]
    monthly = [row for row in selectors.plan_rows(plan) if row.methods[0].number == 3 and row.measure.number == 1][0]
    [block] = monthly.blocks
    assert block.heading == "การประชุมประจำเดือน"
    assert [e.text_th for e in block.entries] == ["มกราคม ๒๕๖๖", "กุมภาพันธ์ ๒๕๖๖", "มีนาคม ๒๕๖๖", "เมษายน ๒๕๖๖"]


def test_the_nacc_invitations_are_meetings_linked_to_method_4(demo):
    meetings = list(Meeting.objects.filter(agency=demo.agency).order_by("starts_at"))
    assert [(m.day.isoformat(), m.meeting_number, m.passcode) for m in meetings] == [
        ("2023-01-06", "2514 269 2548", "123456"),
        ("2023-01-26", "2515 728 4237", "123456"),
        ("2023-02-17", "2516 261 2162", "123456"),
        ("2023-02-28", "", ""),
    ]
    for meeting in meetings:
        [entry] = meeting.follow_ups.all()
        assert entry.method.number == 4 and entry.measure.number == 1
    assert "2514 269 2548" in meetings[0].follow_ups.get().text_th
    assert meetings[3].platform.startswith("YouTube")


def test_measure_2_follow_up_is_dated_17_january_with_the_manual_link(demo):
    entry = FollowUp.objects.get(measure__plan=demo, measure__number=2)
    assert entry.date.isoformat() == "2023-01-17"
    assert entry.url == "https://muangkhai.go.th/คู่มือการใช้ทรัพย์สิน"
    qr = FollowUp.objects.get(measure__plan=demo, measure__number=3)
    assert (qr.date.isoformat(), qr.precision) == ("2023-01-01", "month")
