"""The demo's public section: อบต.เมืองเก่า shows its published items, the seed's manuals page
and the IIT/EIT QR codes."""

import pytest
from django.core.management import call_command
from django.urls import reverse


@pytest.fixture
def demo(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    call_command("load_framework", verbosity=0)
    call_command("load_demo")


def test_the_demo_agency_publishes_its_items_manuals_and_survey_qr_codes(demo, client):
    page = client.get(reverse("portal:agency", args=["muangkao"]))
    assert page.status_code == 200 and not page.cookies
    html = page.content.decode()
    assert "นายอุทัย พวงลังกา" in html and "กองคลัง" in html and "0 5312 1061" in html
    assert html.count("qr.svg") == 2
    manuals = client.get(reverse("portal:agency_item", args=["muangkao", "o14"])).content.decode()
    assert "คู่มือการใช้ทรัพย์สินทางราชการ ฉบับเมืองเก่า" in manuals and "17 มกราคม 2566" in manuals
    for code in ("o1", "o2"):
        assert "ไม่มีการเผยแพร่" not in client.get(reverse("portal:agency_item", args=["muangkao", code])).content.decode()
    assert "ยืมเต็นท์" in client.get(reverse("portal:agency_questions", args=["muangkao"])).content.decode()
    assert "ประชาคมตำบล" in client.get(reverse("portal:agency_participation", args=["muangkao"])).content.decode()
    assert "ชำระภาษี" in client.get(reverse("portal:agency_services", args=["muangkao"])).content.decode()
    assert "เมืองเก่า" in client.get(reverse("portal:home")).content.decode()
    # the second demo agency does not publish
    assert client.get(reverse("portal:agency", args=["ban-suan"])).status_code == 404
