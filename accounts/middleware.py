"""The back office asks for the second factor (accounts.two_factor).

A logged-in user who has an authenticator but has not typed a code in this session is sent to
the verify page; an operator, assessor or ITA admin without one is sent to add one. Public
pages, survey forms, logging out and the API (bearer tokens) are not affected.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import has_second_factor, second_factor_required

GATED_PREFIXES = ("/app/", "/accounts/tokens/", "/accounts/two-factor/", "/django-admin/")
# For users who need no second factor: how long the session remembers that (roles can change).
FREE_CACHE_SECONDS = 300
FREE_KEY = "second_factor_free_until"


def second_factor_state(request) -> str | None:
    """'verify', 'enrol' or None (nothing to ask) for the session's user."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if request.session.get(FREE_KEY, 0) > time.time():
        return None
    if has_second_factor(user):
        return "verify"
    if second_factor_required(user):
        return "enrol"
    request.session[FREE_KEY] = time.time() + FREE_CACHE_SECONDS
    return None


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(GATED_PREFIXES):
            state = second_factor_state(request)
            enrolling = request.path.startswith("/accounts/two-factor/")
            if state == "verify" or (state == "enrol" and not enrolling):
                target = reverse("accounts:verify" if state == "verify" else "accounts:two_factor")
                target += "?" + urlencode({"next": request.get_full_path()})
                if request.headers.get("HX-Request") == "true":
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = target
                    return response
                return redirect(target)
        return self.get_response(request)
