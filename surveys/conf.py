"""Survey knobs, read from Django settings with safe defaults (tests and the bench override them)."""

from django.conf import settings


def pow_bits() -> int:
    """Leading zero bits the browser's proof of work must reach (16: about 65,000 hashes)."""
    return int(getattr(settings, "SURVEYS_POW_BITS", 16))


def pow_max_age() -> int:
    """Seconds a challenge stays valid: long enough to answer the whole form slowly."""
    return int(getattr(settings, "SURVEYS_POW_MAX_AGE", 4 * 3600))


def open_link_limit() -> tuple[int, int]:
    """(submissions, seconds) one client may make on an open link of one campaign."""
    return tuple(getattr(settings, "SURVEYS_OPEN_LINK_LIMIT", (10, 600)))


def failure_limit() -> tuple[int, int]:
    """(failed attempts, seconds) one client may make with wrong codes or bad forms."""
    return tuple(getattr(settings, "SURVEYS_FAILURE_LIMIT", (10, 600)))


MIN_RELEASE_BATCH = 10


def release_batch() -> int:
    """k: answers are released into the results only in batches of at least this many
    (never below 10, whatever the settings say)."""
    return max(MIN_RELEASE_BATCH, int(getattr(settings, "SURVEYS_RELEASE_BATCH", MIN_RELEASE_BATCH)))


def code_failure_limit() -> tuple[int, int]:
    """(wrong codes, seconds) a whole campaign may receive before codes are checked more
    slowly: counted per campaign, not per address, so one office behind one address is not
    locked out by one mistyping colleague and a guesser spreading over addresses gains nothing."""
    return tuple(getattr(settings, "SURVEYS_CODE_FAILURE_LIMIT", (200, 600)))


def pow_rate_window() -> int:
    """Seconds over which a campaign's recent submissions raise the proof-of-work difficulty."""
    return int(getattr(settings, "SURVEYS_POW_RATE_WINDOW", 60))


def pow_max_bits() -> int:
    """The hardest proof of work a flood can push a campaign to (22: about 4 million hashes)."""
    return int(getattr(settings, "SURVEYS_POW_MAX_BITS", 22))


def trusted_proxy_count() -> int:
    """How many reverse proxies in front of the app append to X-Forwarded-For (0: none, use
    REMOTE_ADDR). Only the address the nearest trusted proxy saw is believed."""
    return int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
