"""Encryption of reports at rest, with libsodium (PyNaCl) and nothing of our own.

- Each report has a random 32-byte key; its text, messages and files are XSalsa20-Poly1305
  secret boxes under that key.
- The key is sealed (X25519 sealed box) to every recipient's public key, and wrapped once more
  under a key the reporter derives from their receipt secret, so both sides can read the
  conversation and nobody else can.
- A recipient's private key is stored only inside a secret box whose key is derived from
  their passphrase with Argon2id. The server never keeps a passphrase or an unlocked key.
"""

from __future__ import annotations

from dataclasses import dataclass

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils
from nacl.public import PrivateKey, PublicKey, SealedBox

KEY_BYTES = nacl.secret.SecretBox.KEY_SIZE
SALT_BYTES = nacl.pwhash.argon2id.SALTBYTES
# Interactive limits: about 0.1 s and 64 MiB per derivation, which also prices each guess
# of a receipt secret or passphrase.
OPSLIMIT = nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE
MEMLIMIT = nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE


class WrongKey(Exception):
    """The passphrase or secret does not open this box."""


def new_key() -> bytes:
    return nacl.utils.random(KEY_BYTES)


def new_salt() -> bytes:
    return nacl.utils.random(SALT_BYTES)


def derive_key(secret: str, salt: bytes) -> bytes:
    return nacl.pwhash.argon2id.kdf(KEY_BYTES, secret.encode("utf-8"), salt, opslimit=OPSLIMIT, memlimit=MEMLIMIT)


def encrypt(key: bytes, plaintext: bytes) -> bytes:
    return bytes(nacl.secret.SecretBox(key).encrypt(plaintext))


def decrypt(key: bytes, ciphertext: bytes) -> bytes:
    try:
        return nacl.secret.SecretBox(key).decrypt(bytes(ciphertext))
    except nacl.exceptions.CryptoError:
        raise WrongKey from None


def seal(public_key: bytes, report_key: bytes) -> bytes:
    return bytes(SealedBox(PublicKey(bytes(public_key))).encrypt(report_key))


def unseal(private_key: PrivateKey, sealed: bytes) -> bytes:
    try:
        return SealedBox(private_key).decrypt(bytes(sealed))
    except nacl.exceptions.CryptoError:
        raise WrongKey from None


@dataclass(frozen=True)
class WrappedKeyPair:
    public_key: bytes
    wrapped_private_key: bytes
    salt: bytes


def keypair_create(passphrase: str) -> WrappedKeyPair:
    private = PrivateKey.generate()
    salt = new_salt()
    wrapped = encrypt(derive_key(passphrase, salt), bytes(private))
    return WrappedKeyPair(bytes(private.public_key), wrapped, salt)


def keypair_unlock(passphrase: str, *, salt: bytes, wrapped_private_key: bytes) -> PrivateKey:
    return PrivateKey(decrypt(derive_key(passphrase, bytes(salt)), wrapped_private_key))


def keypair_rewrap(old: str, new: str, *, salt: bytes, wrapped_private_key: bytes) -> WrappedKeyPair:
    """The same key pair under a new passphrase (a forgotten one cannot be recovered)."""
    private = keypair_unlock(old, salt=salt, wrapped_private_key=wrapped_private_key)
    new_salt_ = new_salt()
    return WrappedKeyPair(bytes(private.public_key), encrypt(derive_key(new, new_salt_), bytes(private)), new_salt_)
