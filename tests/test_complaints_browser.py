"""On a phone, a citizen files a report, a recipient answers it, and the citizen reads the
answer with the receipt — in a real Chromium."""

import pytest

from complaints.models import Report

from .browser import browser_page, needs_chromium
from .complaints_helpers import PASSPHRASE
from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, needs_chromium]
PHONE = {"width": 390, "height": 844}


@pytest.mark.django_db(transaction=True)
def test_report_answer_and_read_back_on_a_phone(live_server, people, channel, settings, tmp_path):
    settings.SURVEYS_POW_BITS = 8
    with browser_page(viewport=PHONE) as page:
        page.goto(f"{live_server.url}/p/muangkao/report/")
        page.select_option("#id_category", "procurement")
        page.fill("#id_what", "มีการแบ่งซื้อแบ่งจ้างเพื่อหลีกเลี่ยงการประกวดราคา")
        page.fill("#id_people", "เจ้าหน้าที่พัสดุ")
        page.check("input[name=concerns][value=chief]")
        page.click("button:has-text('ส่งเรื่อง')")
        page.wait_for_selector("[data-receipt-code]")
        code = page.inner_text("[data-receipt-code]")
        secret = page.inner_text("[data-receipt-secret]")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(tmp_path / "receipt.png"), full_page=True)
        assert not page.context.cookies()

    report = Report.objects.get()
    assert report.envelopes.get().recipient == channel.auditor
    with browser_page() as page:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", people.officer.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("main form button.btn")
        page.goto(f"{live_server.url}/app/a/muangkao/complaints/{report.pk}/")
        page.fill("#id_passphrase", PASSPHRASE)
        page.click("button:has-text('อ่านเรื่อง')")
        assert "แบ่งซื้อแบ่งจ้าง" in page.inner_text("main")
        page.fill("#id_text", "ได้รับเรื่องแล้ว จะตรวจสอบภายใน 15 วัน")
        page.fill("#id_passphrase", PASSPHRASE)
        page.click("button:has-text('ส่งคำตอบ')")
        page.wait_for_selector("text=ส่งคำตอบแล้ว")

    with browser_page(viewport=PHONE) as page:
        page.goto(f"{live_server.url}/p/muangkao/report/track/")
        page.fill("#id_receipt_code", code)
        page.fill("#id_receipt_secret", secret)
        page.click("button:has-text('ดูความคืบหน้าของเรื่อง')")
        page.wait_for_selector("text=ได้รับเรื่องแล้ว จะตรวจสอบภายใน 15 วัน")
        text = page.inner_text("main")
        assert "เจ้าหน้าที่พัสดุ" not in text and "หัวหน้าหน่วยตรวจสอบภายใน" not in text
        page.screenshot(path=str(tmp_path / "track.png"), full_page=True)
