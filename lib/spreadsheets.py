"""Reading small uploaded Excel workbooks (.xlsx) safely: the first sheet as rows of text.

An .xlsx file is a ZIP archive of XML. A file of under 1 MB can unpack to gigabytes, or
place one cell at column XFD so that every row is padded to 16,384 cells (such a file took
201 s and 2.3 GB before these checks). So before openpyxl sees the file we check, from the
archive itself: the number of parts, their uncompressed size (counted while reading, not
taken from the headers), the number of cells and the furthest column and row any cell
claims. Reading then stops at a time limit. Every refusal is a DomainError with a
translatable message; nothing is half-read.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from typing import Any

from django.utils.translation import gettext_lazy as _

from lib.errors import DomainError, lazy_format


@dataclass(frozen=True)
class Limits:
    max_parts: int = 200
    max_unpacked: int = 8_000_000  # bytes, all parts together
    max_cells: int = 20_000
    max_columns: int = 26  # a score list has two; allow a spare column or twenty
    max_rows: int = 5_000
    seconds: float = 10.0


DEFAULT = Limits()
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_CELL_ANY = re.compile(rb"<(?:\w+:)?c[\s>/]")
NOT_XLSX = _("The file is not an Excel workbook (.xlsx).")


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + (ch - 64)
    return number


def _refuse(message: Any, values: dict[str, Any] | None = None) -> DomainError:
    return DomainError(lazy_format(message, values) if values else message, field="file", code="spreadsheet")


def xlsx_check(data: bytes, limits: Limits = DEFAULT) -> None:
    """Refuse a workbook that would take too long or too much memory to read, before parsing."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(NOT_XLSX) from None
    if len(parts) > limits.max_parts:
        raise _refuse(_("The workbook has too many parts (%(n)s) for a list of scores."), {"n": len(parts)})
    too_big = _("The workbook unpacks to more than %(mb)s MB; a list of scores is far smaller. Save only the scores in a new workbook.")
    if sum(part.file_size for part in parts) > limits.max_unpacked:
        raise _refuse(too_big, {"mb": limits.max_unpacked // 1_000_000})
    unpacked = cells = 0
    far_column = far_row = 0
    try:
        for part in parts:
            sheet = part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")
            tail = b""
            with archive.open(part) as stream:
                while chunk := stream.read(65536):
                    unpacked += len(chunk)
                    if unpacked > limits.max_unpacked:
                        raise _refuse(too_big, {"mb": limits.max_unpacked // 1_000_000})
                    if not sheet:
                        continue
                    text = tail + chunk
                    # Count the tags before the last "<" (each of them is complete); the rest
                    # is looked at again with the next chunk.
                    cut = text.rfind(b"<")
                    cut = len(text) if cut < 0 else cut
                    cells += len(_CELL_ANY.findall(text, 0, cut))
                    for letters, digits in _CELL.findall(text, 0, cut):
                        far_column = max(far_column, _column_number(letters))
                        far_row = max(far_row, int(digits))
                    tail = text[cut:]
            if sheet and tail:
                cells += len(_CELL_ANY.findall(tail))
                for letters, digits in _CELL.findall(tail):
                    far_column = max(far_column, _column_number(letters))
                    far_row = max(far_row, int(digits))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise _refuse(NOT_XLSX) from None
    if cells > limits.max_cells:
        raise _refuse(_("The workbook has %(n)s cells; a list of scores needs far fewer (at most %(max)s)."),
                      {"n": cells, "max": limits.max_cells})
    if far_column > limits.max_columns:
        raise _refuse(_("The sheet uses %(n)s columns; give the scores in the first columns only (at most %(max)s)."),
                      {"n": far_column, "max": limits.max_columns})
    if far_row > limits.max_rows:
        raise _refuse(_("The sheet reaches row %(n)s; a list of scores has at most %(max)s rows."),
                      {"n": far_row, "max": limits.max_rows})


def cell_text(value: object) -> str:
    """A cell as the text a CSV would hold: 4.0 (a number typed as 4) becomes "4"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def xlsx_rows(data: bytes, *, max_rows: int, limits: Limits = DEFAULT) -> list[list[str]]:
    """The first sheet's values (not formulas) as rows of text, at most MAX_ROWS + 1 rows
    (one more than allowed, so the caller can say the file is too long)."""
    xlsx_check(data, limits)
    from openpyxl import load_workbook

    deadline = time.monotonic() + limits.seconds
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds of error on a damaged or foreign file
        raise _refuse(NOT_XLSX) from None
    try:
        if not workbook.worksheets:
            return []
        rows = []
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(max_col=limits.max_columns, max_row=max_rows + 1, values_only=True):
            cells = [cell_text(value) for value in row]
            while cells and not cells[-1]:
                cells.pop()  # the column limit pads rows with empty cells; a CSV line would not have them
            rows.append(cells)
            if time.monotonic() > deadline:
                raise _refuse(_("Reading the workbook took longer than %(s)s seconds. Save only the scores in a new workbook."),
                              {"s": int(limits.seconds)})
        return rows
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise _refuse(NOT_XLSX) from None
    finally:
        workbook.close()
