"""Participation records, e-services and monthly service counts: recorded in the back office,
shown publicly as a chart with its table, offered as open data, and published as OIT evidence
in one step through the framework's publishing map."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from lib.errors import DomainError
from transparency import services
from transparency.models import ServiceCount

from .public_helpers import go_public


def _records_url(name="public_admin:records", **kwargs):
    return reverse(name, kwargs={"code": "muangkao", **kwargs})


def test_a_participation_record_is_shown_publicly_with_who_and_what_changed(people, client):
    go_public(people)
    response = people.client("admin").post(_records_url(), {
        "form": "participation", "participation-kind": "consultation", "participation-title_th": "ประชาคมแผนพัฒนาท้องถิ่น",
        "participation-starts_on": "2023-02-01", "participation-ends_on": "2023-02-01",
        "participation-participants_th": "ผู้ใหญ่บ้านและประชาชน หมู่ 1-8", "participation-participant_count": "85",
        "participation-outcome_th": "ขอถนนคอนกรีตหมู่ 3", "participation-changes_th": "บรรจุในแผนพัฒนาปี 2567",
    })
    assert response.status_code == 302
    page = client.get(reverse("portal:agency_participation", args=["muangkao"])).content.decode()
    assert "ประชาคมแผนพัฒนาท้องถิ่น" in page and "บรรจุในแผนพัฒนาปี 2567" in page and "2566" in page
    assert AuditEntry.objects.filter(action="public.participation.recorded").exists()


def test_a_participation_ending_before_it_starts_is_refused_and_the_form_kept(people):
    response = people.client("admin").post(_records_url(), {
        "form": "participation", "participation-kind": "activity", "participation-title_th": "กิจกรรม",
        "participation-starts_on": "2023-02-05", "participation-ends_on": "2023-02-01",
        "participation-participants_th": "ประชาชน", "participation-outcome_th": "ผล",
    })
    assert response.status_code == 200 and "กิจกรรม" in response.content.decode()


def test_service_counts_make_a_chart_with_its_table_and_a_dataset(people, client):
    go_public(people)
    for month, count in ((dt.date(2023, 1, 5), 40), (dt.date(2023, 2, 1), 80)):
        services.service_count_record(actor=people.admin, agency=people.agency, service_th="ชำระภาษี", month=month, count=count)
    services.service_count_record(actor=people.admin, agency=people.agency, service_th="ชำระภาษี", month=dt.date(2023, 2, 20), count=90)
    assert ServiceCount.objects.count() == 2  # the same month recorded again replaces it
    page = client.get(reverse("portal:agency_services", args=["muangkao"])).content.decode()
    assert "<table>" in page and "<svg" in page and 'width="100%"' in page and ">90<" in page and "2566" in page
    text = client.get(reverse("portal:agency_dataset", args=["muangkao", "service-statistics", "csv"])).content.decode()
    assert "2023-02,ชำระภาษี,90" in text


def test_a_count_for_a_future_month_is_refused(people):
    with pytest.raises(DomainError) as refused:
        services.service_count_record(actor=people.admin, agency=people.agency, service_th="x",
                                      month=dt.date.today() + dt.timedelta(days=40), count=1)
    assert refused.value.field == "month"


def test_a_public_page_becomes_evidence_of_the_item_the_framework_data_names(people, assessment, settings):
    settings.SITE_URL = "https://prongsai.example"
    services.eservice_add(actor=people.admin, agency=people.agency, name_th="ขออนุญาตก่อสร้าง", url="https://muangkao.go.th/e")
    response = people.client("admin").post(_records_url("public_admin:page_as_evidence"), {"source": "e-services"})
    assert response.status_code == 302
    target = services.source_target(assessment.framework, "e-services")
    item = assessment.items.get(item__node_id=target["item"])
    revision = item.revisions.first()
    assert [e.url for e in revision.entries.all()] == ["https://prongsai.example/p/muangkao/services/"]
    assert set(revision.ticked_elements.values_list("node_id", flat=True)) == set(target["ticks"])
    # publishing again replaces the same address instead of adding a copy
    people.client("admin").post(_records_url("public_admin:page_as_evidence"), {"source": "e-services"})
    assert item.revisions.first().entries.count() == 1


def test_a_page_the_framework_does_not_map_cannot_become_evidence(people, assessment):
    with pytest.raises(DomainError) as refused:
        services.source_publish(actor=people.admin, assessment=assessment, source="nothing")
    assert refused.value.code == "not_mapped"


def test_every_mapped_item_and_element_exists_in_its_framework(framework):
    from frameworks.models import Element, Item

    targets = [rule for rule in framework.publishing if rule["record"] in services.SOURCES]
    assert {t["record"] for t in targets} == set(services.SOURCES)
    for target in targets:
        source = target["record"]
        assert source in services.SOURCES
        assert Item.objects.filter(version=framework, node_id=target["item"]).exists(), source
        found = set(Element.objects.filter(version=framework, node_id__in=target["ticks"]).values_list("node_id", flat=True))
        assert found == set(target["ticks"]), source


def test_members_without_the_permission_cannot_record(people):
    assert people.client("officer").get(_records_url()).status_code == 403
    assert people.client("outsider").get(_records_url()).status_code == 404


def test_the_agency_tabs_show_public_pages_only_to_roles_that_may_open_them(people):
    url = reverse("backoffice:agency", kwargs={"code": "muangkao"})
    admin_page = people.client("admin").get(url).content.decode()
    assert "/app/a/muangkao/public/" in admin_page and "/app/a/muangkao/questions/" in admin_page
    officer_page = people.client("officer").get(url).content.decode()
    assert "/app/a/muangkao/public/" not in officer_page and "/app/a/muangkao/questions/" in officer_page
    member_page = people.client("member").get(url).content.decode()
    assert "/app/a/muangkao/questions/" not in member_page
