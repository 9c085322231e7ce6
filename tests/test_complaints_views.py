"""The reporting channel's pages: public reporting and tracking, recipients' pages, isolation."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from complaints import services
from complaints.models import Report
from lib.proof_of_work import pow_solve

from .complaints_helpers import MARKER, PASSPHRASE, TODAY, jpeg_with_gps, report_input, upload  # noqa: F401

pytestmark = pytest.mark.django_db


def _challenge(page: str) -> dict:
    challenge = re.search(r'name="pow_challenge" value="([^"]+)"', page).group(1)
    bits = int(re.search(r'data-pow-bits="(\d+)"', page).group(1))
    return {"pow_challenge": challenge, "pow_solution": pow_solve(challenge, bits)}


def _file(client, code="muangkao", **fields):
    url = reverse("complaints:report", kwargs={"code": code})
    page = client.get(url).content.decode()
    data = {"category": "bribery", "what": f"{MARKER} เรียกเงิน", "people": "นายสมมติ ใจร้าย", **_challenge(page), **fields}
    return client.post(url, data)


def _receipt(response) -> tuple[str, str]:
    page = response.content.decode()
    return (re.search(r"data-receipt-code>([^<]+)<", page).group(1), re.search(r"data-receipt-secret>([^<]+)<", page).group(1))


def test_a_visitor_files_a_report_and_gets_a_receipt_without_any_cookie(channel):
    client = Client()
    page = client.get(reverse("complaints:report", kwargs={"code": "muangkao"}))
    assert page.status_code == 200 and not page.cookies
    assert "หัวหน้าหน่วยตรวจสอบภายใน" in page.content.decode()
    response = _file(client, files=[upload("p.jpg", jpeg_with_gps())])
    assert response.status_code == 200 and not response.cookies
    assert "no-store" in response["Cache-Control"]
    code, secret = _receipt(response)
    assert len(code) == 19 and len(secret) == 24
    assert Report.objects.get().attachments.count() == 1


def test_a_form_without_its_proof_of_work_is_refused_and_the_input_kept(channel):
    client = Client()
    url = reverse("complaints:report", kwargs={"code": "muangkao"})
    response = client.post(url, {"category": "bribery", "what": "ข้อความที่ต้องไม่หาย"})
    assert response.status_code == 400
    assert "ข้อความที่ต้องไม่หาย" in response.content.decode()
    assert not Report.objects.exists()


def test_a_replayed_form_is_refused(channel):
    client = Client()
    url = reverse("complaints:report", kwargs={"code": "muangkao"})
    page = client.get(url).content.decode()
    data = {"category": "bribery", "what": "ครั้งเดียว", **_challenge(page)}
    assert client.post(url, data).status_code == 200
    assert client.post(url, data).status_code == 400
    assert Report.objects.count() == 1


def test_the_tracking_page_shows_state_and_messages_never_the_accused_or_recipients(channel, people):
    client = Client()
    code, secret = _receipt(_file(client))
    envelope = services.envelope_for(user=people.officer, report_id=Report.objects.get().pk)
    services.recipient_reply(actor=people.officer, envelope=envelope, passphrase=PASSPHRASE,
                             text="รับเรื่องไว้แล้ว", files=[], today=TODAY)
    url = reverse("complaints:track", kwargs={"code": "muangkao"})
    page = client.get(url).content.decode()
    response = client.post(url, {"receipt_code": code, "receipt_secret": secret, **_challenge(page)})
    body = response.content.decode()
    assert response.status_code == 200 and not response.cookies
    assert "รับเรื่องไว้แล้ว" in body and "รับเรื่องแล้ว" in body
    assert "นายสมมติ" not in body and MARKER not in body
    assert "officer" not in body and "หัวหน้าหน่วยตรวจสอบภายใน" not in body
    # The reporter answers through the same page.
    response = client.post(url, {"stage": "reply", "receipt_code": code, "receipt_secret": secret,
                                 "text": "เพิ่มเติมค่ะ", **_challenge(body)})
    assert response.status_code == 200 and "เพิ่มเติมค่ะ" in response.content.decode()


def test_a_wrong_receipt_counts_as_a_failure_and_floods_are_stopped(channel, settings):
    settings.SURVEYS_FAILURE_LIMIT = (3, 600)
    client = Client()
    url = reverse("complaints:track", kwargs={"code": "muangkao"})
    statuses = []
    for _ in range(4):
        page = client.get(url).content.decode()
        statuses.append(client.post(url, {"receipt_code": "AAAA-BBBB-CCCC-DDDD", "receipt_secret": "A" * 20,
                                          **_challenge(page)}).status_code)
    assert statuses == [400, 400, 400, 400]
    page = client.get(url).content.decode()
    blocked = client.post(url, {"receipt_code": "AAAA-BBBB-CCCC-DDDD", "receipt_secret": "A" * 20, **_challenge(page)})
    assert blocked.status_code == 400 and "rate_limited" not in blocked.content.decode()
    assert "กรุณารอ" in blocked.content.decode() or "wait a few minutes" in blocked.content.decode()


def test_the_receipt_of_one_agency_does_not_open_at_another(channel, people):
    code, secret = _receipt(_file(Client()))
    services.channel_configure(actor=people.outsider, agency=people.other_agency, open=True, escalation_agency=None,
                               chief_executive_label="นายก", retention_days=None)
    client = Client()
    url = reverse("complaints:track", kwargs={"code": "ban-suan"})
    page = client.get(url).content.decode()
    assert client.post(url, {"receipt_code": code, "receipt_secret": secret, **_challenge(page)}).status_code == 400


def test_a_closed_channel_has_no_public_pages(people):
    for name in ("complaints:report", "complaints:track", "complaints:statistics"):
        assert Client().get(reverse(name, kwargs={"code": "muangkao"})).status_code == 404


def test_a_recipient_reads_and_answers_with_the_passphrase(channel, people):
    _file(Client())
    report = Report.objects.get()
    client = people.client("officer")
    url = reverse("complaints:report_detail", kwargs={"code": "muangkao", "report_id": report.pk})
    page = client.get(url).content.decode()
    assert MARKER not in page
    wrong = client.post(url, {"action": "unlock", "passphrase": "nope"})
    assert wrong.status_code == 400 and MARKER not in wrong.content.decode()
    opened = client.post(url, {"action": "unlock", "passphrase": PASSPHRASE})
    assert opened.status_code == 200 and MARKER in opened.content.decode() and opened["Cache-Control"].startswith("no-store")
    answered = client.post(url, {"action": "reply", "passphrase": PASSPHRASE, "text": "ขอบคุณที่แจ้ง"})
    assert answered.status_code == 200 and "ขอบคุณที่แจ้ง" in answered.content.decode()
    moved = client.post(url, {"action": "move", "to_state": "screened", "base_version": 1})
    assert moved.status_code == 302
    report.refresh_from_db()
    assert report.state == "screened"


def test_the_person_a_report_concerns_and_everyone_else_get_404(channel, people):
    _file(Client(), concerns=["chief"])
    report = Report.objects.get()
    url = reverse("complaints:report_detail", kwargs={"code": "muangkao", "report_id": report.pk})
    for who in ("executive", "admin", "member", "assessor", "outsider", "nobody"):
        assert people.client(who).get(url).status_code == 404, who
    assert people.client("officer").get(url).status_code == 200
    inbox = people.client("executive").get(reverse("complaints:inbox", kwargs={"code": "muangkao"})).content.decode()
    assert str(report.pk) not in inbox
    other = reverse("complaints:report_detail", kwargs={"code": "ban-suan", "report_id": report.pk})
    assert people.client("outsider").get(other).status_code == 404


def agency_urls(channel, people):
    """Every back-office URL of the channel, for the isolation walk."""
    _file(Client())
    report = Report.objects.get()
    k = {"code": "muangkao"}
    return {
        "complaints:inbox": reverse("complaints:inbox", kwargs=k),
        "complaints:settings": reverse("complaints:settings", kwargs=k),
        "complaints:passphrase": reverse("complaints:passphrase", kwargs=k),
        "complaints:report_detail": reverse("complaints:report_detail", kwargs={**k, "report_id": report.pk}),
        "complaints:record": reverse("complaints:record", kwargs=k),
    }


# The channel's agency URLs this module walks as the outsider (tests/test_isolation.py counts them).
WALKED = {"complaints:inbox", "complaints:settings", "complaints:passphrase", "complaints:report_detail",
          "complaints:record"}


def test_outsiders_get_404_and_members_without_the_permission_403(channel, people):
    urls = agency_urls(channel, people)
    assert set(urls) == WALKED
    for name, url in urls.items():
        assert people.client("outsider").get(url).status_code == 404, name
        response = people.client(None).get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    assert people.client("officer").get(urls["complaints:settings"]).status_code == 403
    assert people.client("admin").get(urls["complaints:settings"]).status_code == 200
    assert people.client("member").get(urls["complaints:passphrase"]).status_code == 404
    assert people.client("officer").get(urls["complaints:passphrase"]).status_code == 200


def test_the_statistics_page_hides_small_counts(channel):
    for _ in range(2):
        services.report_file(agency=channel.agency, data=report_input(), today=TODAY)
    page = Client().get(reverse("complaints:statistics", kwargs={"code": "muangkao"}), {"year": "2570"})
    body = page.content.decode()
    assert page.status_code == 200 and "น้อยกว่า 3" in body
    assert Client().get(reverse("complaints:statistics", kwargs={"code": "muangkao"}), {"year": "0001"}).status_code == 200


def test_an_admin_sets_up_the_channel_and_a_recipient(people):
    client = people.client("admin")
    url = reverse("complaints:settings", kwargs={"code": "muangkao"})
    assert client.post(url, {"action": "channel", "open": "on", "chief_executive_label": "นายก อบต.",
                             "retention_days": "1825"}).status_code == 302
    assert client.post(url, {"action": "recipient", "user": people.officer.pk,
                             "position": "หัวหน้าหน่วยตรวจสอบภายใน"}).status_code == 302
    passphrase_url = reverse("complaints:passphrase", kwargs={"code": "muangkao"})
    officer = people.client("officer")
    short = officer.post(passphrase_url, {"passphrase": "short", "passphrase_again": "short"})
    assert short.status_code == 400
    assert officer.post(passphrase_url, {"passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE}).status_code == 302
    assert Client().get(reverse("complaints:report", kwargs={"code": "muangkao"})).status_code == 200


def test_a_recipient_records_a_telephone_report_and_hands_over_the_receipt(channel, people):
    url = reverse("complaints:record", kwargs={"code": "muangkao"})
    assert people.client("member").get(url).status_code == 404
    client = people.client("officer")
    response = client.post(url, {"received_by": "phone", "category": "budget", "what": "แจ้งทางโทรศัพท์",
                                 "concerns": [str(channel.chief.pk)]})
    assert response.status_code == 200 and "data-receipt-secret" in response.content.decode()
    report = Report.objects.get()
    assert report.channel == "phone" and list(report.envelopes.values_list("recipient", flat=True)) == [channel.auditor.pk]
    assert client.post(url, {"received_by": "web", "category": "budget", "what": "x"}).status_code == 400


def test_the_statistics_are_open_data_with_the_same_cells_hidden(channel):
    for _ in range(4):
        services.report_file(agency=channel.agency, data=report_input(), today=TODAY)
    services.report_file(agency=channel.agency, data=report_input(category="budget"), today=TODAY)
    data = Client().get(reverse("complaints:statistics_data", kwargs={"code": "muangkao", "fmt": "json"}), {"year": "2570"}).json()
    counts = {(row["group"], row["key"]): row["count"] for row in data["rows"]}
    assert data["total"] == 5 and counts[("month", "2026-12")] == 5
    assert counts[("category", "เรียกรับหรือให้สินบน")] is None and counts[("category", "ใช้งบประมาณโดยมิชอบ")] is None
    csv_text = Client().get(reverse("complaints:statistics_data", kwargs={"code": "muangkao", "fmt": "csv"}), {"year": "2570"}).content.decode()
    assert "2570,category,ใช้งบประมาณโดยมิชอบ,<3" in csv_text


def test_one_device_cannot_flood_the_channel_with_reports(channel, settings):
    settings.SURVEYS_OPEN_LINK_LIMIT = (2, 600)
    client = Client()
    statuses = [_file(client).status_code for _ in range(3)]
    assert statuses == [200, 200, 400]
    assert Report.objects.count() == 2


def test_the_statistics_are_listed_in_the_agencys_open_data_catalogue(channel):
    from transparency.opendata import REGISTRY

    services.report_file(agency=channel.agency, data=report_input(), today=TODAY)
    dataset = REGISTRY["complaint-statistics"]
    rows = dataset.rows(channel.agency)
    assert {"fiscal_year", "group", "key", "count"} <= set(rows[0])
    assert any(row["count"] == "<3" for row in rows)
