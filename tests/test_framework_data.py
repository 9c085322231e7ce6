"""ITA 2566 as shipped follows the seed's OIT matrix: all 43 items, every numbered element,
the responsible division, in clean Thai."""

import re

import pytest

from frameworks.services import DATA_DIR
from lib import yamlio

from .seed import seed_matrix

# OCR in the seed put Devanagari letters inside one Thai word (o21: พัสดุราย).
OCR_FIXES = str.maketrans({"द": "ด", "ु": "ุ", "र": "ร", "ा": "า", "य": "ย"})


@pytest.fixture(scope="module")
def doc():
    return yamlio.safe_load((DATA_DIR / "ita-2566.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def seed_rows(seed_text):
    return seed_matrix(seed_text)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(OCR_FIXES))


def test_all_43_items_in_order(doc):
    assert [item["code"] for item in doc["items"]] == [f"o{n}" for n in range(1, 44)]


def test_the_seed_matrix_lists_43_items(seed_rows):
    assert sorted(seed_rows, key=lambda c: int(c[1:])) == [f"o{n}" for n in range(1, 44)]


def test_titles_match_the_seed(doc, seed_rows):
    for item in doc["items"]:
        assert squash(item["title"]["th"]) == squash(seed_rows[item["code"]][1]), item["code"]


def test_every_numbered_element_of_the_seed_is_a_separate_entry(doc, seed_rows):
    children = {}
    for element in doc["elements"]:
        if element.get("label"):
            item_code = element["id"].split(".")[0]
            children[item_code] = children.get(item_code, 0) + 1
    for code, cells in seed_rows.items():
        numbered = len(re.findall(r"\(\d\)", cells[2]))
        assert children.get(code, 0) == numbered, code


def test_responsible_division_matches_the_seed(doc, seed_rows):
    for item in doc["items"]:
        seed_cell = seed_rows[item["code"]][3]
        responsible = item["responsible"]
        assert responsible["division"]["th"] in seed_cell, item["code"]
        if responsible.get("position"):
            assert responsible["position"]["th"] in seed_cell, item["code"]
        for other in responsible.get("also", []):
            assert other["th"] in seed_cell, item["code"]


def test_text_is_clean_thai_without_ocr_debris(doc):
    texts = [item["title"]["th"] for item in doc["items"]] + [el["text"]["th"] for el in doc["elements"]]
    for text in texts:
        assert not re.search(r"[\u0900-\u097f<>*]", text), text
        assert "  " not in text, text
        assert text == text.strip(), text


def test_every_text_has_an_english_translation(doc):
    for node in doc["items"]:
        assert node["title"].get("en"), node["id"]
    for node in doc["elements"]:
        assert node["text"].get("en"), node["id"]


def test_time_rules_follow_the_seed_wording(doc):
    rules = {item["code"]: item["time_rule"] for item in doc["items"]}
    assert rules["o12"]["kind"] == "covers_period"
    assert str(rules["o12"]["from"]) == "2022-10-01" and str(rules["o12"]["to"]) == "2023-03-31"
    assert rules["o13"]["kind"] == "report_of_period"
    assert rules["o21"]["frequencies"] == ["monthly"] and rules["o21"]["none_statement"] is True
    assert rules["o29"]["none_statement"] is True
    assert rules["o1"]["kind"] == "none"
