"""axe-core finds no serious or critical accessibility violation on the survey pages that
respondents see, in a real Chromium on a phone-sized screen.

axe-core comes from npm, not from a CDN: the CI runs `npm install --prefix .cache/axe axe-core@4`
at the repository root; run the same command locally. Without it (or without Chromium) the
tests are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .surveys_helpers import make_campaign, surveys_env, unused_code  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BLOCKING = {"serious", "critical"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("surveys_env"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed (apt-get install chromium); axe check skipped"),
    pytest.mark.skipif(
        not AXE.exists(),
        reason=f"axe-core is missing at {AXE}: run `npm install --prefix .cache/axe axe-core@4` in the repository root",
    ),
]


@pytest.fixture
def phone():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        # axe-core is injected as an inline script, which our CSP forbids; the policy itself is
        # checked in tests/test_browser_csp.py.
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                      locale="th-TH", bypass_csp=True)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


def axe_violations(page, *, all_screens: bool = False) -> list[dict]:
    """Run axe on the page (optionally with every question screen shown) and return the
    serious and critical violations, each with the nodes that fail."""
    if all_screens:  # axe skips hidden content: show every screen so every question is checked
        page.evaluate("document.querySelectorAll('[data-screen]').forEach(s => { s.hidden = false; })")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def assert_accessible(page, **kwargs) -> None:
    violations = axe_violations(page, **kwargs)
    assert not violations, f"{page.url}: {violations}"


@pytest.mark.django_db(transaction=True)
def test_the_landing_and_thanks_pages_have_no_serious_violation(live_server, people, framework, phone):
    campaign = make_campaign(people, framework)
    phone.goto(f"{live_server.url}/s/{campaign.public_code}/")
    assert_accessible(phone)
    phone.goto(f"{live_server.url}/s/{campaign.public_code}/thanks/")
    assert_accessible(phone)


@pytest.mark.django_db(transaction=True)
def test_the_iit_code_page_and_form_have_no_serious_violation(live_server, people, framework, phone):
    campaign = make_campaign(people, framework)
    phone.goto(f"{live_server.url}/s/{campaign.public_code}/iit/")
    assert_accessible(phone)
    phone.fill("#id_access_code", unused_code(campaign))
    phone.locator("form button[type=submit]").click()
    phone.wait_for_selector("[data-progress]:not([hidden])")
    assert_accessible(phone)  # the first screen as the respondent sees it
    assert_accessible(phone, all_screens=True)  # and every question of the survey


@pytest.mark.django_db(transaction=True)
def test_the_eit_form_has_no_serious_violation(live_server, people, framework, phone):
    campaign = make_campaign(people, framework)
    phone.goto(f"{live_server.url}/s/{campaign.public_code}/eit/")
    phone.wait_for_selector("[data-progress]:not([hidden])")
    assert_accessible(phone)
    assert_accessible(phone, all_screens=True)


@pytest.mark.django_db(transaction=True)
def test_a_refused_form_still_has_no_serious_violation(live_server, people, framework, phone):
    """The error message page (a send with nothing answered, forced past the browser's checks)."""
    campaign = make_campaign(people, framework)
    phone.goto(f"{live_server.url}/s/{campaign.public_code}/eit/")
    phone.wait_for_selector("[data-progress]:not([hidden])")
    phone.evaluate("document.querySelector('[data-survey]').noValidate = true; document.querySelector('[data-survey]').submit()")
    phone.wait_for_selector("#form-error")
    assert_accessible(phone)
