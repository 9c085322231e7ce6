"""The second factor: operators, assessors and ITA admins must add an authenticator before the
back office opens; anyone may add one; recovery codes are hashed and work once."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RecoveryCodes
from accounts.two_factor import recovery_hash
from audit.models import AuditEntry

from .conftest import PASSWORD


def password_login(email: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():06d}"


def enrol(client: Client, user) -> list[str]:
    page = client.get(reverse("accounts:two_factor"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(reverse("accounts:two_factor"), {"action": "confirm", "token": code_for(device)})
    assert done.status_code == 200
    return re.findall(r"<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code>", done.content.decode())


@pytest.mark.parametrize("who", ["admin", "assessor", "operator"])
def test_required_roles_are_sent_to_enrol_and_cannot_use_the_back_office(people, who):
    client = password_login(getattr(people, who).email)
    for url in ["/app/", "/app/a/muangkao/", "/accounts/tokens/", "/app/a/muangkao/plans/calendar/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/two-factor/?next=")
    # htmx requests are sent there too, by a header htmx follows.
    response = client.get("/app/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"].startswith("/accounts/two-factor/")


@pytest.mark.parametrize("who", ["officer", "executive", "member", "nobody"])
def test_other_roles_are_offered_it_but_not_forced(people, who):
    client = password_login(getattr(people, who).email)
    assert client.get("/app/").status_code == 200
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert "<svg" in page and "otpauth" not in page  # the QR code, not the raw secret URL


def test_enrolment_shows_a_qr_code_gives_ten_recovery_codes_and_stores_only_hashes(people):
    client = password_login(people.admin.email)
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert "<svg" in page and 'class="secret"' in page
    codes = enrol(client, people.admin)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = RecoveryCodes.objects.get(user=people.admin)
    assert sorted(stored.code_hashes) == sorted(recovery_hash(c) for c in codes)
    assert not any(c.replace("-", "") in str(stored.code_hashes) for c in codes)
    # Enrolling verified this session: the back office opens.
    assert client.get("/app/").status_code == 200
    assert AuditEntry.objects.filter(action="account.second_factor.enrolled", actor=people.admin).count() == 1
    # The codes are shown once: the page afterwards only counts them.
    later = client.get(reverse("accounts:two_factor")).content.decode()
    assert codes[0] not in later and "10" in later


def test_a_wrong_enrolment_code_is_refused_in_both_languages(people):
    client = password_login(people.admin.email)
    client.get(reverse("accounts:two_factor"))
    response = client.post(reverse("accounts:two_factor"), {"action": "confirm", "token": "000000x"})
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=people.admin, confirmed=True).exists()


def test_next_login_asks_for_a_code_and_the_code_opens_the_back_office(people):
    codes = enrol(password_login(people.admin.email), people.admin)
    assert codes
    client = password_login(people.admin.email)
    response = client.get("/app/a/muangkao/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/verify/?next=")
    wrong = client.post(reverse("accounts:verify"), {"token": "123456", "next": "/app/a/muangkao/"})
    assert wrong.status_code == 400 and client.get("/app/").status_code == 302
    device = TOTPDevice.objects.get(user=people.admin, confirmed=True)
    device.throttling_failure_count = 0  # the wrong code above made django-otp wait; skip the wait
    device.throttling_failure_timestamp = None
    device.save()
    # The code used at enrolment cannot be replayed; the next one (30 s on) is accepted.
    replay = client.post(reverse("accounts:verify"), {"token": code_for(device), "next": "/app/a/muangkao/"})
    assert replay.status_code == 400
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post(reverse("accounts:verify"), {"token": code_for(device, steps_ahead=1), "next": "/app/a/muangkao/"})
    assert ok.status_code == 302 and ok["Location"] == "/app/a/muangkao/"
    assert client.get("/app/a/muangkao/").status_code == 200


def test_a_recovery_code_works_once(people):
    codes = enrol(password_login(people.admin.email), people.admin)
    first = password_login(people.admin.email)
    ok = first.post(reverse("accounts:verify"), {"token": codes[0].upper()})  # case and dashes do not matter
    assert ok.status_code == 302 and first.get("/app/").status_code == 200
    assert AuditEntry.objects.filter(action="account.second_factor.recovery_code_used").count() == 1
    second = password_login(people.admin.email)
    again = second.post(reverse("accounts:verify"), {"token": codes[0]})
    assert again.status_code in (400, 429) and second.get("/app/").status_code == 302
    assert len(RecoveryCodes.objects.get(user=people.admin).code_hashes) == 9


def test_repeated_wrong_codes_are_slowed_down_and_audited(people):
    enrol(password_login(people.admin.email), people.admin)
    client = password_login(people.admin.email)
    statuses = [client.post(reverse("accounts:verify"), {"token": "000000"}).status_code for _ in range(3)]
    assert statuses[0] == 400 and statuses[-1] == 429
    assert AuditEntry.objects.filter(action="account.second_factor.failed", actor=people.admin).count() >= 1
    device = TOTPDevice.objects.get(user=people.admin, confirmed=True)
    assert device.throttling_failure_count >= 1


def test_new_recovery_codes_replace_the_old(people):
    client = password_login(people.admin.email)
    old = enrol(client, people.admin)
    page = client.post(reverse("accounts:two_factor"), {"action": "recovery"}).content.decode()
    new = re.findall(r"<code>([a-z2-9-]{19})</code>", page)
    assert len(new) == 10 and not set(new) & set(old)
    other = password_login(people.admin.email)
    assert other.post(reverse("accounts:verify"), {"token": old[1]}).status_code == 400


def test_an_unverified_session_cannot_renew_recovery_codes(people):
    enrol(password_login(people.admin.email), people.admin)
    client = password_login(people.admin.email)
    response = client.post(reverse("accounts:two_factor"), {"action": "recovery"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/verify/")


def test_required_roles_cannot_remove_it_others_can(people):
    admin = password_login(people.admin.email)
    enrol(admin, people.admin)
    refused = admin.post(reverse("accounts:two_factor"), {"action": "remove"})
    assert refused.status_code == 403
    assert TOTPDevice.objects.filter(user=people.admin, confirmed=True).exists()
    officer = password_login(people.officer.email)
    enrol(officer, people.officer)
    assert officer.post(reverse("accounts:two_factor"), {"action": "remove"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=people.officer).exists()
    assert not RecoveryCodes.objects.filter(user=people.officer).exists()


def test_an_officer_who_chose_a_second_factor_must_use_it(people):
    enrol(password_login(people.officer.email), people.officer)
    client = password_login(people.officer.email)
    assert client.get("/app/").status_code == 302


def test_verify_never_redirects_off_site(people):
    codes = enrol(password_login(people.admin.email), people.admin)
    client = password_login(people.admin.email)
    response = client.post(reverse("accounts:verify"), {"token": codes[2], "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/app/"


def test_the_api_bearer_tokens_are_unaffected(people):
    from accounts.services import api_token_create

    issued = api_token_create(user=people.admin, name="script")
    response = Client().get("/api/assessments/", HTTP_AUTHORIZATION=f"Bearer {issued.secret}")
    assert response.status_code == 200


def test_the_setting_turns_it_off_for_the_demo(people, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    assert password_login(people.admin.email).get("/app/").status_code == 200
