"""Template filters for Thai official formats: {% load thaifmt %}."""

import datetime as dt

from django import template

from lib import thai

register = template.Library()


@register.filter
def thaidate(value, style: str = ""):
    """{{ day|thaidate }} → 16 มกราคม 2566; "era" adds พ.ศ.; "digits" uses Thai digits; both: "era,digits"."""
    if not isinstance(value, dt.date):
        return value
    options = set(style.split(","))
    return thai.thai_date(value, thai_digits="digits" in options, era_prefix="era" in options)


@register.filter
def thaidigits(value):
    return thai.to_thai_digits(value)
