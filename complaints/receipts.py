"""The reporter's receipt: a code that finds the report and a separate secret that opens it.

Both are drawn from the operating system's random source in Crockford's base 32 (no I, L, O
or U, so nothing is misread). The code has 16 symbols (80 bits), the secret 20 (100 bits).
The database keeps only a SHA-256 digest of the code, and nothing of the secret: the secret
derives (Argon2id) the key that unwraps the report's key, so a wrong secret simply fails to
decrypt.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_SYMBOLS = 16
SECRET_SYMBOLS = 20
BITS_PER_SYMBOL = 5
# What people mistype, read the way Crockford's base 32 says.
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def _draw(symbols: int) -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(symbols))
    return "-".join(raw[i : i + 4] for i in range(0, symbols, 4))


def new_code() -> str:
    return _draw(CODE_SYMBOLS)


def new_secret() -> str:
    return _draw(SECRET_SYMBOLS)


def normalise(typed: str, symbols: int) -> str | None:
    """TYPED as the canonical grouped form, or None when it cannot be one of ours."""
    cleaned = "".join(ch for ch in typed.upper() if not ch.isspace() and ch != "-").translate(_READ_AS)
    if len(cleaned) != symbols or any(ch not in ALPHABET for ch in cleaned):
        return None
    return "-".join(cleaned[i : i + 4] for i in range(0, symbols, 4))


def digest(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def entropy_bits(symbols: int) -> int:
    return symbols * BITS_PER_SYMBOL
