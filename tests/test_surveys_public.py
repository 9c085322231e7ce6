"""The public survey pages: codes, proof of work, bad input; nothing stored half-way."""

import datetime as dt
import re

import pytest
from django.core import signing
from django.test import Client

from agencies.models import Agency
from lib.proof_of_work import pow_solve
from surveys.models import Campaign
from surveys.services import campaign_update

from .conftest import make_agency
from .surveys_helpers import (  # noqa: F401
    anonymous, code_unused, form_data, full_answers, make_campaign, print_codes, stored, stored_one, surveys_env, unused_code,
)

pytestmark = pytest.mark.usefixtures("surveys_env")


@pytest.fixture
def campaign(people, framework):
    return make_campaign(people, framework)


def solved(client, url):
    page = client.get(url)
    assert page.status_code == 200
    challenge = re.search(r'name="pow_challenge" value="([^"]+)"', page.content.decode()).group(1)
    bits = signing.loads(challenge, salt="surveys.pow")["b"]
    return {"pow_challenge": challenge, "pow_solution": pow_solve(challenge, bits)}


def iit_url(campaign):
    return f"/s/{campaign.public_code}/iit/"


def eit_url(campaign):
    return f"/s/{campaign.public_code}/eit/"


def test_a_staff_member_answers_the_iit_with_a_code_from_a_slip(campaign):
    client = anonymous()
    page = client.get(iit_url(campaign))
    assert "Access code from your slip" in page.content.decode() or "รหัส" in page.content.decode()
    code = unused_code(campaign)
    shown = f"{code[:4]}-{code[4:8]}-{code[8:]}".lower()
    form = client.post(iit_url(campaign), {"stage": "code", "access_code": shown})
    html = form.content.decode()
    assert form.status_code == 200 and 'name="a:i30.r4"' in html and f'value="{code}"' in html
    assert stored() == 0  # checking a code consumes nothing
    done = client.post(iit_url(campaign), form_data(full_answers(campaign, "iit"), access_code=code))
    assert done.status_code == 302 and done["Location"] == f"/s/{campaign.public_code}/thanks/"
    response = stored_one()
    assert response.questionnaire == "iit" and len(response.answers) == 51
    assert not code_unused(campaign, code)


def test_a_used_code_is_refused_and_stores_nothing(campaign):
    client = anonymous()
    code = unused_code(campaign)
    data = form_data(full_answers(campaign, "iit"), access_code=code)
    assert client.post(iit_url(campaign), data).status_code == 302
    again = client.post(iit_url(campaign), data)
    assert again.status_code == 400
    assert "This code has already been used." in again.content.decode() or "ใช้" in again.content.decode()
    assert stored() == 1
    check = client.post(iit_url(campaign), {"stage": "code", "access_code": code})
    assert check.status_code == 400


def test_a_made_up_code_is_refused(campaign):
    client = anonymous()
    forged = "ABCDEFGHJK"
    page = client.post(iit_url(campaign), form_data(full_answers(campaign, "iit"), access_code=forged))
    assert page.status_code == 400 and stored() == 0
    other = make_campaign_for_other(campaign)
    foreign = unused_code(other)  # a real code of another agency's survey
    page = client.post(iit_url(campaign), form_data(full_answers(campaign, "iit"), access_code=foreign))
    assert page.status_code == 400 and stored() == 0
    assert code_unused(other, foreign)


def make_campaign_for_other(campaign):
    from surveys.services import campaign_create

    return campaign_create(actor=None, agency=Agency.objects.get(code="ban-suan"), framework=campaign.framework, fiscal_year=campaign.fiscal_year, eligible_staff=3)


@pytest.mark.parametrize(
    "tamper, expected",
    [
        (lambda d: d.update({"a:i99.r1": "1"}), "not in this survey"),
        (lambda d: d.update({"a:i1.r1": "7"}), "not among the choices"),
        (lambda d: d.pop("a:i30.r4"), "Please answer every question"),
        (lambda d: d.update({"email": "me@example.org"}), "fields this survey does not have"),
        (lambda d: d.update({"part": "eit-part-users"}), "fields this survey does not have"),
    ],
)
def test_a_tampered_form_gets_a_clear_message_and_stores_nothing(campaign, tamper, expected):
    client = anonymous()
    code = unused_code(campaign)
    data = form_data(full_answers(campaign, "iit"), access_code=code)
    tamper(data)
    page = client.post(iit_url(campaign), data)
    html = page.content.decode()
    assert page.status_code == 400 and expected in html
    assert " — " in html  # Thai — English
    assert stored() == 0 and code_unused(campaign, code)


def test_a_closed_survey_or_one_outside_its_window_takes_no_answers(people, framework):
    campaign = make_campaign(people, framework, status="draft")
    client = anonymous()
    assert client.get(iit_url(campaign)).status_code == 403
    code = unused_code(campaign)
    page = client.post(iit_url(campaign), form_data(full_answers(campaign, "iit"), access_code=code))
    assert page.status_code == 403 and "This survey is not open." in page.content.decode()
    Campaign.objects.filter(pk=campaign.pk).update(status="open")
    campaign.refresh_from_db()
    yesterday = dt.date.today() - dt.timedelta(days=1)
    campaign_update(
        actor=people.admin, campaign=campaign, iit_mode="codes", eligible_staff=12, service_users=None, agency_group="",
        opens_on=yesterday - dt.timedelta(days=30), closes_on=yesterday,
    )
    page = client.post(eit_url(campaign), form_data(full_answers(campaign, "eit"), **solved_without_get(campaign)))
    assert page.status_code == 403 and "This survey closed on" in page.content.decode()
    assert stored() == 0


def solved_without_get(campaign):
    from surveys.guard import challenge_issue

    challenge, bits = challenge_issue(f"{campaign.public_code}:eit", campaign)
    return {"pow_challenge": challenge, "pow_solution": pow_solve(challenge, bits)}


def test_a_service_user_answers_the_eit_on_the_open_link(campaign):
    client = anonymous()
    data = form_data(full_answers(campaign, "eit"), **solved(client, eit_url(campaign)), access_code="")
    assert client.post(eit_url(campaign), data).status_code == 302
    assert stored_one().questionnaire == "eit"
    replay = client.post(eit_url(campaign), data)
    assert replay.status_code == 400 and "already sent" in replay.content.decode()
    assert stored() == 1


def test_the_eit_refuses_a_missing_forged_or_unsolved_proof_of_work(campaign):
    client = anonymous()
    answers = full_answers(campaign, "eit")
    assert client.post(eit_url(campaign), form_data(answers)).status_code == 400
    good = solved(client, eit_url(campaign))
    forged = signing.dumps({"s": f"{campaign.public_code}:eit", "n": "x", "b": 0}, salt="other")
    assert client.post(eit_url(campaign), form_data(answers, pow_challenge=forged, pow_solution="1")).status_code == 400
    bad = client.post(eit_url(campaign), form_data(answers, pow_challenge=good["pow_challenge"], pow_solution="x"))
    assert bad.status_code == 400 and "anti-spam check failed" in bad.content.decode()
    iit_scope = solved(client, iit_url(campaign)) if False else None  # IIT is in code mode here
    assert iit_scope is None and stored() == 0


def test_a_proof_of_work_for_another_survey_does_not_count(people, framework):
    one = make_campaign(people, framework)
    two = make_campaign_for_other(one)
    Campaign.objects.filter(pk=two.pk).update(status="open")
    client = anonymous()
    stolen = solved(client, eit_url(two))
    assert client.post(eit_url(one), form_data(full_answers(one, "eit"), **stolen)).status_code == 400
    assert stored() == 0


def test_a_counter_code_replaces_the_proof_of_work(campaign, people):
    code = print_codes(campaign, "eit", 2, actor=people.admin)[0]
    client = anonymous()
    assert client.post(eit_url(campaign), form_data(full_answers(campaign, "eit"), access_code=code)).status_code == 302
    assert client.post(eit_url(campaign), form_data(full_answers(campaign, "eit"), access_code=code)).status_code == 400
    assert stored() == 1


def test_a_burst_from_one_client_is_slowed_down(campaign, settings):
    settings.SURVEYS_OPEN_LINK_LIMIT = (3, 600)
    client = anonymous(ip="198.51.100.7")
    answers = full_answers(campaign, "eit")
    statuses = [client.post(eit_url(campaign), form_data(answers, **solved(client, eit_url(campaign)))).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert stored() == 3
    page = client.post(eit_url(campaign), form_data(answers, **solved(client, eit_url(campaign))))
    assert "Too many answers from this device" in page.content.decode()
    other = anonymous(ip="198.51.100.8")  # someone else is not blocked
    assert other.post(eit_url(campaign), form_data(answers, **solved(other, eit_url(campaign)))).status_code == 302


def test_guessing_codes_gets_an_address_blocked_only_beyond_what_a_whole_office_could_mistype(campaign, settings):
    settings.SURVEYS_FAILURE_LIMIT = (3, 600)  # raised to twice the 12 eligible staff: 24 distinct wrong codes
    client = anonymous(ip="198.51.100.9")
    for n in range(24):
        assert client.post(iit_url(campaign), {"stage": "code", "access_code": f"AAAAAAA{n:03d}"}).status_code == 400
    blocked = client.post(iit_url(campaign), {"stage": "code", "access_code": unused_code(campaign)})
    assert blocked.status_code == 429 and "Too many wrong codes were tried from this network" in blocked.content.decode()
    neighbour = anonymous(ip="198.51.100.10")
    assert neighbour.post(iit_url(campaign), {"stage": "code", "access_code": unused_code(campaign)}).status_code == 200


def test_an_agency_answering_in_two_parts_must_say_which_part(people, framework):
    university = make_agency("chiang-u", kind="university", name_th="มหาวิทยาลัยทดสอบ")
    campaign = make_campaign(people, framework, agency=university)
    client = anonymous()
    page = client.get(eit_url(campaign))
    assert 'name="part"' in page.content.decode()
    answers = full_answers(campaign, "eit")
    missing = client.post(eit_url(campaign), form_data(answers, **solved(client, eit_url(campaign))))
    assert missing.status_code == 400 and stored() == 0
    data = form_data(answers, part="eit-part-partners", **solved(client, eit_url(campaign)))
    assert client.post(eit_url(campaign), data).status_code == 302
    assert stored_one().part == "eit-part-partners"


def test_open_link_mode_lets_staff_answer_without_a_code(campaign, people):
    campaign_update(actor=people.admin, campaign=campaign, iit_mode="open", eligible_staff=12, service_users=None, agency_group="", opens_on=None, closes_on=None)
    client = anonymous()
    page = client.get(iit_url(campaign))
    assert 'name="pow_challenge"' in page.content.decode() and "Got a code" not in page.content.decode()
    assert client.post(iit_url(campaign), form_data(full_answers(campaign, "iit"), **solved(client, iit_url(campaign)))).status_code == 302


def test_the_form_is_thai_first_with_fieldsets_and_labels(campaign):
    client = Client(REMOTE_ADDR="203.0.113.9")
    html = client.get(eit_url(campaign)).content.decode()
    assert 'lang="th"' in html and "น้อยที่สุดหรือไม่มีเลย" in html
    assert html.count("<fieldset") >= 15 and "<legend>" in html
    assert re.search(r'<label class="choice"><input type="radio" name="a:e1.r1" value="1" required>', html)
    assert "js/survey.js" in html and "js/pow.js" in html
    assert "ส่งคำตอบ" in html and 'data-step-format="ขั้นที่ %(n)s จาก %(total)s"' in html


def test_survey_pages_set_no_cookie_but_csrf(campaign):
    client = anonymous()
    page = client.get(eit_url(campaign))
    assert set(page.cookies) <= {"csrftoken"}
    done = client.post(eit_url(campaign), form_data(full_answers(campaign, "eit"), **solved(client, eit_url(campaign))))
    assert done.status_code == 302 and set(done.cookies) <= {"csrftoken"}
