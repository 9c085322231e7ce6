"""The domain exception every service raises for a refused action."""

from django.utils import translation
from django.utils.functional import lazy


class DomainError(Exception):
    """A rule said no. MESSAGE is a lazy translatable string; views show it, never a traceback."""

    def __init__(self, message, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def __str__(self) -> str:
        return str(self.message)

    def bilingual(self) -> str:
        """Thai first, then English, as Thai officials expect and English readers need."""
        with translation.override("th"):
            thai = str(self.message)
        with translation.override("en"):
            english = str(self.message)
        return thai if thai == english else f"{thai} — {english}"


def _interpolate(message, params: dict) -> str:
    return str(message) % {key: str(value) for key, value in params.items()}


_lazy_interpolate = lazy(_interpolate, str)


def lazy_format(message, params: dict):
    """MESSAGE % PARAMS, translated only when shown.

    `_("...") % {...}` would freeze the text in the language active at that moment, and
    DomainError.bilingual() could no longer give both languages.
    """
    return _lazy_interpolate(message, params)
