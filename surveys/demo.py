"""The demo agency's IIT and EIT surveys for the fiscal year of today (Bangkok), open so they can be tried,
on the same framework as the demo's OIT assessment (the seed's)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from agencies.models import Agency
from assessments.demo import DEMO_FRAMEWORK
from frameworks.models import FrameworkVersion
from lib.thai import fiscal_year_be, today_bangkok

from .models import Campaign
from .services import campaign_create, campaign_set_status


@transaction.atomic
def surveys_demo_load(agency_code: str = "muangkao") -> Campaign | None:
    agency = Agency.objects.filter(code=agency_code).first()
    framework = FrameworkVersion.objects.filter(code=DEMO_FRAMEWORK).first()  # the same as the demo's OIT
    today = today_bangkok()
    year_be = fiscal_year_be(today)
    if agency is None or framework is None or Campaign.objects.filter(agency=agency, fiscal_year=year_be).exists():
        return None
    admin = get_user_model().objects.get(email="nipaporn@muangkao.example")
    campaign = campaign_create(
        actor=admin,
        agency=agency,
        framework=framework,
        fiscal_year=year_be,
        eligible_staff=14,  # the working group's size stands in for the staff count
        service_users=1200,
        agency_group="sao-m",
        opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=60),
    )
    campaign_set_status(actor=admin, campaign=campaign, status=Campaign.Status.OPEN)
    return campaign
