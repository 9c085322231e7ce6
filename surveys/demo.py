"""The demo agency's IIT and EIT surveys for 2566, open today so they can be tried."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from agencies.models import Agency
from frameworks.models import FrameworkVersion
from lib.thai import today_bangkok

from .models import Campaign
from .services import campaign_create, campaign_set_status


@transaction.atomic
def surveys_demo_load(agency_code: str = "muangkao") -> Campaign | None:
    agency = Agency.objects.filter(code=agency_code).first()
    framework = FrameworkVersion.objects.filter(code="ita-2566").first()
    if agency is None or framework is None or Campaign.objects.filter(agency=agency, fiscal_year=2566).exists():
        return None
    admin = get_user_model().objects.get(email="nipaporn@muangkao.example")
    today = today_bangkok()
    campaign = campaign_create(
        actor=admin,
        agency=agency,
        framework=framework,
        fiscal_year=2566,
        eligible_staff=14,  # the working group's size stands in for the staff count
        service_users=1200,
        agency_group="sao-m",
        opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=60),
    )
    campaign_set_status(actor=admin, campaign=campaign, status=Campaign.Status.OPEN)
    return campaign
