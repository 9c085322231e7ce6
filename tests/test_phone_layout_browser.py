"""Back-office tables on a 390 px phone: the tab row takes one line, and a person's name or
position stays whole (the table scrolls sideways inside its frame instead)."""

import pytest

from .browser import log_in, browser_page, needs_chromium
from .conftest import PASSWORD, make_person

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.mark.django_db(transaction=True)
def test_people_table_and_tabs_are_readable_at_390px(live_server, people):
    make_person(people.agency, title="นางสาว", first_name="นิภาพร", last_name="วรรณศรี",
                position_th="นักจัดการงานทั่วไปปฏิบัติการ", division=people.division)
    with browser_page(viewport={"width": 390, "height": 844}) as page:
        log_in(page, live_server.url, "admin@a.example", PASSWORD)  # the ITA admin adds a second factor first
        page.goto(f"{live_server.url}/app/a/muangkao/people/")
        tabs = page.locator("nav.tabs").first.bounding_box()
        assert tabs["height"] < 60, f"the tabs take {tabs['height']}px"
        current = page.locator("nav.tabs [aria-current=page]").first.bounding_box()
        assert 0 <= current["x"] and current["x"] + current["width"] <= 390, "the current tab is in view"
        cell = page.locator("td", has_text="นิภาพร").first
        line = float(cell.evaluate("td => parseFloat(getComputedStyle(td).lineHeight)"))
        padding = float(cell.evaluate("td => parseFloat(getComputedStyle(td).paddingTop) + parseFloat(getComputedStyle(td).paddingBottom)"))
        assert cell.bounding_box()["height"] - padding < 1.5 * line, "the name is on one line"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path="/tmp/thai-people-390.png")
