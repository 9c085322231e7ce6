"""Flood resistance for open survey links, without identifying anyone.

- A proof-of-work challenge, signed by the server (django.core.signing), solved in the
  browser by static/js/pow.js; its random nonce is a one-time token for that page load.
- Used nonces and per-client counters live in Django's cache framework, with short expiry.
  The client key is a keyed hash of the address, kept only in the cache, never in the
  database or the logs.

Production with several worker processes needs a shared cache backend (Redis, Memcached or
the database cache) so that one-time tokens and limits hold across workers.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from lib.errors import DomainError
from lib.proof_of_work import pow_valid

from . import conf

POW_SALT = "surveys.pow"


def client_key(remote_addr: str) -> str:
    """An opaque key for one client address; the address itself is not kept anywhere."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"surveys:{remote_addr}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def _window_key(kind: str, client: str, scope: str, seconds: int) -> str:
    return f"surveys:{kind}:{scope}:{client}:{int(time.time()) // seconds}"


def hit(kind: str, client: str, scope: str, limit: tuple[int, int]) -> int:
    """Count one event for CLIENT in SCOPE in the current window; returns the new count."""
    seconds = limit[1]
    key = _window_key(kind, client, scope, seconds)
    cache.add(key, 0, timeout=seconds + 1)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        return 1


def count(kind: str, client: str, scope: str, limit: tuple[int, int]) -> int:
    return int(cache.get(_window_key(kind, client, scope, limit[1]), 0))


def refuse_if_flooding(client: str, scope: str, *, open_link: bool) -> None:
    """Raise when CLIENT has failed too often, or (OPEN_LINK) submitted too often, in SCOPE."""
    failures = conf.failure_limit()
    if count("fail", client, scope, failures) >= failures[0]:
        raise DomainError(
            _("Too many failed attempts from this device. Please wait a few minutes and try again."),
            code="rate_limited",
        )
    if open_link:
        limit = conf.open_link_limit()
        if hit("sent", client, scope, limit) > limit[0]:
            raise DomainError(
                _("Too many answers from this device in a short time. Please wait a few minutes and try again."),
                code="rate_limited",
            )


def record_failure(client: str, scope: str) -> None:
    hit("fail", client, scope, conf.failure_limit())


def challenge_issue(scope: str) -> tuple[str, int]:
    """A fresh signed challenge for SCOPE (campaign code + questionnaire) and its difficulty."""
    bits = conf.pow_bits()
    token = signing.dumps({"s": scope, "n": secrets.token_urlsafe(16), "b": bits}, salt=POW_SALT, compress=False)
    return token, bits


def challenge_check(scope: str, challenge: str, solution: str) -> None:
    """Accept a solved challenge once. Raises DomainError for a missing, forged, stale,
    wrong-scope, unsolved or replayed one."""
    if not challenge or not solution:
        raise DomainError(
            _("The anti-spam check did not finish. Keep this page open until it says it is ready, then send again."),
            code="pow_missing",
        )
    try:
        data = signing.loads(challenge, salt=POW_SALT, max_age=conf.pow_max_age())
    except signing.SignatureExpired:
        raise DomainError(_("This form has been open too long. Please reload the page and answer again."), code="pow_stale") from None
    except signing.BadSignature:
        raise DomainError(_("The anti-spam check failed. Please reload the page and answer again."), code="pow_bad") from None
    if data.get("s") != scope:
        raise DomainError(_("The anti-spam check failed. Please reload the page and answer again."), code="pow_bad")
    if not pow_valid(challenge, solution, int(data["b"])):
        raise DomainError(_("The anti-spam check failed. Please reload the page and answer again."), code="pow_bad")
    # The nonce is a one-time token: the first use wins (cache.add is atomic).
    if not cache.add(f"surveys:nonce:{data['n']}", 1, timeout=conf.pow_max_age() + 60):
        raise DomainError(_("This form was already sent. Reload the page to answer again."), code="pow_replayed")


def challenge_release(challenge: str) -> None:
    """Give the nonce back when the answer could not be stored, so the page can send again."""
    try:
        data = signing.loads(challenge, salt=POW_SALT)
    except signing.BadSignature:
        return
    cache.delete(f"surveys:nonce:{data['n']}")
