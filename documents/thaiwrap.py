"""Keep Thai words whole when Chromium wraps lines.

Chromium breaks Thai with ICU's dictionary, which splits compounds an official reads as one
word ("ภาค|รัฐ", "รักษา|การแทน", "ข้อ|บกพร่อง"); ``word-break: keep-all`` does nothing for
Thai there (measured with Chromium 156). So before printing, each Thai word found by
PyThaiNLP's dictionary tokenizer (newmm, maximal matching, which keeps those compounds) is
wrapped in ``<thai-word>`` (a custom element: inline, and no ``span`` rule of a template
matches it) with ``white-space: nowrap``: lines still break between words,
never inside one. Spans add no character, so the PDF's text layer is the source text exactly
(zero-width spaces would end up in it). The dictionary is completed with a few terms of
official correspondence; over-long compounds are cut into their parts so that a narrow table
cell does not strand a short word on the line before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# A dictionary "word" longer than this is a compound of words ("นายกองค์การบริหารส่วนตำบล"):
# kept whole it would leave a short word stranded on the line before, so it is cut again
# into its parts, which are kept whole in turn.
LONGEST_WORD = 12
PART_WORD = 8  # the longest part a long compound is cut into ("องค์การ|บริหาร", not "องค์|การบริหาร")
# Fixed phrases of Thai official correspondence that the general dictionary lacks and that an
# official reads as one word (a signature block never shows "รักษาราชการ / แทน").
OFFICIAL_TERMS = ("รักษาราชการแทน", "ปฏิบัติราชการแทน", "รักษาการแทน", "รักษาการในตำแหน่ง")
# Stems and levels of civil-service position titles the dictionary lacks (it cuts "นัก|จัด|การงาน",
# "ชำนาญ|การ").
EXTRA_WORDS = ("นักจัดการ", "นักพัฒนา", "นักวิเคราะห์", "นักวิชาการ", "นักทรัพยากร", "นักบริหาร", "นักประชาสัมพันธ์",
               "ชำนาญการ", "ชำนาญงาน")
# Bound prefixes that make a noun of the next word (นัก|จัดการ → นักจัดการ, ผู้|อำนวยการ): a line
# never ends on one.
BOUND_PREFIXES = frozenset({"นัก", "ผู้", "ชาว"})

THAI_RUN = re.compile(r"[\u0e01-\u0e4e\u0e50-\u0e59]{2,}")
# Tags, and elements whose text is not laid out as lines (left untouched).
PIECES = re.compile(r"(<(?:style|script|title|textarea)\b.*?</(?:style|script|title|textarea)\s*>|<!--.*?-->|<[^>]*>)",
                    re.S | re.I)
STYLE = "<style>thai-word { white-space: nowrap; }</style>"


@lru_cache(maxsize=2)
def _tokenizer(short: bool) -> Any:  # pythainlp ships no type hints
    from pythainlp.corpus import thai_words as dictionary
    from pythainlp.tokenize import Tokenizer

    words = set(dictionary())
    if short:
        words = {word for word in words if len(word) <= PART_WORD}
    return Tokenizer(custom_dict=words | set(OFFICIAL_TERMS) | set(EXTRA_WORDS), engine="newmm")


def thai_words(text: str) -> list[str]:
    """TEXT (a run of Thai without spaces) cut into words to keep whole on a line."""
    words: list[str] = []
    for word in _tokenizer(False).word_tokenize(text):
        if len(word) > LONGEST_WORD and word not in OFFICIAL_TERMS:
            words.extend(_tokenizer(True).word_tokenize(word))
        elif word:
            words.append(word)
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] in BOUND_PREFIXES:
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def _wrap_run(match: re.Match[str]) -> str:
    words = thai_words(match.group(0))
    return "".join(f"<thai-word>{word}</thai-word>" if len(word) > 1 else word for word in words)


def keep_thai_words(html: str) -> str:
    """HTML with every Thai word of its text in a no-wrap element (tags, styles and scripts untouched)."""
    parts = PIECES.split(html)
    for index in range(0, len(parts), 2):  # even indexes are text between tags
        if THAI_RUN.search(parts[index]):
            parts[index] = THAI_RUN.sub(_wrap_run, parts[index])
    out = "".join(parts)
    head_end = out.find("</head>")
    return out[:head_end] + STYLE + out[head_end:] if head_end >= 0 else STYLE + out
