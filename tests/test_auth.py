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
