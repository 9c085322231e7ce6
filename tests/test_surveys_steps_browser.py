"""Survey steps on a phone (390 px): Back never on the first step, Next never on the last, and
no click (not even one a script sends to a hidden button) reaches an empty step."""

import re

import pytest

from .browser import browser_page, needs_chromium
from .surveys_helpers import make_campaign, surveys_env, unused_code  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("surveys_env"), needs_chromium]

STEP = re.compile(r"ขั้นที่ (\d+) จาก (\d+)")


def step(page) -> tuple[int, int]:
    label = page.locator("[data-progress-label]").inner_text()
    match = STEP.search(label)
    assert match, f"progress label {label!r} is not 'ขั้นที่ n จาก N'"
    return int(match.group(1)), int(match.group(2))


def assert_screen(page, n: int, total: int) -> None:
    assert step(page) == (n, total)
    assert page.locator("section[data-screen]:not([hidden])").count() == 1
    back, next_ = page.locator(".screen-nav .btn.secondary"), page.locator(".screen-nav .btn:not(.secondary)")
    assert back.is_visible() == (n > 1), f"Back on step {n} of {total}"
    assert next_.is_visible() == (n < total), f"Next on step {n} of {total}"
    assert page.locator("[data-submit] button[type=submit]").is_visible() == (n == total)


def answer_visible_screen(page) -> None:
    names = page.locator("section[data-screen]:not([hidden])").first.evaluate(
        "s => [...new Set([...s.querySelectorAll('input[type=radio]')].map(i => i.name))]"
    )
    for name in names:
        page.locator(f'section[data-screen]:not([hidden]) input[name="{name}"]').first.check()


def walk(page, total: int) -> None:
    assert_screen(page, 1, total)
    # A script clicking the hidden Back button on the first step goes nowhere.
    page.locator(".screen-nav .btn.secondary").evaluate("b => b.click()")
    assert_screen(page, 1, total)
    for n in range(1, total):
        answer_visible_screen(page)
        page.locator(".screen-nav .btn:not(.secondary)").click()
        assert_screen(page, n + 1, total)
    answer_visible_screen(page)
    page.locator(".screen-nav .btn:not(.secondary)").evaluate("b => b.click()")  # hidden Next on the last step
    assert_screen(page, total, total)
    for n in range(total, 1, -1):
        page.locator(".screen-nav .btn.secondary").click()
        assert_screen(page, n - 1, total)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.django_db(transaction=True)
def test_a_phone_walks_forward_and_back_through_every_step_of_both_surveys(live_server, people, framework, settings):
    settings.SURVEYS_POW_BITS = 10
    campaign = make_campaign(people, framework)
    with browser_page(viewport={"width": 390, "height": 844}) as page:
        page.goto(f"{live_server.url}/s/{campaign.public_code}/iit/")
        page.fill("#id_access_code", unused_code(campaign))
        page.locator("form button[type=submit]").click()
        page.wait_for_selector("[data-progress]:not([hidden])")
        walk(page, 5)
        page.screenshot(path="/tmp/thai-survey-iit-first.png")

        page.goto(f"{live_server.url}/s/{campaign.public_code}/eit/")
        page.wait_for_selector("[data-progress]:not([hidden])")
        walk(page, 3)
