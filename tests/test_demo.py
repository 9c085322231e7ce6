"""The demo agency is the seed's อบต.เมืองเก่า: its divisions, the 14 members of order
17/2566 with their positions and roles, a second agency and an assessor."""

import datetime as dt
import re

import pytest
from django.core.management import call_command

from agencies.demo import DEMO_PASSWORD, ORDER_MEMBERS, demo_load
from agencies.models import Agency, Membership, Person, Role, WorkingGroup


@pytest.fixture
def demo(db):
    demo_load()
    return Agency.objects.get(code="muangkao")


def _order_lines(seed_text: str) -> list[str]:
    start = seed_text.index("องค์ประกอบ")
    end = seed_text.index("อำนาจและหน้าที่")
    return [line for line in seed_text[start:end].splitlines() if re.match(r"^[๐-๙]+\.", line)]


def test_the_order_in_the_seed_has_14_members(seed_text):
    assert len(_order_lines(seed_text)) == 14


def test_every_member_matches_the_orders_line(demo, seed_text):
    lines = _order_lines(seed_text)
    group = WorkingGroup.objects.get(agency=demo)
    seats = list(group.members.select_related("person"))
    assert len(seats) == 14
    for seat, line in zip(seats, lines):
        name_cell, position_cell, role_cell = line.split("\t")[:3]
        assert seat.person.full_name == re.sub(r"^[๐-๙]+\.\s*", "", name_cell).replace(" ", " ")
        assert seat.position_text == position_cell.rstrip(".")
        expected_role = {"ประธานคณะทำงาน": "chair", "รองประธานคณะทำงาน": "vice_chair", "คณะทำงาน": "member"}.get(role_cell, "secretary")
        assert seat.group_role == expected_role


def test_the_order_names_win_over_other_spellings(demo, seed_text):
    # The memo spells the permanent secretary "วิวัฒนา" and the certificate "วรณศิริ".
    assert "นายวิวัฒนา มโนวงศ์" in seed_text and "นางสาวนิภาพร วรณศิริ" in seed_text
    names = {p.full_name for p in Person.objects.filter(agency=demo)}
    assert "นายวัฒนา มโนวงศ์" in names and "นางสาวนิภาพร วรรณศรี" in names
    assert not any("วิวัฒนา" in n or "วรณศิริ" in n for n in names)


def test_the_order_itself(demo):
    group = WorkingGroup.objects.get(agency=demo)
    assert (group.order_number, group.order_date, group.fiscal_year) == ("17/2566", dt.date(2023, 1, 16), 2566)
    assert group.signed_by.full_name == "นายอุทัย พวงลังกา"
    assert [d.number for d in group.duties.all()] == ["1", "2", "3", "3.1", "3.2", "3.3", "3.4", "4", "5", "6"]


def test_divisions_and_roles(demo):
    assert list(demo.divisions.values_list("name_th", flat=True)) == ["สำนักปลัด", "กองคลัง", "กองช่าง", "หน่วยตรวจสอบภายใน"]
    admin = Membership.objects.get(agency=demo, role=Role.ADMIN)
    assert admin.person.full_name == "นางสาวนิภาพร วรรณศรี"  # the secretary and system admin of the order
    assert Membership.objects.get(agency=demo, role=Role.EXECUTIVE).person.full_name == "นายอุทัย พวงลังกา"
    assert Membership.objects.filter(agency=demo, role=Role.ASSESSOR).count() == 1
    assert Agency.objects.count() == 2


def test_loading_again_keeps_the_data(demo, capsys):
    people_before = Person.objects.count()
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "already present" in out and DEMO_PASSWORD in out and "nipaporn@muangkao.example" in out
    assert Person.objects.count() == people_before


def test_seed_positions_cover_every_order_member():
    assert len(ORDER_MEMBERS) == 14
