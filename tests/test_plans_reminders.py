"""Reminder emails before measures, methods and projects end and before meetings: in Thai, to
the right people, sent once, and only when the transaction commits."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from plans import services
from plans.models import Measure, PlanReminder
from plans.notifications import send_plan_reminders

from .conftest import make_person
from .plans_factories import make_action_plan, make_measure, make_plan

TODAY = dt.date(2023, 3, 27)


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://prongsai.example"


def run(capture, today=TODAY):
    with capture(execute=True):
        return send_plan_reminders(today=today)


def staff_emails(people):
    return {"admin@a.example", "officer@a.example", "executive@a.example", "member@a.example"}


def test_a_measure_ending_within_seven_days_is_reminded_once(people, django_capture_on_commit_callbacks):
    plan = make_plan(people.agency)
    measure = make_measure(plan, period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 3, 31))
    make_measure(plan, title_th="ยังอีกนาน", period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 4, 10))
    assert run(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.subject == "มาตรการที่ 1 “การยกระดับผลการประเมิน ITA” จะสิ้นสุดในอีก 4 วัน (31 มีนาคม 2566)"
    assert set(email.to) == staff_emails(people)  # the responsible division's people and the ITA admin
    assert f"https://prongsai.example/app/a/muangkao/plans/measures/{measure.pk}/" in email.body
    assert "ระยะเวลา" in email.body
    assert run(django_capture_on_commit_callbacks) == 0  # the next day's run, or a repeat, sends nothing
    assert run(django_capture_on_commit_callbacks, today=TODAY + dt.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    reminder = PlanReminder.objects.get()
    assert (reminder.kind, reminder.object_id, reminder.due_on) == ("measure_due", measure.pk, dt.date(2023, 3, 31))


def test_finished_measures_and_the_day_after_the_end_are_not_reminded(people, django_capture_on_commit_callbacks):
    plan = make_plan(people.agency)
    measure = make_measure(plan, period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 3, 31))
    services.measure_set_status(actor=None, measure=measure, status=Measure.Status.DONE)
    make_measure(plan, title_th="จบไปแล้ว", period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 3, 26))
    assert run(django_capture_on_commit_callbacks) == 0 and not mail.outbox


def test_moving_the_end_date_makes_a_new_reminder_due(people, django_capture_on_commit_callbacks):
    plan = make_plan(people.agency)
    measure = make_measure(plan, period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 3, 27))
    assert run(django_capture_on_commit_callbacks) == 1
    assert "วันนี้" in mail.outbox[0].subject
    Measure.objects.filter(pk=measure.pk).update(period_end=dt.date(2023, 3, 30))
    assert run(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2 and "อีก 3 วัน" in mail.outbox[1].subject


def test_a_method_with_its_own_period_is_reminded(people, django_capture_on_commit_callbacks):
    plan = make_plan(people.agency)
    measure = make_measure(plan, period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 9, 30), methods=[])
    services.measure_method_add(actor=None, measure=measure, text_th="ประชาสัมพันธ์คู่มือ",
                                period_start=dt.date(2023, 3, 1), period_end=dt.date(2023, 4, 2))
    assert run(django_capture_on_commit_callbacks) == 1
    assert mail.outbox[0].subject.startswith("วิธีการที่ 1.1 ของมาตรการ")
    assert "ประชาสัมพันธ์คู่มือ" in mail.outbox[0].body


def test_a_project_ending_soon_is_reminded_unless_reported_done(people, django_capture_on_commit_callbacks):
    action_plan = make_action_plan(people.agency)
    owner = make_person(people.agency, first_name="เจ้าของ", email="owner@a.example")
    project = services.project_add(actor=None, plan=action_plan, name_th="อบรมจริยธรรม", budget="20000",
                                   period_start=dt.date(2023, 3, 1), period_end=dt.date(2023, 3, 31), owner=owner)
    done = services.project_add(actor=None, plan=action_plan, name_th="จัดทำคู่มือ", no_budget=True,
                                period_start=dt.date(2023, 3, 1), period_end=dt.date(2023, 3, 31))
    services.plan_report_file(actor=None, plan=action_plan, kind="half_year", covers_start=dt.date(2022, 10, 1),
                              covers_end=dt.date(2023, 3, 31), reported_on=dt.date(2023, 3, 25),
                              lines={done: {"status": "done"}, project: {"status": "in_progress"}})
    assert run(django_capture_on_commit_callbacks) == 1
    email = mail.outbox[0]
    assert "อบรมจริยธรรม" in email.subject and "โครงการ" in email.subject
    assert set(email.to) == {"owner@a.example", "admin@a.example"}


def test_a_meeting_tomorrow_reaches_its_attendees_and_the_admins(people, django_capture_on_commit_callbacks):
    officer = people.officer.people.get(agency=people.agency)
    no_email = make_person(people.agency, first_name="ไม่มีอีเมล")
    zone = timezone.get_current_timezone()
    meeting = services.meeting_record(
        actor=None, agency=people.agency, kind="invitation", title_th="ประชุมชี้แจงการประเมิน ITA",
        starts_at=dt.datetime(2023, 3, 28, 9, 30, tzinfo=zone), organiser_th="สำนักงาน ป.ป.ช. ประจำจังหวัด",
        online_url="https://nacc.webex.com/meet/x", meeting_number="2514 269 2548", passcode="123456",
        must_attend_th="ผู้ดูแลระบบ ITA", attendees=[officer, no_email],
    )
    services.meeting_record(actor=None, agency=people.agency, kind="internal", title_th="มะรืนนี้",
                            starts_at=dt.datetime(2023, 3, 29, 0, 30, tzinfo=zone), attendees=[officer])
    services.meeting_record(actor=None, agency=people.agency, kind="internal", title_th="ดึกคืนนี้",
                            starts_at=dt.datetime(2023, 3, 27, 23, 30, tzinfo=zone), attendees=[officer])
    assert run(django_capture_on_commit_callbacks) == 1
    email = mail.outbox[0]
    assert email.subject == "ประชุมพรุ่งนี้ 28 มีนาคม 2566 เวลา 09.30 น.: ประชุมชี้แจงการประเมิน ITA"
    assert set(email.to) == {"officer@a.example", "admin@a.example"}
    for text in ("https://nacc.webex.com/meet/x", "2514 269 2548", "123456", "ผู้ดูแลระบบ ITA",
                 f"/app/a/muangkao/plans/meetings/{meeting.pk}/"):
        assert text in email.body
    assert run(django_capture_on_commit_callbacks) == 0


def test_nothing_is_sent_or_recorded_when_the_run_rolls_back(people, django_capture_on_commit_callbacks):
    plan = make_plan(people.agency)
    make_measure(plan, period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 3, 31))
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                assert send_plan_reminders(today=TODAY) == 1
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert not mail.outbox and not PlanReminder.objects.exists()
    assert run(django_capture_on_commit_callbacks) == 1


def test_other_agencies_people_are_never_reminded(people, django_capture_on_commit_callbacks):
    plan = make_plan(people.other_agency)
    make_measure(plan, period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 3, 31))
    assert run(django_capture_on_commit_callbacks) == 1
    assert mail.outbox[0].to == ["outsider@b.example"]


def test_the_daily_command_prints_both_counts(people, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    plan = make_plan(people.agency)
    make_measure(plan, period_start=today - dt.timedelta(days=30), period_end=today + dt.timedelta(days=2))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    assert "0 OIT reminder(s) sent." in out.getvalue() and "1 plans reminder(s) sent." in out.getvalue()
    assert len(mail.outbox) == 1
