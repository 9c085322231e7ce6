"""The same HTML as the PDF, as a Word file to edit before signing.

Understands the small vocabulary of templates/documents/: h1-h3, p (classes centre, right,
indent, title), br, b/strong, i/em, ul/ol/li, table (thead/tbody/tr/th/td, colspan), div.sig
(a signature block), div.page-break and section.landscape (the whole document turns).
"""

from __future__ import annotations

import base64
import io
import re

import lxml.html
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

# Word users in Thai offices have the government's TH Sarabun New (a Sarabun-family font).
FONT = "TH Sarabun New"
SIZE = Pt(16)


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _set_font(run, *, size=None, bold=None, italic=None):
    run.font.name = FONT
    run.font.size = size or SIZE
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), FONT)
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), str(int((size or SIZE).pt * 2)))
    rpr.append(size_cs)
    if bold:
        run.bold = True
        rpr.append(OxmlElement("w:bCs"))
    if italic:
        run.italic = True


def _inline(paragraph, el, *, bold=False, italic=False, size=None):
    """Add EL's text and children as runs of PARAGRAPH."""
    if el.text:
        _set_font(paragraph.add_run(_squash(el.text)), bold=bold, italic=italic, size=size)
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            paragraph.add_run().add_break()
        elif tag in ("b", "strong"):
            _inline(paragraph, child, bold=True, italic=italic, size=size)
        elif tag in ("i", "em"):
            _inline(paragraph, child, bold=bold, italic=True, size=size)
        elif tag:
            _inline(paragraph, child, bold=bold, italic=italic, size=size)
        if child.tail:
            _set_font(paragraph.add_run(_squash(child.tail)), bold=bold, italic=italic, size=size)


def _squash(text: str) -> str:
    # HTML collapses whitespace; so do we, but keep the text's own characters untouched.
    return " ".join(text.split()) + (" " if text[-1:].isspace() and text.strip() else "")


def _paragraph(container, el, *, sig=False, prefix=""):
    p = container.add_paragraph()
    classes = _classes(el)
    fmt = p.paragraph_format
    fmt.space_after = Pt(0)
    if "centre" in classes or sig or el.tag == "h1":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif "right" in classes:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif "indent" in classes:
        fmt.first_line_indent = Cm(2.5)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if sig:
        fmt.left_indent = Cm(7)
    if "space" in classes:
        fmt.space_before = Pt(12)
    size = Pt(29) if "title" in classes else (Pt(18) if el.tag == "h1" else None)
    bold = el.tag in ("h1", "h2", "h3") or "title" in classes
    if prefix:
        _set_font(p.add_run(prefix), size=size)
    _inline(p, el, bold=bold, size=size)
    return p


BLOCKS = ("p", "div", "ul", "ol", "li", "h1", "h2", "h3")


def _has_blocks(el) -> bool:
    return any(isinstance(c.tag, str) and c.tag in BLOCKS for c in el)


def _cell_content(cell, el):
    """Fill CELL from EL: inline content in one paragraph, each block in its own, "- " before list items."""
    state = {"first": True}
    header = el.tag == "th"

    def paragraph():
        if state["first"]:
            state["first"] = False
            p = cell.paragraphs[0]
        else:
            p = cell.add_paragraph()
        if header:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    def walk(node):
        if not _has_blocks(node):
            _inline(paragraph(), node, bold=header)
            return
        if node.text and node.text.strip():
            _set_font(paragraph().add_run(_squash(node.text)), bold=header)
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag in ("ul", "ol"):
                for li in child.xpath("./li"):
                    p = paragraph()
                    _set_font(p.add_run("- "))
                    _inline(p, li, bold=header)
            elif child.tag in BLOCKS:
                walk(child)
            else:
                _inline(paragraph(), child, bold=header)
            if child.tail and child.tail.strip():
                _set_font(paragraph().add_run(_squash(child.tail)), bold=header)

    walk(el)


def _table(doc, el):
    rows = el.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    if not rows:
        return
    width = max(sum(int(c.get("colspan", 1)) for c in row.xpath("./td|./th")) for row in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(rows):
        c = 0
        for cell_el in row.xpath("./td|./th"):
            span = int(cell_el.get("colspan", 1))
            cell = table.cell(r, c)
            if span > 1:
                cell = cell.merge(table.cell(r, c + span - 1))
            _cell_content(cell, cell_el)
            colour = cell_el.get("data-fill")
            if colour:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:fill"), colour.lstrip("#"))
                cell._tc.get_or_add_tcPr().append(shading)
            c += span


def _image(doc, el) -> None:
    """An <img> whose src is a PNG or JPEG data: URL (the agency's emblem): placed at the height
    its class gives (3 cm centred on an order, 1.5 cm at the left of a memo). Word cannot take an
    SVG picture here, so an SVG emblem is left out of the DOCX (the PDF has it)."""
    src = el.get("src") or ""
    match = re.match(r"data:image/(png|jpeg);base64,(.+)", src, re.S)
    if not match:
        return
    classes = _classes(el)
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if "emblem-order" in classes else WD_ALIGN_PARAGRAPH.LEFT
    height = Cm(1.5) if "emblem-memo" in classes else Cm(3)
    paragraph.add_run().add_picture(io.BytesIO(base64.b64decode(match.group(2))), height=height)


def _block(doc, el, *, sig=False):
    tag = el.tag if isinstance(el.tag, str) else ""
    classes = _classes(el)
    if not tag or tag in ("style", "script", "svg", "title", "head"):
        return
    if tag == "img":
        _image(doc, el)
        return
    if "page-break" in classes:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        return
    if tag in ("p", "h1", "h2", "h3"):
        _paragraph(doc, el, sig=sig)
    elif tag in ("ul", "ol"):
        for index, li in enumerate(el.xpath("./li"), start=1):
            _paragraph(doc, li, prefix=f"{index}. " if tag == "ol" else "- ")
    elif tag == "table":
        _table(doc, el)
    else:
        if el.text and el.text.strip():
            _paragraph(doc, el, sig=sig)
            return
        for child in el:
            _block(doc, child, sig=sig or "sig" in classes)


def html_to_docx(html: str) -> bytes:
    tree = lxml.html.document_fromstring(html)
    body = tree.find("body")
    doc = Document()
    section = doc.sections[0]
    landscape = "landscape" in _classes(body)
    section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = SIZE
    normal.font.color.rgb = RGBColor(0, 0, 0)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), FONT)
    for child in body:
        _block(doc, child)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
