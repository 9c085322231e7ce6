"""The survey pages of the back office: who sees what, progress, results, codes, import."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from surveys.models import AccessCode, Campaign, ImportedScore, Response
from surveys.services import Submission, access_codes_issue, response_submit

from .surveys_helpers import full_answers, in_english, make_campaign, questionnaire, surveys_env, unused_code  # noqa: F401

pytestmark = pytest.mark.usefixtures("surveys_env")


@pytest.fixture
def campaign(people, framework):
    return make_campaign(people, framework)


def agency_urls(campaign):
    base = f"/app/a/{campaign.agency.code}/surveys/"
    year = campaign.fiscal_year
    return [
        ("get", base),
        ("post", base),
        ("get", f"{base}{year}/"),
        ("post", f"{base}{year}/"),
        ("post", f"{base}{year}/status/"),
        ("get", f"{base}{year}/results/"),
        ("post", f"{base}{year}/results/"),
        ("post", f"{base}{year}/eit/codes/"),
        ("get", f"{base}{year}/iit/slips/"),
        ("get", f"{base}{year}/iit/poster/"),
        ("get", f"{base}{year}/poster.pdf"),
        ("get", f"{base}{year}/eit/poster.pdf"),
    ]


def test_an_outsider_gets_404_on_every_agency_survey_page(people, campaign):
    client = people.client("outsider")
    for method, url in agency_urls(campaign):
        assert getattr(client, method)(url).status_code == 404, url
    assert Campaign.objects.get(pk=campaign.pk).status == "open"


def test_anonymous_visitors_are_sent_to_log_in(people, campaign):
    client = people.client(None)
    for method, url in agency_urls(campaign):
        response = getattr(client, method)(url)
        assert response.status_code in (302, 404) and "/s/" not in response.get("Location", ""), url


def test_public_pages_answer_everyone(people, campaign):
    client = people.client("outsider")
    for url in (f"/s/{campaign.public_code}/", f"/s/{campaign.public_code}/iit/", f"/s/{campaign.public_code}/eit/",
                f"/s/{campaign.public_code}/thanks/", f"/s/{campaign.public_code}/eit/qr.svg"):
        assert client.get(url).status_code == 200, url
    assert client.get("/s/unknown/").status_code == 404


def test_an_officer_sees_progress_but_not_the_codes(people, campaign):
    client = people.client("officer")
    base = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}results/").status_code == 200
    assert client.get(f"{base}iit/slips/").status_code == 404
    assert client.post(f"{base}status/", {"status": "closed"}).status_code == 404
    assert client.post(base, {"iit_mode": "open", "eligible_staff": 1}).status_code == 404
    assert Campaign.objects.get(pk=campaign.pk).iit_mode == "codes"


def test_the_admin_creates_surveys_and_gets_one_code_per_eligible_staff(people, framework):
    client = in_english(people.client("admin"))
    url = f"/app/a/{people.agency.code}/surveys/"
    page = client.post(url, {"fiscal_year": 2566, "framework": framework.pk, "iit_mode": "codes", "eligible_staff": 25, "agency_group": "sao-m"})
    assert page.status_code == 302
    campaign = Campaign.objects.get(agency=people.agency)
    assert AccessCode.objects.filter(campaign=campaign, questionnaire="iit").count() == 25
    detail = client.get(page["Location"]).content.decode()
    assert f"/s/{campaign.public_code}/iit/" in detail and "qr.svg" in detail
    assert AuditEntry.objects.filter(action="surveys.campaign.created", agency=people.agency).exists()
    again = client.post(url, {"fiscal_year": 2566, "framework": framework.pk, "iit_mode": "codes", "eligible_staff": 5})
    assert "already has surveys" in again.content.decode()


def test_more_staff_means_more_codes_but_never_fewer(people, campaign):
    client = in_english(people.client("admin"))
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/"
    assert client.post(url, {"iit_mode": "codes", "eligible_staff": 20}).status_code == 302
    assert AccessCode.objects.filter(campaign=campaign, questionnaire="iit").count() == 20
    page = client.post(url, {"iit_mode": "codes", "eligible_staff": 3})
    assert "cannot go below" in page.content.decode()
    assert AccessCode.objects.filter(campaign=campaign, questionnaire="iit").count() == 20


def test_open_link_mode_shows_the_weaker_guarantee(people, campaign):
    client = in_english(people.client("admin"))
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/"
    client.post(url, {"iit_mode": "open", "eligible_staff": 12})
    assert "Weaker guarantee" in client.get(url).content.decode()


def test_the_admin_opens_and_closes_the_surveys(people, campaign):
    client = in_english(people.client("admin"))
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/status/"
    client.post(url, {"status": "closed"})
    assert Campaign.objects.get(pk=campaign.pk).status == "closed"
    assert AuditEntry.objects.filter(action="surveys.campaign.closed").exists()


def test_slips_list_every_unused_code_with_the_link(people, campaign):
    page = in_english(people.client("admin")).get(f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/iit/slips/")
    html = page.content.decode()
    assert html.count('class="slip"') == 12 and "<svg" in html
    code = unused_code(campaign)
    assert f"{code[:4]}-{code[4:8]}-{code[8:]}" in html


def test_counter_codes_can_be_issued_for_the_eit(people, campaign):
    client = in_english(people.client("assessor"))
    client.post(f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/eit/codes/", {"count": 40})
    assert AccessCode.objects.filter(campaign=campaign, questionnaire="eit").count() == 40


def test_the_poster_has_the_agency_the_qr_code_and_how_to_answer(people, campaign):
    html = in_english(people.client("executive")).get(f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/eit/poster/").content.decode()
    assert campaign.agency.name_th in html and "<svg" in html and "@page" not in html
    assert "surveys-print.css" in html and f"/s/{campaign.public_code}/eit/" in html


def answer(campaign, code, n, pick=-1, part=""):
    survey = questionnaire(campaign, code)
    for i in range(n):
        sub = Submission(answers=full_answers(campaign, code, pick), access_code=unused_code(campaign, code) if code == "iit" else "",
                         part=part)
        if code == "eit":
            from lib.proof_of_work import pow_solve
            from surveys.guard import challenge_issue

            challenge, bits = challenge_issue(f"{campaign.public_code}:{code}")
            sub = Submission(answers=sub.answers, challenge=challenge, solution=pow_solve(challenge, bits), part=part)
        response_submit(campaign=campaign, questionnaire=survey, submission=sub, client=f"client-{code}-{i}")


def test_results_show_progress_per_day_with_chart_and_table(people, campaign, django_assert_max_num_queries):
    answer(campaign, "iit", 4)
    client = in_english(people.client("assessor"))
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/"
    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<p class=\"stat\">4 / 12</p>", html)  # 12 staff: fewer than 30, so all of them
    assert "<svg" in html and "<rect" in html and "<table>" in html
    assert "Scores appear once at least 5 people" in html  # below the threshold: nothing shown
    assert "i1 " not in html


def test_results_show_indicator_and_question_scores_above_the_threshold(people, campaign):
    answer(campaign, "iit", 5, pick=-1)
    html = in_english(people.client("admin")).get(f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/").content.decode()
    # Last option everywhere: 100 on positive rows, 0 on reversed four-level rows, yes/no reversed "no" scores 100.
    assert "Scores per question" in html
    assert re.search(r"<td>1 Performance of duty</td><td>\d+\.\d\d</td>", html)


def test_query_count_does_not_grow_with_responses(people, campaign, django_assert_max_num_queries):
    answer(campaign, "iit", 6)
    answer(campaign, "eit", 6)
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/"
    client = in_english(people.client("admin"))
    client.get(url)
    with django_assert_max_num_queries(40):
        assert client.get(url).status_code == 200
    assert Response.objects.count() == 12


def test_official_scores_can_be_imported_from_csv(people, campaign):
    client = in_english(people.client("admin"))
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/"
    csv_file = SimpleUploadedFile("iit.csv", b"indicator,score\n1,90\n2,80.5\n3,70\n4,60\n5,50\n")
    assert client.post(url, {"file": csv_file}).status_code == 302
    assert ImportedScore.objects.filter(campaign=campaign).count() == 5
    html = client.get(url).content.decode()
    assert "imported official scores" in html and "70.10" in html  # mean of the five
    assert AuditEntry.objects.filter(action="surveys.scores.imported").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        ("1,90\n2,80\n", "Indicator 3 is missing"),
        ("1,90\n1,80\n", "appears twice"),
        ("9,90\n", "is not an IIT or EIT indicator"),
        ("1,abc\n", "is not a number"),
        ("1,101\n", "between 0 and 100"),
    ],
)
def test_a_bad_score_file_is_refused_whole(people, campaign, content, message):
    client = in_english(people.client("admin"))
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/"
    page = client.post(url, {"file": SimpleUploadedFile("bad.csv", content.encode())})
    assert message in page.content.decode()
    assert not ImportedScore.objects.exists()


def test_the_agency_nav_links_to_the_surveys(people, campaign):
    html = people.client("member").get(f"/app/a/{campaign.agency.code}/").content.decode()
    assert f'href="/app/a/{campaign.agency.code}/surveys/"' in html


def test_eit_minimum_comes_from_the_agency_group_when_chosen(people, framework):
    from surveys.selectors import campaign_progress

    campaign = make_campaign(people, framework, service_users=None, agency_group="sao-l", eligible_staff=80)
    progress = {p.questionnaire.code: p for p in campaign_progress(campaign)}
    assert progress["eit"].minimum == 50 and progress["iit"].minimum == 30
    access_codes_issue(actor=people.admin, campaign=campaign, questionnaire_code="eit", count=10)
    progress = {p.questionnaire.code: p for p in campaign_progress(campaign)}
    assert progress["eit"].codes_issued == 10 and progress["iit"].codes_unused == 80


def test_the_results_page_speaks_thai_by_default(people, campaign):
    html = people.client("admin").get(f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/").content.decode()
    assert "ความคืบหน้าและผลแบบวัด" in html and "<h2>คะแนน</h2>" in html
