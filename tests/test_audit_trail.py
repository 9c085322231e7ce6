"""The audit trail in sentences: every action code has one, item codes come from the payload,
people are named as the agency knows them, no raw codes and no "None"."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from assessments.models import ItemState
from assessments.rules import TRANSITIONS
from audit.models import AuditEntry
from audit.sentences import FALLBACK, SENTENCES, sentence, sentences
from audit.services import audit_log

ROOT = Path(__file__).resolve().parents[1]
ACTION = re.compile(r"""\baction=(f?)["']([^"']+)["']""")
LITERAL = re.compile(r"""["']([a-z_]+(?:\.[a-z_]+)+)["']""")


def _written_codes() -> set[str]:
    """Every action code the code base writes, with f-string codes expanded and both sides of
    `action="a" if x else "b"` read."""
    codes = set()
    for path in ROOT.rglob("*.py"):
        if any(part in (".venv", "tests", "node_modules") for part in path.parts):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            match = ACTION.search(line)
            if match is None or "." not in match.group(2):
                continue
            is_f, code = match.groups()
            if not is_f:
                codes |= set(LITERAL.findall(line[match.start():]))
            elif code == "oit.item.{transition.target}":
                codes |= {f"oit.item.{t.target}" for t in TRANSITIONS.values()}
            elif code.startswith("surveys.campaign.{"):
                codes |= {"surveys.campaign.opened", "surveys.campaign.closed"}
            elif code == "complaints.report.{to_state}":
                from complaints.models import Report

                codes |= {f"complaints.report.{state}" for state in Report.State.values}
            elif code == "account.password.{how}":
                codes |= {"account.password.changed", "account.password.reset"}
            else:
                raise AssertionError(f"{path}: teach this test the values of {code}")
    return codes


def test_every_action_code_written_anywhere_has_a_sentence():
    codes = _written_codes()
    assert len(codes) > 50 and "oit.item.sent" in codes and "plans.memo.written" in codes
    missing = sorted(codes - set(SENTENCES))
    assert not missing, f"action codes without a sentence: {missing}"


def test_every_sentence_is_translated_to_thai():
    def _in(language, text):
        with translation.override(language):
            return str(text)

    untranslated = [code for code, text in SENTENCES.items() if _in("th", text) == _in("en", text)]
    assert not untranslated and _in("th", FALLBACK) != _in("en", FALLBACK)


@pytest.mark.django_db
def test_an_item_step_reads_as_a_sentence_naming_the_person_and_the_item(people):
    person = people.admin.people.get(agency=people.agency)
    person.title, person.first_name, person.last_name = "นางสาว", "นิภาพร", "วรรณศรี"
    person.save()
    entry = audit_log(actor=people.admin, action="oit.item.accepted", agency=people.agency,
                      payload={"item": "o11", "from": ItemState.SUBMITTED, "to": ItemState.ACCEPTED, "comment": ""})
    with translation.override("th"):
        [(_, who, text)] = sentences([AuditEntry.objects.select_related("actor").get(pk=entry.pk)])
    assert who == "นางสาวนิภาพร วรรณศรี"
    assert text == "นางสาวนิภาพร วรรณศรี ส่งข้อ o11 ให้ผู้บริหารอนุมัติ"


@pytest.mark.django_db
def test_unknown_codes_missing_keys_and_nobody_never_show_codes_or_none(people):
    odd = audit_log(actor=None, action="something.new.happened", agency=people.agency, payload={"x": None})
    gap = audit_log(actor=people.officer, action="oit.item.submitted", agency=people.agency, payload={})
    with translation.override("th"):
        odd_text, gap_text = sentence(odd), sentence(gap)
    assert "something" not in odd_text and "None" not in odd_text and odd_text.startswith("ระบบ")
    assert "None" not in gap_text and "oit." not in gap_text and "—" in gap_text


@pytest.mark.django_db
def test_labels_replace_codes_in_sentences(people):
    entry = audit_log(actor=people.admin, action="agency.role.granted", agency=people.agency,
                      payload={"user": "x@example.org", "role": "executive"})
    with translation.override("th"):
        text = sentence(entry)
    assert "executive" not in text and "x@example.org" in text
