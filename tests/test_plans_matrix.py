"""The risk matrix file and the iCalendar writer: pure, no database."""

import datetime as dt
from types import SimpleNamespace

import pytest

from lib import yamlio
from plans import ical
from plans.matrix import MATRIX_FILE, MatrixFileError, get_matrix, parse_matrices


def test_shipped_matrix_has_a_level_for_every_cell():
    matrix = get_matrix()
    assert matrix.likelihood_values == [1, 2, 3, 4, 5] and matrix.impact_values == [1, 2, 3, 4, 5]
    assert matrix.level(1, 1).id == "low"
    assert matrix.level(5, 5).id == "very_high"
    assert matrix.level(3, 4).label_th == "สูง"
    assert not matrix.contains(6, 1)


def _data():
    return yamlio.safe_load(MATRIX_FILE.read_text(encoding="utf-8"))


def test_a_grid_row_with_an_unknown_level_fails_with_its_path():
    data = _data()
    data["matrices"][0]["grid"][3][1] = "purple"
    with pytest.raises(MatrixFileError, match=r"matrices\[0\]\.grid\.3: unknown level 'purple'"):
        parse_matrices(data, "risk-matrix.yaml")


def test_a_short_grid_row_and_a_bad_colour_fail_loudly():
    data = _data()
    data["matrices"][0]["grid"][5] = ["low"]
    with pytest.raises(MatrixFileError, match="needs 5 cells"):
        parse_matrices(data)
    data = _data()
    data["matrices"][0]["levels"][0]["colour"] = "green"
    with pytest.raises(MatrixFileError, match="colour: must look like #rrggbb"):
        parse_matrices(data)


def test_ical_escapes_folds_and_uses_crlf():
    event = SimpleNamespace(uid="meeting-1", kind="meeting", title="ประชุม; ครั้งที่ ๓, ออนไลน์",
                            start=dt.datetime(2023, 1, 6, 3, tzinfo=dt.UTC),
                            end=dt.datetime(2023, 1, 6, 5, tzinfo=dt.UTC),
                            description="Meeting number: 2514 269 2548\nPasscode: 123456 " + "ก" * 60, url="")
    day = SimpleNamespace(uid="phase-1", kind="phase", title="OIT", start=dt.date(2023, 3, 1),
                          end=dt.date(2023, 4, 30), description="", url="")
    text = ical.calendar_text([event, day], name="ITA", now=dt.datetime(2023, 1, 1, tzinfo=dt.UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:ประชุม\\; ครั้งที่ ๓\\, ออนไลน์" in text.replace("\r\n ", "")
    assert "DTSTART:20230106T030000Z" in text
    assert "DTSTART;VALUE=DATE:20230301\r\nDTEND;VALUE=DATE:20230501" in text
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
        assert not line[1:2] or not line.startswith(" ") or line[1] not in "ิีึืุู่้๊๋ั็์ำ"
    unfolded = text.replace("\r\n ", "")
    assert "Meeting number: 2514 269 2548\\nPasscode: 123456" in unfolded
