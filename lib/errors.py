"""The domain exception every service raises for a refused action."""

from django.utils import translation


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
