"""The one template-tag library for Thai: {% load thai %}.

Dates in the Buddhist era (one filter, `thaidate`, with options), Thai digits, baht, Bangkok
times, and `tr` to pick Thai or English the same way as the Python side (lib.translated).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from lib import thai
from lib.translated import pick

register = template.Library()


@register.filter
def thaidate(value, style: str = ""):
    """A date in the Buddhist era. Options, comma-separated:
    "" → 16 มกราคม 2566; "era" → 16 มกราคม พ.ศ. 2566; "short" → 16 ม.ค. 66;
    "month" → มกราคม 2566; "digits" adds Thai digits (e.g. "era,digits").
    An aware datetime is first turned into Bangkok's date."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, dt.date):
        return value
    options = set(style.split(","))
    digits = "digits" in options
    if "short" in options:
        return thai.thai_date_short(value, thai_digits=digits)
    if "month" in options:
        text = f"{thai.MONTHS[value.month - 1]} {thai.be_year(value)}"
        return thai.to_thai_digits(text) if digits else text
    return thai.thai_date(value, thai_digits=digits, era_prefix="era" in options)


@register.filter
def thaidigits(value):
    return thai.to_thai_digits(value)


@register.filter
def baht(value, digits: str = ""):
    """12500 → 12,500.00; with "thai" → ๑๒,๕๐๐.๐๐. None stays empty."""
    if value in (None, ""):
        return ""
    text = f"{Decimal(value):,.2f}"
    return thai.to_thai_digits(text) if digits == "thai" else text


@register.filter
def thaitime(value, digits: str = ""):
    """An aware datetime → 09.30 น. (Bangkok time), Thai digits with "thai"."""
    if not isinstance(value, dt.datetime):
        return ""
    local = timezone.localtime(value)
    text = f"{local:%H.%M} น."
    return thai.to_thai_digits(text) if digits == "thai" else text


@register.filter
def localday(value):
    return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value


@register.filter
def tr(obj, field: str):
    """{{ phase|tr:"name" }}: name_en when English is active and filled in, else name_th."""
    return pick(getattr(obj, f"{field}_th", ""), getattr(obj, f"{field}_en", None))


ERA = re.compile(r"(พ\.ศ\. [0-9๐-๙]{4})")


@register.filter
def keep_era(value):
    """Keep "พ.ศ. ๒๕๖๖" on one line in titles, without changing the text itself."""
    return mark_safe(ERA.sub(r'<span class="nowrap">\1</span>', str(conditional_escape(value))))


@register.filter
def period_lines(value):
    """ม.ค. ๖๖ – มี.ค. ๖๖ in a narrow column: each end stays whole, the dash ends the first line."""
    parts = [str(conditional_escape(part)) for part in str(value).split(" – ")]
    if len(parts) != 2:
        return value
    return mark_safe(f'<span class="nowrap">{parts[0]} –</span> <span class="nowrap">{parts[1]}</span>')


@register.simple_tag(takes_context=True)
def oit_served(context, *kinds: str) -> str:
    """" (o34)": the items records of KINDS publish into in this fiscal year's framework (its
    publishing map), or "" when the year's file names none. Cached on the page's context."""
    from frameworks.selectors import framework_for_year
    from assessments.evidence_sources import items_by_kind

    cache = context.render_context
    if "oit_served" not in cache:
        version = framework_for_year(thai.fiscal_year_be(timezone.localdate()))
        cache["oit_served"] = items_by_kind(version) if version else {}
    codes = [code for kind in kinds for code in cache["oit_served"].get(kind, ())]
    unique = list(dict.fromkeys(codes))
    return f" ({', '.join(unique)})" if unique else ""
