"""The survey pages of the back office: who sees what, progress, results, codes, import."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from surveys.models import AccessCode, Campaign, ImportedScore, Response
from surveys.services import Submission, campaign_set_status, response_submit

from .surveys_helpers import full_answers, in_english, make_campaign, print_codes, questionnaire, surveys_env, unused_code  # noqa: F401

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
        ("post", f"{base}{year}/iit/slips/"),
        ("post", f"{base}{year}/codes/approve/"),
        ("post", f"{base}{year}/results/verify/"),
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
    assert client.get(f"{base}iit/slips/").status_code == 403
    assert client.post(f"{base}iit/slips/", {"count": 1}).status_code == 403
    assert client.post(f"{base}codes/approve/", {"extra": 50, "reason": "x"}).status_code == 403
    assert client.post(f"{base}status/", {"status": "closed"}).status_code == 403
    assert client.post(base, {"iit_mode": "open", "eligible_staff": 1}).status_code == 403
    assert Campaign.objects.get(pk=campaign.pk).iit_mode == "codes"


def test_the_admin_creates_surveys_and_may_print_one_code_per_eligible_staff(people, framework):
    client = in_english(people.client("admin"))
    url = f"/app/a/{people.agency.code}/surveys/"
    page = client.post(url, {"fiscal_year": 2566, "framework": framework.pk, "iit_mode": "codes", "eligible_staff": 25, "agency_group": "sao-m"})
    assert page.status_code == 302
    campaign = Campaign.objects.get(agency=people.agency)
    assert not AccessCode.objects.filter(campaign=campaign).exists()  # codes are made when printed
    slips = client.post(f"{page['Location']}iit/slips/", {"count": 25})
    assert slips.status_code == 200 and slips.content.decode().count('class="slip"') == 25
    assert AccessCode.objects.filter(campaign=campaign, questionnaire="iit").count() == 25
    refused = client.post(f"{page['Location']}iit/slips/", {"count": 1}).content.decode()
    assert "Only 0 more staff codes may be printed" in refused
    detail = client.get(page["Location"]).content.decode()
    assert f"/s/{campaign.public_code}/iit/" in detail and "qr.svg" in detail
    assert AuditEntry.objects.filter(action="surveys.campaign.created", agency=people.agency).exists()
    again = client.post(url, {"fiscal_year": 2566, "framework": framework.pk, "iit_mode": "codes", "eligible_staff": 5})
    assert "already has surveys" in again.content.decode()


def test_more_staff_means_more_codes_but_never_fewer_than_printed(people, campaign):
    client = in_english(people.client("admin"))
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/"
    print_codes(campaign, count=12)
    assert client.post(f"{url}iit/slips/", {"count": 8}).status_code == 200
    assert AccessCode.objects.filter(campaign=campaign, questionnaire="iit").count() == 12
    refused = client.post(url, {"iit_mode": "codes", "eligible_staff": 20}).content.decode()
    assert "only an assessor can raise the number of eligible staff" in refused  # the agency cannot lift its own cap
    assessor = in_english(people.client("assessor"))
    assert assessor.post(url, {"iit_mode": "codes", "eligible_staff": 20}).status_code == 302
    assert client.post(f"{url}iit/slips/", {"count": 8}).content.decode().count('class="slip"') == 8
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


def test_codes_are_shown_once_when_printed_and_the_print_is_audited(people, campaign):
    client = in_english(people.client("admin"))
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/iit/slips/"
    form = client.get(url).content.decode()
    assert "12 more staff codes may be printed" in form and 'class="slip"' not in form
    page = client.post(url, {"count": 12})
    html = page.content.decode()
    assert html.count('class="slip"') == 12 and "<svg" in html and "shown only this once" in html
    assert "no-store" in page["Cache-Control"]
    shown = re.findall(r'<b class="slip-code">([A-Z0-9-]+)</b>', html)
    assert len(set(shown)) == 12
    entry = AuditEntry.objects.get(action="surveys.codes.printed")
    assert entry.actor == people.admin and entry.payload["count"] == 12
    later = client.get(url).content.decode()
    assert not any(code in later for code in shown) and "12</td>" in later  # the print run, as a count
    for model_row in AccessCode.objects.values_list("digest", flat=True):
        assert all(code.replace("-", "") not in model_row for code in shown)


def test_counter_codes_are_printed_for_the_eit(people, campaign):
    client = in_english(people.client("assessor"))
    page = client.post(f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/eit/codes/", {"count": 40})
    assert page.content.decode().count('class="slip"') == 40
    assert AccessCode.objects.filter(campaign=campaign, questionnaire="eit").count() == 40
    assert AuditEntry.objects.filter(action="surveys.codes.printed", actor=people.assessor).exists()


def test_the_counter_code_path_cannot_exceed_the_eligible_staff(people, framework):
    campaign = make_campaign(people, framework, eligible_staff=14)
    client = in_english(people.client("admin"))
    base = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/"
    page = client.post(f"{base}iit/codes/", {"count": 64}).content.decode()
    assert "Only 14 more staff codes may be printed" in page
    assert not AccessCode.objects.filter(campaign=campaign).exists()
    client.post(base, {"iit_mode": "open", "eligible_staff": 14})  # open link mode does not lift the cap
    assert "Only 14 more" in client.post(f"{base}iit/codes/", {"count": 64}).content.decode()
    # The agency cannot approve more itself; an assessor can, with a reason, and it is audited.
    assert client.post(f"{base}codes/approve/", {"extra": 50, "reason": "more staff"}).status_code == 403
    assessor = in_english(people.client("assessor"))
    assert assessor.post(f"{base}codes/approve/", {"extra": 50, "reason": "staff list was out of date"}).status_code == 302
    assert client.post(f"{base}iit/codes/", {"count": 64}).content.decode().count('class="slip"') == 64
    assert AuditEntry.objects.get(action="surveys.codes.approved").payload["reason"] == "staff list was out of date"
    warnings = assessor.get(base).content.decode()
    assert "An assessor approved 50 staff codes beyond the 14 eligible staff" in warnings


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

            challenge, bits = challenge_issue(f"{campaign.public_code}:{code}", campaign)
            sub = Submission(answers=sub.answers, challenge=challenge, solution=pow_solve(challenge, bits), part=part)
        response_submit(campaign=campaign, questionnaire=survey, submission=sub, client=f"client-{code}-{i}")


def test_results_show_progress_in_batches_with_chart_and_table(people, campaign, django_assert_max_num_queries):
    answer(campaign, "iit", 9)
    client = in_english(people.client("assessor"))
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/"
    assert re.search(r"<p class=\"stat\">0 / 12</p>", client.get(url).content.decode())  # 9 wait for a batch of 10
    answer(campaign, "iit", 1)
    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<p class=\"stat\">10 / 12</p>", html)  # 12 staff: fewer than 30, so all of them
    assert "<svg" in html and "<rect" in html and "<table>" in html
    assert "Scores appear when the surveys close" in html  # still running: no scores at all
    assert "i1 " not in html


def test_below_the_threshold_nothing_is_shown_even_after_the_close(people, campaign):
    answer(campaign, "iit", 4)
    campaign_set_status(actor=people.admin, campaign=campaign, status="closed")
    html = in_english(people.client("admin")).get(f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/").content.decode()
    assert re.search(r"<p class=\"stat\">4 / 12</p>", html)  # the close releases the last, smaller batch
    assert "Scores appear once at least 5 people" in html


def test_results_show_indicator_and_question_scores_after_the_close(people, campaign):
    answer(campaign, "iit", 5, pick=-1)
    campaign_set_status(actor=people.admin, campaign=campaign, status="closed")
    html = in_english(people.client("admin")).get(f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/").content.decode()
    # Last option everywhere: 100 on positive rows, 0 on reversed four-level rows, yes/no reversed "no" scores 100.
    assert "Scores per question" in html
    assert re.search(r"<td>1 Performance of duty</td><td>\d+\.\d\d</td>", html)


def test_query_count_does_not_grow_with_responses(people, campaign, django_assert_max_num_queries):
    answer(campaign, "iit", 6)
    answer(campaign, "eit", 6)
    campaign_set_status(actor=people.admin, campaign=campaign, status="closed")
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


def test_scores_the_agency_enters_count_only_once_an_assessor_confirms_them(people, campaign):
    from surveys.selectors import tool_scores

    client = in_english(people.client("admin"))
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/"
    csv_file = SimpleUploadedFile("iit.csv", b"1,100\n2,100\n3,100\n4,100\n5,100\n")
    client.post(url, {"file": csv_file})
    html = client.get(url).content.decode()
    assert "entered by the agency, not verified" in html and "Confirm the official scores" not in html
    assert tool_scores(campaign)["IIT"] is None  # not in the total
    assert client.post(f"{url}verify/").status_code == 403
    assessor = in_english(people.client("assessor"))
    assert assessor.post(f"{url}verify/").status_code == 302
    assert str(tool_scores(campaign)["IIT"]) == "100.00"
    assert "not verified" not in client.get(url).content.decode()
    assert AuditEntry.objects.get(action="surveys.scores.verified").actor == people.assessor


def test_scores_an_assessor_enters_count_at_once(people, campaign):
    from surveys.selectors import tool_scores

    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/"
    in_english(people.client("assessor")).post(url, {"file": SimpleUploadedFile("iit.csv", b"1,90\n2,90\n3,90\n4,90\n5,90\n")})
    assert str(tool_scores(campaign)["IIT"]) == "90.00"


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
    print_codes(campaign, "eit", 10)
    print_codes(campaign, "iit", 80)
    progress = {p.questionnaire.code: p for p in campaign_progress(campaign)}
    assert progress["eit"].codes_issued == 10 and progress["iit"].codes_unused is None  # hidden while open
    campaign_set_status(actor=people.admin, campaign=campaign, status="closed")
    progress = {p.questionnaire.code: p for p in campaign_progress(campaign)}
    assert progress["iit"].codes_unused == 80


def test_the_results_page_speaks_thai_by_default(people, campaign):
    html = people.client("admin").get(f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/").content.decode()
    assert "ความคืบหน้าและผลแบบวัด" in html and "<h2>คะแนน</h2>" in html
