"""Proof of work for open survey links: the browser finds a counter whose SHA-256 hash, taken
with the challenge, starts with enough zero bits. Pure functions, no Django.

The browser side is static/js/pow.js (SubtleCrypto). Both hash the UTF-8 bytes of
"<challenge>:<counter>", the counter written in decimal.
"""

from __future__ import annotations

import hashlib


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + (8 - byte.bit_length())
    return bits


def pow_digest(challenge: str, counter: str) -> bytes:
    return hashlib.sha256(f"{challenge}:{counter}".encode()).digest()


def pow_valid(challenge: str, counter: str, bits: int) -> bool:
    """True when COUNTER (decimal digits only) solves CHALLENGE at BITS of difficulty."""
    if not counter.isascii() or not counter.isdigit() or len(counter) > 12:
        return False
    return leading_zero_bits(pow_digest(challenge, counter)) >= bits


def pow_solve(challenge: str, bits: int) -> str:
    """What the browser does, for tests and the benchmark's load generator."""
    counter = 0
    while not pow_valid(challenge, str(counter), bits):
        counter += 1
    return str(counter)
