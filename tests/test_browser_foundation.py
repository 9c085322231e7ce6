"""A person in Chromium: logs in, switches language, browses and searches the framework."""

import os

import pytest

from agencies.demo import DEMO_PASSWORD, demo_load
from frameworks.services import DATA_DIR, framework_load

from .browser import browser_page, log_in, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOT_DIR")


def shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_login_switch_language_and_browse_the_framework(live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    framework_load(path=DATA_DIR / "ita-2566.yaml")
    demo_load()
    with browser_page() as page:
        page.goto(live_server.url + "/accounts/login/")
        assert page.locator("html").get_attribute("lang") == "th"
        log_in(page, live_server.url, "nipaporn@muangkao.example", DEMO_PASSWORD, wait_for="**/app/")
        page.click("text=องค์การบริหารส่วนตำบลเมืองเก่า")
        page.click("nav.tabs >> text=คณะทำงาน")
        page.click("text=17/2566")
        assert "นายอุทัย พวงลังกา" in page.inner_text("main")
        shot(page, "working-group-th")

        page.click("header .lang button")
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "en"
        assert "Working group" in page.inner_text("nav.tabs")

        page.goto(live_server.url + "/frameworks/ita-2566/")
        # htmx asks for the filtered tree (waited for by its response: Playwright's string
        # predicates use eval, which our CSP forbids).
        with page.expect_response(lambda response: "q=" in response.url):
            page.fill("#q", "ร้องเรียน")
        page.wait_for_timeout(200)  # the swap follows the response
        tree = page.inner_text("#tree")
        assert "o27" in tree and "o28" in tree and "o1 " not in tree
        shot(page, "framework-search-en")
        page.click("text=o28")
        assert "o28" in page.inner_text("h1")


def test_the_framework_is_usable_on_a_phone(live_server):
    framework_load(path=DATA_DIR / "ita-2566.yaml")
    with browser_page(viewport={"width": 390, "height": 844}) as page:
        page.goto(live_server.url + "/frameworks/ita-2566/")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"page is {width}px wide on a 390px phone"
        shot(page, "framework-phone-th")
