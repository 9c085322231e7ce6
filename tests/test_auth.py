import pytest
from django.urls import reverse

from accounts.models import User

from .conftest import PASSWORD


@pytest.mark.real_hashing
def test_passwords_are_hashed_with_argon2(db):
    user = User.objects.create_user(email="a@example.org", password=PASSWORD)
    assert user.password.startswith("argon2")


def test_login_with_email_and_logout(people, client):
    # An officer needs no second factor (tests/test_two_factor.py logs in an ITA admin).
    response = client.post(reverse("accounts:login"), {"username": "officer@a.example", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("backoffice:home")).status_code == 200
    assert client.get(reverse("accounts:logout")).status_code == 405  # logout only by POST (CSRF-protected)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("backoffice:home")).status_code == 302


def test_login_is_throttled_after_repeated_failures(people, client, settings):
    url = reverse("accounts:login")
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(url, {"username": "admin@a.example", "password": "wrong-password"})
        # The failure that reaches the limit already locks.
        assert response.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT else 200)
    locked = client.post(url, {"username": "admin@a.example", "password": PASSWORD})
    assert locked.status_code == 429
    assert "15" in locked.content.decode()  # says how long
    assert client.get(reverse("backoffice:home")).status_code == 302  # not logged in


def test_a_wrong_password_says_so_in_thai(people, client):
    page = client.post(reverse("accounts:login"), {"username": "admin@a.example", "password": "nope"}).content.decode()
    assert "อีเมล" in page or "รหัสผ่าน" in page


def test_the_language_switch_keeps_the_page(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/frameworks/"})
    assert response.status_code == 302 and response["Location"] == "/frameworks/"
    page = client.get("/frameworks/").content.decode()
    assert 'lang="en"' in page and "Framework library" in page
    client.post(reverse("set_language"), {"language": "th", "next": "/frameworks/"})
    assert 'lang="th"' in client.get("/frameworks/").content.decode()


def test_thai_is_the_default_language(client, db):
    page = client.get("/").content.decode()
    assert 'lang="th"' in page


def test_session_and_security_headers(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_lockout_holds_one_account_from_one_address_only(people, settings):
    """django-axes counts failures per account and address together: a guesser at one address
    locks neither the account elsewhere nor other people behind the same address (an office NAT)."""
    from django.test import Client

    url = reverse("accounts:login")
    office = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        office.post(url, {"username": "admin@a.example", "password": "wrong-password"})
    assert office.post(url, {"username": "admin@a.example", "password": PASSWORD}).status_code == 429
    # The same account from another address still logs in ...
    home = Client(REMOTE_ADDR="198.51.100.20")
    assert home.post(url, {"username": "admin@a.example", "password": PASSWORD}).status_code == 302
    # ... and a colleague behind the same office address too.
    colleague = Client(REMOTE_ADDR="203.0.113.7")
    assert colleague.post(url, {"username": "officer@a.example", "password": PASSWORD}).status_code == 302
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
