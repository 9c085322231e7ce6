"""A real Chromium on a phone-sized screen answers one IIT (with a code) and one EIT (with
the in-browser proof of work), one question group per screen."""

import os
from pathlib import Path

import pytest

from surveys.models import PendingResponse, Response

from .surveys_helpers import make_campaign, release_all, surveys_env, unused_code  # noqa: F401

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("surveys_env"),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: install Debian's chromium to run browser tests"),
]


@pytest.fixture
def phone():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="th-TH")
        page = context.new_page()
        yield page
        context.close()
        browser.close()


def answer_every_screen(page) -> int:
    """Answer the visible screen, press Next, until the Send button shows; returns the screens seen."""
    screens = 0
    while True:
        visible = page.locator("section[data-screen]:not([hidden])")
        assert visible.count() == 1, "exactly one question group on screen"
        screens += 1
        names = visible.first.evaluate(
            "s => [...new Set([...s.querySelectorAll('input[type=radio]')].map(i => i.name))]"
        )
        for name in names:
            page.locator(f'section[data-screen]:not([hidden]) input[name="{name}"]').first.check()
        send = page.locator("[data-submit] button[type=submit]")
        if send.is_visible():
            return screens
        page.locator(".screen-nav .btn:not(.secondary)").click()


@pytest.mark.django_db(transaction=True)
def test_a_phone_answers_one_iit_and_one_eit(live_server, people, framework, phone, settings):
    settings.SURVEYS_POW_BITS = 10
    campaign = make_campaign(people, framework)
    page = phone

    page.goto(f"{live_server.url}/s/{campaign.public_code}/iit/")
    page.fill("#id_access_code", unused_code(campaign))
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("[data-progress]:not([hidden])")
    label = page.locator("[data-progress-label]").inner_text()
    assert "1" in label and "5" in label
    assert answer_every_screen(page) == 5
    page.locator("[data-submit] button[type=submit]").click()
    page.wait_for_url(f"**/s/{campaign.public_code}/thanks/")
    assert PendingResponse.objects.filter(questionnaire="iit").count() == 1  # waiting, sealed, for a batch of k

    page.goto(f"{live_server.url}/s/{campaign.public_code}/eit/")
    page.wait_for_selector("[data-progress]:not([hidden])")
    assert answer_every_screen(page) == 3
    page.locator("[data-submit] button[type=submit]").click()  # waits for the proof of work if needed
    page.wait_for_url(f"**/s/{campaign.public_code}/thanks/", timeout=30_000)
    release_all(campaign)
    stored = Response.objects.get(questionnaire="eit")
    assert len(stored.answers) == 19

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page must not scroll sideways on a phone"
