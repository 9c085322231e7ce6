"""2570 without a developer: an operator uploads a year's file in the product, sees the same
problems as the command line and a diff against the previous year, and publishes on confirmation."""

import datetime as dt

import pytest
import yaml
from django.urls import reverse

from audit.models import AuditEntry
from frameworks.models import FrameworkUpload, FrameworkVersion
from frameworks.selectors import preparing_context
from frameworks.services import DATA_DIR, framework_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    for code in ("ita-2566", "ita-2568", "ita-2569"):
        framework_load(path=DATA_DIR / f"{code}.yaml")


def file_2570(**changes) -> bytes:
    doc = yaml.safe_load((DATA_DIR / "ita-2569.yaml").read_text(encoding="utf-8"))
    doc.update(id="ita-2570", fiscal_year=2570, period={"start": "2026-10-01", "end": "2027-09-30"})
    doc["rating_scheme"] = "bands-2570"
    doc["rating_schemes"][0]["id"] = "bands-2570"
    doc["rating_schemes"][0]["bands"][3]["min_total"] = 75  # needs-improvement now 75-85
    doc["rating_schemes"][0]["bands"][4]["max_total"] = 75
    doc["crosswalk"] = {"from_version": "ita-2569", "items": [
        {"from": [item["code"]], "to": [item["id"]], "change": "same"} for item in doc["items"][:24]
    ] + [{"from": ["O25", "O26"], "to": ["O25"], "change": "merged"}]}
    doc["items"] = doc["items"][:25]
    doc["publishing"] = [r for r in doc["publishing"] if r["item"] != "O26"]
    doc.update(changes)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode()


def upload(client, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("backoffice:frameworks"), {"file": SimpleUploadedFile(name, content)})


def test_a_bad_file_shows_the_command_lines_problems_and_stores_nothing(people, loaded):
    client = people.client("operator")
    bad = file_2570(publishing=[{"record": "measure-plan", "item": "O99"}])
    response = upload(client, "ita-2570.yaml", bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "ita-2570.yaml" in page and "publishing[0].item" in page and "item &#x27;O99&#x27; does not exist in ita-2570" in page
    assert not FrameworkUpload.objects.exists()
    response = upload(client, "dup.yaml", b"format: prongsai.framework/1\nid: a\nid: b\n")
    assert response.status_code == 400 and "duplicate key" in response.content.decode()


def test_a_good_file_is_diffed_and_published_only_on_confirmation(people, loaded):
    client = people.client("operator")
    response = upload(client, "ita-2570.yaml", file_2570())
    assert response.status_code == 302
    checked = FrameworkUpload.objects.get()
    assert not FrameworkVersion.objects.filter(code="ita-2570").exists()
    page = client.get(reverse("backoffice:framework_upload", args=[checked.pk])).content.decode()
    assert "ita-2569" in page and "รวมข้อ" in page and "O25, O26" in page  # merged
    assert "70–85 → 75–85" in page
    response = client.post(reverse("backoffice:framework_upload", args=[checked.pk]))
    assert response.status_code == 302
    version = FrameworkVersion.objects.get(code="ita-2570")
    assert version.items.count() == 25 and version.crosswalk["from_version"] == "ita-2569"
    assert AuditEntry.objects.filter(action="framework.published", payload__code="ita-2570").exists()
    assert client.post(reverse("backoffice:framework_upload", args=[checked.pk])).status_code == 302  # refused, message
    assert FrameworkVersion.objects.filter(code="ita-2570").count() == 1


def test_only_operators_load_frameworks(people, loaded):
    for who in ("admin", "executive", "officer", "assessor", "outsider"):
        assert people.client(who).get(reverse("backoffice:frameworks")).status_code == 403
        assert upload(people.client(who), "ita-2570.yaml", file_2570()).status_code == 403
    assert not FrameworkUpload.objects.exists()


def test_until_2570_is_loaded_the_product_says_it_prepares_against_2569(people, loaded, client):
    context = preparing_context(dt.date(2026, 12, 1))
    assert context["current_year"] == 2570 and context["preparing_against"].code == "ita-2569"
    page = client.get(reverse("portal:frameworks")).content.decode()
    assert "ita-2569" in page and ("2570" in page)
    assert preparing_context(dt.date(2026, 3, 1))["preparing_against"] is None  # 2569 itself
