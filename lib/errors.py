"""The domain exception every service raises for a refused action.

The error carries its HTTP status and a lazy, translatable message; one place
(`prongsai.refusals`) turns an uncaught one into an HTML page, an htmx fragment or an API body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from django.utils import translation
from django.utils.functional import lazy

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

# A message: a lazy translatable string (gettext_lazy, lazy_format) or plain text.
Message: TypeAlias = "str | _StrPromise"


class DomainError(Exception):
    """A rule said no. MESSAGE is a lazy translatable string; views show it, never a traceback."""

    status = 400

    def __init__(self, message: Message, *, code: str = "invalid", field: str | None = None,
                 status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return str(self.message)

    def in_language(self, language: str) -> str:
        with translation.override(language):
            return str(self.message)

    def bilingual(self) -> str:
        """Thai first, then English, as Thai officials expect and English readers need."""
        thai, english = self.in_language("th"), self.in_language("en")
        return thai if thai == english else f"{thai} — {english}"

    def as_dict(self) -> dict[str, Any]:
        """The API body of this refusal: both languages, so a client can show either."""
        return {
            "code": self.code,
            "field": self.field,
            "message_th": self.in_language("th"),
            "message_en": self.in_language("en"),
        }


class PermissionRefused(DomainError):
    """A member of the agency whose role does not allow this (403)."""

    status = 403

    def __init__(self, message: Message, *, code: str = "forbidden", field: str | None = None) -> None:
        super().__init__(message, code=code, field=field)


class NotFoundError(DomainError):
    """Nothing to see, or nothing this user may know exists (404)."""

    status = 404

    def __init__(self, message: Message, *, code: str = "not_found", field: str | None = None) -> None:
        super().__init__(message, code=code, field=field)


class ConflictError(DomainError):
    """Someone changed the object since the form was built, or the step is out of order (409)."""

    status = 409

    def __init__(self, message: Message, *, code: str = "conflict", field: str | None = None) -> None:
        super().__init__(message, code=code, field=field)


def _interpolate(message: Message, params: dict[str, Any]) -> str:
    return str(message) % {key: str(value) for key, value in params.items()}


_lazy_interpolate = lazy(_interpolate, str)


def lazy_format(message: Message, params: dict[str, Any]) -> _StrPromise:
    """MESSAGE % PARAMS, translated only when shown.

    `_("...") % {...}` would freeze the text in the language active at that moment, and
    DomainError.bilingual() could no longer give both languages.
    """
    return _lazy_interpolate(message, params)  # type: ignore[return-value]  # a lazy str
