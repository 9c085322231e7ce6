"""One refusal path: a DomainError becomes an HTML page, an htmx fragment or an API body."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lib.errors import ConflictError, DomainError, NotFoundError, PermissionRefused
from prongsai.refusals import RefusalMiddleware, refusal_response


def _request(htmx=False):
    request = RequestFactory().get("/app/x/", **({"HTTP_HX_REQUEST": "true"} if htmx else {}))
    request.htmx = htmx
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return request


def test_each_kind_of_refusal_carries_its_status():
    assert DomainError("x").status == 400
    assert PermissionRefused("x").status == 403
    assert NotFoundError("x").status == 404
    assert ConflictError("x").status == 409
    assert DomainError("x", status=422).status == 422


@pytest.mark.django_db
def test_a_page_shows_the_message_in_the_pages_language_only_with_the_status():
    error = PermissionRefused(_("Your role in this agency does not allow this."))
    with translation.override("th"):
        body = refusal_response(_request(), error).content.decode()
    assert error.in_language("th") in body and "Your role in this agency does not allow this." not in body
    with translation.override("en"):
        response = refusal_response(_request(), error)
    body = response.content.decode()
    assert response.status_code == 403
    assert "Your role in this agency does not allow this." in body and error.in_language("th") not in body
    assert 'role="alert"' in body


@pytest.mark.django_db
def test_an_htmx_request_gets_a_fragment_aimed_at_the_refusal_area():
    response = refusal_response(_request(htmx=True), ConflictError(_("Changed in the meantime")))
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#refusals"
    assert "<html" not in response.content.decode()


def test_the_api_body_has_both_languages_and_the_field():
    response = refusal_response(_request(), DomainError(_("Not found"), field="url"), as_json=True)
    import json

    body = json.loads(response.content)
    assert response.status_code == 400
    assert body["field"] == "url" and body["message_en"] == "Not found" and body["message_th"]


@pytest.mark.django_db
def test_the_middleware_answers_uncaught_refusals_and_leaves_other_errors():
    middleware = RefusalMiddleware(lambda request: None)
    assert middleware.process_exception(_request(), NotFoundError("gone")).status_code == 404
    assert middleware.process_exception(_request(), ValueError("bug")) is None
