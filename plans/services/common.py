"""Checks every plans service shares. Each refusal is a DomainError with a bilingual message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Division, Person
from lib.errors import ConflictError, DomainError, lazy_format
from lib.thai import thai_date, to_arabic_digits


# MESSAGE % PARAMS translated when shown (see lib.errors.lazy_format).
msg = lazy_format


def validated(obj):
    """full_clean() OBJ, turning the first validation error into a DomainError."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        first_field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if first_field == "__all__" else first_field) from None
    return obj


def check_period(start: dt.date | None, end: dt.date | None, *, field: str = "period_end") -> None:
    if start is None or end is None:
        raise DomainError(_("Give both the start and the end of the period."), field=field)
    if end < start:
        raise DomainError(
            msg(_("The period ends (%(end)s) before it starts (%(start)s)."), {"end": thai_date(end), "start": thai_date(start)}),
            field=field,
        )


def check_divisions(agency: Agency, divisions: Iterable[Division]) -> list[Division]:
    divisions = list(divisions)
    for division in divisions:
        if division.agency_id != agency.pk:
            raise DomainError(_("That division belongs to another agency."), field="divisions")
    return divisions


def check_person(agency: Agency, person: Person | None, *, field: str = "person") -> None:
    if person is not None and person.agency_id != agency.pk:
        raise DomainError(
            msg(_("%(person)s works for another agency."), {"person": person.full_name}), field=field
        )


def parse_money(value, *, field: str = "budget") -> Decimal:
    """A non-negative amount in baht from a number or text such as "๑๒,๕๐๐.๕๐"; else DomainError."""
    if isinstance(value, Decimal):
        amount = value
    else:
        text = to_arabic_digits(str(value)).replace(",", "").replace("บาท", "").strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise DomainError(
                msg(_("The amount “%(value)s” is not a number of baht."), {"value": value}), field=field
            ) from None
    if not amount.is_finite():
        raise DomainError(msg(_("The amount “%(value)s” is not a number of baht."), {"value": value}), field=field)
    if amount < 0:
        raise DomainError(_("An amount of money cannot be negative."), field=field)
    if amount.as_tuple().exponent < -2:
        raise DomainError(_("Give the amount in baht with at most two decimals (satang)."), field=field)
    if amount >= Decimal("1e12"):
        raise DomainError(_("The amount is too large."), field=field)
    return amount


def clean_text(value: str) -> str:
    return (value or "").strip()


def check_link(url: str, *, field: str = "url") -> str:
    """URL stripped, or "" for none; DomainError unless it is a well-formed http(s) address."""
    from lib.safe_fetch import UrlRejected, check_url_syntax

    url = clean_text(url)
    if not url:
        return ""
    try:
        check_url_syntax(url)
    except UrlRejected as exc:
        if exc.code == "bad_scheme":
            raise DomainError(
                msg(_("The link “%(url)s” must start with http:// or https://."), {"url": url[:100]}), field=field
            ) from None
        raise DomainError(exc.message, code=exc.code, field=field) from None
    return url


def lock_for_edit(obj, base_version: int | None):
    """OBJ re-read under a row lock; ConflictError (409) if someone saved it since BASE_VERSION."""
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    if base_version is not None and locked.version != base_version:
        raise ConflictError(
            _("Someone else changed this record while you were working on it. Your input is kept below; "
              "reload the page, check their change, then save again.")
        )
    return locked


def snapshot(obj, fields: Iterable[str]) -> dict:
    """The FIELDS of OBJ as JSON values, for the before/after payload of an audit entry."""
    out = {}
    for name in fields:
        value = getattr(obj, name)
        if hasattr(value, "all"):  # a many-to-many manager
            value = sorted(item.pk for item in value.all())
        elif isinstance(value, (dt.date, Decimal)):
            value = str(value) if isinstance(value, Decimal) else value.isoformat()
        out[name] = value
    return out
