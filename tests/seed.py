"""Reading the seed's OIT responsibility matrix (OCR'd text) for tests that compare with it."""

import re

ITEM_NUMBER = re.compile(r"^[o0๐O](\d{1,2})$")
THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def seed_matrix(seed_text: str) -> dict[str, list[str]]:
    """item code → [number, title, elements, responsible], from the 4-column rows."""
    rows = {}
    for line in seed_text.splitlines():
        cells = [re.sub(r"<[^>]+>", " ", c).strip() for c in line.split("\t")]
        if len(cells) == 4:
            number = cells[0].translate(THAI_TO_ARABIC)
            match = ITEM_NUMBER.match(number) or ITEM_NUMBER.match("o" + number.lstrip("๐o0O"))
            if match:
                rows[f"o{int(match.group(1))}"] = cells
    return rows
