"""lib.uploads: an uploaded evidence file is judged by its bytes, not by its name."""

import io
import struct
import zipfile
import zlib

import pytest

from lib.uploads import MAX_UNZIPPED, UploadRejected, sniff_upload

MB = 1024 * 1024


def minimal_pdf() -> bytes:
    """A one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def minimal_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32 + b"\xff\xd9"
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def zip_of(entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else compression)
    return buffer.getvalue()


def ooxml(part: str, extra: dict[str, bytes] | None = None) -> bytes:
    return zip_of({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": b"<Relationships/>",
                   f"{part}/document.xml": b"<doc>\xe0\xb8\x82\xe0\xb9\x88\xe0\xb8\xb2\xe0\xb8\xa7</doc>",
                   **(extra or {})})


def odf(mimetype: bytes) -> bytes:
    return zip_of({"mimetype": mimetype, "content.xml": b"<office:document-content/>",
                   "META-INF/manifest.xml": b"<manifest/>"})


def sniff(name: str, data: bytes, *, max_bytes: int = 10 * MB, head: int = 8192, **kwargs):
    return sniff_upload(name, data[:head], len(data), max_bytes=max_bytes, content=data, **kwargs)


def rejected(name: str, data: bytes, **kwargs) -> str:
    with pytest.raises(UploadRejected) as caught:
        sniff(name, data, **kwargs)
    assert str(caught.value)  # an English message for the user, through gettext
    return caught.value.code


# --- accepted -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, code, content_type",
    [
        ("report.pdf", minimal_pdf(), "pdf", "application/pdf"),
        ("C:\\fakepath\\REPORT.PDF", minimal_pdf(), "pdf", "application/pdf"),
        ("chart.png", minimal_png(), "png", "image/png"),
        ("photo.jpg", JPEG, "jpeg", "image/jpeg"),
        ("photo.jpeg", JPEG, "jpeg", "image/jpeg"),
        ("plan.docx", ooxml("word"), "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("budget.xlsx", ooxml("xl"), "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("slides.pptx", ooxml("ppt"), "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("plan.odt", odf(b"application/vnd.oasis.opendocument.text"), "odt", "application/vnd.oasis.opendocument.text"),
        ("budget.ods", odf(b"application/vnd.oasis.opendocument.spreadsheet"), "ods", "application/vnd.oasis.opendocument.spreadsheet"),
        ("stats.csv", "เดือน,จำนวน\nตุลาคม,12\n".encode(), "csv", "text/csv; charset=utf-8"),
        ("stats.csv", b"\xef\xbb\xbfmonth,count\nOct,12\n", "csv", "text/csv; charset=utf-8"),
        ("notes.txt", "ไม่มีเรื่องร้องเรียน".encode(), "txt", "text/plain; charset=utf-8"),
    ],
)
def test_allowed_types_are_recognised_from_their_bytes(name, data, code, content_type):
    kind = sniff(name, data)
    assert (kind.code, kind.content_type) == (code, content_type)


def test_zip_types_can_be_read_from_a_file_object_which_is_rewound():
    data = ooxml("word")
    stream = io.BytesIO(data)
    kind = sniff_upload("plan.docx", data[:16], len(data), max_bytes=MB, content=stream)
    assert kind.code == "docx"
    assert stream.tell() == 0


def test_head_alone_suffices_when_it_is_the_whole_file():
    data = ooxml("word")
    assert sniff_upload("plan.docx", data, len(data), max_bytes=MB).code == "docx"


def test_a_zip_without_the_whole_file_is_a_programming_error():
    data = ooxml("word")
    with pytest.raises(ValueError):
        sniff_upload("plan.docx", data[:16], len(data), max_bytes=MB)


def test_text_is_checked_beyond_the_head_when_content_is_given():
    data = b"a,b\n" * 5000 + b"\xff\xfe broken"
    assert rejected("big.csv", data) == "mismatch"
    # A Thai character cut by the end of HEAD is not a reason to refuse.
    thai = "ก".encode() * 10
    assert sniff_upload("t.txt", thai[:7], len(thai), max_bytes=MB).code == "txt"
    assert sniff_upload("t.txt", thai, len(thai), max_bytes=MB, content=io.BytesIO(thai)).code == "txt"


# --- refused ------------------------------------------------------------------------------


def test_empty_and_too_large_files_are_refused():
    assert rejected("empty.pdf", b"") == "empty"
    assert rejected("big.pdf", minimal_pdf(), max_bytes=100) == "too_large"


@pytest.mark.parametrize(
    "name, data",
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 60),
        ("report.pdf", b"MZ\x90\x00" + b"\x00" * 60),
        ("chart.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 40),
        ("notes.txt", b"#!/bin/sh\nrm -rf /\n"),
        ("report.pdf.exe", minimal_pdf()),
        ("run.sh", b"echo hi\n"),
        ("macro.docm", ooxml("word")),
        ("plan.docx", ooxml("word", {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})),
    ],
)
def test_programs_are_refused_as_executable(name, data):
    assert rejected(name, data) == "executable"


def test_html_renamed_pdf_is_a_mismatch():
    assert rejected("report.pdf", HTML) == "mismatch"
    assert rejected("report.pdf", b"  \r\n<html><body>x</body></html>") == "mismatch"


@pytest.mark.parametrize(
    "name, data",
    [
        ("page.html", HTML),
        ("page.htm", b"hello"),
        ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("notes.txt", HTML),
        ("notes.txt", b"\xef\xbb\xbf<script>alert(1)</script>"),
        ("stats.csv", b"<HTML><BODY>x"),
    ],
)
def test_web_pages_are_refused_as_html(name, data):
    assert rejected(name, data) == "html"


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("anim.gif", GIF, "unsupported"),
        ("no-extension", minimal_pdf(), "unsupported"),
        ("archive.zip", zip_of({"a.txt": b"a"}), "unsupported"),
        ("anim.png", GIF, "mismatch"),
        ("report.pdf", minimal_png(), "mismatch"),
        ("photo.png", JPEG, "mismatch"),
        ("plan.docx", ooxml("xl"), "mismatch"),
        ("plan.docx", zip_of({"word/document.xml": b"<doc/>"}), "mismatch"),  # no [Content_Types].xml
        ("plan.docx", zip_of({"a.txt": b"a"}), "mismatch"),
        ("plan.odt", odf(b"application/vnd.oasis.opendocument.presentation"), "mismatch"),
        ("stats.csv", "เดือน,จำนวน".encode("tis-620"), "mismatch"),  # not UTF-8
        ("notes.txt", b"abc\x00def", "mismatch"),
        ("notes.txt", minimal_pdf(), "mismatch"),
        ("plan.docx", b"PK\x03\x04" + b"garbage" * 20, "corrupt"),
    ],
)
def test_content_must_agree_with_the_extension(name, data, code):
    assert rejected(name, data) == code


def test_a_docx_that_inflates_past_50_mb_is_a_zip_bomb():
    bomb = ooxml("word", {"word/media/padding.bin": b"\x00" * (MAX_UNZIPPED + MB)})
    assert len(bomb) < MB  # small on the wire
    assert rejected("plan.docx", bomb) == "zip_bomb"


def test_a_docx_declaring_a_huge_uncompressed_size_is_a_zip_bomb():
    data = bytearray(ooxml("word"))
    central = data.find(b"PK\x01\x02")  # first central directory entry
    struct.pack_into("<I", data, central + 24, 60 * MB)  # its uncompressed size
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()[0].file_size == 60 * MB
    assert rejected("plan.docx", bytes(data)) == "zip_bomb"


def test_too_many_entries_is_a_zip_bomb():
    entries = {"[Content_Types].xml": CONTENT_TYPES, **{f"word/{i}.xml": b"" for i in range(5001)}}
    assert rejected("plan.docx", zip_of(entries, compression=zipfile.ZIP_STORED)) == "zip_bomb"


ODT = b"application/vnd.oasis.opendocument.text"
ODS = b"application/vnd.oasis.opendocument.spreadsheet"


def odf_with(mimetype: bytes, extra: dict[str, bytes]) -> bytes:
    entries = {"mimetype": mimetype, "content.xml": b"<office:document-content/>", "META-INF/manifest.xml": b"<manifest/>"}
    return zip_of({**entries, **extra})


@pytest.mark.parametrize(
    "name, data",
    [
        # LibreOffice Basic macros (a library in Basic/), the issue's .odt and .ods
        ("plan.odt", odf_with(ODT, {"Basic/Standard/Module1.xml": b"<script:module>Sub Main\nShell(\"x\")\nEnd Sub</script:module>",
                                     "Basic/script-lc.xml": b"<library:libraries/>"})),
        ("budget.ods", odf_with(ODS, {"Basic/Standard/Module1.xml": b"<script:module>Sub Main</script:module>"})),
        # Python/JavaScript scripts embedded in the document
        ("plan.odt", odf_with(ODT, {"Scripts/python/run.py": b"import os"})),
        # An event handler that runs a macro on opening, without a library in the file
        ("plan.odt", odf_with(ODT, {"content.xml": b'<office:document-content><office:scripts><office:event-listeners>'
                                    b'<script:event-listener script:event-name="dom:load" xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic"/>'
                                    b"</office:event-listeners></office:scripts></office:document-content>"})),
        ("budget.ods", odf_with(ODS, {"styles.xml": b'<x xlink:href="macro:///Standard.Module1.Main"/>'})),
        # OOXML: Excel 4.0 macro sheets, ActiveX, a macro-enabled content type, Word's VBA data
        ("budget.xlsx", ooxml("xl", {"xl/macrosheets/sheet1.xml": b"<xm:macrosheet/>"})),
        ("plan.docx", ooxml("word", {"word/activeX/activeX1.bin": b"\xd0\xcf\x11\xe0"})),
        ("plan.docx", ooxml("word", {"word/vbaData.xml": b"<wne:vbaSuppData/>"})),
        ("plan.docx", zip_of({"[Content_Types].xml": b'<Types><Override PartName="/word/document.xml" '
                              b'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
                              "word/document.xml": b"<doc/>"})),
    ],
)
def test_office_files_with_macros_are_refused(name, data):
    assert rejected(name, data) == "executable"


def test_an_odf_document_that_talks_about_macros_is_accepted():
    text = b"<office:document-content><text:p>macro: the scripts/ folder, an event listener</text:p></office:document-content>"
    assert sniff("plan.odt", odf_with(ODT, {"content.xml": text})).code == "odt"
