"""Public survey pages (/s/<code>/...): no login, no session, nothing that identifies anyone.

The respondent's address is used only to derive an expiring cache key (surveys.guard); it is
never stored, and these views log nothing.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lib.errors import DomainError
from lib.thai import today_bangkok
from surveys import guard, services
from surveys.models import Campaign
from surveys.qr import qr_png, qr_svg
from surveys.questionnaires import (
    FIELD_PREFIX,
    questionnaire_get,
    questionnaires_of,
    survey_load,
)

FORM_FIELDS = {"csrfmiddlewaretoken", "stage", "access_code", "pow_challenge", "pow_solution", "part"}
STATUS = {"rate_limited": 429, "closed": 403}


def _campaign(public_code: str) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("agency", "framework"), public_code=public_code)


def _questionnaire(campaign: Campaign, code: str):
    questionnaire = questionnaire_get(campaign.framework, code)
    if questionnaire is None:
        raise Http404
    return questionnaire


def _client(request) -> str:
    return guard.client_key(guard.client_address(request.META))


@require_GET
def landing(request, public_code: str):
    campaign = _campaign(public_code)
    return render(
        request, "surveys/public_landing.html", {"campaign": campaign, "questionnaires": questionnaires_of(campaign.framework)}
    )


def _form_page(request, campaign, questionnaire, *, error: DomainError | None = None, access_code: str = "", posted=None, status=200):
    survey = survey_load(questionnaire)
    posted = posted or {}
    for screen in survey.screens:
        for question in screen.questions:
            for row in question.rows:
                row.selected = posted.get(row.field_name, "")
    open_link = not access_code
    challenge, bits = guard.challenge_issue(services.code_scope(campaign, questionnaire.code), campaign) if open_link else ("", 0)
    parts = questionnaire.parts_for(campaign.agency.kind)
    context = {
        "campaign": campaign,
        "questionnaire": questionnaire,
        "survey": survey,
        "parts": [(part["id"], questionnaire.part_name(part["id"])) for part in parts],
        "selected_part": posted.get("part", ""),
        "access_code": access_code,
        "challenge": challenge,
        "bits": bits,
        "counter_codes": open_link and questionnaire.respondents == "public",
        "step_count": len(survey.screens) + (1 if parts else 0),
        "error": error.bilingual() if error else "",
    }
    return render(request, "surveys/public_form.html", context, status=status)


def _code_page(request, campaign, questionnaire, *, error: DomainError | None = None, status=200):
    context = {"campaign": campaign, "questionnaire": questionnaire, "error": error.bilingual() if error else ""}
    return render(request, "surveys/public_code.html", context, status=status)


def _closed_page(request, campaign, questionnaire, error: DomainError):
    context = {"campaign": campaign, "questionnaire": questionnaire, "error": error.bilingual()}
    return render(request, "surveys/public_closed.html", context, status=STATUS["closed"])


def _parse(post) -> services.Submission:
    answers, extra = {}, []
    for key in post:
        values = post.getlist(key)
        if key.startswith(FIELD_PREFIX) and len(values) == 1:
            answers[key[len(FIELD_PREFIX):]] = values[0]
        elif key not in FORM_FIELDS or len(values) != 1:
            extra.append(key)
    return services.Submission(
        answers=answers,
        part=post.get("part", ""),
        access_code=post.get("access_code", ""),
        challenge=post.get("pow_challenge", ""),
        solution=post.get("pow_solution", ""),
        extra_fields=extra,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request, public_code: str, questionnaire_code: str):
    campaign = _campaign(public_code)
    questionnaire = _questionnaire(campaign, questionnaire_code)
    needs_code = services.uses_codes(campaign, questionnaire)
    if request.method == "GET":
        try:
            services.campaign_accepting(campaign, today_bangkok())
        except DomainError as error:
            return _closed_page(request, campaign, questionnaire, error)
        if needs_code:
            return _code_page(request, campaign, questionnaire)
        return _form_page(request, campaign, questionnaire)

    client = _client(request)
    if request.POST.get("stage") == "code":
        try:
            code = services.access_code_check(
                campaign=campaign, questionnaire=questionnaire, code=request.POST.get("access_code", ""), client=client
            )
        except DomainError as error:
            if error.code == "closed":
                return _closed_page(request, campaign, questionnaire, error)
            return _code_page(request, campaign, questionnaire, error=error, status=STATUS.get(error.code, 400))
        return _form_page(request, campaign, questionnaire, access_code=code)

    submission = _parse(request.POST)
    try:
        services.response_submit(campaign=campaign, questionnaire=questionnaire, submission=submission, client=client)
    except DomainError as error:
        if error.code == "closed":
            return _closed_page(request, campaign, questionnaire, error)
        if needs_code and error.code in ("bad_code", "used_code"):
            return _code_page(request, campaign, questionnaire, error=error, status=400)
        return _form_page(
            request, campaign, questionnaire, error=error, access_code=submission.access_code if needs_code else "",
            posted=request.POST, status=STATUS.get(error.code, 400),
        )
    return redirect("surveys:thanks", public_code=campaign.public_code)


@require_GET
def thanks(request, public_code: str):
    return render(request, "surveys/public_thanks.html", {"campaign": _campaign(public_code)})


def survey_url(request, campaign: Campaign, questionnaire_code: str) -> str:
    return request.build_absolute_uri(reverse("surveys:survey", args=[campaign.public_code, questionnaire_code]))


@require_GET
def qr(request, public_code: str, questionnaire_code: str, fmt: str):
    campaign = _campaign(public_code)
    _questionnaire(campaign, questionnaire_code)
    url = survey_url(request, campaign, questionnaire_code)
    if fmt == "svg":
        response = HttpResponse(qr_svg(url, title=url), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr_png(url), content_type="image/png")
    filename = f"{campaign.public_code}-{questionnaire_code}.{fmt}"
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
