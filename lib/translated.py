"""Thai or English: the one way to pick the text to show, and messages kept translatable as data.

Models with Thai and English columns (`name_th`, `name_en`) use `TranslatedMixin.tr`; framework
data with {"th", "en"} uses `pick_text`; templates use the `tr` filter of `{% load thai %}`.
"""

from typing import Any

from django.utils import translation
from django.utils.translation import get_language, gettext


class TranslatedMixin:
    def tr(self, field: str) -> str:
        """FIELD in English when English is active and filled in, else in Thai."""
        return pick(getattr(self, f"{field}_th"), getattr(self, f"{field}_en", None))


def pick(thai: str, english: str | None) -> str:
    """The one way to choose between Thai and English text: English when English is active and
    the English text exists, Thai otherwise (Thai is the language of the product)."""
    if english and (get_language() or "th").startswith("en"):
        return english
    return thai


def pick_text(text: dict[str, str] | None) -> str:
    """`pick` for framework data written as {"th": ..., "en": ...}."""
    if not text:
        return ""
    return pick(text.get("th", ""), text.get("en"))


def stored_message(code: str, message: Any, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """A message kept as data (JSON) so it can be shown later in the reader's language.

    MESSAGE is a lazy gettext string with {placeholders}; what is stored is its English msgid,
    the code and the parameters, never text frozen in one language.
    """
    with translation.override(None):  # no catalogue: the msgid itself
        msgid = str(message)
    return {"code": code, "msgid": msgid, "params": {k: str(v) for k, v in (params or {}).items()}}


def stored_message_text(stored: str | dict[str, Any]) -> str:
    """A `stored_message` in the active language (plain strings from older rows stay as they are)."""
    if isinstance(stored, str):
        return stored
    text = gettext(stored.get("msgid", ""))
    params = stored.get("params") or {}
    return text.format(**params) if params else text
