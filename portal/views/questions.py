"""Citizens' questions to an agency: ask without an account (proof of work, rate limits, no
address kept), read the published answers, read a private answer with the receipt code.

The forms carry no CSRF token on purpose: there is no session or login to ride on, and the
signed one-time proof-of-work challenge is what guards the POST. So no page here sets a cookie.
"""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lib.errors import DomainError
from surveys import guard
from transparency import selectors, services

from .public import public_language


def _ask_context(agency, *, error: DomainError | None = None, posted=None) -> dict:
    challenge, bits = guard.challenge_issue(services.question_scope(agency))
    return {
        "agency": agency,
        "profile": selectors.profile_of(agency),
        "questions": list(selectors.published_questions(agency)[:100]),
        "stats": selectors.question_stats(agency),
        "challenge": challenge,
        "bits": bits,
        "error": error.shown() if error else "",
        "error_field": error.field if error else "",
        "posted": posted or {},
    }


@never_cache
@require_http_methods(["GET"])
def questions(request, code: str):
    """Published questions and answers, the counts, and the form to ask (a fresh one-time
    challenge on every load, so this page is never cached)."""
    public_language(request)
    agency = selectors.public_agency(code)
    return render(request, "portal/agency_questions.html", _ask_context(agency))


@never_cache
@csrf_exempt
@require_http_methods(["POST"])
def ask(request, code: str):
    public_language(request)
    agency = selectors.public_agency(code)
    post = request.POST
    try:
        question, receipt = services.question_ask(
            agency=agency,
            text=post.get("text", ""),
            contact=post.get("contact", ""),
            is_private=post.get("is_private") == "on",
            challenge=post.get("pow_challenge", ""),
            solution=post.get("pow_solution", ""),
            client=guard.client_key(guard.client_address(request.META)),
        )
    except DomainError as error:
        context = _ask_context(agency, error=error, posted=post)
        return render(request, "portal/agency_questions.html", context, status=error.status)
    return render(request, "portal/agency_question_sent.html", {"agency": agency, "question": question, "receipt": receipt})


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def receipt(request, code: str):
    """Read the answer to one's own question with the receipt code (POST, so the code stays out of logs)."""
    public_language(request)
    agency = selectors.public_agency(code)
    question = None
    looked = request.method == "POST"
    if looked:
        question = services.question_by_receipt(agency, request.POST.get("receipt", "")[:40])
    status = 404 if looked and question is None else 200
    return render(request, "portal/agency_receipt.html", {"agency": agency, "question": question, "looked": looked}, status=status)
