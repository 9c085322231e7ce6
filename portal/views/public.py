"""How every public agency page answers: Thai unless ?lang=en, no cookie, no session, a
content ETag with a short public cache, and the agency resolved only if it publishes.

With PUBLIC_PAGE_CACHE_SECONDS set (off by default), a rendered page is also kept in Django's
cache (Redis when REDIS_URL is set) for that long: a change then shows after at most that many
seconds, as browsers and proxies already may keep a page for PUBLIC_MAX_AGE.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

from transparency.selectors import public_agency

PUBLIC_MAX_AGE = 300  # seconds a browser or proxy may reuse a public page without asking


def public_language(request) -> str:
    lang = request.GET.get("lang", "th")
    lang = lang if lang in ("th", "en") else "th"
    translation.activate(lang)
    request.LANGUAGE_CODE = lang
    return lang


def cacheable(response, request, *, max_age: int = PUBLIC_MAX_AGE):
    """A strong ETag from the body, Cache-Control: public, and 304 when the client has it."""
    if response.status_code != 200 or response.streaming:
        return response
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    patch_cache_control(response, public=True, max_age=max_age)
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    return conditional or response


def public_page(view=None, *, agency: bool = True, max_age: int = PUBLIC_MAX_AGE):
    """Decorate a public GET view: `view(request, agency, ...)` when AGENCY, else `view(request, ...)`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            lang = public_language(request)
            seconds = int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 0))
            key = "public:page:" + hashlib.sha256(f"{lang}|{request.get_full_path()}".encode()).hexdigest()
            kept = cache.get(key) if seconds else None
            if kept is not None:
                response = HttpResponse(kept["body"], content_type=kept["type"])
                for header, value in kept["headers"].items():
                    response[header] = value
                response.xframe_options_exempt = kept["frameable"]
            else:
                if agency:
                    args = (public_agency(kwargs.pop("code")), *args)
                response = view(request, *args, **kwargs)
                patch_vary_headers(response, ("Accept-Encoding",))
                if seconds and response.status_code == 200 and not response.streaming:
                    headers = {h: response[h] for h in ("Content-Security-Policy", "Access-Control-Allow-Origin",
                                                         "Content-Disposition", "Vary") if h in response}
                    cache.set(key, {"body": response.content, "type": response["Content-Type"], "headers": headers,
                                    "frameable": getattr(response, "xframe_options_exempt", False)}, seconds)
            return cacheable(response, request, max_age=max_age)

        return wrapper

    return decorator(view) if view else decorator


def not_found(request, exception=None):
    """404 without a cookie for visitors (the usual page's language form would set a CSRF cookie)."""
    from django.shortcuts import render

    if request.user.is_authenticated:
        return render(request, "404.html", status=404)
    public_language(request)
    return render(request, "portal/not_found.html", status=404)
