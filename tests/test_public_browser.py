"""The public section in a real Chromium on a phone (390 px): every page fits the screen, axe-core
finds no violation, a citizen asks a question through the proof-of-work form, and the browser
holds no cookie at the end."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from transparency import services

from .public_helpers import go_public, published_item
from .surveys_helpers import make_campaign, surveys_env  # noqa: F401
from .test_surveys_a11y import AXE, CHROMIUM, phone  # noqa: F401 (the phone fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("surveys_env"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed; browser test skipped"),
    pytest.mark.skipif(not AXE.exists(), reason=f"axe-core is missing at {AXE}: run `npm install --prefix .cache/axe axe-core@4`"),
]


def all_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


@pytest.mark.django_db(transaction=True)
def test_public_pages_on_a_phone_fit_pass_axe_and_leave_no_cookie(live_server, people, framework, assessment, phone):  # noqa: F811
    go_public(people)
    make_campaign(people, framework)
    published_item(people, assessment, "o1")
    services.participation_record(actor=people.admin, agency=people.agency, kind="activity", title_th="เดินรณรงค์",
                                  starts_on=dt.date(2023, 1, 5), ends_on=dt.date(2023, 1, 5), participants_th="ชาวบ้าน",
                                  outcome_th="ข้อเสนอ")
    services.service_count_record(actor=people.admin, agency=people.agency, service_th="ชำระภาษี", month=dt.date(2023, 1, 1), count=12)
    page = phone
    base = f"{live_server.url}/p/muangkao"
    for path in ("/", "/items/o1/", "/items/o2/", "/search/?q=o1", "/participation/", "/services/", "/questions/",
                 "/questions/receipt/", "/data/", "/embed/", "/?lang=en"):
        response = page.goto(base + path)
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.lang") in ("th", "en"), path
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        assert all_violations(page) == [], path
    response = page.goto(live_server.url + "/")
    assert response.status == 200 and all_violations(page) == []

    # ask a question through the form: pow.js solves the challenge in the page
    page.goto(base + "/questions/")
    page.fill("#id_text", "ขอทราบตารางเก็บขยะของหมู่บ้านครับ")
    page.locator("form[data-pow-challenge] button").click()
    page.wait_for_selector(".receipt")
    receipt = page.locator(".receipt strong").inner_text()
    assert services.question_by_receipt(people.agency, receipt) is not None
    assert all_violations(page) == []
    assert page.context.cookies() == []
