"""The public framework library: pages and the read-only API."""

from django.urls import reverse


def test_the_framework_tree_shows_tools_indicators_and_items(client, framework):
    page = client.get(reverse("portal:framework", args=["ita-2566"])).content.decode()
    assert "แบบวัดการเปิดเผยข้อมูลสาธารณะ" in page
    assert "ตัวชี้วัดที่ 9" in page or "Indicator 9" in page
    assert "o43" in page and "43" in page


def test_search_finds_items_by_code_title_or_element(client, framework):
    url = reverse("portal:framework", args=["ita-2566"])
    by_code = client.get(url, {"q": "o21"}).content.decode()
    assert "o21" in by_code and "o20" not in by_code
    by_element = client.get(url, {"q": "ราคากลาง"}).content.decode()  # only o21 mentions reference prices
    assert "o21" in by_element and "o1<" not in by_element
    nothing = client.get(url, {"q": "ไม่มีคำนี้แน่นอน"}).content.decode()
    assert "0 items" in nothing or "0 รายการ" in nothing


def test_search_answers_htmx_with_the_tree_fragment_only(client, framework):
    response = client.get(reverse("portal:framework", args=["ita-2566"]), {"q": "o5"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "o5" in body


def test_an_item_page_lists_every_element_and_its_time_rule(client, framework):
    page = client.get(reverse("portal:framework_item", args=["ita-2566", "o2"])).content.decode()
    for text in ("ผู้บริหารสูงสุด", "รองผู้บริหารสูงสุด", "ชื่อ-นามสกุล", "รูปถ่าย", "ช่องทางการติดต่อ"):
        assert text in page
    page = client.get(reverse("portal:framework_item", args=["ita-2566", "o12"])).content.decode()
    assert "2022-10-01" in page and "2023-03-31" in page


def test_unknown_framework_or_item_is_404(client, framework):
    assert client.get(reverse("portal:framework", args=["ita-2499"])).status_code == 404
    assert client.get(reverse("portal:framework_item", args=["ita-2566", "o99"])).status_code == 404


def test_the_api_lists_versions(client, framework):
    data = client.get("/api/frameworks/").json()
    assert data == [
        {
            "id": "ita-2566",
            "fiscal_year": 2566,
            "name": {"th": framework.name_th, "en": framework.name_en},
            "digest": framework.digest,
            "item_count": 43,
            "url": "/api/frameworks/ita-2566/",
        }
    ]


def test_the_api_returns_the_whole_tree(client, framework):
    data = client.get("/api/frameworks/ita-2566/").json()
    assert [t["code"] for t in data["tools"]] == ["IIT", "EIT", "OIT"]
    assert [t["weight"] for t in data["tools"]] == ["0.3000", "0.3000", "0.4000"]
    oit = data["tools"][2]
    items = [i for ind in oit["indicators"] for sub in ind["subindicators"] for i in sub["items"]]
    assert len(items) == 43
    o2 = next(i for i in items if i["code"] == "o2")
    assert o2["urn"] == "urn:prongsai:ita-2566:o2"
    assert sum(len(e["children"]) for e in o2["elements"]) == 6
    assert {s["id"] for s in data["rating_schemes"]} == {"bands-2566", "bands-2565"}
    assert data["rating_scheme"] == "bands-2566"


def test_the_api_tree_takes_a_fixed_number_of_queries(client, framework, django_assert_max_num_queries):
    # The tree (about 10) and the questionnaires with their scales, questions, rows and rules (5).
    with django_assert_max_num_queries(17):
        response = client.get("/api/frameworks/ita-2566/")
    assert response.status_code == 200 and response.json()["questionnaires"]


def test_the_framework_page_takes_a_fixed_number_of_queries(client, framework, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get(reverse("portal:framework", args=["ita-2566"])).status_code == 200


def test_unknown_framework_in_the_api_is_404(client, db):
    assert client.get("/api/frameworks/nope/").status_code == 404


def test_the_openapi_schema_describes_the_framework_endpoints(client, db):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/frameworks/" in schema["paths"]
    assert "/api/frameworks/{code}/" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_alternatives_are_marked_as_such(client, framework):
    o40 = client.get("/api/frameworks/ita-2566/").json()
    items = {i["code"]: i for t in o40["tools"] for ind in t["indicators"] for s in ind["subindicators"] for i in s["items"]}
    lead = items["o40"]["elements"][0]
    assert lead["any_of"] is True and len(lead["children"]) == 3
    assert not any(e["any_of"] for e in items["o2"]["elements"])
    page = client.get(reverse("portal:framework_item", args=["ita-2566", "o40"])).content.decode()
    assert "any one of these is enough" in page or "อย่างใดอย่างหนึ่ง" in page
