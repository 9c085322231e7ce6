"""Thai calendar and numerals for official documents. Pure functions, no Django."""

from __future__ import annotations

import datetime as dt
import re
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


def thai_date_abbr(day: dt.date, *, thai_digits: bool = False) -> str:
    """16 ม.ค. 2566: the screens' date, short month and the full Buddhist-era year."""
    text = f"{day.day} {MONTHS_ABBR[day.month - 1]} {be_year(day)}"
    return to_thai_digits(text) if thai_digits else text


def thai_time(moment: dt.datetime | dt.time, *, thai_digits: bool = False) -> str:
    """09.30 น. (pass a datetime already in Bangkok time)."""
    text = f"{moment:%H.%M} น."
    return to_thai_digits(text) if thai_digits else text


_MONTHS_EN_TITLE = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                    "October", "November", "December")


def date_in(day: dt.date, language: str, *, short: bool = False) -> str:
    """A date as a page in LANGUAGE shows it: Thai (and anything not English) in the Buddhist
    era, 16 มกราคม 2566 / 16 ม.ค. 2566; English in the Christian era, 16 January 2023 / 16 Jan 2023."""
    if language.startswith("en"):
        month = _MONTHS_EN_TITLE[day.month - 1]
        return f"{day.day} {month[:3] if short else month} {day.year}"
    return thai_date_abbr(day) if short else thai_date(day)


def input_date(day: dt.date) -> str:
    """16/01/2566: how a date field shows a stored date, and the first way it accepts one."""
    return f"{day.day:02d}/{day.month:02d}/{be_year(day)}"


# ---- Reading a date a Thai user typed -------------------------------------------------------

# A CE year a form may hold, and the BE years that map onto it. Between them lies a gap
# (2201-2442) that is neither, so a year is never guessed.
CE_YEARS = range(1900, 2201)
BE_YEARS = range(CE_YEARS.start + BE_OFFSET, CE_YEARS.stop + BE_OFFSET)

_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")


def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for number, (full, abbr, english) in enumerate(zip(MONTHS, MONTHS_ABBR, _MONTHS_EN), start=1):
        names[full] = names[abbr] = names[abbr.replace(".", "")] = number
        names[english] = names[english[:3]] = number
    names["sept"] = 9
    return names


MONTH_NAMES = _month_names()


class DateInputError(ValueError):
    """Why a typed date was refused: CODE is "format", "year", "ce-era-be-year" or "day"."""

    def __init__(self, code: str, text: str):
        super().__init__(f"{code}: {text!r}")
        self.code = code
        self.text = text


def _year(value: str, era: str, text: str) -> int:
    """The CE year of a typed YEAR. Two digits are Thai shorthand (66 = 2566); four digits
    in 2443-2743 can only be BE and are converted, wherever they were typed."""
    year = int(value)
    if len(value) == 2:
        year += 2500
    if era == "ce":
        if year in CE_YEARS:
            return year
        raise DateInputError("ce-era-be-year" if year in BE_YEARS else "year", text)
    if year in BE_YEARS:
        return year - BE_OFFSET
    if year in CE_YEARS and era != "be":
        return year
    raise DateInputError("year", text)


_ERA = re.compile(r"(พ\.\s?ศ\.?|พศ\.?|b\.?e\.?|ค\.\s?ศ\.?|คศ\.?|a\.?d\.?|c\.?e\.?)\s*(?=\d)", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})")
_NAMED = re.compile(r"(\d{1,2})\s*([^\d\s,]+(?:\s*[^\d\s,]+)?)\s*,?\s*(\d{4}|\d{2})")


def parse_date(text: str) -> dt.date:
    """A date as a Thai user types it → a CE date.

    Accepts 16/01/2566, 16/1/66, 16.01.2566, 16 ม.ค. 2566, 16 มกราคม พ.ศ. 2566, Thai digits
    (๑๖/๐๑/๒๕๖๖), 2023-01-16, 16 Jan 2023. A year 2443-2743 is BE and converted; a BE year
    marked ค.ศ./CE, or a year that is neither, is refused (DateInputError), never stored as is.
    """
    raw = " ".join(to_arabic_digits(str(text)).split())
    era = ""
    match = _ERA.search(raw)
    if match:
        marker = match.group(1).lower().replace(" ", "")
        era = "be" if marker[0] in "พb" else "ce"
        raw = (raw[:match.start()] + raw[match.end():]).strip()
    if m := _ISO.fullmatch(raw):
        year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
    elif m := _NUMERIC.fullmatch(raw):
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
    elif m := _NAMED.fullmatch(raw):
        name = m.group(2).replace(" ", "").lower()
        if name not in MONTH_NAMES:
            raise DateInputError("format", text)
        day, month, year = int(m.group(1)), MONTH_NAMES[name], m.group(3)
    else:
        raise DateInputError("format", text)
    ce_year = _year(year, era, text)
    try:
        return dt.date(ce_year, month, day)
    except ValueError:
        raise DateInputError("day", text) from None


_TIME = re.compile(r"(.*?)[\sT,]+(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?\s*(?:น\.?)?")


def parse_datetime(text: str) -> dt.datetime:
    """A date and a time as a Thai user types them → a naive datetime (the caller's time zone).

    16/01/2566 09.30, 16 ม.ค. 2566 9:30 น., 2023-01-16T09:30: the date part as `parse_date`
    reads it, then hours and minutes (a dot or a colon).
    """
    raw = " ".join(to_arabic_digits(str(text)).split())
    match = _TIME.fullmatch(raw)
    if not match:
        raise DateInputError("format", text)
    day = parse_date(match.group(1))
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        raise DateInputError("time", text)
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def input_datetime(moment: dt.datetime) -> str:
    """16/01/2566 09.30: how a date-and-time field shows a stored value (already in local time)."""
    return f"{input_date(moment.date())} {moment:%H.%M}"
