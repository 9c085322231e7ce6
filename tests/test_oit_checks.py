"""The background evidence check against a real local web server (this machine only)."""

import datetime as dt
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.test import TestCase

from assessments.models import EvidenceCheck
from assessments.notifications import send_due_reminders
from assessments.services import EntryInput, evidence_save

from .oit_helpers import give_officer, open_assessment, set_phase


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/ok"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write("<p>โครงสร้าง</p>".encode())
        elif self.path.startswith("/moved"):
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()


@pytest.fixture
def checked_item(people, framework, settings, server, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EVIDENCE_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.EVIDENCE_ALLOWED_PORTS = (80, 443, server)
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        # The agency's domain points at the local test server.
        return real("127.0.0.1" if host == "muangkao.go.th" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    assessment = open_assessment(people, framework)
    set_phase(assessment, "oit-collection")
    item = assessment.items.get(item__code="o7")  # news dated within 2566
    give_officer(people, item)
    return item


def _save(people, item, port, *entries):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return evidence_save(
            actor=people.officer,
            assessment_item=item,
            base_version=item.version,
            new_entries=[EntryInput(title=t, url=f"http://muangkao.go.th:{port}{path}", effective_date=d) for t, path, d in entries],
        )


def test_each_url_is_fetched_and_its_date_held_against_the_time_rule(people, checked_item, server):
    revision = _save(
        people,
        checked_item,
        server,
        ("ข่าว", "/ok", dt.date(2023, 1, 5)),
        ("ข่าวเก่า", "/ok", dt.date(2021, 5, 1)),
        ("หน้าหาย", "/missing", dt.date(2023, 1, 5)),
        ("ย้ายไปที่อื่น", "/moved", dt.date(2023, 1, 5)),
    )
    checks = {c.entry.title: c for c in EvidenceCheck.objects.filter(entry__revision=revision).select_related("entry")}
    assert checks["ข่าว"].outcome == "ok" and checks["ข่าว"].status == 200
    assert checks["ข่าว"].content_type == "text/html"
    assert checks["ข่าวเก่า"].outcome == "warning" and checks["ข่าวเก่า"].time_rule_ok is False
    assert checks["หน้าหาย"].outcome == "failed" and checks["หน้าหาย"].status == 404
    moved = checks["ย้ายไปที่อื่น"]
    assert moved.outcome == "failed" and any(p["code"] == "blocked_address" for p in moved.problems)


def test_problems_are_stored_as_codes_and_shown_in_the_readers_language(people, checked_item, server):
    revision = _save(people, checked_item, server, ("ข่าวเก่า", "/missing", dt.date(2021, 5, 1)))
    check = EvidenceCheck.objects.get(entry__revision=revision)
    assert {p["code"] for p in check.problems} == {"time.before_period", "http_error"}
    dated = next(p for p in check.problems if p["code"] == "time.before_period")
    assert dated["params"]["date"] == "2021-05-01" and "2021" not in dated["msgid"]  # parameters, not frozen text
    english, thai = check.problems_in("en"), check.problems_in("th")
    assert "The site answered with an error status." in english
    assert any("2021-05-01" in text and "Dated" in text for text in english)
    assert any("2021-05-01" in text and "ลงวันที่" in text for text in thai)
    assert not set(english) & set(thai)  # every problem is shown in Thai to a Thai reader


def test_the_item_page_shows_the_check_results(people, checked_item, server):
    from django.urls import reverse

    _save(people, checked_item, server, ("หน้าหาย", "/missing", dt.date(2023, 1, 5)))
    url = reverse("oit:item", args=["muangkao", checked_item.assessment_id, checked_item.pk])
    page = people.client("officer").get(url).content.decode()
    assert "HTTP 404" in page


def test_reminders_go_once_per_due_date(people, framework, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import mail
    from django.utils import timezone

    assessment = open_assessment(people, framework)
    item = assessment.items.get(item__code="o3")
    give_officer(people, item)
    today = timezone.localdate()
    assessment.items.update(due_date=None)
    type(item).objects.filter(pk=item.pk).update(due_date=today + dt.timedelta(days=7))
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert send_due_reminders(today=today) == 1
        assert send_due_reminders(today=today) == 0
    assert len(mail.outbox) == 1 and "o3" in mail.outbox[0].subject
    type(item).objects.filter(pk=item.pk).update(due_date=today - dt.timedelta(days=1))
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_reminders")
    assert len(mail.outbox) == 2 and people.admin.email in mail.outbox[1].to
