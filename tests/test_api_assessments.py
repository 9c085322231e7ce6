"""The OIT API: bearer tokens, scoping, the workflow, and errors in Thai and English."""

import pytest

from accounts.services import api_token_create, api_token_revoke
from assessments.models import ItemState

from .oit_helpers import give_officer, open_assessment, set_phase


@pytest.fixture
def assessment(people, framework, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    a = open_assessment(people, framework)
    set_phase(a, "oit-collection")
    give_officer(people, a.items.get(item__code="o1"))
    return a


def auth(people, who):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=getattr(people, who), name='test').secret}"}


def test_no_token_or_a_revoked_one_is_401(people, client, assessment):
    assert client.get("/api/assessments/").status_code == 401
    issued = api_token_create(user=people.admin, name="script")
    api_token_revoke(user=people.admin, token=issued.token)
    assert client.get("/api/assessments/", HTTP_AUTHORIZATION=f"Bearer {issued.secret}").status_code == 401


def test_an_outsider_sees_nothing(people, client, assessment):
    headers = auth(people, "outsider")
    assert client.get("/api/assessments/", **headers).json() == []
    assert client.get(f"/api/assessments/{assessment.pk}/", **headers).status_code == 404
    assert client.get(f"/api/assessments/{assessment.pk}/items/o1/", **headers).status_code == 404
    for path, body in (
        ("evidence", {"base_version": 0, "title": "x", "url": "https://muangkao.go.th/x"}),
        ("transitions", {"action": "submit", "base_version": 0}),
        ("verdict", {"verdict": "pass", "base_version": 0}),
        ("clarification", {"text": "x"}),
        ("confirm", {"base_version": 0}),
    ):
        response = client.post(f"/api/assessments/{assessment.pk}/items/o1/{path}", body, content_type="application/json", **headers)
        assert response.status_code == 404, path
    assert assessment.items.get(item__code="o1").revisions.count() == 0


def test_the_item_path_through_the_api(people, client, assessment):
    officer = auth(people, "officer")
    base = f"/api/assessments/{assessment.pk}/items/o1/"
    item = client.get(base, **officer).json()
    assert item["state"] == "todo" and item["evidence"] is None
    response = client.post(base + "evidence", {"base_version": item["version"], "title": "โครงสร้าง",
                           "url": "https://muangkao.go.th/structure", "effective_date": "2023-01-10", "ticked": ["o1.e1"]},
                           content_type="application/json", **officer)
    assert response.status_code == 200 and response.json() == {"revision": 1}
    item = client.get(base, **officer).json()
    assert item["evidence"]["ticked_elements"] == ["o1.e1"]
    response = client.post(base + "transitions", {"action": "submit", "base_version": item["version"]},
                           content_type="application/json", **officer)
    assert response.json()["state"] == ItemState.SUBMITTED


def test_errors_come_in_thai_and_english(people, client, assessment):
    officer = auth(people, "officer")
    response = client.post(f"/api/assessments/{assessment.pk}/items/o1/evidence",
                           {"base_version": 0, "title": "x", "url": "javascript:alert(1)"},
                           content_type="application/json", **officer)
    body = response.json()
    assert response.status_code == 400 and body["code"] == "bad_scheme" and body["field"] == "url"
    assert body["message_en"] and body["message_th"]


def test_a_stale_version_is_409(people, client, assessment):
    officer = auth(people, "officer")
    url = f"/api/assessments/{assessment.pk}/items/o1/evidence"
    body = {"base_version": 0, "title": "x", "url": "https://muangkao.go.th/x"}
    assert client.post(url, body, content_type="application/json", **officer).status_code == 200
    assert client.post(url, body, content_type="application/json", **officer).status_code == 409


def test_the_assessment_endpoint_takes_a_fixed_number_of_queries(people, client, assessment, django_assert_max_num_queries):
    headers = auth(people, "admin")
    with django_assert_max_num_queries(16):
        response = client.get(f"/api/assessments/{assessment.pk}/", **headers)
    assert response.status_code == 200
    data = response.json()
    assert len(data["items"]) == 43 and data["oit_score"]["preliminary"] is None  # hidden before clarification


def test_the_openapi_schema_lists_the_assessment_endpoints(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/assessments/{pk}/items/{code}/evidence" in paths
    assert "/api/assessments/{pk}/items/{code}/transitions" in paths
