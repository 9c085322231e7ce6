"""How official documents are laid out: registered by their apps, Thai words kept whole,
the signature never alone, the signed original, the OIT notes, landscape for wide tables."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from documents import pdf as pdfmod
from documents import registry
from documents.official import document_html, document_rows
from documents.thaiwrap import keep_thai_words, thai_words

from .test_documents_pdf import _ids, demo, pdf_text  # noqa: F401 - the demo fixture

from .conftest import login_verified

needs_tools = pytest.mark.skipif(pdfmod.chromium_path() is None or shutil.which("pdftotext") is None,
                                 reason="needs Chromium and poppler-utils")


def test_each_app_registers_its_own_documents():
    kinds = {doc.kind: doc for doc in registry.registered()}
    assert set(kinds) >= {"memo", "order", "oit-matrix", "measures", "risks", "action-plan", "plan-report", "no-gift"}
    assert kinds["order"].build.__module__ == "agencies.official_documents"
    assert kinds["memo"].build.__module__ == "plans.official_documents"
    assert kinds["oit-matrix"].build.__module__ == "frameworks.official_documents"
    assert kinds["measures"].landscape and kinds["risks"].landscape and not kinds["order"].landscape


def test_the_documents_app_imports_no_domain_app_it_prints():
    from pathlib import Path

    source = "\n".join(p.read_text() for p in Path(registry.__file__).parent.glob("*.py"))
    assert not re.search(r"^\s*(from|import) plans\b", source, re.M)
    assert not re.search(r"^\s*from frameworks\b", source, re.M)


def test_registering_a_kind_twice_differently_is_refused():
    doc = registry.get("memo")
    from dataclasses import replace

    with pytest.raises(ValueError, match="already registered"):
        registry.register(replace(doc, template="documents/other.html"))
    assert registry.register(doc) is doc  # the same definition again is harmless


def test_thai_compounds_stay_one_word():
    assert "ภาครัฐ" in thai_words("หน่วยงานภาครัฐ")
    assert "รักษาการแทน" in thai_words("นักพัฒนาชุมชนชำนาญการรักษาการแทนหัวหน้า")
    assert "ข้อบกพร่อง" in thai_words("เพื่อวิเคราะห์ข้อบกพร่อง")


def test_keep_thai_words_wraps_text_only_and_adds_no_character():
    html = ('<html><head><title>ภาครัฐ</title><style>p { color: red }</style></head>'
            '<body><p title="ภาครัฐ">หน่วยงานภาครัฐ &amp; ITA</p></body></html>')
    out = keep_thai_words(html)
    assert "<thai-word>ภาครัฐ</thai-word>" in out
    assert '<title>ภาครัฐ</title>' in out and 'title="ภาครัฐ"' in out
    assert "white-space: nowrap" in out.split("</head>")[0]
    assert re.sub(r"<[^>]+>", "", out.split("<body>")[1]) == "หน่วยงานภาครัฐ &amp; ITA"


def test_the_list_of_documents_comes_from_the_registry(demo):  # noqa: F811
    kinds = [row[0] for row in document_rows(demo)]
    assert {"memo", "order", "oit-matrix", "measures", "no-gift"} <= set(kinds)


def test_the_signed_original_has_no_lung_chue(demo):  # noqa: F811
    for kind in ("order", "memo", "no-gift"):
        copy, name = document_html(kind, demo, _ids(demo)[kind])
        original, signed_name = document_html(kind, demo, _ids(demo)[kind], signed=True)
        assert "(ลงชื่อ)" in copy and "(ลงชื่อ)" not in original, kind
        assert signed_name == f"{name}-signed"
        assert "(นายอุทัย พวงลังกา)" in original


def test_the_oit_matrix_prints_every_note(demo):  # noqa: F811
    from frameworks.models import Item

    html, _ = document_html("oit-matrix", demo, _ids(demo)["oit-matrix"])
    notes = [note["th"] for item in Item.objects.filter(version_id=_ids(demo)["oit-matrix"]) for note in item.notes]
    assert len(notes) >= 13
    assert "ต้องไม่เป็นการแสดงข้อมูลกฎหมายทั้งฉบับ" in notes
    for note in notes:
        assert note in html, note


def _pages(data: bytes, tmp_path) -> list[str]:
    source = tmp_path / "doc.pdf"
    source.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(source)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", str(source), "-"],
                           capture_output=True, text=True, check=True).stdout for n in range(1, count + 1)], info


@needs_tools
def test_the_measures_table_prints_landscape(demo, tmp_path):  # noqa: F811
    from documents.pdf import render_pdf

    html, _ = document_html("measures", demo, _ids(demo)["measures"])
    _, info = _pages(render_pdf(html), tmp_path)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height


def test_the_documents_page_offers_the_signed_original(demo, people_client_for_demo):  # noqa: F811
    client, agency = people_client_for_demo
    page = client.get(reverse("plans:documents", args=[agency.code]))
    assert page.status_code == 200
    order_pk = _ids(agency)["order"]
    signed_url = reverse("plans:document", args=[agency.code, "order", order_pk, "html"]) + "?signed=1"
    assert reverse("plans:document", args=[agency.code, "order", order_pk, "pdf"]) + "?signed=1" in page.content.decode()
    original = client.get(signed_url)
    assert original.status_code == 200
    assert "(ลงชื่อ)" not in original.content.decode() and "(นายอุทัย พวงลังกา)" in original.content.decode()
    copy = client.get(reverse("plans:document", args=[agency.code, "order", order_pk, "html"]))
    assert "(ลงชื่อ)" in copy.content.decode()


@pytest.fixture
def people_client_for_demo(demo):  # noqa: F811
    from agencies.models import Membership, Role

    membership = Membership.objects.filter(agency=demo, role=Role.ADMIN).select_related("user").first()
    from django.test import Client

    client = Client()
    login_verified(client, membership.user)
    return client, demo
