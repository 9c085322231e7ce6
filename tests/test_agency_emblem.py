"""The agency's emblem (Garuda): uploaded once, checked by its bytes, printed where the
correspondence rules put it (order: 3 cm, centred; memo: 1.5 cm, top left)."""

import io
import re
import shutil
import struct
import subprocess
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Agency
from agencies.services import agency_emblem_remove, agency_emblem_set
from audit.models import AuditEntry
from documents import pdf as pdfmod
from documents.official import document_html
from lib.uploads import UploadRejected, emblem_check

from .test_documents_pdf import _ids, demo  # noqa: F401 - the demo fixture


def png(width: int = 60, height: int = 66) -> bytes:
    """A small opaque PNG (a dark emblem-like block on white), written without an image library."""
    rows = b"".join(
        b"\x00" + b"".join(b"\x80\x20\x10" if abs(x - width // 2) < width // 3 and y > height // 6 else b"\xff\xff\xff"
                           for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 11"><title>emblem</title>'
       b'<defs><linearGradient id="g"><stop offset="0" stop-color="#a00"/></linearGradient></defs>'
       b'<path d="M5 0 L10 11 L0 11 Z" fill="url(#g)"/></svg>')


def test_png_jpeg_and_a_plain_svg_are_accepted():
    assert emblem_check("garuda.png", png()).content_type == "image/png"
    assert emblem_check("garuda.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64).content_type == "image/jpeg"
    assert emblem_check("garuda.svg", SVG).content_type == "image/svg+xml"


@pytest.mark.parametrize("body", [
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><path d="M0 0"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><image x:href="https://evil.example/a.png"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><path d="M0 0"/></a></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><path style="fill:url(https://evil.example/x)" d="M0 0"/></svg>',
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
])
def test_an_svg_that_is_not_a_plain_drawing_is_refused(body):
    with pytest.raises(UploadRejected) as refused:
        emblem_check("garuda.svg", body)
    assert refused.value.code in {"unsafe_svg", "corrupt"}


@pytest.mark.parametrize(("name", "body", "code"), [
    ("garuda.gif", b"GIF89a" + b"\x00" * 20, "unsupported"),
    ("garuda.png", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "mismatch"),
    ("garuda.svg", b"<html><body>hi</body></html>", "mismatch"),
    ("garuda.pdf", b"%PDF-1.4\n%%EOF\n", "unsupported"),
    ("garuda.png", b"", "empty"),
    ("garuda.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024), "too_large"),
])
def test_other_files_are_refused_with_a_reason(name, body, code):
    with pytest.raises(UploadRejected) as refused:
        emblem_check(name, body)
    assert refused.value.code == code
    assert refused.value.bilingual()  # Thai — English


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_the_admin_uploads_the_emblem_once_and_can_remove_it(people, media):
    client = people.client("admin")
    url = reverse("backoffice:agency_emblem", args=["muangkao"])
    response = client.post(url, {"emblem": SimpleUploadedFile("ครุฑ.png", png(), "image/png")})
    assert response.status_code == 302
    agency = Agency.objects.get(code="muangkao")
    assert agency.emblem_type == "image/png" and agency.emblem.name.endswith(".png")
    assert agency.emblem_data_url.startswith("data:image/png;base64,")
    assert AuditEntry.objects.filter(action="agency.emblem.set").exists()
    page = client.get(reverse("backoffice:agency", args=["muangkao"])).content.decode()
    assert 'src="data:image/png;base64,' in page
    assert client.post(url, {"remove": "1"}).status_code == 302
    assert not Agency.objects.get(code="muangkao").emblem


def test_a_refused_file_keeps_the_old_emblem_and_says_why(people, media):
    agency_emblem_set(actor=None, agency=people.agency, name="a.png", data=png())
    before = Agency.objects.get(pk=people.agency.pk).emblem.name
    client = people.client("admin")
    response = client.post(reverse("backoffice:agency_emblem", args=["muangkao"]),
                           {"emblem": SimpleUploadedFile("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg">'
                                                         b'<script>x</script></svg>', "image/svg+xml")}, follow=True)
    assert response.status_code == 200
    assert "SVG" in response.content.decode()
    assert Agency.objects.get(pk=people.agency.pk).emblem.name == before


def test_only_who_may_edit_the_agency_uploads_it(people, media):
    url = reverse("backoffice:agency_emblem", args=["muangkao"])
    upload = lambda: {"emblem": SimpleUploadedFile("a.png", png(), "image/png")}  # noqa: E731
    assert people.client("officer").post(url, upload()).status_code == 403
    assert people.client("outsider").post(url, upload()).status_code == 404
    assert not Agency.objects.get(code="muangkao").emblem


def test_orders_and_memos_place_the_emblem_as_the_rules_say(demo, media):  # noqa: F811
    order, _ = document_html("order", demo, _ids(demo)["order"])
    memo, _ = document_html("memo", demo, _ids(demo)["memo"])
    assert "<img" not in order and "<img" not in memo  # without an emblem: the same layout, no image
    agency_emblem_set(actor=None, agency=demo, name="garuda.png", data=png())
    demo.refresh_from_db()
    order, _ = document_html("order", demo, _ids(demo)["order"])
    memo, _ = document_html("memo", demo, _ids(demo)["memo"])
    assert re.search(r'<img class="emblem emblem-order" src="data:image/png;base64,', order)
    assert re.search(r'<img class="emblem emblem-memo" src="data:image/png;base64,', memo)
    no_gift, _ = document_html("no-gift", demo, _ids(demo)["no-gift"])
    assert "<img" not in no_gift  # a declaration carries no Garuda


def _image_height_cm(data: bytes, tmp_path) -> float:
    source = tmp_path / "doc.pdf"
    source.write_bytes(data)
    listing = subprocess.run(["pdfimages", "-list", str(source)], capture_output=True, text=True, check=True).stdout
    row = [line.split() for line in listing.splitlines()[2:] if line.split() and line.split()[0] == "1"][0]
    height_px, y_ppi = int(row[4]), float(row[13])
    return height_px / y_ppi * 2.54


@pytest.mark.skipif(pdfmod.chromium_path() is None or shutil.which("pdfimages") is None,
                    reason="needs Chromium and poppler-utils")
def test_the_printed_emblem_is_3_cm_on_an_order_and_1_5_cm_on_a_memo(demo, media, tmp_path):  # noqa: F811
    agency_emblem_set(actor=None, agency=demo, name="garuda.png", data=png())
    demo.refresh_from_db()
    order = pdfmod.render_pdf(document_html("order", demo, _ids(demo)["order"])[0])
    assert _image_height_cm(order, tmp_path) == pytest.approx(3.0, abs=0.05)
    memo = pdfmod.render_pdf(document_html("memo", demo, _ids(demo)["memo"])[0])
    assert _image_height_cm(memo, tmp_path) == pytest.approx(1.5, abs=0.05)


def test_the_docx_carries_the_emblem_too(demo, media):  # noqa: F811
    from docx import Document

    from documents.docx import html_to_docx

    agency_emblem_set(actor=None, agency=demo, name="garuda.png", data=png())
    demo.refresh_from_db()
    document = Document(io.BytesIO(html_to_docx(document_html("order", demo, _ids(demo)["order"])[0])))
    shapes = document.inline_shapes
    assert len(shapes) == 1 and shapes[0].height.cm == pytest.approx(3.0, abs=0.01)
    agency_emblem_remove(actor=None, agency=demo)
