"""Request bodies are capped before anything reads them.

Django refuses over-large form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) only while it parses, and
streams files of any size to disk. This middleware looks at the declared Content-Length first:
an anonymous visitor may send at most ANON_MAX_BODY_BYTES (survey answers and public forms are
small), a logged-in user at most MAX_BODY_BYTES (an evidence file and its form). A larger
request is answered 413 with a bilingual message and its body is never read. A body without a
Content-Length is not read by Django's WSGI handler at all, so it needs no check here.
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


class BodyLimitMiddleware:
    """Refuses a body over the caller's limit from its headers alone.

    It sits before CSRF (which reads the form) and looks up the session's user only for a body
    larger than the anonymous limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        size = declared_length(request)
        if size is not None and size > settings.ANON_MAX_BODY_BYTES:
            limit = settings.MAX_BODY_BYTES if get_user(request).is_authenticated else settings.ANON_MAX_BODY_BYTES
            if size > limit:
                error = BodyTooLarge(_("What was sent is too large; nothing was saved. Send a smaller file."))
                return refusal_response(request, error, as_json=request.path.startswith("/api/"))
        return self.get_response(request)
