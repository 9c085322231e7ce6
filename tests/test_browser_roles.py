"""The executive's bulk approval on a phone (390 px) in Chromium: the home page lists what
waits, one memo approves the set, and nothing on the way is wider than the screen."""

import os

import pytest

from assessments.models import ApprovalMemo, ItemState

from .browser import browser_page, needs_chromium
from .conftest import People
from .oit_helpers import give_officer, open_assessment, set_phase
from .test_browser_oit import login, shot
from .test_oit_workflow import move, save

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide at {PHONE['width']}px"


def test_the_executive_approves_three_items_in_one_memo_on_a_phone(live_server, framework, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    people = People()
    assessment = open_assessment(people, framework)
    set_phase(assessment, "oit-collection")
    rows = []
    for code in ("o1", "o2", "o3"):
        item = assessment.items.get(item__code=code)
        give_officer(people, item)
        save(people, item)
        move(people, item, "submit", "officer")
        move(people, item, "accept", "admin")
        rows.append(item)
    base = live_server.url

    with browser_page(viewport=PHONE) as page:
        login(page, base, "executive@a.example")
        page.goto(base + "/app/")
        assert "3" in page.inner_text(".work-counts")
        _no_sideways_scroll(page)
        shot(page, "roles-home-executive-390")
        page.click("#work a.btn")
        page.wait_for_load_state()
        assert page.locator("input[name=items]:checked").count() == 3
        _no_sideways_scroll(page)
        shot(page, "roles-approve-390")
        page.uncheck("input[name=items] >> nth=1")
        page.fill("#id_number", "ชม 88/2566")
        page.click("#approve-form button.btn")
        page.wait_for_load_state()
        assert "/approvals/" in page.url
        text = page.inner_text("main")
        assert "o1" in text and "o3" in text and "o2" not in text
        _no_sideways_scroll(page)
        shot(page, "roles-memo-390")

    memo = ApprovalMemo.objects.get()
    assert memo.number == "ชม 88/2566" and memo.approved_by == people.executive
    states = {row.item.code: row.state for row in assessment.items.filter(pk__in=[r.pk for r in rows]).select_related("item")}
    assert states == {"o1": ItemState.APPROVED, "o2": ItemState.ACCEPTED, "o3": ItemState.APPROVED}
    if os.environ.get("SCREENSHOT_DIR"):
        assert os.path.exists(os.path.join(os.environ["SCREENSHOT_DIR"], "roles-approve-390.png"))
