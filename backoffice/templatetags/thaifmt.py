"""Template filters for Thai dates and numerals: {% load thaifmt %}.

`thaidate` is the one date filter of every screen and document: Buddhist-era years, Thai
month names, Bangkok time for a datetime (an English page: CE, English months). Never use Django's |date (it prints CE years).
"""

import datetime as dt
import re

from django import template
from django.utils import timezone, translation

from lib import thai

register = template.Library()

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?")


@register.filter
def thaidate(value, style: str = ""):
    """{{ day|thaidate }} → 16 มกราคม 2566. Options, comma-separated:
    "short" → 16 ม.ค. 2566; "time" adds 09.30 น. (datetimes are shown in Bangkok time);
    "era" adds พ.ศ.; "digits" uses Thai digits; "input" → 16/01/2566 (a date field's value). An ISO date string (2023-01-16) counts as a date."""
    if isinstance(value, str) and ISO_DAY.fullmatch(value.strip()):  # YAML data, audit payloads
        text = value.strip()
        value = dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
    if isinstance(value, dt.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        day = moment.date()
    elif isinstance(value, dt.date):
        moment, day = None, value
    else:
        return value
    options = set(style.split(","))
    if "input" in options:
        return thai.input_date(day)
    digits = "digits" in options
    language = translation.get_language() or "th"
    if language.startswith("en") and not (digits or "era" in options):  # an English page: CE, English months
        text = thai.date_in(day, language, short="short" in options)
        return f"{text} {moment:%H:%M}" if "time" in options and moment is not None else text
    if "short" in options:
        text = thai.thai_date_abbr(day, thai_digits=digits)
    else:
        text = thai.thai_date(day, thai_digits=digits, era_prefix="era" in options)
    if "time" in options and moment is not None:
        text = f"{text} {thai.thai_time(moment, thai_digits=digits)}"
    return text


@register.filter
def thaidigits(value):
    return thai.to_thai_digits(value)
