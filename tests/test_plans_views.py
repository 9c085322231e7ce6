"""The plans pages as a user sees them: Thai first, errors beside the field, input kept."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from plans.models import FollowUp, Measure, Project, Risk

from .plans_factories import D, make_measure, make_plan, make_world
from .surveys_helpers import in_english

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
    client = in_english(people.client("officer"))
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
    client = in_english(people.client("admin"))
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
    client = in_english(people.client("admin"))
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
    response = in_english(people.client("admin")).post(reverse("plans:project_add", args=[CODE]), {
        "name_th": "โครงการอบรม", "budget": "-100", "period_start": "2023-01-01", "period_end": "2023-01-31",
    })
    assert response.status_code == 400
    assert "An amount of money cannot be negative." in response.content.decode()
    assert Project.objects.count() == 1


def test_declaration_by_someone_else_is_refused_on_the_page(people, world):
    someone = people.agency.people.exclude(pk=world.declaration.signed_by_id).first()
    response = in_english(people.client("admin")).post(reverse("plans:no_gift_declare", args=[CODE]), {
        "fiscal_year": 2567, "title_th": "No Gift 2567", "body_th": "ไม่รับ", "signed_on": "2023-10-02",
        "signed_by": someone.pk,
    })
    assert response.status_code == 400
    assert "must be signed by the chief executive in office" in response.content.decode()


def test_meeting_page_shows_room_number_and_passcode(people, world):
    page = people.client("member").get(reverse("plans:meeting", args=[CODE, world.meeting.pk])).content.decode()
    assert "2514 269 2548" in page and "123456" in page and "https://nacc.webex.com" in page


def test_calendar_page_shows_the_month(people, world):
    page = people.client("admin").get(reverse("plans:calendar", args=[CODE]) + "?month=2023-01")
    assert "ประชุมเตรียมความพร้อม ITA" in page.content.decode()


def test_measures_page_queries_do_not_grow_with_measures(people, world, django_assert_max_num_queries):
    client = people.client("admin")
    url = reverse("plans:measures", args=[CODE])
    client.get(url)
    for index in range(6):
        measure = make_measure(world.plan, title_th=f"มาตรการ {index}")
        from plans import services

        services.follow_up_add(actor=None, method=measure.methods.first(), date=D(2023, 1, 10), text_th="ทำแล้ว")
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200


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


# --- editing --------------------------------------------------------------------------------------


def test_the_measure_page_links_to_its_edit_pages_for_staff_only(people, world):
    url = reverse("plans:measure", args=[CODE, world.measure.pk])
    page = people.client("officer").get(url).content.decode()
    assert reverse("plans:measure_edit", args=[CODE, world.measure.pk]) in page
    assert reverse("plans:method_edit", args=[CODE, world.measure.pk, world.method.pk]) in page
    assert reverse("plans:follow_up_edit", args=[CODE, world.measure.pk, world.follow_up.pk]) in page
    assert "/edit/" not in people.client("assessor").get(url).content.decode()
    measures = people.client("admin").get(reverse("plans:measures", args=[CODE])).content.decode()
    assert reverse("plans:measure_plan_edit", args=[CODE, world.plan.pk]) in measures


def test_the_measure_edit_page_is_prefilled_and_saves(people, world):
    client = people.client("admin")
    url = reverse("plans:measure_edit", args=[CODE, world.measure.pk])
    page = client.get(url).content.decode()
    assert 'value="การยกระดับผลการประเมิน ITA"' in page
    assert 'value="01/01/2566"' in page and 'value="31/03/2566"' in page  # Thai date fields: day/month/BE year
    assert 'name="base_version" value="1"' in page  # the follow-up in the world moved it in progress
    response = client.post(url, {
        "title_th": "ยกระดับผลการประเมิน ITA ให้ผ่านเกณฑ์", "period_start": "2023-01-01", "period_end": "2023-06-30",
        "divisions": [people.division.pk], "monitoring_th": "ติดตามทุกเดือน", "status": "done", "base_version": "1",
    }, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "ยกระดับผลการประเมิน ITA ให้ผ่านเกณฑ์" in page and "ม.ค. ๖๖ – มิ.ย. ๖๖" in page
    assert "ติดตามทุกเดือน" in page
    measure = Measure.objects.get(pk=world.measure.pk)
    assert (measure.status, measure.version) == ("done", 2)


def test_a_bad_measure_edit_shows_the_error_beside_the_field_and_keeps_the_input(people, world):
    from agencies.services import division_create

    foreign = division_create(actor=None, agency=people.other_agency, name_th="กองช่างบ้านสวน")
    client = in_english(people.client("officer"))
    url = reverse("plans:measure_edit", args=[CODE, world.measure.pk])
    data = {"title_th": "ชื่อที่พิมพ์ใหม่", "period_start": "2023-03-01", "period_end": "2023-01-31",
            "divisions": [people.division.pk], "monitoring_th": "วิธีติดตามที่พิมพ์", "status": "in_progress",
            "base_version": "1"}
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r'name="period_end".*?The period ends \(31 มกราคม 2566\) before it starts', page, re.S)
    assert 'value="ชื่อที่พิมพ์ใหม่"' in page and "วิธีติดตามที่พิมพ์" in page
    # a division of another agency is not even a choice
    response = client.post(url, {**data, "period_start": "2023-01-01", "divisions": [foreign.pk]})
    assert response.status_code == 400
    assert Measure.objects.get(pk=world.measure.pk).title_th == "การยกระดับผลการประเมิน ITA"


def test_a_stale_edit_is_a_conflict_with_the_input_kept(people, world):
    client = in_english(people.client("admin"))
    url = reverse("plans:follow_up_edit", args=[CODE, world.measure.pk, world.follow_up.pk])
    assert 'name="base_version" value="0"' in client.get(url).content.decode()
    first = {"date": "2023-01-06", "precision": "day", "text_th": "เข้าร่วมประชุมผ่านระบบออนไลน์",
             "url": "https://muangkao.go.th/news/5", "base_version": "0"}
    assert client.post(url, first).status_code == 302
    second = {**first, "text_th": "ข้อความของอีกคนหนึ่ง"}
    response = in_english(people.client("officer")).post(url, second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this record while you were working on it." in page
    assert "ข้อความของอีกคนหนึ่ง" in page
    entry = FollowUp.objects.get(pk=world.follow_up.pk)
    assert (entry.text_th, entry.url, entry.version) == ("เข้าร่วมประชุมผ่านระบบออนไลน์", "https://muangkao.go.th/news/5", 1)


def test_a_follow_up_edit_refuses_a_date_outside_the_period_and_a_bad_link_beside_the_fields(people, world):
    client = in_english(people.client("admin"))
    url = reverse("plans:follow_up_edit", args=[CODE, world.measure.pk, world.follow_up.pk])
    data = {"date": "2023-05-02", "precision": "day", "text_th": "ข้อความใหม่", "url": "", "base_version": "0"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert re.search(r'name="date".*?outside the period 1 มกราคม 2566 – 31 มีนาคม 2566', response.content.decode(), re.S)
    response = client.post(url, {**data, "date": "2023-02-01", "url": "ftp://muangkao.go.th/x"})
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r'name="url".*?must start with http:// or https://', page, re.S)
    assert 'value="ftp://muangkao.go.th/x"' in page
    assert FollowUp.objects.get(pk=world.follow_up.pk).text_th == "เข้าร่วมประชุม"


def test_method_and_plan_edit_pages_save(people, world):
    client = people.client("member")
    url = reverse("plans:method_edit", args=[CODE, world.measure.pk, world.method.pk])
    assert "แต่งตั้งคณะทำงาน" in client.get(url).content.decode()
    response = client.post(url, {"text_th": "แต่งตั้งคณะทำงานขับเคลื่อน", "period_start": "2023-01-01",
                                 "period_end": "2023-01-31", "base_version": "0"})
    assert response.status_code == 302
    world.method.refresh_from_db()
    assert (world.method.text_th, world.method.version) == ("แต่งตั้งคณะทำงานขับเคลื่อน", 1)
    url = reverse("plans:measure_plan_edit", args=[CODE, world.plan.pk])
    assert 'value="2566"' in client.get(url).content.decode()
    response = client.post(url, {"fiscal_year": "2566", "title_th": "มาตรการฉบับปรับปรุง", "intro_th": "",
                                 "adopted_on": "2023-01-20", "base_version": "0"}, follow=True)
    assert "มาตรการฉบับปรับปรุง" in response.content.decode()


# --- last year's results ---------------------------------------------------------------------------


def test_imported_results_are_shown_beside_the_findings_and_a_low_one_becomes_a_weak_point(people, framework):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plans.models import AnalysisPoint, ImportedResult

    make_plan(people.agency, fiscal_year=2567)  # last year (2566) is read against ita-2566
    client = people.client("officer")
    upload = SimpleUploadedFile("results.csv", b"code,score\n4,72.5\no12,100\n", content_type="text/csv")
    response = client.post(reverse("plans:analysis_results_import", args=[CODE]), {"file": upload}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "การใช้ทรัพย์สินของราชการ" in page and "72.50" in page
    low = ImportedResult.objects.get(code="4")
    high = ImportedResult.objects.get(code="o12")
    add_low = reverse("plans:imported_result_weakness", args=[CODE, low.pk])
    assert add_low in page
    assert reverse("plans:imported_result_weakness", args=[CODE, high.pk]) not in page
    response = client.post(add_low, follow=True)
    assert response.status_code == 200
    point = AnalysisPoint.objects.get()
    assert (point.kind, point.source_code) == ("weakness", "4")
    assert add_low not in response.content.decode()
    assert point.text_th in response.content.decode()
    assert client.post(add_low).status_code == 409
    assert client.post(reverse("plans:imported_result_weakness", args=[CODE, high.pk])).status_code == 400
    assert AnalysisPoint.objects.count() == 1
    # the assessor reads the table but gets no button
    page = people.client("assessor").get(reverse("plans:measures", args=[CODE])).content.decode()
    assert "72.50" in page and "<button" not in page.split('id="analysis"')[1].split("</table>")[0]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("results.csv", b"code,score\n4,72.5\no77,50\n", "Line 3: “o77” is neither an indicator number"),
    ("results.csv", b"code,score\n4,172.5\n", "a score must lie between 0 and 100"),
    ("results.csv", b"", "The file is empty."),
    ("results.docx", b"code,score\n4,72.5\n", "Upload a CSV (.csv) or Excel (.xlsx) file."),
    ("results.csv", b"4,1\n" * 300000, "The file is larger than 1 MB."),
])
def test_a_bad_results_file_is_refused_whole_in_the_pages_language(people, framework, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plans.models import ImportedResult

    make_plan(people.agency, fiscal_year=2567)  # last year (2566) is read against ita-2566
    client = people.client("admin")
    response = client.post(reverse("plans:analysis_results_import", args=[CODE]), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    page = response.content.decode()
    # A Thai page shows the Thai message only; the English one appears once the user chooses English.
    assert message not in page and re.search(r'errorlist[^>]*><li>[^<]*[\u0E00-\u0E7F]', page)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("plans:analysis_results_import", args=[CODE]), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400 and message in response.content.decode()
    assert not ImportedResult.objects.exists()


def test_measures_page_with_imported_results_keeps_bounded_queries(people, world, django_assert_max_num_queries):
    from plans.models import ImportedResult

    for code in range(1, 11):
        ImportedResult.objects.get_or_create(plan=world.plan, code=str(code), defaults={
            "framework_code": "ita-2566", "kind": "indicator", "score": 50 + code, "position": code})
    client = people.client("admin")
    client.get(reverse("plans:measures", args=[CODE]))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("plans:measures", args=[CODE])).status_code == 200
