"""Decide what an uploaded evidence file really is, from its bytes, before it is stored.

The name an agency gives a file proves nothing, and the files are later served to assessors'
browsers, so the rules are: only document and image types an assessor can open; the extension
must agree with the content; anything executable or HTML is refused outright (stored HTML
served from our origin would be stored XSS). Pure: no storage, no database.

Codes of `UploadRejected`: empty, too_large, executable, html, unsupported, mismatch,
corrupt, zip_bomb, unsafe_svg (emblems only: `emblem_check`).
"""

from __future__ import annotations

import codecs
import io
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext_lazy as _

from lib.errors import DomainError, Message

HEAD_BYTES = 8192  # how much of the file callers should pass as HEAD
MAX_UNZIPPED = 50 * 1024 * 1024  # an Office file that inflates past this is a zip bomb
MAX_ZIP_ENTRIES = 5000


class UploadRejected(DomainError):
    def __init__(self, message: Message, code: str) -> None:
        super().__init__(message, code=code, field="file")


@dataclass(frozen=True)
class UploadKind:
    code: str  # "pdf", "docx", ...
    content_type: str  # what to serve it as
    extensions: tuple[str, ...]


KINDS = {
    kind.code: kind
    for kind in (
        UploadKind("pdf", "application/pdf", (".pdf",)),
        UploadKind("png", "image/png", (".png",)),
        UploadKind("jpeg", "image/jpeg", (".jpg", ".jpeg")),
        UploadKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
        UploadKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
        UploadKind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)),
        UploadKind("odt", "application/vnd.oasis.opendocument.text", (".odt",)),
        UploadKind("ods", "application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
        UploadKind("csv", "text/csv; charset=utf-8", (".csv",)),
        UploadKind("txt", "text/plain; charset=utf-8", (".txt",)),
    )
}
BY_EXTENSION = {ext: kind for kind in KINDS.values() for ext in kind.extensions}
TEXT_KINDS = {"csv", "txt"}

EXECUTABLE_EXTENSIONS = frozenset(
    ".exe .dll .com .scr .pif .msi .msp .bat .cmd .ps1 .vbs .vbe .js .jse .wsf .wsh .hta .cpl "
    ".jar .apk .app .sh .bash .py .pl .php .elf .bin .docm .xlsm .pptm .lnk .reg".split()
)
HTML_EXTENSIONS = frozenset(".html .htm .xhtml .shtml .svg .xml .mht .mhtml".split())

# Magic numbers of programs: Windows PE, ELF, scripts, Mach-O, Java class / fat Mach-O.
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf",
                    b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
# What browsers sniff as HTML (WHATWG MIME sniffing), lower-cased, after leading whitespace.
HTML_MAGIC = (b"<!doctype", b"<html", b"<script", b"<head", b"<body", b"<iframe", b"<svg",
              b"<?xml", b"<!--", b"<style", b"<title", b"<a ", b"<div", b"<table", b"<img", b"<p>")

ZIP_MAGIC = b"PK\x03\x04"
OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
# Macros and programs inside Office archives. OOXML: VBA projects, Excel 4.0 macro sheets,
# ActiveX controls, and any part whose declared content type is macro-enabled. ODF: Basic
# libraries, scripts (Python, JavaScript, BeanShell) and event handlers that call a macro.
OOXML_MACRO_NAMES = ("vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin")
OOXML_MACRO_FOLDERS = ("macrosheets/", "activex/")
OOXML_MACRO_TYPES = (b"macroenabled", b"vbaproject", b"macrosheet", b"activex")
ODF_MACRO_FOLDERS = ("basic/", "scripts/")
ODF_MACRO_MARKERS = (b"script:event-listener", b"vnd.sun.star.script", b"href=\"macro:")
ODF_SCANNED_PARTS = ("content.xml", "styles.xml", "settings.xml", "meta-inf/manifest.xml")
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def _extension(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip().rstrip(".").lower()
    return "." + base.rsplit(".", 1)[1] if "." in base else ""


def _looks_html(head: bytes) -> bool:
    text = head.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n\x0c").lower()
    return text.startswith(HTML_MAGIC)


def _is_text(data: bytes, *, complete: bool) -> bool:
    """Valid UTF-8 without NUL. On a partial HEAD a character cut at the end is forgiven."""
    if b"\x00" in data:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def _is_text_stream(stream: BinaryIO) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    stream.seek(0)
    try:
        while chunk := stream.read(64 * 1024):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        stream.seek(0)
    return True


def _part_contains(archive: zipfile.ZipFile, name: str, markers: tuple[bytes, ...]) -> bool:
    """Whether part NAME holds any of MARKERS (case-insensitive), read in chunks."""
    tail = b""
    longest = max(len(m) for m in markers)
    with archive.open(name) as part:
        while chunk := part.read(256 * 1024):
            window = (tail + chunk).lower()
            if any(marker in window for marker in markers):
                return True
            tail = window[-longest:]
    return False


def _has_macros(archive: zipfile.ZipFile, names: set[str]) -> bool:
    lowered = {name.lower(): name for name in names}
    for low in lowered:
        base = low.rsplit("/", 1)[-1]
        if base in OOXML_MACRO_NAMES or any(f"/{folder}" in f"/{low}" for folder in OOXML_MACRO_FOLDERS):
            return True
        if low.startswith(ODF_MACRO_FOLDERS):
            return True
    if "[content_types].xml" in lowered and _part_contains(archive, lowered["[content_types].xml"], OOXML_MACRO_TYPES):
        return True
    return any(
        low in lowered and _part_contains(archive, lowered[low], ODF_MACRO_MARKERS) for low in ODF_SCANNED_PARTS
    )


def _zip_kind(source: bytes | BinaryIO) -> str | None:
    """docx/xlsx/pptx/odt/ods from the central directory, or None; raises UploadRejected for
    a broken archive, a zip bomb or a macro project."""
    stream = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            # Declared sizes are what an unzipping reader will trust; zipfile itself refuses
            # to inflate past them, so checking the declaration is enough.
            if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_UNZIPPED:
                raise UploadRejected(_("The file expands to far more than its size; it is refused."), "zip_bomb")
            names = {i.filename for i in infos}
            if _has_macros(archive, names):
                raise UploadRejected(_("Files with macros cannot be uploaded."), "executable")
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100:
                    kind = ODF_MIMETYPES.get(archive.read(info).strip())
                    if kind:
                        return kind
            if "[Content_Types].xml" in names:
                for prefix, kind in OOXML_PARTS.items():
                    if any(n.startswith(prefix) for n in names):
                        return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise UploadRejected(_("The file is damaged and cannot be opened."), "corrupt") from None
    finally:
        stream.seek(0)  # hand the caller's file back where it expects it
    return None


def sniff_upload(
    name: str,
    head: bytes,
    size: int,
    *,
    max_bytes: int,
    content: bytes | BinaryIO | None = None,
) -> UploadKind:
    """The kind of an uploaded file, or UploadRejected.

    HEAD is the start of the file (HEAD_BYTES is plenty) or all of it; SIZE its full size.
    ZIP-based types (Office, OpenDocument) need the central directory at the end: pass the
    whole file as CONTENT (bytes, or a seekable binary file such as Django's UploadedFile),
    unless HEAD already is the whole file. Text (CSV/TXT) is checked as UTF-8 over CONTENT
    if given, else over HEAD.
    """
    if size <= 0 or not head:
        raise UploadRejected(_("The file is empty."), "empty")
    if size > max_bytes:
        raise UploadRejected(_("The file is too large."), "too_large")

    ext = _extension(name)
    if ext in EXECUTABLE_EXTENSIONS or head.startswith(EXECUTABLE_MAGIC):
        raise UploadRejected(_("Programs and scripts cannot be uploaded."), "executable")
    if ext in HTML_EXTENSIONS:
        raise UploadRejected(_("Web pages cannot be uploaded; give their address instead."), "html")
    expected = BY_EXTENSION.get(ext)
    if expected is None:
        raise UploadRejected(_("This type of file cannot be uploaded."), "unsupported")

    whole: bytes | BinaryIO | None = head if len(head) >= size else None
    if content is not None:
        whole = content if not isinstance(content, (bytes, bytearray)) or len(content) >= size else whole

    if _looks_html(head):
        # HTML dressed as text is still HTML; dressed as anything else it is a mismatch.
        if expected.code in TEXT_KINDS:
            raise UploadRejected(_("Web pages cannot be uploaded; give their address instead."), "html")
        raise UploadRejected(_("The file's content does not match its extension."), "mismatch")

    found: str | None = None
    if head.startswith(b"%PDF-"):
        found = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        found = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        found = "jpeg"
    elif head.startswith(ZIP_MAGIC):
        if whole is None:
            raise ValueError("sniff_upload needs the whole file (content=) to inspect a ZIP")
        found = _zip_kind(whole)
    elif expected.code in TEXT_KINDS:
        if whole is None:
            text = _is_text(head, complete=False)
        elif isinstance(whole, (bytes, bytearray)):
            text = _is_text(bytes(whole), complete=True)
        else:
            text = _is_text_stream(whole)
        found = expected.code if text else None

    if found != expected.code:
        raise UploadRejected(_("The file's content does not match its extension."), "mismatch")
    return KINDS[found]


# --- the agency's emblem (Garuda) for official documents ---------------------------------

MAX_EMBLEM_BYTES = 1024 * 1024
EMBLEM_KINDS = {
    "png": KINDS["png"],
    "jpeg": KINDS["jpeg"],
    "svg": UploadKind("svg", "image/svg+xml", (".svg",)),
}
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Drawing elements only: no script, no foreignObject (HTML inside SVG), no animation that can
# rewrite links, no external documents.
SVG_ELEMENTS = frozenset(
    "svg g defs symbol use title desc metadata path rect circle ellipse line polyline polygon text tspan "
    "linearGradient radialGradient stop clipPath mask pattern image style filter feGaussianBlur feOffset "
    "feBlend feColorMatrix feFlood feComposite feMerge feMergeNode".split()
)


def _svg_refusal() -> UploadRejected:
    return UploadRejected(
        _("This SVG file contains scripts, links to other files or parts that are not a drawing; save it "
          "again as a plain drawing or upload a PNG."),
        "unsafe_svg",
    )


def _check_svg(data: bytes) -> None:
    """Refuse an SVG that is not a plain drawing: scripts, event handlers, HTML, external links."""
    from lxml import etree  # type: ignore[import-untyped]  # lxml ships no stubs

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        raise UploadRejected(_("The file is damaged and cannot be opened."), "corrupt") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise UploadRejected(_("The file's content does not match its extension."), "mismatch")
    if b"<!ENTITY" in data or b"<!entity" in data:
        raise _svg_refusal()
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            if isinstance(el, etree._ProcessingInstruction):
                raise _svg_refusal()
            continue
        namespace, _sep, local = el.tag[1:].partition("}") if el.tag.startswith("{") else ("", "", el.tag)
        if namespace != SVG_NS or local not in SVG_ELEMENTS:
            raise _svg_refusal()
        if local == "style" and (b"url(" in (el.text or "").encode() or b"@import" in (el.text or "").encode()):
            raise _svg_refusal()
        for name, value in el.attrib.items():
            attr = name.rsplit("}", 1)[-1].lower()
            text = value.strip().lower()
            if attr.startswith("on") or "javascript:" in text or ("url(" in text and "url(#" not in text):
                raise _svg_refusal()
            if attr == "href" and not (text.startswith("#") or text.startswith(("data:image/png", "data:image/jpeg"))):
                raise _svg_refusal()


def emblem_check(name: str, data: bytes) -> UploadKind:
    """The kind of an emblem image (PNG, JPEG or a plain-drawing SVG), or UploadRejected."""
    if not data:
        raise UploadRejected(_("The file is empty."), "empty")
    if len(data) > MAX_EMBLEM_BYTES:
        raise UploadRejected(_("The emblem image is too large (at most 1 MB)."), "too_large")
    if _extension(name) == ".svg":
        _check_svg(data)
        return EMBLEM_KINDS["svg"]
    kind = sniff_upload(name, data[:HEAD_BYTES], len(data), max_bytes=MAX_EMBLEM_BYTES, content=data)
    if kind.code not in EMBLEM_KINDS:
        raise UploadRejected(_("The emblem must be a PNG, JPEG or SVG image."), "unsupported")
    return kind
