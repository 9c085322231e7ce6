"""Sealing answers while they wait for their batch (AES-256-GCM from `cryptography`).

The key is derived from the application's SECRET_KEY and never written to the database, so
a dead or live `PendingResponse` row, or its WAL record, says nothing that ties the code
deleted in the same transaction to the answers released later. A sealed blob carries no
time (unlike Fernet tokens): 12 random bytes of nonce, then the ciphertext.
"""

from __future__ import annotations

import hashlib
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

NONCE_BYTES = 12


def _key(secret: str | None = None) -> bytes:
    return hashlib.sha256(f"surveys.seal:{secret or settings.SECRET_KEY}".encode()).digest()


def seal(scope: str, payload: dict) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    data = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return nonce + AESGCM(_key()).encrypt(nonce, data, scope.encode())


def unseal(scope: str, blob: bytes) -> dict | None:
    """The payload, or None when the blob was not sealed for SCOPE with this key (or one of
    SECRET_KEY_FALLBACKS, so that rotating the secret key loses no waiting answer)."""
    blob = bytes(blob)
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        try:
            data = AESGCM(_key(secret)).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], scope.encode())
        except (InvalidTag, ValueError):
            continue
        return json.loads(data)
    return None
