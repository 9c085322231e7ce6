"""Reading a date as a Thai user types it (lib.thai.parse_date, no database) and the one
form field every date input uses (lib.forms.ThaiDateField)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from lib import thai
from lib.forms import ThaiDateField

JAN16 = dt.date(2023, 1, 16)


@pytest.mark.parametrize("typed", [
    "16/01/2566", "16/1/2566", "16/1/66", "16.01.2566", "16-01-2566", " 16 / 01 / 2566 ",
    "16 ม.ค. 2566", "16 มค 2566", "16 มกราคม 2566", "16 มกราคม พ.ศ. 2566", "๑๖ มกราคม ๒๕๖๖", "๑๖/๐๑/๒๕๖๖",
    "2023-01-16", "16/01/2023", "16 Jan 2023", "16 January, 2023", "ค.ศ. 2023-01-16",
])
def test_what_a_thai_user_types_is_stored_as_the_ce_date(typed):
    assert thai.parse_date(typed) == JAN16


def test_a_year_that_can_only_be_buddhist_era_is_converted_even_in_iso_form():
    assert thai.parse_date("2566-01-16") == JAN16  # never 2566-01-16 CE


@pytest.mark.parametrize("typed, code", [
    ("16/01/ค.ศ. 2566", "ce-era-be-year"),   # a BE year marked CE is refused, not stored as 2566 CE
    ("16/01/2300", "year"),                  # neither a plausible BE nor CE year
    ("16/01/1800", "year"),
    ("31/02/2566", "day"),
    ("16 foo 2566", "format"),
    ("16/2566", "format"),
    ("", "format"),
])
def test_a_date_that_cannot_be_read_is_refused_with_its_reason(typed, code):
    with pytest.raises(thai.DateInputError) as exc:
        thai.parse_date(typed)
    assert exc.value.code == code


def test_a_stored_date_is_shown_in_the_field_as_day_month_be_year():
    assert thai.input_date(JAN16) == "16/01/2566"
    html = ThaiDateField().widget.render("d", JAN16)
    assert 'value="16/01/2566"' in html and 'type="text"' in html


def test_the_field_cleans_thai_input_and_explains_a_refusal_in_the_pages_language():
    field = ThaiDateField()
    assert field.clean("16 ม.ค. 2566") == JAN16
    with translation.override("th"):
        with pytest.raises(ValidationError) as exc:
            field.clean("16/01/ค.ศ. 2566")
        assert "ปีพุทธศักราช" in " ".join(exc.value.messages)
    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            field.clean("31/02/2566")
        assert "31/02/2566 is not a day of the calendar" in " ".join(exc.value.messages)
    assert ThaiDateField(required=False).clean("") is None


@pytest.mark.parametrize("typed", ["16/01/2566 09.30", "16 ม.ค. 2566 9:30 น.", "2023-01-16T09:30", "๑๖/๐๑/๒๕๖๖ ๐๙.๓๐"])
def test_a_date_and_time_is_read_the_same_ways(typed):
    assert thai.parse_datetime(typed) == dt.datetime(2023, 1, 16, 9, 30)


@pytest.mark.parametrize("typed, code", [("16/01/2566", "format"), ("16/01/2566 25.00", "time"),
                                         ("16/01/ค.ศ. 2566 09.30", "ce-era-be-year")])
def test_a_date_and_time_that_cannot_be_read_is_refused(typed, code):
    with pytest.raises(thai.DateInputError) as exc:
        thai.parse_datetime(typed)
    assert exc.value.code == code


def test_the_datetime_field_stores_bangkok_time_and_shows_it_back(settings):
    from django.utils import timezone

    from lib.forms import ThaiDateTimeField

    field = ThaiDateTimeField()
    moment = field.clean("16/01/2566 09.30")
    assert timezone.is_aware(moment) and moment.astimezone(dt.UTC).hour == 2  # 09.30 in Bangkok
    assert 'value="16/01/2566 09.30"' in field.widget.render("when", moment)


def test_a_meeting_typed_in_thai_dates_is_stored_in_ce_and_bangkok_time(people):
    from django.urls import reverse
    from django.utils import timezone

    from plans.models import Meeting

    response = people.client("admin").post(reverse("plans:meetings", args=["muangkao"]), {
        "kind": Meeting.Kind.INVITATION, "title_th": "ประชุมเตรียมความพร้อม ITA",
        "starts_at": "26 ม.ค. 2566 09.30", "ends_at": "26/01/2566 11.30", "letter_date": "25/01/2566",
    })
    assert response.status_code in (200, 302), response.status_code
    meeting = Meeting.objects.get()
    assert timezone.localtime(meeting.starts_at).replace(tzinfo=None) == dt.datetime(2023, 1, 26, 9, 30)
    assert meeting.letter_date == dt.date(2023, 1, 25)
    refused = people.client("admin").post(reverse("plans:meetings", args=["muangkao"]), {
        "kind": Meeting.Kind.INVITATION, "title_th": "ปีผิด", "starts_at": "26/01/ค.ศ. 2566 09.30",
    })
    assert refused.status_code == 400 and Meeting.objects.count() == 1
    assert "ปีพุทธศักราช" in refused.content.decode()
