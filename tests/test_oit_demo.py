"""The demo assessment is in progress as issue 3 describes, and its matrix is the seed's."""

import pytest

from agencies.demo import demo_load
from assessments.demo import oit_demo_load
from assessments.models import Assessment, ItemState
from frameworks.services import DATA_DIR, framework_load

from .seed import seed_matrix


@pytest.fixture
def demo(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    framework_load(path=DATA_DIR / "ita-2566.yaml")
    demo_load()
    assert oit_demo_load()
    return Assessment.objects.get(agency__code="muangkao")


def test_the_demo_assessment_has_items_in_every_interesting_state(demo):
    states = dict(demo.items.values_list("item__code", "state"))
    assert states["o1"] == ItemState.SENT
    assert states["o2"] == ItemState.APPROVED
    assert states["o4"] == ItemState.SUBMITTED
    assert states["o11"] == ItemState.RETURNED
    assert states["o14"] == ItemState.IN_PROGRESS
    assert demo.items.get(item__code="o11").comments.exists()
    assert demo.agency.memberships.filter(role="assessor").exists()


def test_the_demo_matrix_is_the_seeds(demo, seed_text):
    seed = seed_matrix(seed_text)
    for row in demo.items.select_related("item", "division"):
        responsible = seed[row.item.code][3]
        assert row.division.name_th in responsible, row.item.code
        if row.position_th:
            assert row.position_th in responsible, row.item.code


def test_loading_twice_keeps_the_assessment(demo):
    assert not oit_demo_load()
    assert Assessment.objects.count() == 1


def test_the_demo_deadlines_follow_the_moved_calendar(demo):
    from django.utils import timezone

    overdue = [row.item.code for row in demo.items.select_related("item") if row.due_date < timezone.localdate()]
    assert overdue == ["o5"]


def test_the_demo_surveys_are_open(demo):
    from surveys.demo import surveys_demo_load
    from surveys.models import Campaign

    campaign = surveys_demo_load()
    assert campaign.status == Campaign.Status.OPEN and campaign.agency == demo.agency
    assert surveys_demo_load() is None  # loading again keeps it
