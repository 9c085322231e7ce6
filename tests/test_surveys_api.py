"""The read-only surveys API: bearer tokens, the same scoping as the pages, counts against
minimums, per-day counts, and scores only above the report threshold."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.services import api_token_create
from surveys.models import Response

from surveys.services import campaign_set_status

from .surveys_helpers import full_answers, make_campaign, print_codes, surveys_env  # noqa: F401

pytestmark = pytest.mark.usefixtures("surveys_env")


def auth(people, who):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=getattr(people, who), name='test').secret}"}


@pytest.fixture
def campaign(people, framework):
    return make_campaign(people, framework, closes_on=timezone.localdate() + dt.timedelta(days=6))


def answer(campaign, code: str, n: int, *, day: dt.date | None = None) -> None:
    answers = full_answers(campaign, code)
    Response.objects.bulk_create(
        [Response(campaign=campaign, questionnaire=code, submitted_on=day or timezone.localdate(), answers=answers) for _ in range(n)]
    )


def test_without_a_token_it_is_401(client, campaign):
    assert client.get("/api/surveys/progress/").status_code == 401
    assert client.get(f"/api/surveys/{campaign.pk}/").status_code == 401
    assert client.get("/api/surveys/progress/", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_an_outsider_sees_nothing(people, client, campaign):
    headers = auth(people, "outsider")
    assert client.get("/api/surveys/progress/", **headers).json() == []
    assert client.get(f"/api/surveys/{campaign.pk}/", **headers).status_code == 404
    assert client.get("/api/surveys/999999/", **headers).status_code == 404


def test_the_list_gives_counts_against_minimums_and_days_left(people, client, campaign):
    answer(campaign, "iit", 3)
    rows = client.get("/api/surveys/progress/", **auth(people, "assessor")).json()
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == campaign.pk and row["agency"] == "muangkao" and row["province"] == "เชียงใหม่"
    assert row["days_left"] == 6 and row["running"] is True and row["below_minimum"] is True
    iit = next(q for q in row["questionnaires"] if q["questionnaire"] == "iit")
    assert iit == {"questionnaire": "iit", "name": iit["name"], "responses": 3, "minimum": 12, "below_minimum": True}


def test_the_list_filters_like_the_page(people, client, campaign, framework):
    make_campaign(people, framework, agency=people.other_agency)
    headers = auth(people, "operator")
    assert {r["agency"] for r in client.get("/api/surveys/progress/", **headers).json()} == {"muangkao", "ban-suan"}
    people.other_agency.province = "ลำพูน"
    people.other_agency.save()
    rows = client.get("/api/surveys/progress/", {"province": "ลำพูน"}, **headers).json()
    assert [r["agency"] for r in rows] == ["ban-suan"]
    answer(campaign, "iit", 12)
    answer(campaign, "eit", 400)
    rows = client.get("/api/surveys/progress/", {"below": "true"}, **headers).json()
    assert [r["agency"] for r in rows] == ["ban-suan"]


def test_one_campaign_gives_counts_per_day_and_hides_scores_below_the_threshold(people, client, campaign):
    today = timezone.localdate()
    answer(campaign, "iit", 2, day=today - dt.timedelta(days=1))
    answer(campaign, "iit", 2, day=today)
    print_codes(campaign, count=12)
    headers = auth(people, "member")
    data = client.get(f"/api/surveys/{campaign.pk}/", **headers).json()
    assert data["agency"] == "muangkao" and data["fiscal_year"] == campaign.fiscal_year
    iit = next(p for p in data["progress"] if p["questionnaire"] == "iit")
    assert iit["responses"] == 4 and iit["minimum"] == 12 and iit["reached"] is False
    assert iit["per_day"] == [
        {"day": (today - dt.timedelta(days=1)).isoformat(), "responses": 2},
        {"day": today.isoformat(), "responses": 2},
    ]
    assert iit["codes_issued"] == 12 and iit["codes_unused"] is None  # a count falling by one would time an answer
    scores = next(s for s in data["scores"] if s["questionnaire"] == "iit")
    assert scores["hidden"] is True and scores["tool_score"] is None and scores["indicators"] is None
    assert scores["report_threshold"] == 5


def test_scores_appear_once_enough_people_answered_and_the_surveys_closed(people, client, campaign):
    answer(campaign, "iit", 5)
    data = client.get(f"/api/surveys/{campaign.pk}/", **auth(people, "assessor")).json()
    scores = next(s for s in data["scores"] if s["questionnaire"] == "iit")
    assert scores["released"] is False and scores["tool_score"] is None
    campaign_set_status(actor=people.admin, campaign=campaign, status="closed")
    data = client.get(f"/api/surveys/{campaign.pk}/", **auth(people, "assessor")).json()
    scores = next(s for s in data["scores"] if s["questionnaire"] == "iit")
    assert scores["hidden"] is False and scores["tool"] == "IIT" and scores["released"] is True
    assert scores["verified"] is True and scores["counts_in_total"] == scores["tool_score"]
    assert set(scores["indicators"]) == {"1", "2", "3", "4", "5"}
    assert all(value is not None and float(value) >= 0 for value in scores["indicators"].values())
    assert scores["tool_score"] is not None


def test_the_api_is_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/surveys/progress/" in paths and "/api/surveys/{campaign_id}/" in paths
