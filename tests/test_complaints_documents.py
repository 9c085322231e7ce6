"""The complaint-handling guideline as an official Thai document: PDF text layer and DOCX."""

import io

import pytest

from agencies.demo import demo_load
from complaints.demo import complaints_demo_load
from complaints.models import ChannelSettings
from documents.docx import html_to_docx
from documents.official import document_html
from documents.pdf import render_pdf
from documents.registry import get

from .test_documents_pdf import needs_tools, page_one_png, pdf_text, squash

pytestmark = pytest.mark.django_db

EXPECTED = [
    "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "องค์การบริหารส่วนตำบลเมืองเก่า",
    "ปลัดองค์การบริหารส่วนตำบลเมืองเก่า", "ตรวจสอบเบื้องต้นแล้ว", "ภายใน ๑๕ วัน", "ภายใน ๖๐ วัน",
    "สำนักงาน ป.ป.ช.", "/p/muangkao/report/", "๑๘๒๕ วัน", "นายกองค์การบริหารส่วนตำบลเมืองเก่า",
]


@pytest.fixture
def channel(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    complaints_demo_load()
    return ChannelSettings.objects.get(agency__code="muangkao")


def test_the_guideline_is_registered_by_the_complaints_app():
    doc = get("complaint-guideline")
    assert doc is not None and doc.signed


@needs_tools
def test_the_guideline_pdf_gives_back_its_thai_text(channel, tmp_path):
    html, name = document_html("complaint-guideline", channel.agency, channel.pk)
    data = render_pdf(html)
    flat = squash(pdf_text(data, tmp_path))
    for expected in EXPECTED:
        assert squash(expected) in flat, expected
    assert page_one_png(data, name).stat().st_size > 5_000


def test_the_guideline_docx_carries_the_same_text(channel):
    import docx

    html, _name = document_html("complaint-guideline", channel.agency, channel.pk)
    document = docx.Document(io.BytesIO(html_to_docx(html)))
    text = squash("".join(p.text for p in document.paragraphs) + "".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells))
    for expected in ("แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "ปลัดองค์การบริหารส่วนตำบลเมืองเก่า"):
        assert squash(expected) in text
