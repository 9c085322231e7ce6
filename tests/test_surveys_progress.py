"""The national and provincial list of agencies below their survey minimums: who sees which
campaigns, the order (most at risk first), the filters, and a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import Role
from agencies.services import membership_grant
from surveys.models import Campaign, Response
from surveys.selectors import campaign_risks

from .conftest import make_agency
from .surveys_helpers import in_english, make_campaign, surveys_env  # noqa: F401

pytestmark = pytest.mark.usefixtures("surveys_env")
URL = "/app/surveys/progress/"


def fill(campaign: Campaign, code: str, n: int) -> None:
    """N responses (counting only: the answers do not matter here)."""
    Response.objects.bulk_create(
        [Response(campaign=campaign, questionnaire=code, submitted_on=timezone.localdate(), answers={}) for _ in range(n)]
    )


def in_days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def agency_campaign(people, framework, code: str, *, province: str = "เชียงใหม่", assessor: bool = True, **kwargs) -> Campaign:
    agency = make_agency(code, name_th=f"อบต. {code}", province=province)
    if assessor:
        membership_grant(actor=None, user=people.assessor, agency=agency, role=Role.ASSESSOR)
    kwargs.setdefault("eligible_staff", 10)
    kwargs.setdefault("service_users", None)
    return make_campaign(people, framework, agency=agency, **kwargs)


def test_the_url_is_named():
    assert reverse("surveys:progress") == URL


def test_most_at_risk_comes_first(people, framework):
    soon = agency_campaign(people, framework, "soon", closes_on=in_days(3))
    agency_campaign(people, framework, "later", closes_on=in_days(20))
    agency_campaign(people, framework, "open-ended")
    agency_campaign(people, framework, "past", opens_on=in_days(-40), closes_on=in_days(-5))
    reached = agency_campaign(people, framework, "reached", eligible_staff=3, closes_on=in_days(1))
    fill(reached, "iit", 3)
    fill(soon, "iit", 9)  # 9 of 10: still below
    rows = campaign_risks(people.operator)
    order = [row.campaign.agency.code for row in rows if row.campaign.agency.code in {"soon", "later", "open-ended", "past", "reached"}]
    assert order == ["soon", "later", "open-ended", "past", "reached"]
    by_code = {row.campaign.agency.code: row for row in rows}
    assert by_code["soon"].days_left == 3 and by_code["soon"].below
    iit = next(c for c in by_code["soon"].counts if c.code == "iit")
    assert (iit.responses, iit.minimum) == (9, 10)
    assert not by_code["past"].running and by_code["past"].days_left == -5
    assert not by_code["reached"].below


def test_the_page_shows_counts_minimums_and_days_left(people, framework):
    campaign = agency_campaign(people, framework, "soon", closes_on=in_days(4))
    fill(campaign, "iit", 2)
    html = in_english(people.client("operator")).get(URL).content.decode()
    assert "อบต. soon" in html and "<b>2</b> / 10" in html and "below the minimum" in html
    assert '<td class="num">4</td>' in html
    assert f'href="/app/a/soon/surveys/{campaign.fiscal_year}/results/"' in html


def test_operators_see_everything_assessors_their_agencies_staff_their_own(people, framework):
    agency_campaign(people, framework, "assessed")  # the assessor holds the assessor role here
    agency_campaign(people, framework, "elsewhere", assessor=False)
    make_campaign(people, framework)  # muangkao: the named staff's agency, and the assessor's
    make_campaign(people, framework, agency=people.other_agency)  # ban-suan: the outsider's

    def seen(who):
        return {row.campaign.agency.code for row in campaign_risks(getattr(people, who))}

    assert seen("operator") == {"assessed", "elsewhere", "muangkao", "ban-suan"}
    assert seen("assessor") == {"assessed", "muangkao"}
    assert seen("admin") == seen("member") == {"muangkao"}
    assert seen("outsider") == {"ban-suan"}
    assert seen("nobody") == set()
    page = people.client("outsider").get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "บ้านสวน" in html and "เมืองเก่า" not in html and "assessed" not in html


def test_anonymous_visitors_are_sent_to_log_in(people):
    response = people.client(None).get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_filter_by_province_and_below_minimum_only(people, framework):
    agency_campaign(people, framework, "cm-below", province="เชียงใหม่")
    reached = agency_campaign(people, framework, "cm-reached", province="เชียงใหม่", eligible_staff=2)
    fill(reached, "iit", 2)
    agency_campaign(people, framework, "lp-below", province="ลำพูน")
    client = in_english(people.client("assessor"))
    html = client.get(URL, {"province": "ลำพูน"}).content.decode()
    assert "lp-below" in html and "cm-below" not in html and "cm-reached" not in html
    assert '<option value="ลำพูน" selected>' in html
    html = client.get(URL, {"below": "1"}).content.decode()
    assert "cm-below" in html and "lp-below" in html and "cm-reached" not in html
    html = client.get(URL, {"province": "เชียงใหม่", "below": "1"}).content.decode()
    assert "cm-below" in html and "lp-below" not in html and "cm-reached" not in html
    assert client.get(URL, {"year": "not-a-year"}).status_code == 200


def test_the_list_is_built_in_a_fixed_number_of_queries(people, framework, django_assert_max_num_queries):
    client = in_english(people.client("assessor"))
    agency_campaign(people, framework, "first", closes_on=in_days(5))
    client.get(URL)  # warm up the session and the framework caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for i in range(12):
        campaign = agency_campaign(people, framework, f"many-{i}", province=f"จังหวัด {i % 4}", closes_on=in_days(i))
        fill(campaign, "iit", i % 5)
        fill(campaign, "eit", i % 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<tr") >= 14
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL, {"below": "1", "province": "จังหวัด 1"}).status_code == 200


def test_the_home_page_links_to_the_list_for_assessors_and_operators_only(people):
    link = f'href="{URL}"'
    assert link in people.client("operator").get("/app/").content.decode()
    assert link in people.client("assessor").get("/app/").content.decode()
    assert link not in people.client("admin").get("/app/").content.decode()
    assert link not in people.client("outsider").get("/app/").content.decode()


def test_the_list_speaks_thai_by_default(people, framework):
    agency_campaign(people, framework, "soon", closes_on=in_days(2))
    html = people.client("operator").get(URL).content.decode()
    assert "ต่ำกว่าจำนวนขั้นต่ำ" in html
