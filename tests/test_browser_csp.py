"""In Chromium, under the real Content-Security-Policy, the main pages work and report no
violation: log in with the second factor, the framework search (htmx), the agency, an OIT item,
plans and the calendar, and an open survey form with its proof of work."""

import os

import pytest
from django.core.management import call_command

from agencies.demo import DEMO_PASSWORD
from assessments.models import AssessmentItem
from surveys.models import Campaign, PendingResponse, Response

from .browser import browser_page, log_in, needs_chromium
from .test_surveys_browser import answer_every_screen

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOT_DIR")


def watch(page) -> list[str]:
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("pageerror", lambda error: violations.append(f"page error: {error}"))
    return violations


def test_main_pages_run_under_the_policy_without_violations(live_server, framework, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.SURVEYS_POW_BITS = 10
    from django.core.cache import cache

    cache.clear()  # the demo's public questions count against a per-device limit kept in the cache
    call_command("load_demo", stdout=open(os.devnull, "w"))
    base = live_server.url
    item = AssessmentItem.objects.filter(assessment__agency__code="muangkao", item__code="o1").first()
    campaign = Campaign.objects.get(agency__code="muangkao")

    with browser_page(locale="en-US") as page:
        violations = watch(page)
        # The ITA admin logs in, is sent to add an authenticator, and gets in.
        log_in(page, base, "nipaporn@muangkao.example", DEMO_PASSWORD)
        assert "/app/" in page.url
        page.goto(base + "/accounts/two-factor/")
        assert "รหัสกู้คืน" in page.inner_text("main")  # recovery codes (the page is Thai until EN is chosen)
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, "two-factor-enrolled.png"), full_page=True)

        page.goto(base + "/frameworks/ita-2566/")
        with page.expect_response(lambda response: "q=" in response.url):
            page.fill("#q", "ร้องเรียน")
        page.wait_for_timeout(300)
        assert "o28" in page.inner_text("#tree") and "o1 " not in page.inner_text("#tree")

        for path in ["/app/", "/app/a/muangkao/", f"/app/a/muangkao/oit/{item.assessment_id}/items/{item.pk}/",
                     "/app/a/muangkao/plans/", "/app/a/muangkao/plans/calendar/", "/app/a/muangkao/surveys/"]:
            response = page.goto(base + path)
            assert response.status == 200, path

        # The API's own documentation page (Swagger UI from django-ninja's static files).
        page.goto(base + "/api/docs")
        page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)

        # The calendar link is made and shown once.
        page.goto(base + "/app/a/muangkao/plans/calendar/")
        page.fill("#feed-name", "phone")
        page.click("form[action$='/calendar/feeds/'] button")
        page.wait_for_load_state()
        assert "calendar.ics?t=" in page.input_value("main div[role=status] input")

        # An open survey form: the proof of work runs from its own file and the answer is taken.
        page.context.clear_cookies()
        page.goto(f"{base}/s/{campaign.public_code}/eit/")
        page.wait_for_selector("[data-progress]:not([hidden])")
        answer_every_screen(page)
        page.locator("[data-submit] button[type=submit]").click()
        page.wait_for_url(f"**/s/{campaign.public_code}/thanks/", timeout=30_000)
        # Taken: it waits, sealed, for its batch of k (docs/anonymity.md), or is already released.
        assert (PendingResponse.objects.filter(questionnaire="eit").exists()
                or Response.objects.filter(questionnaire="eit").exists())

    assert violations == []


def test_the_second_factor_pages_fit_a_phone(live_server, framework, settings):
    from .conftest import PASSWORD, People

    People()
    with browser_page(viewport={"width": 390, "height": 844}) as page:
        violations = watch(page)
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", "admin@a.example")
        page.fill("#id_password", PASSWORD)
        page.click("main button")
        page.wait_for_url("**/accounts/two-factor/**")
        assert page.locator(".qr svg").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, "two-factor-enrol-phone.png"), full_page=True)
    assert violations == []
