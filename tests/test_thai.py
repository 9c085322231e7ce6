import datetime as dt

from lib import thai


def test_it_writes_official_dates_in_the_buddhist_era_with_thai_digits():
    day = dt.date(2023, 1, 16)
    assert thai.thai_date(day) == "16 มกราคม 2566"
    assert thai.thai_date(day, thai_digits=True, era_prefix=True) == "๑๖ มกราคม พ.ศ. ๒๕๖๖"


def test_it_writes_periods_the_way_the_seed_tables_do():
    assert thai.thai_period(dt.date(2023, 1, 1), dt.date(2023, 3, 31), thai_digits=True) == "ม.ค. ๖๖ – มี.ค. ๖๖"
    assert thai.thai_date_short(dt.date(2022, 10, 24)) == "24 ต.ค. 65"


def test_fiscal_year_starts_in_october():
    assert thai.fiscal_year_be(dt.date(2022, 9, 30)) == 2565
    assert thai.fiscal_year_be(dt.date(2022, 10, 1)) == 2566
    assert thai.fiscal_year_bounds(2566) == (dt.date(2022, 10, 1), dt.date(2023, 9, 30))


def test_digits_round_trip():
    assert thai.to_thai_digits("17/2566") == "๑๗/๒๕๖๖"
    assert thai.to_arabic_digits("๑๗/๒๕๖๖") == "17/2566"


def test_today_is_bangkoks_date_whatever_the_servers_clock_says(monkeypatch):
    class EveningInLondon(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            moment = dt.datetime(2023, 1, 15, 20, 0, tzinfo=dt.timezone.utc)  # 03:00 on the 16th in Bangkok
            return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)

    monkeypatch.setattr(thai.dt, "datetime", EveningInLondon)
    assert thai.today_bangkok() == dt.date(2023, 1, 16)
