"""Thai calendar and numerals for official documents. Pure functions, no Django."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)


def today_bangkok() -> dt.date:
    """Today in Thailand: the date every business rule uses (due dates, fiscal years, phases),
    whatever the server's own clock or time zone says."""
    return dt.datetime.now(BANGKOK).date()


def to_thai_digits(value: object) -> str:
    return str(value).translate(THAI_DIGITS)


def to_arabic_digits(value: str) -> str:
    return value.translate(ARABIC_DIGITS)


def be_year(day: dt.date) -> int:
    return day.year + BE_OFFSET


def fiscal_year_be(day: dt.date) -> int:
    """The Thai fiscal year (BE) a day falls in: it starts on 1 October."""
    return be_year(day) + (1 if day.month >= 10 else 0)


def fiscal_year_bounds(year_be: int) -> tuple[dt.date, dt.date]:
    year_ce = year_be - BE_OFFSET
    return dt.date(year_ce - 1, 10, 1), dt.date(year_ce, 9, 30)


def thai_date(day: dt.date, *, thai_digits: bool = False, era_prefix: bool = False) -> str:
    """16 มกราคม 2566, or with era_prefix '16 มกราคม พ.ศ. 2566'."""
    text = f"{day.day} {MONTHS[day.month - 1]} {'พ.ศ. ' if era_prefix else ''}{be_year(day)}"
    return to_thai_digits(text) if thai_digits else text


def thai_date_short(day: dt.date, *, thai_digits: bool = False) -> str:
    """16 ม.ค. 66"""
    text = f"{day.day} {MONTHS_ABBR[day.month - 1]} {be_year(day) % 100:02d}"
    return to_thai_digits(text) if thai_digits else text


def thai_month_year_short(day: dt.date, *, thai_digits: bool = False) -> str:
    """ม.ค. 66: how the seed's tables write a period's ends."""
    text = f"{MONTHS_ABBR[day.month - 1]} {be_year(day) % 100:02d}"
    return to_thai_digits(text) if thai_digits else text


def thai_period(start: dt.date, end: dt.date, *, thai_digits: bool = False) -> str:
    """ม.ค. ๖๖ – มี.ค. ๖๖"""
    return f"{thai_month_year_short(start, thai_digits=thai_digits)} – {thai_month_year_short(end, thai_digits=thai_digits)}"

