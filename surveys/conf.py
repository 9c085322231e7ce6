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
