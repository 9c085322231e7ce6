"""Keep Thai words whole when Chromium wraps lines.

Chromium breaks Thai with ICU's dictionary, which splits compounds an official reads as one
word ("ภาค|รัฐ", "รักษา|การแทน", "ข้อ|บกพร่อง"); ``word-break: keep-all`` does nothing for
Thai there (measured with Chromium 156). So before printing, each Thai word found by
PyThaiNLP's dictionary tokenizer (newmm, maximal matching, which keeps those compounds) is
wrapped in ``<span class="w">`` with ``white-space: nowrap``: lines still break between words,
never inside one. Spans add no character, so the PDF's text layer is the source text exactly
(zero-width spaces would end up in it).
"""

from __future__ import annotations

import re
from functools import lru_cache

THAI_RUN = re.compile(r"[\u0e01-\u0e4e\u0e50-\u0e59]{2,}")
# Tags, and elements whose text is not laid out as lines (left untouched).
PIECES = re.compile(r"(<(?:style|script|title|textarea)\b.*?</(?:style|script|title|textarea)\s*>|<!--.*?-->|<[^>]*>)",
                    re.S | re.I)
STYLE = "<style>.w { white-space: nowrap; }</style>"


@lru_cache(maxsize=1)
def _tokenizer():
    from pythainlp.tokenize import Tokenizer

    return Tokenizer(engine="newmm")


def thai_words(text: str) -> list[str]:
    """TEXT (a run of Thai without spaces) cut into dictionary words."""
    return [word for word in _tokenizer().word_tokenize(text) if word]


def _wrap_run(match: re.Match) -> str:
    words = thai_words(match.group(0))
    return "".join(f'<span class="w">{word}</span>' if len(word) > 1 else word for word in words)


def keep_thai_words(html: str) -> str:
    """HTML with every Thai word of its text in a no-wrap span (tags, styles and scripts untouched)."""
    parts = PIECES.split(html)
    for index in range(0, len(parts), 2):  # even indexes are text between tags
        if THAI_RUN.search(parts[index]):
            parts[index] = THAI_RUN.sub(_wrap_run, parts[index])
    out = "".join(parts)
    head_end = out.find("</head>")
    return out[:head_end] + STYLE + out[head_end:] if head_end >= 0 else STYLE + out
