"""The plans pages as a user sees them: Thai first, errors beside the field, input kept."""

import re

import pytest
from django.urls import reverse

from plans.models import FollowUp, Measure, Project, Risk
from plans.views.calendar import feed_token

from .plans_factories import D, make_measure, make_plan, make_world

CODE = "muangkao"


@pytest.fixture
def world(people):
    return make_world(people)


def test_admin_creates_a_measure_from_the_page(people):
    plan = make_plan(people.agency)
    client = people.client("admin")
    response = client.post(reverse("plans:measure_create", args=[CODE]), {
        "title_th": "เสริมสร้างการรับรู้การใช้ทรัพย์สินของราชการ", "period_start": "2022-10-01",
        "period_end": "2023-09-30", "divisions": [people.division.pk],
        "methods": "จัดทำคู่มือ\nประชาสัมพันธ์คู่มือ", "monitoring_th": "",
    }, follow=True)
    assert response.status_code == 200
    measure = Measure.objects.get(plan=plan)
    assert [m.text_th for m in measure.methods.all()] == ["จัดทำคู่มือ", "ประชาสัมพันธ์คู่มือ"]
    page = response.content.decode()
    assert "เสริมสร้างการรับรู้การใช้ทรัพย์สินของราชการ" in page
    assert "ต.ค. ๖๕ – ก.ย. ๖๖" in page


def test_a_period_ending_before_it_starts_is_shown_beside_the_field_and_the_input_kept(people):
    make_plan(people.agency)
    client = people.client("officer")
    response = client.post(reverse("plans:measure_create", args=[CODE]), {
        "title_th": "มาตรการที่พิมพ์ไว้", "period_start": "2023-03-01", "period_end": "2023-01-31",
        "divisions": [people.division.pk], "methods": "วิธีที่หนึ่ง",
    })
    assert response.status_code == 400
    page = response.content.decode()
    assert "The period ends (31 มกราคม 2566) before it starts (1 มีนาคม 2566)." in page
    assert 'value="มาตรการที่พิมพ์ไว้"' in page and "วิธีที่หนึ่ง" in page
    assert not Measure.objects.exists()


def test_follow_up_outside_the_period_is_refused_on_the_page(people, world):
    client = people.client("admin")
    url = reverse("plans:follow_up_add", args=[CODE, world.measure.pk])
    response = client.post(url, {"date": "2023-05-02", "precision": "day", "text_th": "ประชุมประจำเดือน"})
    assert response.status_code == 400
    assert "outside the period" in response.content.decode()
    assert "ประชุมประจำเดือน" in response.content.decode()
    assert FollowUp.objects.filter(measure=world.measure).count() == 1
    ok = client.post(url, {"date": "2023-02-01", "precision": "day", "text_th": "ประชุมประจำเดือน",
                           "url": "https://muangkao.go.th/news/1", "meeting": world.meeting.pk})
    assert ok.status_code == 302
    assert FollowUp.objects.filter(measure=world.measure).count() == 2


def test_a_method_of_another_measure_cannot_be_chosen(people, world):
    other = make_measure(world.plan, title_th="อีกมาตรการ")
    foreign_method = other.methods.first()
    response = people.client("admin").post(reverse("plans:follow_up_add", args=[CODE, world.measure.pk]), {
        "date": "2023-02-01", "precision": "day", "text_th": "x", "method": foreign_method.pk,
    })
    assert response.status_code == 400  # not a valid choice for this measure
    assert not FollowUp.objects.filter(method=foreign_method).exists()


def test_board_shows_late_measures(people, world):
    response = people.client("admin").get(reverse("plans:measures", args=[CODE]))
    page = response.content.decode()
    assert "board-card late" in page  # its period ended 31 March 2023


def test_risk_outside_the_matrix_is_refused_and_the_heat_map_shows_the_risk(people, world):
    client = people.client("admin")
    response = client.post(reverse("plans:risk_add", args=[CODE]), {
        "process_th": "การเบิกจ่าย", "event_th": "เบิกจ่ายซ้ำ", "likelihood": "7", "impact": "2",
    })
    assert response.status_code == 400
    assert "outside it" in response.content.decode()
    assert Risk.objects.count() == 1
    page = client.get(reverse("plans:risks", args=[CODE])).content.decode()
    assert page.count("<svg") == 2
    assert re.search(r'<text[^>]*>1</text>', page)  # risk 1 drawn in its cell
    assert "เอื้อประโยชน์แก่ผู้ค้ารายใดรายหนึ่ง" in page


def test_negative_budget_is_refused_on_the_page(people, world):
    response = people.client("admin").post(reverse("plans:project_add", args=[CODE]), {
        "name_th": "โครงการอบรม", "budget": "-100", "period_start": "2023-01-01", "period_end": "2023-01-31",
    })
    assert response.status_code == 400
    assert "An amount of money cannot be negative." in response.content.decode()
    assert Project.objects.count() == 1


def test_declaration_by_someone_else_is_refused_on_the_page(people, world):
    someone = people.agency.people.exclude(pk=world.declaration.signed_by_id).first()
    response = people.client("admin").post(reverse("plans:no_gift_declare", args=[CODE]), {
        "fiscal_year": 2567, "title_th": "No Gift 2567", "body_th": "ไม่รับ", "signed_on": "2023-10-02",
        "signed_by": someone.pk,
    })
    assert response.status_code == 400
    assert "must be signed by the chief executive in office" in response.content.decode()


def test_meeting_page_shows_room_number_and_passcode(people, world):
    page = people.client("member").get(reverse("plans:meeting", args=[CODE, world.meeting.pk])).content.decode()
    assert "2514 269 2548" in page and "123456" in page and "https://nacc.webex.com" in page


def test_calendar_feed_by_token_and_calendar_page(people, world):
    from django.test import Client

    page = people.client("admin").get(reverse("plans:calendar", args=[CODE]) + "?month=2023-01")
    assert "ประชุมเตรียมความพร้อม ITA" in page.content.decode()
    token = feed_token(people.admin, people.agency)
    feed = Client().get(reverse("plans:calendar_ics", args=[CODE]) + "?t=" + token)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "BEGIN:VEVENT" in body and "DTSTART:20230106T030000Z" in body
    outsider_token = feed_token(people.outsider, people.agency)
    assert Client().get(reverse("plans:calendar_ics", args=[CODE]) + "?t=" + outsider_token).status_code == 404
    assert Client().get(reverse("plans:calendar_ics", args=[CODE]) + "?t=forged").status_code == 404


def test_measures_page_queries_do_not_grow_with_measures(people, world, django_assert_max_num_queries):
    client = people.client("admin")
    url = reverse("plans:measures", args=[CODE])
    client.get(url)
    for index in range(6):
        measure = make_measure(world.plan, title_th=f"มาตรการ {index}")
        from plans import services

        services.follow_up_add(actor=None, method=measure.methods.first(), date=D(2023, 1, 10), text_th="ทำแล้ว")
    with django_assert_max_num_queries(25):
        client.get(url)


def test_risks_and_meetings_pages_have_bounded_queries(people, world, django_assert_max_num_queries):
    client = people.client("admin")
    for name in ("plans:risks", "plans:meetings", "plans:documents", "plans:calendar"):
        with django_assert_max_num_queries(25):
            assert client.get(reverse(name, args=[CODE])).status_code == 200


def test_a_follow_up_known_to_the_month_is_shown_as_a_month(people, world):
    from plans import services

    services.follow_up_add(actor=None, measure=world.measure, date=D(2023, 2, 14), precision="month",
                           heading_th="การประชุมประจำเดือน", text_th="กุมภาพันธ์ ๒๕๖๖")
    page = people.client("admin").get(reverse("plans:measure", args=[CODE, world.measure.pk])).content.decode()
    assert "กุมภาพันธ์ 2566" in page and "1 กุมภาพันธ์ 2566" not in page
