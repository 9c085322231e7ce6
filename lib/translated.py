"""Models with Thai and English columns (`name_th`, `name_en`) pick the one to show."""

from django.utils.translation import get_language


class TranslatedMixin:
    def tr(self, field: str) -> str:
        """FIELD in English when English is active and filled in, else in Thai."""
        thai: str = getattr(self, f"{field}_th")
        if (get_language() or "th").startswith("en"):
            english: str = getattr(self, f"{field}_en")
            return english or thai
        return thai
