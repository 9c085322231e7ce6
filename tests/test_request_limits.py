"""Request bodies are refused from their declared size before anything reads them, and
`check --deploy` names settings a public installation must change."""

import io

import pytest
from django.core.checks import run_checks
from django.test import Client
from django.urls import reverse

MB = 1024 * 1024


class ExplodingStream(io.RawIOBase):
    """A request body that fails the test if anyone reads it."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise AssertionError("the body was read")


def post_declaring(client: Client, path: str, size: int):
    return client.generic("POST", path, data=b"", content_type="application/x-www-form-urlencoded",
                          CONTENT_LENGTH=str(size), **{"wsgi.input": ExplodingStream()})


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/frameworks", "/s/no-such-campaign/"])
def test_an_anonymous_200_mb_post_is_refused_unread(path):
    response = post_declaring(Client(), path, 200 * MB)
    assert response.status_code == 413
    if path.startswith("/api/"):
        body = response.json()
        assert body["code"] == "too_large" and body["message_th"] and body["message_en"]
    else:
        text = response.content.decode()
        assert "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป" in text  # Thai pages show the Thai message (English after EN)


@pytest.mark.django_db
def test_an_anonymous_post_just_over_the_anonymous_limit_is_refused(settings):
    response = post_declaring(Client(), "/accounts/login/", settings.ANON_MAX_BODY_BYTES + 1)
    assert response.status_code == 413


def test_a_logged_in_user_may_send_an_evidence_file_but_not_200_mb(people, settings):
    client = people.client("officer")
    url = reverse("backoffice:home")
    assert post_declaring(client, url, 200 * MB).status_code == 413
    # Within the evidence limit the body is read as usual (here: an empty form to the home page).
    response = client.post(url, data=b"x=1", content_type="application/x-www-form-urlencoded",
                           CONTENT_LENGTH=str(settings.EVIDENCE_MAX_UPLOAD_BYTES))
    assert response.status_code != 413


@pytest.mark.django_db
def test_a_small_anonymous_post_goes_through():
    response = Client().post("/accounts/login/", {"username": "x@example.org", "password": "wrong-password"})
    assert response.status_code == 200


def test_django_refuses_too_many_files_in_one_form(settings):
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 10
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 3 * MB


def deploy_ids(settings) -> set[str]:
    return {message.id for message in run_checks(include_deployment_checks=True) if message.id.startswith("prongsai.")}


def test_check_deploy_warns_when_survey_tokens_are_not_shared(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "prongsai.W001" in deploy_ids(settings)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/9"}}
    assert "prongsai.W001" not in deploy_ids(settings)


def test_check_deploy_warns_when_the_second_factor_is_off(settings):
    settings.SECOND_FACTOR_REQUIRED = False
    assert "prongsai.W002" in deploy_ids(settings)
    settings.SECOND_FACTOR_REQUIRED = True
    assert "prongsai.W002" not in deploy_ids(settings)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/frameworks/ita-2566/", "/app/", "/api/frameworks/"])
def test_a_nul_in_the_query_is_refused_with_a_message(path):
    response = Client().get(path + "?q=%00")
    assert response.status_code == 400
    text = response.content.decode()
    assert ("not allowed" in text) if not path.startswith("/api/") else response.json()["code"] == "bad_query"


def test_a_nul_in_a_form_or_json_body_is_refused_and_nothing_is_saved(people):
    from plans.models import CalendarFeed

    client = people.client("officer")
    url = reverse("plans:calendar_feeds", args=["muangkao"])
    assert client.post(url, {"name": "phone\x00"}).status_code == 400
    assert client.post(url, data='{"name": "a\\u0000"}', content_type="application/json").status_code == 400
    assert not CalendarFeed.objects.exists()
    assert client.post(url, {"name": "phone"}).status_code == 302
