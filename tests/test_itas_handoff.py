"""The hand-off to ITAS: every item with the public addresses to paste, failures first, as a
page, CSV and XLSX; each address checked as an anonymous visitor."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from lib import safe_fetch
from transparency import handoff
from transparency.models import AddressCheck

from .public_helpers import go_public, published_item


def _url(name, assessment, **extra):
    return reverse(f"public_admin:{name}", kwargs={"code": "muangkao", "pk": assessment.pk, **extra})


def test_rows_list_every_item_with_failures_first(people, assessment):
    go_public(people)
    published_item(people, assessment, "o2")
    rows = handoff.handoff_rows(assessment)
    assert len(rows) == assessment.items.count()
    # o2 is published but never checked: still a failure, listed among the first
    assert all(row.failed for row in rows)
    assert rows[0].code == "o1" and not rows[0].item_url
    o2 = next(row for row in rows if row.code == "o2")
    assert o2.item_url.endswith("/p/muangkao/items/o2/") and len(o2.entries) == 2


def test_checking_marks_own_addresses_ok_and_foreign_ones_by_fetching(people, assessment, monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = "http://testserver"
    go_public(people)
    published_item(people, assessment, "o2")
    fetched = []

    def fake_fetch(url, *, domains, **kwargs):
        fetched.append((url, domains))
        return safe_fetch.FetchResult(final_url=url, status=404, content_type="text/html", on_agency_domain=True)

    monkeypatch.setattr(safe_fetch, "fetch", fake_fetch)
    response = people.client("admin").post(_url("itas_check", assessment))
    assert response.status_code == 302
    checks = {c.url: c for c in AddressCheck.objects.filter(assessment=assessment)}
    assert len(checks) == 3
    own = [c for url, c in checks.items() if url.startswith("http://testserver/")]
    assert len(own) == 2 and all(c.outcome == "ok" and c.status == 200 for c in own)
    assert fetched == [("https://muangkao.go.th/o2", ["muangkao.go.th"])]
    assert checks["https://muangkao.go.th/o2"].outcome == "failed"
    page = people.client("admin").get(_url("itas", assessment)).content.decode()
    assert "HTTP 404" in page and 'data-copy="' in page and "js/copy.js" in page and "<script>" not in page


def test_own_addresses_fail_while_the_public_section_is_off(people, assessment, settings):
    settings.SITE_URL = "http://testserver"
    published_item(people, assessment, "o2")
    status, problems = handoff.check_address("http://testserver/p/muangkao/items/o2/", ["muangkao.go.th"])
    assert status == 404 and problems


def test_csv_and_xlsx_exports_hold_every_address(people, assessment):
    go_public(people)
    published_item(people, assessment, "o2")
    client = people.client("officer")
    text = client.get(_url("itas_export", assessment, fmt="csv")).content.decode()
    assert "/p/muangkao/items/o2/" in text and "https://muangkao.go.th/o2" in text and "/p/muangkao/files/" in text
    response = client.get(_url("itas_export", assessment, fmt="xlsx"))
    assert response["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert any("/p/muangkao/items/o2/" in str(v) for v in values)
    assert sum(1 for row in sheet.iter_rows(values_only=True) if row[0] == "o1") == 1


def test_only_the_ita_admin_runs_the_checks(people, assessment):
    assert people.client("officer").post(_url("itas_check", assessment)).status_code == 403


def test_the_daily_command_checks_assessments_whose_window_ends_soon(people, assessment, settings, monkeypatch):
    from django.core.management import call_command

    settings.SITE_URL = "http://testserver"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(safe_fetch, "fetch", lambda url, **kw: safe_fetch.FetchResult(final_url=url, status=200, content_type="text/html", on_agency_domain=True))
    published_item(people, assessment, "o2")
    assert list(handoff.assessments_due_for_checks()) == []  # the section is not public yet
    go_public(people)
    assert list(handoff.assessments_due_for_checks()) == [assessment]  # the window (set_phase) ends in 9 days
    call_command("check_itas_addresses")
    assert AddressCheck.objects.filter(assessment=assessment, outcome="ok").count() == 3
    assert list(handoff.assessments_due_for_checks(within_days=3)) == []
