"""The one date field of every form: reads what a Thai user types, stores a CE date.

Pure parsing lives in `lib.thai.parse_date` (tested without a database); this field only
shows a stored date as 16/01/2566 and turns a refusal into a message in the page's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms.utils import from_current_timezone
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib import thai

MESSAGES = {
    "format": _("Type the date as day/month/year, e.g. 16/01/2566 or 16 ม.ค. 2566."),
    "year": _("The year %(text)s is neither a Buddhist-era year (e.g. 2566) nor a Christian-era one (e.g. 2023)."),
    "ce-era-be-year": _("%(text)s marks a Buddhist-era year as ค.ศ. (CE): type 2566 as a BE year, or 2023 as CE."),
    "day": _("%(text)s is not a day of the calendar (check the day and the month)."),
    "time": _("%(text)s: type the time as hours.minutes, e.g. 09.30."),
}
DATETIME_FORMAT_MESSAGE = _("Type the date and time as day/month/year hours.minutes, e.g. 16/01/2566 09.30.")


class ThaiDateInput(forms.TextInput):
    """A text box, not the browser's date picker (which shows Christian-era years)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"placeholder": _("dd/mm/yyyy (BE)"), "autocomplete": "off", "class": "date-input", "size": 12}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return thai.input_date(value)
        shown = super().format_value(value)  # what the user typed, kept after a refusal
        return None if shown is None else str(shown)


class ThaiDateField(forms.DateField):
    widget = ThaiDateInput

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return thai.parse_date(str(value).strip())
        except thai.DateInputError as error:
            raise forms.ValidationError(MESSAGES[error.code], code=f"date-{error.code}", params={"text": error.text}) from None


class ThaiDateTimeInput(ThaiDateInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"placeholder": _("dd/mm/yyyy hh.mm"), "size": 16, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            return thai.input_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)
        return super().format_value(value)


class ThaiDateTimeField(forms.DateTimeField):
    """The date-and-time twin of ThaiDateField (meetings): 16/01/2566 09.30 in Bangkok time."""

    widget = ThaiDateTimeInput

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return from_current_timezone(value) if timezone.is_naive(value) else value
        try:
            return from_current_timezone(thai.parse_datetime(str(value).strip()))
        except thai.DateInputError as error:
            message = DATETIME_FORMAT_MESSAGE if error.code == "format" else MESSAGES[error.code]
            raise forms.ValidationError(message, code=f"date-{error.code}", params={"text": error.text}) from None
