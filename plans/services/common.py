"""Checks every plans service shares. Each refusal is a DomainError with a bilingual message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Division, Person
from lib.errors import DomainError, lazy_format
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
