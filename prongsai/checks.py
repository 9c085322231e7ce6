"""`manage.py check --deploy` warnings for settings a public installation must not leave as
they are in development."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def shared_cache_check(app_configs=None, **kwargs):
    """Proof-of-work and one-time survey tokens, and rate limits, live in the cache: a
    per-process cache lets each token be used once per worker."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The cache is per process, so survey proof-of-work and one-time tokens can be "
                "replayed once per worker and rate limits count per worker.",
                hint="Set REDIS_URL so every web worker shares one cache.",
                id="prongsai.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def second_factor_check(app_configs=None, **kwargs):
    if not settings.SECOND_FACTOR_REQUIRED:
        return [
            Warning(
                "Operators, assessors and ITA admins can use the back office without a second factor.",
                hint="Unset SECOND_FACTOR_REQUIRED (it is on unless set to 0).",
                id="prongsai.W002",
            )
        ]
    return []
