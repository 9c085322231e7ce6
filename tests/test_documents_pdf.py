"""Official documents read as a reader would: pdftotext must give back the Thai text exactly
(vowels and tone marks in order), page 1 is rendered to PNG for a person to look at, and the
DOCX carries the same text."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from agencies.demo import demo_load
from agencies.models import Agency
from documents import pdf as pdfmod
from documents.docx import html_to_docx
from documents.official import document_html
from documents.pdf import PdfRenderError, render_pdf
from frameworks.models import FrameworkVersion
from plans import services
from plans.demo import plans_demo_load
from plans.models import ActionPlan, MeasurePlan, Memo, NoGiftDeclaration, RiskRegister

from .plans_factories import D

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "documents"
needs_tools = pytest.mark.skipif(
    pdfmod.chromium_path() is None or shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="needs Chromium (Debian package chromium) and poppler-utils (pdftotext, pdftoppm) to check PDFs",
)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    source = tmp_path / "doc.pdf"
    source.write_bytes(data)
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(source), "-"], capture_output=True, check=True,
                          text=True).stdout


def page_one_png(data: bytes, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(source),
                    str(ARTIFACTS / name)], check=True)
    return ARTIFACTS / f"{name}.png"


@pytest.fixture
def demo(framework):
    demo_load()
    plans_demo_load()
    agency = Agency.objects.get(code="muangkao")
    plan = ActionPlan.objects.get(agency=agency)
    projects = list(plan.projects.all())
    services.plan_report_file(
        actor=None, plan=plan, kind="half_year", covers_start=D(2022, 10, 1), covers_end=D(2023, 3, 31),
        reported_on=D(2023, 4, 5), summary_th="ดำเนินการตามแผนแล้วร้อยละ ๕๐",
        problems_th="น้ำท่วมห้องประชุมในเดือนมีนาคม", suggestions_th="ควรจัดอบรมผ่านระบบออนไลน์",
        lines={projects[0]: {"status": "done", "spent": "๑๕,๐๐๐", "done_th": "อบรมผู้เข้าร่วม ๓๐ คน"},
               projects[1]: {"status": "done"}},
    )
    return agency


def _ids(agency):
    return {
        "memo": Memo.objects.get(agency=agency).pk,
        "order": agency.working_groups.get().pk,
        "oit-matrix": FrameworkVersion.objects.get(code="ita-2566").pk,
        "measures": MeasurePlan.objects.get(agency=agency).pk,
        "risks": RiskRegister.objects.get(agency=agency).pk,
        "action-plan": ActionPlan.objects.get(agency=agency).pk,
        "plan-report": ActionPlan.objects.get(agency=agency).reports.get().pk,
        "no-gift": NoGiftDeclaration.objects.get(agency=agency).pk,
    }


# Text each document must give back exactly as entered (line-wrap whitespace aside).
EXPECTED = {
    "memo": ["บันทึกข้อความ", "ส่วนราชการ งานบริหารทั่วไป สำนักปลัด องค์การบริหารส่วนตำบลเมืองเก่า",
             "วันที่ ๑๖ มกราคม ๒๕๖๖", "ขออนุมัติดำเนินการประเมินคุณธรรมและความโปร่งใส",
             "ครั้งที่ ๑๓๓/๒๕๖๕", "(นางสาวนิภาพร วรรณศรี)", "ความเห็นของหัวหน้าสำนักปลัด", "(นายอนิรุทธิ์ พงษ์แก้ว)",
             "อนุมัติ", "ไม่อนุมัติ เนื่องจาก", "(นายอุทัย พวงลังกา)", "จึงเรียนมาเพื่อโปรดพิจารณา"],
    "order": ["คำสั่งองค์การบริหารส่วนตำบลเมืองเก่า", "ที่ ๑๗/๒๕๖๖", "สั่ง ณ วันที่ ๑๖ มกราคม พ.ศ. ๒๕๖๖",
              "๑. นายอุทัย พวงลังกา", "ประธานคณะทำงาน", "๑๔. นางสาวนิภาพร วรรณศรี", "เลขานุการฯ /ผู้ดูแลระบบ",
              "ส.อ.ชัยวัฒน์ ชัยยศสมบุรณ์", "๓.๑ ก่อนการประเมิน เพื่อเตรียมความพร้อมในการประเมิน",
              "ไม่น้อยกว่าร้อยละ ๘๐"],
    "oit-matrix": ["การกำหนดผู้รับผิดชอบแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)", "ตัวชี้วัดที่ ๙",
                   "ตัวชี้วัดย่อยที่ ๙.๑", "โครงสร้าง", "สำนักปลัด (นักจัดการงานทั่วไป)", "o43",
                   "ประกาศเจตนารมณ์นโยบาย No Gift Policy"],
    "measures": ["การดำเนินงานตามมาตรการ/แนวทาง", "ม.ค. ๖๖ –", "มี.ค. ๖๖", "ต.ค. ๖๕ –", "ก.ย. ๖๖",
                 "จัดทำคำสั่ง อบต.เมืองเก่า ที่", "๑๗/๒๕๖๖", "การประชุมประจำเดือน", "- มกราคม ๒๕๖๖",
                 "- เมษายน ๒๕๖๖", "Meeting number (access code):", "2514 269 2548", "Meeting number : 2516 261 2162",
                 "Meeting password: 123456", "เมื่อวันที่ ๑๗ มกราคม ๒๕๖๖", "ปฏิบัติกรขอยืม"],
    "risks": ["การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบ", "นำทรัพย์สินของราชการไปใช้ประโยชน์ส่วนตน",
              "๓ × ๔", "สูง", "ปานกลาง", "ประเมิน ณ วันที่ ๒๐ มกราคม ๒๕๖๖"],
    "action-plan": ["แผนปฏิบัติการป้องกันการทุจริต", "ไม่ใช้งบประมาณ", "๒๐,๐๐๐.๐๐", "โครงการอบรมคุณธรรมจริยธรรมแก่บุคลากร"],
    "plan-report": ["รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต ประจำปี รอบ ๖ เดือน", "๑๕,๐๐๐.๐๐",
                    "น้ำท่วมห้องประชุมในเดือนมีนาคม", "ปัญหา/อุปสรรค", "ข้อเสนอแนะ",
                    "ข้อมูลระหว่างวันที่ ๑ ตุลาคม ๒๕๖๕ ถึงวันที่ ๓๑ มีนาคม ๒๕๖๖"],
    "no-gift": ["ประกาศองค์การบริหารส่วนตำบลเมืองเก่า", "ประกาศ ณ วันที่ ๓ ตุลาคม พ.ศ. ๒๕๖๕", "(นายอุทัย พวงลังกา)",
                "จะไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่", "นายกองค์การบริหารส่วนตำบลเมืองเก่า"],
}


@needs_tools
@pytest.mark.parametrize("kind", list(EXPECTED))
def test_pdf_text_layer_gives_back_the_thai_text(demo, kind, tmp_path):
    html, name = document_html(kind, demo, _ids(demo)[kind])
    data = render_pdf(html)
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    flat = squash(text)
    for expected in EXPECTED[kind]:
        assert squash(expected) in flat, (kind, expected)
    # Lines that do not wrap come back with their spaces too.
    short = [e for e in EXPECTED[kind] if len(e) <= 22]
    lines = text.replace("\u00a0", " ")
    for expected in short:
        assert expected in lines or squash(expected) in flat, (kind, expected)
    png = page_one_png(data, name)
    assert png.stat().st_size > 5_000
    words_come_back_whole(kind, html, text)
    no_compound_is_cut_at_a_line_end(kind, text)
    if kind in SIGNED:
        the_signature_does_not_stand_alone(kind, text)


@needs_tools
def test_tone_marks_and_sara_am_survive_the_text_layer(tmp_path):
    """The pitfall list of shared/measured-pitfalls.md, through our own base template and font."""
    sample = "ที่ นั้น ปู่ ฐาน ญาติ กิ่ง ผู้ใหญ่ น้ำ คำสั่ง ตำบล ป.ป.ช. ๑๒๓๔"
    from django.template.loader import render_to_string

    from documents.fonts import sarabun_url

    page = render_to_string("documents/base.html", {"font_url": sarabun_url()}).replace(
        "<body class=\"\">", f"<body class=\"\"><p>{sample}</p>")
    text = pdf_text(render_pdf(page), tmp_path)
    assert sample in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "doc.pdf")], capture_output=True, text=True).stdout
    assert "Sarabun-Regular" in fonts


def test_render_pdf_says_clearly_when_chromium_is_missing(monkeypatch):
    monkeypatch.setattr(pdfmod, "chromium_path", lambda: None)
    with pytest.raises(PdfRenderError, match="Chromium is not installed"):
        render_pdf("<html></html>")


def test_pdf_download_answers_503_with_a_message_when_chromium_is_missing(people, monkeypatch):
    from .plans_factories import make_plan

    plan = make_plan(people.agency)
    monkeypatch.setattr(pdfmod, "chromium_path", lambda: None)
    response = people.client("admin").get(reverse("plans:document", args=["muangkao", "measures", plan.pk, "pdf"]))
    assert response.status_code == 503
    assert "Chromium is not installed" in response.content.decode()


@pytest.mark.parametrize("kind", ["memo", "order", "measures", "no-gift"])
def test_docx_carries_the_same_thai_text(demo, kind):
    from docx import Document

    html, _ = document_html(kind, demo, _ids(demo)[kind])
    document = Document(io.BytesIO(html_to_docx(html)))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    flat = squash("\n".join(parts))
    for expected in EXPECTED[kind]:
        assert squash(expected) in flat, (kind, expected)
    landscape = kind == "measures"  # the wide measures table prints landscape
    assert document.sections[0].page_width.cm == pytest.approx(29.7 if landscape else 21.0, abs=0.1)


@needs_tools
def test_pdf_download_from_the_page(people, tmp_path):
    from .plans_factories import make_plan

    plan = make_plan(people.agency, title_th="มาตรการน้ำดื่มสะอาด ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")
    response = people.client("officer").get(reverse("plans:document", args=["muangkao", "measures", plan.pk, "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="muangkao-measures-2566.pdf"' in response["Content-Disposition"]
    assert "มาตรการน้ำดื่มสะอาด" in pdf_text(response.content, tmp_path)


def _source_lines(html: str) -> list[str]:
    """The visible text of HTML, one entry per text node, whitespace squeezed (what a reader types)."""
    import lxml.html

    tree = lxml.html.document_fromstring(html)
    for bad in tree.xpath("//style|//script|//title"):
        bad.drop_tree()
    return [" ".join(t.split()) for t in tree.xpath("//body//text()") if t.strip()]


THAI_MARK = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"


def words_come_back_whole(kind: str, html: str, text: str) -> None:
    """pdftotext gives back every word of the source, and no space inside a word ("เพื่ อ")."""
    source = _source_lines(html)
    # Page numbers ("- ๒ -") are the only text the printer adds.
    printed = re.sub(r"- [๐-๙]+ -", "", text)
    # Every word of the source comes back (reading order across columns and repeated table
    # headers aside), its letters in order ...
    flat_printed = squash(printed)
    missing = [word for line in source for word in line.split() if word not in flat_printed]
    assert not missing, (kind, missing[:5])
    # A space after a Thai mark is one the source has: no gap inside a cluster ("เพื่ อ").
    spaced = " ".join(source)
    for line in printed.splitlines():
        for left, right in re.findall(rf"(\S{{0,3}}[{THAI_MARK}]) (\S{{1,2}})", line):
            assert f"{left} {right}" in spaced, f"{kind}: a space inside a word in the text layer: {left} {right}"


# Compounds Chromium's own (ICU) line breaking cut in order 17/2566 and the measures table.
COMPOUNDS = ("ภาครัฐ", "รักษาการแทน", "รักษาราชการแทน", "ข้อบกพร่อง", "ปฏิบัติงาน", "นักจัดการ", "ชำนาญการ")


def no_compound_is_cut_at_a_line_end(kind: str, text: str) -> None:
    for compound in COMPOUNDS:
        for cut in range(1, len(compound)):
            left, right = compound[:cut], compound[cut:]
            assert not re.search(rf"{left}\n{right}", text), f"{kind}: {left} / {right} across lines"


SIGNED = ("order", "memo", "no-gift")


def the_signature_does_not_stand_alone(kind: str, text: str) -> None:
    """On the page of the first signature, at least two lines of text come before it (the
    closing paragraph moves with it); pdftotext separates pages with a form feed."""
    page = next(page for page in text.split("\f") if "(ลงชื่อ)" in page)
    before = page.split("(ลงชื่อ)")[0]
    body = [line for line in re.sub(r"- [๐-๙]+ -|(สั่ง|ประกาศ) ณ วันที่.*", "", before).splitlines() if line.strip()]
    assert len(body) >= 2, f"{kind}: the signature stands alone on its page: {page[:200]!r}"
