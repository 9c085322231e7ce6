"""Deployment checks of the survey app (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def trusted_proxy_set(app_configs, **kwargs):
    if getattr(settings, "TRUSTED_PROXY_COUNT", None) is None:
        return [
            Warning(
                "TRUSTED_PROXY_COUNT is not set. Behind a reverse proxy every survey respondent then "
                "looks like the proxy's address, so per-address limits count everyone together.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For "
                "(0 when the app faces the internet directly).",
                id="surveys.W001",
            )
        ]
    return []
