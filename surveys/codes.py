"""Short public codes and single-use access codes.

An access code is 8 random characters and 2 check characters (a keyed hash of the campaign,
the questionnaire and the 8 characters), so a mistyped or made-up code is refused without a
database look-up. Letters and digits that look alike (O/0, I/1) are left out.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PUBLIC_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
BODY_LENGTH = 8
CHECK_LENGTH = 2


def public_code_make(length: int = 6) -> str:
    return "".join(secrets.choice(PUBLIC_ALPHABET) for _ in range(length))


def _check(scope: str, body: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"surveys.code:{scope}:{body}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:4], "big")
    chars = []
    for _ in range(CHECK_LENGTH):
        chars.append(ALPHABET[number % len(ALPHABET)])
        number //= len(ALPHABET)
    return "".join(chars)


def access_code_make(scope: str) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + _check(scope, body)


def access_code_normalise(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())[:40]


def access_code_well_formed(scope: str, code: str) -> bool:
    if len(code) != BODY_LENGTH + CHECK_LENGTH or any(ch not in ALPHABET for ch in code):
        return False
    return hmac.compare_digest(_check(scope, code[:BODY_LENGTH]), code[BODY_LENGTH:])


def access_code_display(code: str) -> str:
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def access_code_digest(scope: str, code: str) -> str:
    """What the database keeps of a code: a keyed digest. Without the application's secret key
    nobody holding the database can tell which printed code a row (or a dead row) stands for."""
    return hmac.new(settings.SECRET_KEY.encode(), f"surveys.digest:{scope}:{code}".encode(), hashlib.sha256).hexdigest()
