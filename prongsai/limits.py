"""Request bodies are capped before anything reads them, and query strings carry no NUL.

Django refuses over-large form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) only while it parses, and
streams files of any size to disk. This middleware looks at the declared Content-Length first:
an anonymous visitor may send at most ANON_MAX_BODY_BYTES (survey answers and public forms are
small), a logged-in user at most MAX_BODY_BYTES (an evidence file and its form). A larger
request is answered 413 with a bilingual message and its body is never read. A body without a
Content-Length is not read by Django's WSGI handler at all, so it needs no check here.

A NUL character in the query string, a form (urlencoded) or a JSON body is refused with 400:
no page needs one, and PostgreSQL can neither store nor compare one (a search or a save would
fail with a server error). Uploaded files are left to the upload checks.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user
from django.utils.translation import gettext_lazy as _

from lib.errors import DomainError

from .refusals import refusal_response


class BodyTooLarge(DomainError):
    status = 413

    def __init__(self, message):
        super().__init__(message, code="too_large")


def declared_length(request) -> int | None:
    """The Content-Length the client declared, or None when it sent none or a malformed one."""
    raw = request.META.get("CONTENT_LENGTH") or ""
    try:
        value = int(raw)
    except ValueError:
        return None
    return value if value >= 0 else None


class NulCharacter(DomainError):
    def __init__(self, message):
        super().__init__(message, code="bad_query")


FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def has_nul(query_string: str) -> bool:
    return "\x00" in query_string or "%00" in query_string


def body_has_nul(request) -> bool:
    """A NUL in a form field (not in an uploaded file) or anywhere in a JSON body."""
    if request.content_type in FORM_TYPES:
        return any("\x00" in value for values in request.POST.lists() for value in values[1])
    if request.content_type == "application/json":
        return b"\\u0000" in request.body or b"\x00" in request.body
    return False


class RequestLimitsMiddleware:
    """Refuses a body over the caller's limit from its headers alone, and a NUL in the query.

    It sits before CSRF (which reads the form) and looks up the session's user only for a body
    larger than the anonymous limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        as_json = request.path.startswith("/api/")
        if has_nul(request.META.get("QUERY_STRING", "")):
            error = NulCharacter(_("The address contains a character that is not allowed (NUL)."))
            return refusal_response(request, error, as_json=as_json)
        size = declared_length(request)
        if size is not None and size > settings.ANON_MAX_BODY_BYTES:
            limit = settings.MAX_BODY_BYTES if get_user(request).is_authenticated else settings.ANON_MAX_BODY_BYTES
            if size > limit:
                error = BodyTooLarge(_("What was sent is too large; nothing was saved. Send a smaller file."))
                return refusal_response(request, error, as_json=as_json)
        if size and body_has_nul(request):
            error = NulCharacter(_("What was sent contains a character that is not allowed (NUL); nothing was saved."))
            return refusal_response(request, error, as_json=as_json)
        return self.get_response(request)
