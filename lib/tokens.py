"""Bearer secrets (API tokens, calendar links, recovery codes): random, and stored only as a
SHA-256 hash. They carry 190+ (or, for recovery codes, about 80) random bits, so a fast hash
is enough: nobody can guess one to test against a leaked hash. Pure: no Django."""

from __future__ import annotations

import hashlib
import secrets


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
