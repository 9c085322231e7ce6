"""The whole OIT item path in Chromium: officer submits o1 → admin accepts → executive
approves → assessor fails it → agency clarifies → assessor confirms pass → the score changes."""

import os

import pytest

from assessments.models import Assessment

from .browser import browser_page, log_in, needs_chromium
from .conftest import PASSWORD, People
from .oit_helpers import give_officer, open_assessment, set_phase

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOT_DIR")


def login(page, base, email):
    page.context.clear_cookies()
    log_in(page, base, email, PASSWORD)
    if page.locator("header .lang button[value=en]").count():  # English labels are stable for this test
        page.click("header .lang button[value=en]")
        page.wait_for_selector("html[lang=en]")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def click_step(page, label):
    page.click(f".actions button:has-text('{label}')")
    page.wait_for_load_state()


def test_the_item_path_end_to_end(live_server, framework, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    people = People()
    assessment = open_assessment(people, framework)
    set_phase(assessment, "oit-collection")
    o1 = assessment.items.get(item__code="o1")
    give_officer(people, o1)
    base = live_server.url
    item_url = f"{base}/app/a/muangkao/oit/{assessment.pk}/items/{o1.pk}/"
    score_url = f"{base}/app/a/muangkao/oit/{assessment.pk}/score/"

    with browser_page(locale="en-US") as page:
        login(page, base, "officer@a.example")  # chooses English, so labels are stable for this test
        page.goto(item_url)
        page.fill("#id_title", "Organisation chart")
        page.fill("#id_url", "https://muangkao.go.th/structure")
        page.fill("#id_effective_date", "2023-01-10")
        page.check("input[name=ticked] >> nth=0")
        page.click("text=Save evidence")
        assert "revision 1" in page.inner_text("main")
        click_step(page, "Submit to the ITA admin")
        assert "Submitted by the officer" in page.inner_text("main")

        login(page, base, "admin@a.example")
        page.goto(item_url)
        click_step(page, "Accept")
        login(page, base, "executive@a.example")
        page.goto(item_url)
        click_step(page, "Approve")
        login(page, base, "admin@a.example")
        page.goto(item_url)
        click_step(page, "Send to the assessors")
        assert "Sent to the assessors" in page.inner_text("main")
        shot(page, "oit-item-sent")

        set_phase(assessment, "oit-review")
        login(page, base, "assessor@nacc.example")
        page.goto(item_url)
        page.check("input[name=verdict][value=fail]")
        page.check("input[name=missing] >> nth=0")
        page.fill("#id_reason", "The political side of the structure is missing")
        page.click("text=Record verdict")
        assert "Verdict recorded" in page.inner_text("main")

        set_phase(assessment, "clarification")
        login(page, base, "admin@a.example")
        page.goto(score_url)
        before = page.inner_text("#current-score")
        page.goto(item_url)
        page.fill("textarea[name=text]", "Both sides are on page 2 of the chart")
        page.check("input[name=entries] >> nth=0")
        page.click("text=File clarification")
        assert "Clarification filed" in page.inner_text("main")
        shot(page, "oit-item-clarified")

        set_phase(assessment, "confirmation")
        login(page, base, "assessor@nacc.example")
        page.goto(item_url)
        page.check("input[name=verdict][value=pass] >> nth=-1")
        page.fill("form[action*='/confirm/'] textarea[name=reason]", "Found on page 2")
        page.click("text=Confirm >> nth=-1")
        assert "Final verdict confirmed" in page.inner_text("main")

        page.goto(score_url)
        after = page.inner_text("#current-score")
        shot(page, "oit-score")
        assert float(after) > float(before)
    assert Assessment.objects.get().items.get(item__code="o1").final_verdict == "pass"
