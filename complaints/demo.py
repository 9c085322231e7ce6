"""The demo agency's reporting channel: open, two recipients (the ปลัด and the นายก), and a few
reports so the inbox, the tracking page and the statistics have something to show."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from agencies.models import Agency
from lib.thai import today_bangkok

from . import services
from .models import ChannelSettings

DEMO_PASSPHRASE = "demo-passphrase-muangkao"


def complaints_demo_load(agency_code: str = "muangkao") -> services.Receipt | None:
    """Load once; returns the receipt of one demo report (to try the tracking page)."""
    agency = Agency.objects.filter(code=agency_code).first()
    if agency is None or ChannelSettings.objects.filter(agency=agency).exists():
        return None
    users = get_user_model().objects
    admin = users.get(email="nipaporn@muangkao.example")
    services.channel_configure(actor=admin, agency=agency, open=True, escalation_agency=None,
                               chief_executive_label="นายกองค์การบริหารส่วนตำบลเมืองเก่า", retention_days=None)
    palat = services.recipient_designate(actor=admin, agency=agency, user=users.get(email="wattana@muangkao.example"),
                                         position="ปลัดองค์การบริหารส่วนตำบลเมืองเก่า")
    chief = services.recipient_designate(actor=admin, agency=agency, user=users.get(email="uthai@muangkao.example"),
                                         position="นายกองค์การบริหารส่วนตำบลเมืองเก่า", is_chief_executive=True)
    for recipient in (palat, chief):
        services.recipient_set_passphrase(recipient=recipient, passphrase=DEMO_PASSPHRASE)
    today = today_bangkok()
    samples = [
        ("procurement", "มีการแบ่งซื้อแบ่งจ้างวัสดุก่อสร้างเพื่อไม่ต้องประกวดราคา", "phone", 20),
        ("bribery", "เจ้าหน้าที่เรียกเงินเพิ่มเพื่อเร่งออกใบอนุญาตก่อสร้าง", "web", 9),
    ]
    for category, what, received_by, days_ago in samples:
        services.report_file(agency=agency, received_by=received_by, today=today - dt.timedelta(days=days_ago),
                             data=services.ReportInput(category=category, what=what))
    return services.report_file(
        agency=agency, today=today,
        data=services.ReportInput(category="abuse_of_power", what="ผู้บริหารสั่งให้ใช้รถราชการไปงานส่วนตัว",
                                  concerns_chief_executive=True),
    )


