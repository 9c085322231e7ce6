"""One path from a refused action to a response: an HTML page, an htmx fragment or an API body.

Services raise `lib.errors.DomainError` (with its status and a translatable message); a view
that wants the message beside a form field catches it itself (`form_error`). Anything it does
not catch arrives here, whichever app raised it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from lib.errors import DomainError

# htmx swaps this fragment into the page's refusal area (base.html), whatever the target was.
REFUSAL_TARGET = "#refusals"


def refusal_response(request: HttpRequest, error: DomainError, *, as_json: bool = False) -> HttpResponse:
    if as_json:
        return JsonResponse(error.as_dict(), status=error.status)
    context = {"error": error, "message": error.shown()}
    if getattr(request, "htmx", False):
        response = HttpResponse(render_to_string("_refusal.html", context, request=request), status=error.status)
        response["HX-Retarget"] = REFUSAL_TARGET
        response["HX-Reswap"] = "innerHTML"
        return response
    return HttpResponse(render_to_string("refused.html", context, request=request), status=error.status)


class RefusalMiddleware:
    """Turns an uncaught DomainError from any view into `refusal_response`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return refusal_response(request, exception)
        return None
