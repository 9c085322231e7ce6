"""Flood resistance without locking people out: the attacks of issue 9 replayed.

- an office of staff behind one address (NAT), some mistyping, all get in;
- a guesser is stopped per address, and a flood of wrong codes shrinks every address's allowance;
- 60 answers from 60 addresses in a few seconds: the proof of work gets harder as the rate rises,
  and challenges stocked before the flood no longer pass;
- an IPv6 /64 counts as one client; the client address comes from the trusted proxy only.
"""

import re

import pytest
from django.core import signing
from django.core.management import call_command

from lib.proof_of_work import pow_solve
from surveys import guard
from surveys.services import campaign_update

from .surveys_helpers import anonymous, form_data, full_answers, make_campaign, print_codes, stored, surveys_env  # noqa: F401

pytestmark = pytest.mark.usefixtures("surveys_env")


def iit(campaign):
    return f"/s/{campaign.public_code}/iit/"


def eit(campaign):
    return f"/s/{campaign.public_code}/eit/"


def challenge_of(page) -> tuple[str, int]:
    challenge = re.search(r'name="pow_challenge" value="([^"]+)"', page.content.decode()).group(1)
    return challenge, signing.loads(challenge, salt="surveys.pow")["b"]


def test_a_whole_office_behind_one_address_gets_in_even_with_typos(people, framework):
    campaign = make_campaign(people, framework, eligible_staff=40)
    codes = print_codes(campaign, count=40)
    office = anonymous(ip="203.0.113.50")  # one NAT address for everyone
    answers = full_answers(campaign, "iit")
    for n, code in enumerate(codes):
        if n % 2 == 0:  # half the office mistypes once, a quarter twice the same way
            wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
            for _ in range(1 + n % 4 // 2):
                assert office.post(iit(campaign), {"stage": "code", "access_code": wrong}).status_code == 400
        assert office.post(iit(campaign), {"stage": "code", "access_code": code}).status_code == 200, n
        assert office.post(iit(campaign), form_data(answers, access_code=code)).status_code == 302, n
    assert stored() == 40


def test_a_guesser_is_stopped_without_stopping_the_office_next_door(people, framework, settings):
    settings.SURVEYS_CODE_FAILURE_LIMIT = (50, 600)
    campaign = make_campaign(people, framework, eligible_staff=12)  # allowance: 24 distinct wrong codes per address
    codes = print_codes(campaign, count=12)
    guesser = anonymous(ip="198.51.100.66")
    statuses = [guesser.post(iit(campaign), {"stage": "code", "access_code": f"GUESS{n:05d}"}).status_code for n in range(30)]
    assert statuses[:24] == [400] * 24 and set(statuses[24:]) == {429}
    # Spread over many addresses the guessing floods the campaign: every address's allowance
    # shrinks to the base (10), yet an address with a right code still gets straight in.
    for n in range(30):
        anonymous(ip=f"198.51.100.{100 + n}").post(iit(campaign), {"stage": "code", "access_code": f"SPREAD{n:04d}"})
    office = anonymous(ip="203.0.113.50")
    assert office.post(iit(campaign), {"stage": "code", "access_code": codes[0]}).status_code == 200
    for n in range(10):
        office.post(iit(campaign), {"stage": "code", "access_code": f"TYPO{n:06d}"})
    refused = office.post(iit(campaign), {"stage": "code", "access_code": codes[1]})
    assert refused.status_code == 429 and "Many wrong codes are being tried on this survey" in refused.content.decode()


def test_the_same_wrong_code_typed_again_counts_once(people, framework, settings):
    settings.SURVEYS_FAILURE_LIMIT = (3, 600)
    campaign = make_campaign(people, framework, eligible_staff=1)  # allowance: max(3, 2) = 3
    code = print_codes(campaign)[0]
    client = anonymous(ip="203.0.113.77")
    for _ in range(20):
        assert client.post(iit(campaign), {"stage": "code", "access_code": "ABCDEFGHJK"}).status_code == 400
    assert client.post(iit(campaign), {"stage": "code", "access_code": code}).status_code == 200


def test_sixty_answers_from_sixty_addresses_make_the_proof_of_work_ever_harder(people, framework, settings):
    settings.SURVEYS_POW_MAX_BITS = 14
    settings.SURVEYS_OPEN_LINK_LIMIT = (10, 600)
    campaign = make_campaign(people, framework, eligible_staff=12, service_users=100)  # plausible: ~11 a minute
    answers = full_answers(campaign, "eit")
    bits_seen, work = [], 0
    for n in range(60):
        client = anonymous(ip=f"192.0.2.{n + 1}")
        challenge, bits = challenge_of(client.get(eit(campaign)))
        bits_seen.append(bits)
        work += 2**bits
        data = form_data(answers, pow_challenge=challenge, pow_solution=pow_solve(challenge, bits))
        assert client.post(eit(campaign), data).status_code == 302
    assert bits_seen[0] == 4 and bits_seen[-1] >= 4 + 6  # at least 64 times the work per answer
    assert work >= 20 * 60 * 2**4  # the flood as a whole cost twenty times the work of a calm day
    assert bits_seen == sorted(bits_seen)


def test_challenges_stocked_before_a_flood_no_longer_pass(people, framework, settings):
    settings.SURVEYS_POW_MAX_BITS = 14
    campaign = make_campaign(people, framework, eligible_staff=12, service_users=100)
    answers = full_answers(campaign, "eit")
    stock = []
    for n in range(60):  # the attacker fetches easy challenges while all is calm ...
        client = anonymous(ip=f"192.0.2.{n + 1}")
        challenge, bits = challenge_of(client.get(eit(campaign)))
        stock.append((client, challenge, pow_solve(challenge, bits)))
    statuses = [client.post(eit(campaign), form_data(answers, pow_challenge=c, pow_solution=s)).status_code for client, c, s in stock]
    assert statuses.count(302) <= 25 and statuses[-1] == 400  # ... and most of them bounce
    late = stock[-1][0].post(eit(campaign), form_data(answers, pow_challenge=stock[-2][1], pow_solution=stock[-2][2]))
    html = late.content.decode()
    assert "needs a little longer" in html and 'checked' in html  # the answers are kept for the next try
    _c, bits = challenge_of(late)
    assert bits >= 8  # and the new challenge is harder


def test_an_ipv6_64_is_one_client(people, framework, settings):
    settings.SURVEYS_OPEN_LINK_LIMIT = (5, 600)
    campaign = make_campaign(people, framework)
    answers = full_answers(campaign, "eit")
    statuses = []
    for n in range(8):
        client = anonymous(ip=f"2001:db8:1:2::{n + 1:x}")
        challenge, bits = challenge_of(client.get(eit(campaign)))
        statuses.append(client.post(eit(campaign), form_data(answers, pow_challenge=challenge, pow_solution=pow_solve(challenge, bits))).status_code)
    assert statuses == [302] * 5 + [429] * 3
    other = anonymous(ip="2001:db8:1:3::1")  # the next /64 is someone else
    challenge, bits = challenge_of(other.get(eit(campaign)))
    assert other.post(eit(campaign), form_data(answers, pow_challenge=challenge, pow_solution=pow_solve(challenge, bits))).status_code == 302


def test_the_client_address_comes_from_the_trusted_proxy_only(settings):
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"}
    settings.TRUSTED_PROXY_COUNT = None
    assert guard.client_address(meta) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert guard.client_address(meta) == "203.0.113.9"  # what our proxy saw; 6.6.6.6 was written by the client
    settings.TRUSTED_PROXY_COUNT = 2
    assert guard.client_address(meta) == "6.6.6.6"
    assert guard.client_address({"REMOTE_ADDR": "10.0.0.1"}) == "10.0.0.1"
    assert guard.client_group("2001:db8:1:2:aaaa::1") == guard.client_group("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert guard.client_group("::ffff:192.0.2.1") == "192.0.2.1"


def test_behind_a_proxy_two_offices_are_two_clients(people, framework, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SURVEYS_FAILURE_LIMIT = (3, 600)
    campaign = make_campaign(people, framework, eligible_staff=1)
    code = print_codes(campaign)[0]
    for n in range(3):
        anonymous(ip="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1").post(iit(campaign), {"stage": "code", "access_code": f"BAD{n:07d}"})
    assert anonymous(ip="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1").post(iit(campaign), {"stage": "code", "access_code": code}).status_code == 429
    assert anonymous(ip="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2").post(iit(campaign), {"stage": "code", "access_code": code}).status_code == 200


def test_check_deploy_warns_while_the_proxy_count_is_unset(settings, capsys):
    settings.TRUSTED_PROXY_COUNT = None
    from django.core.checks import run_checks

    assert "surveys.W001" in {m.id for m in run_checks(include_deployment_checks=True)}
    settings.TRUSTED_PROXY_COUNT = 0
    assert "surveys.W001" not in {m.id for m in run_checks(include_deployment_checks=True)}
    call_command("check", "--deploy", "--fail-level", "CRITICAL")  # runs, and only warns


def test_open_link_staff_survey_is_flood_checked_too(people, framework):
    campaign = make_campaign(people, framework)
    campaign_update(actor=people.admin, campaign=campaign, iit_mode="open", eligible_staff=12, service_users=None,
                    agency_group="", opens_on=None, closes_on=None)
    client = anonymous()
    challenge, bits = challenge_of(client.get(iit(campaign)))
    assert client.post(iit(campaign), form_data(full_answers(campaign, "iit"), pow_challenge=challenge, pow_solution="x")).status_code == 400
