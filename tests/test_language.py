"""Thai first: Thai for every visitor and account unless they choose English; the browser's
Accept-Language never switches a page; a choice lives on the account (or, for an anonymous
visitor who pressed the switch, in the language cookie)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEntry

from .browser import log_in, browser_page, needs_chromium

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_an_english_browser_still_gets_thai_and_no_language_cookie(db):
    client = Client(**ENGLISH_BROWSER)
    response = client.get("/frameworks/")
    assert 'lang="th"' in response.content.decode()
    assert response["Content-Language"] == "th"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert "Accept-Language" not in response.get("Vary", "")


def test_a_thai_officials_back_office_stays_thai_in_an_english_browser(people):
    client = people.client("admin")
    client.defaults.update(ENGLISH_BROWSER)
    page = client.get(reverse("backoffice:home")).content.decode()
    assert 'lang="th"' in page


def test_the_switch_saves_the_choice_on_the_account_for_every_device(people):
    laptop = people.client("officer")
    response = laptop.post(reverse("set_language"), {"language": "en", "next": "/app/"})
    assert response.status_code == 302 and response["Location"] == "/app/"
    people.officer.refresh_from_db()
    assert people.officer.language == "en"
    assert AuditEntry.objects.filter(action="account.language.changed", actor=people.officer).count() == 1
    phone = people.client("officer")  # another device: no cookie, the account decides
    assert 'lang="en"' in phone.get(reverse("backoffice:home")).content.decode()
    phone.post(reverse("set_language"), {"language": "th", "next": "/app/"})
    people.officer.refresh_from_db()
    assert people.officer.language == "th"
    assert 'lang="th"' in laptop.get(reverse("backoffice:home")).content.decode()


def test_an_anonymous_visitor_keeps_english_in_the_cookie_only_after_choosing(db):
    client = Client()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/frameworks/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert 'lang="en"' in client.get("/frameworks/").content.decode()
    assert User.objects.filter(language="en").count() == 0


def test_the_switch_refuses_an_unknown_language_and_a_foreign_next(db):
    client = Client()
    response = client.post(reverse("set_language"), {"language": "fr", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@needs_chromium
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_chromium_in_english_shows_the_back_office_in_thai(live_server, people):
    from .conftest import PASSWORD

    with browser_page(locale="en-US") as page:
        page.goto(f"{live_server.url}/accounts/login/")
        assert page.locator("html").get_attribute("lang") == "th"
        log_in(page, live_server.url, "admin@a.example", PASSWORD)  # the ITA admin adds a second factor first
        assert page.locator("html").get_attribute("lang") == "th"
        assert "Log out" not in page.inner_text("header")
        page.screenshot(path="/tmp/thai-english-browser-home.png")
