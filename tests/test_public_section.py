"""The agency's public section: what is published is frozen and versioned, nothing unpublished
is ever public, pages set no cookie, are cacheable and cost a fixed number of queries."""

import csv
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import ItemState
from lib.errors import ConflictError, DomainError, PermissionRefused
from transparency.models import PublishedFile
from transparency.services import publication_create

from .public_helpers import (
    EntryInput,
    approved_item,
    give_evidence,
    go_public,
    pdf,
    published_item,
    step,
)
from .surveys_helpers import make_campaign, surveys_env  # noqa: F401

HOME = reverse("portal:home")


def agency_url(name="portal:agency", *args, code="muangkao"):
    return reverse(name, args=[code, *args])


def test_nothing_is_public_until_the_agency_turns_its_section_on(people, assessment, client):
    published_item(people, assessment)
    assert client.get(agency_url()).status_code == 404
    assert client.get(agency_url("portal:agency_item", "o1")).status_code == 404
    assert "เมืองเก่า" not in client.get(HOME).content.decode()
    go_public(people)
    assert client.get(agency_url()).status_code == 200
    assert "องค์การบริหารส่วนตำบลเมืองเก่า" in client.get(HOME).content.decode()


def test_only_approved_or_sent_evidence_can_be_published(people, assessment):
    item = assessment.items.get(item__code="o1")
    give_evidence(people, item, EntryInput(title="ร่าง", url="https://muangkao.go.th/draft"))
    step(people, item, "submit")
    with pytest.raises(DomainError) as refused:
        publication_create(actor=people.admin, assessment_item=item)
    assert refused.value.code == "not_ready"


def test_only_the_ita_admin_publishes(people, assessment):
    item = approved_item(people, assessment)
    with pytest.raises(PermissionRefused):
        publication_create(actor=people.officer, assessment_item=item)


def test_a_publication_is_frozen_and_a_change_publishes_a_new_dated_version(people, assessment, client):
    assessment.approval_required = False
    assessment.save(update_fields=["approval_required"])
    go_public(people)
    item = assessment.items.get(item__code="o1")
    give_evidence(people, item, EntryInput(title="โครงสร้าง ฉบับแรก", file=pdf()))
    step(people, item, "submit")
    step(people, item, "accept")
    first = publication_create(actor=people.admin, assessment_item=item)
    with pytest.raises(ConflictError):
        publication_create(actor=people.admin, assessment_item=item)
    step(people, item, "return")
    kept = list(item.revisions.first().entries.all())
    give_evidence(people, item, EntryInput(title="โครงสร้าง ฉบับปรับปรุง", url="https://muangkao.go.th/structure"), keep=kept)
    step(people, item, "submit")
    step(people, item, "accept")
    second = publication_create(actor=people.admin, assessment_item=item)

    assert (first.number, second.number) == (1, 2)
    assert [e.title for e in first.entries.all()] == ["โครงสร้าง ฉบับแรก"]
    assert [e.title for e in second.entries.all()] == ["โครงสร้าง ฉบับแรก", "โครงสร้าง ฉบับปรับปรุง"]
    # the same stored file keeps the same public address in both versions
    assert first.entries.get().file_id == second.entries.first().file_id
    page = client.get(agency_url("portal:agency_item", "o1")).content.decode()
    assert 'id="v2"' in page and 'id="v1"' in page and "ฉบับปรับปรุง" in page


def test_published_files_are_served_safely_at_a_stable_address(people, assessment, client):
    go_public(people)
    published_item(people, assessment)
    published = PublishedFile.objects.get()
    url = agency_url("portal:agency_file", published.token, published.file_name)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert not response.cookies


def test_unpublished_files_have_no_public_address(people, assessment, client):
    go_public(people)
    item = assessment.items.get(item__code="o2")
    give_evidence(people, item, EntryInput(title="ร่างลับ", file=pdf("secret.pdf")))
    assert not PublishedFile.objects.exists()
    entry = item.revisions.first().entries.get()
    assert client.get(agency_url("portal:agency_file", "anything", "secret.pdf")).status_code == 404
    # the back-office address of the same file wants a login
    back = reverse("oit:entry_file", kwargs={"code": "muangkao", "pk": assessment.pk, "entry_pk": entry.pk})
    assert client.get(back).status_code == 302


def test_another_agencys_file_token_does_not_open_through_this_agency(people, assessment, client):
    from agencies.models import Agency

    go_public(people)
    published_item(people, assessment)
    other = Agency.objects.get(code="ban-suan")
    go_public(people, other)
    published = PublishedFile.objects.get()
    assert client.get(agency_url("portal:agency_file", published.token, published.file_name, code="ban-suan")).status_code == 404


def _links(html: str) -> set[str]:
    return {href for href in re.findall(r'(?:href|src)="([^"]+)"', html)}


def test_an_anonymous_walk_of_every_public_url_finds_nothing_unpublished_and_nothing_else(people, assessment, framework, client, surveys_env):  # noqa: F811
    """Follow every link from the home page inside the public section: each answers, sets no
    cookie, loads nothing from another site, and never shows drafts or another agency's data."""
    from django.utils import timezone

    from agencies.models import Agency
    from transparency.models import Question

    go_public(people)
    make_campaign(people, framework)
    published_item(people, assessment, "o1", title="โครงสร้างที่เผยแพร่")
    draft = assessment.items.get(item__code="o2")
    give_evidence(people, draft, EntryInput(title="ร่างที่ยังไม่อนุมัติ", url="https://muangkao.go.th/draft", file=None))
    approved_unpublished = approved_item(people, assessment, "o3", title="อนุมัติแต่ยังไม่เผยแพร่")
    assert approved_unpublished.state == ItemState.APPROVED
    # ban-suan publishes too, with a question of its own; none of it may show on muangkao's pages
    other = Agency.objects.get(code="ban-suan")
    go_public(people, other)
    Question.objects.create(agency=other, text="คำถามของบ้านสวนเท่านั้น", answer="คำตอบของบ้านสวน",
                            state=Question.State.PUBLISHED, receipt_hash="1" * 64, published_at=timezone.now(),
                            answered_at=timezone.now())
    seen, queue = set(), [HOME, reverse("portal:sitemap")]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, response.cookies)
        assert "Set-Cookie" not in response, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response["Content-Type"].startswith(("text/html", "application/xml", "application/json", "text/csv", "application/ld+json")):
            text = body.decode()
            assert "ร่างที่ยังไม่อนุมัติ" not in text and "อนุมัติแต่ยังไม่เผยแพร่ (เว็บไซต์)" not in text, url
            if url.startswith("/p/muangkao/"):
                assert "บ้านสวน" not in text, url
            assert not re.search(r'<script[^>]+src="(https?:)?//', text), url
            assert "google" not in text.lower() and "facebook.net" not in text.lower(), url
            for link in _links(text) | set(re.findall(r"<loc>([^<]+)</loc>", text)):
                parts = urlsplit(link)
                if parts.netloc and parts.netloc not in ("testserver", "127.0.0.1:8000"):
                    continue
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                if path.startswith(("/p/muangkao/", "/static/", "/s/")) or path in ("/", "/sitemap.xml"):
                    if path.startswith("/s/") and not path.endswith(".svg"):
                        continue  # the survey pages have their own tests
                    queue.append(path)
    assert any(url.startswith("/p/muangkao/files/") for url in seen)
    assert agency_url("portal:agency_item", "o3") in seen  # its page exists, saying nothing is published
    assert any(url.endswith("qr.svg") for url in seen)
    assert len(seen) > 20
    assert client.get(agency_url(code="ban-suan")).status_code == 200  # it is public, just not reachable from here


def test_public_pages_set_no_cookie_have_an_etag_and_answer_304(people, assessment, client):
    go_public(people)
    published_item(people, assessment)
    for url in (HOME, agency_url(), agency_url("portal:agency_item", "o1"), agency_url("portal:agency_embed"),
                agency_url("portal:agency_feed"), agency_url("portal:agency_data"), agency_url("portal:agency_questions"),
                reverse("portal:sitemap")):
        response = client.get(url)
        assert response.status_code == 200 and not response.cookies, url
        assert "csrftoken" not in response.content.decode(), url
        if url != agency_url("portal:agency_questions"):
            assert "public" in response["Cache-Control"] and response["ETag"], url
            assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304, url


def test_pages_are_thai_first_with_english_on_request(people, assessment, client):
    go_public(people)
    page = client.get(agency_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="th">' in page and 'property="og:title"' in page and "ภาษาไทย" not in page
    page = client.get(agency_url() + "?lang=en").content.decode()
    assert '<html lang="en">' in page and "ภาษาไทย" in page


def test_the_embeddable_list_may_be_framed_only_by_the_agencys_domains(people, assessment, client):
    go_public(people)
    published_item(people, assessment)
    response = client.get(agency_url("portal:agency_embed"))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["frame-ancestors"] == "'self' https://muangkao.go.th https://*.muangkao.go.th"
    assert policy["script-src"] == "'self'"  # the rest of the site's policy still holds
    assert client.get(agency_url())["X-Frame-Options"] == "DENY"


def test_the_json_feed_lists_the_latest_version_of_each_published_item(people, assessment, client):
    go_public(people)
    published_item(people, assessment)
    body = client.get(agency_url("portal:agency_feed")).json()
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    [item] = body["items"]
    assert item["_prongsai"]["version"] == 1 and len(item["_prongsai"]["entries"]) == 2
    assert any("/p/muangkao/files/" in entry["url"] for entry in item["_prongsai"]["entries"])


def test_search_finds_published_entries_and_not_drafts(people, assessment, client):
    go_public(people)
    published_item(people, assessment, title="แผนผังองค์กร")
    give_evidence(people, assessment.items.get(item__code="o2"), EntryInput(title="แผนผังร่าง", url="https://muangkao.go.th/x"))
    page = client.get(agency_url("portal:agency_search"), {"q": "แผนผัง"}).content.decode()
    assert "แผนผังองค์กร" in page and "แผนผังร่าง" not in page


def test_open_data_has_csv_json_and_a_dcat_catalogue(people, assessment, client):
    go_public(people)
    published_item(people, assessment)
    response = client.get(agency_url("portal:agency_dataset", "published-items", "csv"))
    text = response.content.decode()
    assert response.status_code == 200 and text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 2 and rows[0]["item"] == "o1" and rows[0]["version"] == "1"
    body = client.get(agency_url("portal:agency_dataset", "published-items", "json")).json()
    meta = body["metadata"]
    for field in ("title", "description", "publisher", "license_id", "update_frequency", "last_updated"):
        assert meta[field], field
    catalogue = json.loads(client.get(agency_url("portal:agency_dcat")).content)
    assert catalogue["@type"] == "dcat:Catalog"
    datasets = catalogue["dcat:dataset"]
    assert {d["dct:identifier"] for d in datasets} >= {"muangkao-published-items", "muangkao-questions-monthly"}
    assert all(len(d["dcat:distribution"]) == 2 for d in datasets)
    assert client.get(agency_url("portal:agency_dataset", "nothing", "csv")).status_code == 404


def test_the_sitemap_lists_published_item_pages(people, assessment, client):
    go_public(people)
    published_item(people, assessment)
    text = client.get(reverse("portal:sitemap")).content.decode()
    assert "/p/muangkao/items/o1/" in text and "/p/muangkao/items/o2/" not in text


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _accepted(people, item, *entries, keep=()):
    give_evidence(people, item, *entries, keep=keep)
    step(people, item, "submit")
    step(people, item, "accept")


def test_query_counts_do_not_grow_with_items_versions_or_files(people, assessment, client, django_assert_max_num_queries):
    assessment.approval_required = False
    assessment.save(update_fields=["approval_required"])
    go_public(people)
    item = assessment.items.get(item__code="o5")
    _accepted(people, item, EntryInput(title="ติดต่อ", file=pdf("c.pdf")))
    publication_create(actor=people.admin, assessment_item=item)
    urls = [agency_url(), agency_url("portal:agency_item", "o5"), agency_url("portal:agency_feed"),
            agency_url("portal:agency_embed"), agency_url("portal:agency_dataset", "published-items", "csv"),
            agency_url("portal:agency_search") + "?q=o5", HOME, reverse("portal:sitemap")]
    before = {url: _queries(client, url) for url in urls}

    for code in ("o1", "o2", "o3", "o4", "o6"):
        published_item(people, assessment, code)
    step(people, item, "return")
    kept = list(item.revisions.first().entries.all())
    _accepted(people, item, EntryInput(title="แผนที่", file=pdf("m.pdf")), EntryInput(title="โทรศัพท์", file=pdf("t.pdf")), keep=kept)
    assert publication_create(actor=people.admin, assessment_item=item).number == 2

    after = {url: _queries(client, url) for url in urls}
    assert after == before
    with django_assert_max_num_queries(12):
        response = client.get(agency_url())
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        response = client.get(agency_url("portal:agency_item", "o5"))
    assert response.status_code == 200 and response.content.decode().count("/p/muangkao/files/") == 4


def test_the_home_shows_survey_qr_codes_while_open_and_contacts(people, assessment, framework, client, surveys_env):  # noqa: F811
    go_public(people)
    campaign = make_campaign(people, framework)
    page = client.get(agency_url()).content.decode()
    assert f"/s/{campaign.public_code}/iit/qr.svg" in page and f"/s/{campaign.public_code}/eit/qr.svg" in page
    assert "053 121 061" in page
    from surveys.models import Campaign

    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    assert "qr.svg" not in client.get(agency_url()).content.decode()


def test_staff_publish_from_the_back_office(people, assessment):
    approved_item(people, assessment)
    client = people.client("admin")
    response = client.post(reverse("public_admin:publish", kwargs={"code": "muangkao"}), {"item": "ready"})
    assert response.status_code == 302
    assert assessment.items.get(item__code="o1").publications.count() == 1
    page = client.get(reverse("public_admin:section", kwargs={"code": "muangkao"})).content.decode()
    assert "up to date" in page or "เป็นปัจจุบัน" in page
    response = client.post(reverse("public_admin:section", kwargs={"code": "muangkao"}), {"is_public": "on", "phone": "053", "website": "muangkao.go.th"})
    assert response.status_code == 302
    assert people.client(None).get(agency_url()).status_code == 200


def test_a_visitor_gets_a_404_without_a_cookie(people, client):
    response = client.get("/p/no-such-agency/")
    assert response.status_code == 404 and not response.cookies
    assert people.client("admin").get("/p/no-such-agency/").status_code == 404


def test_with_the_page_cache_on_a_page_is_rendered_once_and_keeps_its_headers(people, assessment, client, settings,
                                                                             django_assert_max_num_queries):
    from django.core.cache import cache

    cache.clear()
    settings.PUBLIC_PAGE_CACHE_SECONDS = 30
    go_public(people)
    published_item(people, assessment)
    url = agency_url("portal:agency_embed")
    first = client.get(url)
    with django_assert_max_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200 and second.content == first.content and not second.cookies
    assert second["ETag"] == first["ETag"] and second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "X-Frame-Options" not in second
    assert client.get(agency_url())["X-Frame-Options"] == "DENY"
    assert client.get(agency_url())["X-Frame-Options"] == "DENY"  # from the cache too
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url + "?lang=en").content != first.content
    cache.clear()
