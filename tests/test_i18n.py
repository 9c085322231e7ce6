"""The Thai catalogue is complete and the committed .mo matches it."""

import gettext
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
# The project catalogue and the apps' own (plans, surveys).
CATALOGUES = sorted(p for p in ROOT.glob("**/locale/th/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_there_is_a_thai_catalogue():
    assert ROOT / "locale" / "th" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("PO", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_has_a_thai_translation(PO):
    catalogue = polib.pofile(str(PO))
    missing = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("PO", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalogue_matches_the_po_file(PO):
    catalogue = polib.pofile(str(PO))
    with PO.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            assert compiled._catalog.get((key, 0)) == entry.msgstr_plural[0], entry.msgid
        else:
            assert compiled._catalog.get(key) == entry.msgstr, entry.msgid


@pytest.mark.parametrize("PO", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_placeholders_survive_translation(PO):
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")
    for entry in polib.pofile(str(PO)):
        if entry.msgstr:
            assert sorted(pattern.findall(entry.msgid)) == sorted(pattern.findall(entry.msgstr)), entry.msgid
