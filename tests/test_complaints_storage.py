"""A copy of the database or of the media folder shows no report text, file or name."""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from complaints import services

from .complaints_helpers import MARKER, PASSPHRASE, TODAY, report_input, upload  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

NEEDLES = [MARKER.encode("utf-8"), "นายสมมติ".encode(), b"0812345678"]


def _file_a_full_report(people, channel):
    data = report_input(
        contact="โทร 0812345678",
        files=[upload("note.txt", f"{MARKER} หลักฐาน".encode()), upload("scan.pdf", _pdf_with(MARKER))],
    )
    receipt = services.report_file(agency=channel.agency, data=data, today=TODAY)
    envelope = services.envelope_for(user=people.officer, report_id=receipt.report.pk)
    services.recipient_reply(actor=people.officer, envelope=envelope, passphrase=PASSPHRASE,
                             text=f"{MARKER} ตอบกลับ", files=[upload("reply.txt", f"{MARKER}".encode())], today=TODAY)
    report, key = services.report_unlock_by_receipt(code=receipt.code, secret=receipt.secret)
    services.reporter_message_send(report=report, key=key, text=f"{MARKER} เพิ่มเติม", files=[], today=TODAY)
    return receipt


def _pdf_with(text: str) -> bytes:
    # A tiny valid PDF whose content stream carries the marker in clear.
    stream = f"BT /F1 12 Tf 10 10 Td ({text.encode('ascii', 'ignore').decode()}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info << /Author (Somchai) >> >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def _raw_database() -> bytes:
    if connection.vendor == "sqlite":
        # The whole database image, free pages included (what a copy of the file holds).
        return connection.connection.serialize()
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")
        cursor.execute("SELECT current_setting('data_directory')")
        data_dir = Path(cursor.fetchone()[0])
        cursor.execute(
            "SELECT pg_relation_filepath(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 't', 'i') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND pg_relation_filepath(c.oid) IS NOT NULL"
        )
        paths = [data_dir / row[0] for row in cursor.fetchall()]
    if not os.access(data_dir, os.R_OK):
        pytest.skip("the PostgreSQL data directory is not readable by this user")
    raw = b""
    for path in paths:
        for segment in [path, *sorted(path.parent.glob(path.name + ".*"))]:
            if segment.exists() and not segment.name.endswith(("_fsm", "_vm")):
                raw += segment.read_bytes()
    return raw


def test_the_database_and_the_media_folder_hold_no_report_text(people, channel):
    receipt = _file_a_full_report(people, channel)
    raw = _raw_database()
    assert len(raw) > 10_000
    for needle in NEEDLES + [receipt.secret.encode(), receipt.code.encode()]:
        assert needle not in raw, needle
    media = Path(django_settings.MEDIA_ROOT)
    files = [p for p in media.rglob("*") if p.is_file()]
    assert len(files) == 3
    for path in files:
        content = path.read_bytes()
        assert not any(needle in content for needle in NEEDLES + [b"note.txt", b"%PDF", b"Somchai"]), path
