"""Flood resistance for open survey links, without identifying anyone.

- A proof-of-work challenge, signed by the server (django.core.signing), solved in the
  browser by static/js/pow.js; its random nonce is a one-time token for that page load.
- Used nonces and per-client counters live in Django's cache framework, with short expiry.
  The client key is a keyed hash of the address (its /64 for IPv6, the address the trusted
  proxy saw behind a reverse proxy), kept only in the cache, never in the database or logs.
- Wrong codes are counted per address *and* per campaign, once per distinct code: a shared
  address (an office behind one NAT) is never blocked because of other people's guessing.
- The proof of work gets harder as the campaign's recent rate rises above what the agency's
  size explains, so a flood from many addresses costs more and more work.

Production with several worker processes needs a shared cache backend (Redis, Memcached or
the database cache) so that one-time tokens and limits hold across workers.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
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


def client_address(meta: dict) -> str:
    """The respondent's address as the nearest trusted proxy saw it (settings
    TRUSTED_PROXY_COUNT: how many proxies append to X-Forwarded-For), else REMOTE_ADDR.
    An address a client writes into the header itself is never believed."""
    proxies = conf.trusted_proxy_count()
    if proxies > 0:
        hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return meta.get("REMOTE_ADDR", "")


def client_group(address: str) -> str:
    """The unit limits count: an IPv4 address, or the /64 network of an IPv6 one (one
    household or device usually holds a whole /64, so counting single addresses is futile)."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return address[:64]
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_key(remote_addr: str) -> str:
    """An opaque key for one client (its /64 for IPv6); the address itself is not kept anywhere."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"surveys:{client_group(remote_addr)}".encode(), hashlib.sha256)
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


TOO_MANY_CODES = _("Too many wrong codes were tried from this network. Please wait a few minutes and try again.")
CAMPAIGN_UNDER_ATTACK = _(
    "Many wrong codes are being tried on this survey right now. Please wait a few minutes and enter your code again."
)


def _client_code_limit(campaign) -> tuple[int, int]:
    """Distinct wrong codes one address may try: at least the configured limit, and twice the
    staff, so that a whole office behind one address can each mistype twice."""
    base, seconds = conf.failure_limit()
    return max(base, 2 * (campaign.eligible_staff + campaign.extra_codes_approved)), seconds


def refuse_if_guessing(client: str, campaign) -> None:
    """Code pages: refuse an address only when it tried more distinct wrong codes than a whole
    office could mistype (twice the staff). While the campaign as a whole receives a flood of
    wrong codes, that allowance shrinks to the configured base for every address. An address
    with few wrong codes always gets through, so someone else's guessing never locks out a
    shared address, and a right code needs no second try."""
    scope = campaign.public_code
    limit = _client_code_limit(campaign)
    mine = count("codefail", client, scope, limit)
    if mine >= limit[0]:
        raise DomainError(TOO_MANY_CODES, code="rate_limited")
    campaign_limit = conf.code_failure_limit()
    if mine >= conf.failure_limit()[0] and count("codefail", "*", scope, campaign_limit) >= campaign_limit[0]:
        raise DomainError(CAMPAIGN_UNDER_ATTACK, code="rate_limited")


def record_wrong_code(client: str, campaign, code: str, *, well_formed: bool) -> None:
    """Count a wrong code once per address and code (typing the same mistake again is not
    guessing), for the address and for the whole campaign."""
    scope = campaign.public_code
    limit = _client_code_limit(campaign)
    pattern = hashlib.sha256(f"{client}:{code}".encode()).hexdigest()[:16]
    if not cache.add(_window_key("codeseen", pattern, scope, limit[1]), 1, timeout=limit[1] + 1):
        return
    hit("codefail", client, scope, limit)
    hit("codefail", "*", scope, conf.code_failure_limit())


def refuse_if_flooding(client: str, campaign) -> None:
    """Open links: refuse an address (an IPv6 /64) that failed or sent too often in this campaign."""
    scope = campaign.public_code
    failures = conf.failure_limit()
    if count("fail", client, scope, failures) >= failures[0]:
        raise DomainError(
            _("Too many failed attempts from this device. Please wait a few minutes and try again."),
            code="rate_limited",
        )
    limit = conf.open_link_limit()
    if hit("sent", client, scope, limit) > limit[0]:
        raise DomainError(
            _("Too many answers from this device in a short time. Please wait a few minutes and try again."),
            code="rate_limited",
        )


def record_failure(client: str, campaign) -> None:
    hit("fail", client, campaign.public_code, conf.failure_limit())


# --- proof of work whose difficulty follows the campaign's recent rate ---------------------


def record_submission(campaign, questionnaire_code: str) -> None:
    """Count one stored answer for the campaign (no client, no answer: only the rate, and how
    many were stored since the pool was last looked at)."""
    hit("rate", "*", campaign.public_code, (0, conf.pow_rate_window()))
    key = _stored_key(campaign, questionnaire_code)
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=None)


def _stored_key(campaign, questionnaire_code: str) -> str:
    return f"surveys:stored:{campaign.public_code}:{questionnaire_code}"


def stored_since_last_look(campaign, questionnaire_code: str) -> int:
    return int(cache.get(_stored_key(campaign, questionnaire_code), 0))


def looked(campaign, questionnaire_code: str) -> None:
    cache.set(_stored_key(campaign, questionnaire_code), 0, timeout=None)


def recent_rate(campaign) -> int:
    """Answers stored in the current and previous rate windows (so the count never drops to
    0 at a window's edge)."""
    seconds = conf.pow_rate_window()
    now = int(time.time()) // seconds
    keys = [f"surveys:rate:{campaign.public_code}:*:{window}" for window in (now, now - 1)]
    return sum(int(value) for value in cache.get_many(keys).values())


def expected_rate(campaign) -> int:
    """Answers per rate window that need no extra work: what an agency of this size could
    plausibly give at a busy moment (a tenth of staff and service users per minute, at least 10)."""
    size = (campaign.eligible_staff or 0) + (campaign.service_users or 0)
    minutes = max(1, conf.pow_rate_window() // 60)
    return max(10, size * minutes // 10)


def pow_bits_for(campaign) -> int:
    """The base difficulty, plus two bits (four times the work) for every doubling of the
    recent rate above what the agency's size explains, up to conf.pow_max_bits()."""
    base = conf.pow_bits()
    rate, expected = recent_rate(campaign), expected_rate(campaign)
    doublings = 0
    while rate > expected * (2**doublings) and doublings < 32:
        doublings += 1
    return max(base, min(conf.pow_max_bits(), base + 2 * doublings))


def challenge_issue(scope: str, campaign=None) -> tuple[str, int]:
    """A fresh signed challenge for SCOPE (campaign code + questionnaire) and its difficulty."""
    bits = pow_bits_for(campaign) if campaign is not None else conf.pow_bits()
    token = signing.dumps({"s": scope, "n": secrets.token_urlsafe(16), "b": bits}, salt=POW_SALT, compress=False)
    return token, bits


def challenge_check(scope: str, challenge: str, solution: str, *, campaign=None) -> None:
    """Accept a solved challenge once. Raises DomainError for a missing, forged, stale,
    wrong-scope, unsolved, replayed, or (during a flood) too easy one."""
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
    # Challenges fetched before a flood began are too easy now; the form comes back with the
    # answers kept and a harder check (a flood cannot stock up easy challenges in advance).
    if campaign is not None and int(data["b"]) < pow_bits_for(campaign) - 2:
        raise DomainError(
            _("Many answers are arriving right now, so the anti-spam check needs a little longer. Your answers are kept: wait until the page is ready and send again."),
            code="pow_harder",
        )
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
