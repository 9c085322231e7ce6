"""Hostile workbooks are refused before openpyxl parses them, quickly and with a clear message
(lib/spreadsheets.py), in both imports that read .xlsx files."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lib.errors import DomainError
from lib.spreadsheets import Limits, xlsx_check, xlsx_rows

openpyxl = pytest.importorskip("openpyxl")


def workbook(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr(name, content)
    return out.getvalue()


def far_cell(ref: str) -> bytes:
    """A small workbook whose sheet places one value at REF (the padding attack)."""
    data = workbook([("indicator", "score"), (1, 90)])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"</sheetData>", f'<row r="2"><c r="{ref}" t="n"><v>1</v></c></row></sheetData>'.encode())
            dst.writestr(item, body)
    return out.getvalue()


def refused(data: bytes, **limits) -> str:
    began = time.monotonic()
    with pytest.raises(DomainError) as caught:
        xlsx_rows(data, max_rows=1000, limits=Limits(**limits) if limits else Limits())
    assert time.monotonic() - began < 5  # refused at once, not after minutes
    assert caught.value.field == "file"
    return caught.value.in_language("en")


def test_a_plain_workbook_is_read():
    rows = xlsx_rows(workbook([("indicator", "score"), (1.0, 90), (2, 80.5)]), max_rows=1000)
    assert [row[:2] for row in rows] == [["indicator", "score"], ["1", "90"], ["2", "80.5"]]


def test_a_zip_bomb_is_refused_before_parsing():
    bomb = with_part(workbook([(1, 90)]), "xl/sharedStrings.xml", b"<a/>" * 5_000_000)  # 20 MB in ~20 kB
    assert len(bomb) < 1_000_000
    assert "unpacks to more than 8 MB" in refused(bomb)


def test_a_cell_at_column_xfd_is_refused():
    assert "uses 16384 columns" in refused(far_cell("XFD2"))


def test_a_cell_a_million_rows_down_is_refused():
    assert "reaches row 1048576" in refused(far_cell("A1048576"))


def test_too_many_cells_are_refused():
    data = workbook([(n, n % 100) for n in range(3000)])
    assert "6000 cells" in refused(data, max_cells=5000)


def test_not_a_zip_at_all_is_not_a_workbook():
    assert refused(b"PK\x03\x04 nothing else") == "The file is not an Excel workbook (.xlsx)."
    with pytest.raises(DomainError):
        xlsx_check(b"plain text")


def test_the_message_is_thai_first():
    with pytest.raises(DomainError) as caught:
        xlsx_rows(far_cell("XFD2"), max_rows=10)
    assert " — " in caught.value.bilingual()


def test_the_survey_import_page_refuses_a_bomb_with_a_message(people, framework, settings):
    from surveys.models import ImportedScore

    from .surveys_helpers import in_english, make_campaign

    settings.SURVEYS_POW_BITS = 4
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    campaign = make_campaign(people, framework)
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/"
    bomb = with_part(workbook([(1, 90)]), "xl/sharedStrings.xml", b"<a/>" * 5_000_000)
    page = in_english(people.client("admin")).post(url, {"file": SimpleUploadedFile("iit.xlsx", bomb)}, follow=True)
    html = page.content.decode()
    assert page.status_code == 200 and "refused" in html and "unpacks to more than 8 MB" in html
    assert not ImportedScore.objects.exists()
    assert bytes(campaign.score_imports.get().data) == bomb  # the file is kept with the refused job


def test_the_plans_results_import_refuses_a_far_cell(people):
    from plans.services.results import read_results_file

    with pytest.raises(DomainError) as caught:
        read_results_file("results.xlsx", far_cell("XFD2"))
    assert "16384 columns" in caught.value.in_language("en")
