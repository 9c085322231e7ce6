"""Shared set-up for the reporting-channel tests: an open channel with two recipients."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints import services
from complaints.models import Recipient

PASSPHRASE = "ยาวพอสมควร-passphrase-1"
TODAY = dt.date(2026, 12, 1)
MARKER = "MARKER-ZQX-ผู้ใหญ่บ้านเรียกเงิน"


@dataclass
class Channel:
    agency: object
    auditor: Recipient  # the internal audit unit
    chief: Recipient  # the chief executive, also a recipient here


@pytest.fixture
def channel(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SURVEYS_POW_BITS = 4
    cache.clear()
    agency = people.agency
    services.channel_configure(actor=people.admin, agency=agency, open=True, escalation_agency=None,
                               chief_executive_label="นายก อบต.", retention_days=None)
    auditor = services.recipient_designate(actor=people.admin, agency=agency, user=people.officer,
                                           position="หัวหน้าหน่วยตรวจสอบภายใน")
    chief = services.recipient_designate(actor=people.admin, agency=agency, user=people.executive,
                                         position="นายก อบต.", is_chief_executive=True)
    services.recipient_set_passphrase(recipient=auditor, passphrase=PASSPHRASE)
    services.recipient_set_passphrase(recipient=chief, passphrase=PASSPHRASE)
    yield Channel(agency, auditor, chief)
    cache.clear()


def report_input(**kwargs) -> services.ReportInput:
    kwargs.setdefault("category", "bribery")
    kwargs.setdefault("what", f"{MARKER} เรียกรับเงินค่าออกใบอนุญาต")
    kwargs.setdefault("people", "นายสมมติ ใจร้าย ตำแหน่งนิติกร")
    return services.ReportInput(**kwargs)


def jpeg_with_gps() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    exif[0x013B] = "Somchai Artist"  # Artist
    gps = {1: "N", 2: (18.0, 55.0, 10.0), 3: "E", 4: (98.0, 56.0, 20.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)
