"""One timeline: the demo's plans, OIT and surveys sit in the fiscal year of today's Bangkok
date (never a hard-coded year); the seed's 2566 paperwork is kept as history; the calendar
opens on today; measures are not all late; evidence links are never fetched from a real site."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.demo import demo_load
from assessments.demo import oit_demo_load
from assessments.models import Assessment, EvidenceCheck, EvidenceEntry, Phase
from frameworks.services import DATA_DIR, framework_load
from lib import safe_fetch
from lib.thai import MONTHS, be_year, fiscal_year_be, fiscal_year_bounds
from plans.demo import plans_demo_current_year_load, plans_demo_load
from plans.models import Measure, MeasurePlan
from surveys.demo import surveys_demo_load

from .conftest import login_verified


@pytest.fixture(params=[None, dt.date(2026, 12, 1), dt.date(2027, 9, 20), dt.date(2027, 10, 1)],
                ids=["real-today", "2026-12-01", "last-days-of-fy", "first-day-of-fy"])
def today(request, monkeypatch):
    import sys

    from lib import thai

    day = request.param or thai.today_bangkok()
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    original = thai.today_bangkok
    for module in list(sys.modules.values()):  # every module that imported Bangkok's today by name
        if getattr(module, "today_bangkok", None) is original:
            monkeypatch.setattr(module, "today_bangkok", lambda: day)
    return day


@pytest.fixture
def demo(db, settings, today, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    def no_fetch(url, **kwargs):
        raise AssertionError(f"the demo made the checker fetch {url}")

    monkeypatch.setattr(safe_fetch, "fetch", no_fetch)
    framework_load(path=DATA_DIR / "ita-2566.yaml")
    demo_load()
    with django_capture_on_commit():
        assert oit_demo_load()
    assert plans_demo_load()
    assert plans_demo_current_year_load()
    assert surveys_demo_load() is not None
    return fiscal_year_be(today)


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_plans_oit_and_surveys_share_todays_fiscal_year(demo, today):
    year = demo
    start, end = fiscal_year_bounds(year)
    plan = MeasurePlan.objects.get(agency__code="muangkao", fiscal_year=year)
    assert str(year) in plan.title_th.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    for measure in plan.measures.all():
        assert start <= measure.period_start <= measure.period_end <= end
    collection = Phase.objects.get(assessment__agency__code="muangkao", code="oit-collection")
    assert collection.start <= today <= collection.end
    from surveys.models import Campaign

    campaign = Campaign.objects.get(agency__code="muangkao")
    assert campaign.fiscal_year == year and campaign.opens_on <= today <= campaign.closes_on
    # The seed's 2566 paperwork stays as history, its measures closed with the year.
    seed = MeasurePlan.objects.get(agency__code="muangkao", fiscal_year=2566)
    assert set(seed.measures.values_list("status", flat=True)) == {Measure.Status.DONE}


def test_the_demo_assessment_and_surveys_run_on_the_seeds_framework_in_todays_year(demo):
    from surveys.models import Campaign

    assessment = Assessment.objects.get(agency__code="muangkao")
    assert assessment.framework.code == "ita-2566"  # its items and evidence are the seed's
    assert Campaign.objects.get(agency__code="muangkao").framework == assessment.framework


def test_the_measures_are_not_all_late(demo, today):
    measures = list(Measure.objects.filter(plan__agency__code="muangkao"))
    late = [m for m in measures if m.is_late(done=m.is_finished, today=today)]
    assert len(late) < len(measures) and not late


def test_evidence_links_are_never_fetched_and_not_red(demo):
    urls = list(EvidenceEntry.objects.exclude(url="").values_list("url", flat=True))
    assert urls and all(safe_fetch.is_reserved_name(url) for url in urls)
    outcomes = set(EvidenceCheck.objects.values_list("outcome", flat=True))
    assert outcomes and EvidenceCheck.Outcome.FAILED not in outcomes


def test_the_calendar_opens_on_todays_month(demo, today, client):
    from accounts.models import User

    login_verified(client, User.objects.get(email="nipaporn@muangkao.example"))
    response = client.get(reverse("plans:calendar", args=["muangkao"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{MONTHS[today.month - 1]} {be_year(today)}" in re.sub(r"\s+", " ", page)
    # Today's month shows the agency's own (moved) OIT answer window, not the framework's 2566 dates.
    from plans.selectors import calendar_events

    collection = Phase.objects.get(assessment__agency__code="muangkao", code="oit-collection")
    events = calendar_events(collection.assessment.agency)
    assert [e for e in events if e.kind == "phase" and e.title.endswith(collection.name_th) and e.start <= today <= e.end]
    assert not [e for e in events if e.kind == "phase" and e.start.year == 2022], "the framework's own 2566 dates"
