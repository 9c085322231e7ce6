"""Roll-over from the 2566 demo assessment into 2568: the matrix moves through the crosswalk,
item by item and only as accepted; last year's weak points follow their items; evidence never."""

import datetime as dt

import pytest
from django.urls import reverse

from agencies.demo import demo_load
from agencies.models import Membership, Role
from assessments.demo import oit_demo_load
from assessments.models import Assessment, EvidenceRevision, ItemState
from assessments.rollover import rollover_apply, rollover_proposal, weak_points_rollover
from assessments.services import assessment_open
from audit.models import AuditEntry
from frameworks.services import DATA_DIR, framework_load
from lib.errors import DomainError
from plans.services.measures import analysis_point_add

from .plans_factories import make_plan

from .conftest import login_verified


@pytest.fixture
def years(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    framework_load(path=DATA_DIR / "ita-2566.yaml")
    demo_load()
    assert oit_demo_load()
    old = Assessment.objects.get(agency__code="muangkao")
    admin = Membership.objects.filter(agency=old.agency, role=Role.ADMIN).first().user
    new_version = framework_load(path=DATA_DIR / "ita-2568.yaml").version
    new = assessment_open(actor=admin, agency=old.agency, framework=new_version)
    return old, new, admin


def test_the_proposal_shows_each_new_item_with_its_predecessors(years):
    old, new, _ = years
    rows = {row.item.item.code: row for row in rollover_proposal(source=old, target=new)}
    assert len(rows) == 24
    assert rows["O1"].change == "merged" and rows["O1"].source_codes == "o1, o3"
    assert rows["O3"].source_codes == "o5, o8"
    assert rows["O5"].change == "new" and rows["O5"].sources == [] and not rows["O5"].moves
    assert rows["O16"].source_codes == "o39, o40, o41"


def test_roll_over_moves_the_accepted_matrix_rows_and_never_evidence(years):
    old, new, admin = years
    o1 = old.items.get(item__code="o1")
    o2 = old.items.get(item__code="o2")
    assert EvidenceRevision.objects.filter(assessment_item__assessment=old).exists()
    new_o1 = new.items.get(item__code="O1")
    new_o2 = new.items.get(item__code="O2")
    for row in (new_o1, new_o2):
        row.division, row.officer, row.position_th = None, None, ""
        row.save()
    changed = rollover_apply(actor=admin, source=old, target=new, item_ids=[new_o1.pk])  # O2 not accepted
    assert changed == 1
    new_o1.refresh_from_db()
    new_o2.refresh_from_db()
    assert (new_o1.division, new_o1.position_th, new_o1.officer) == (o1.division, o1.position_th, o1.officer)
    assert o2.division is not None and (new_o2.division, new_o2.officer, new_o2.position_th) == (None, None, "")  # not accepted
    assert not EvidenceRevision.objects.filter(assessment_item__assessment=new).exists()
    assert set(new.items.values_list("state", flat=True)) == {ItemState.TODO}
    assert set(new.items.values_list("sent_revision", flat=True)) == {None}
    entry = AuditEntry.objects.get(action="oit.assessment.rolled_over")
    assert entry.payload["items"] == [{"item": "O1", "from": "o1, o3"}]


def test_weak_points_follow_their_items_into_this_years_plan(years):
    old, new, admin = years
    last = make_plan(old.agency, fiscal_year=2566) if not old.agency.measure_plans.filter(fiscal_year=2566).exists() else old.agency.measure_plans.get(fiscal_year=2566)
    analysis_point_add(actor=None, plan=last, kind="weakness", source_code="o40", text_th="ยังไม่มีการขับเคลื่อนจริยธรรม", score=0)
    analysis_point_add(actor=None, plan=last, kind="weakness", source_code="o9", text_th="ไม่มี Social Network", score=0)
    with pytest.raises(DomainError):
        weak_points_rollover(actor=admin, source=old, target=new)  # no 2568 plan yet
    plan = make_plan(old.agency, fiscal_year=2568, title_th="มาตรการ ๒๕๖๘")
    added = weak_points_rollover(actor=admin, source=old, target=new)
    codes = dict(plan.analysis_points.values_list("text_th", "source_code"))
    assert codes["ยังไม่มีการขับเคลื่อนจริยธรรม"] == "o16"
    assert codes["ไม่มี Social Network"] == "o9"  # dropped: keeps its old code
    assert weak_points_rollover(actor=admin, source=old, target=new) == 0 and added >= 2


def test_the_rollover_page_lists_items_and_refuses_outsiders(years, client, django_assert_max_num_queries):
    old, new, admin = years
    login_verified(client, admin)
    url = reverse("oit:rollover", args=[new.agency.code, new.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "O1" in page and "o1, o3" in page
    response = client.post(url, {"source": old.pk, "what": "matrix", "items": [new.items.get(item__code="O2").pk]})
    assert response.status_code == 302
    from .conftest import make_user

    outsider = make_user("outsider-rollover@example.org")
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_last_years_records_are_listed_for_renewal_with_this_years_item(years):
    from assessments.rollover import recurring_records
    from plans.services.ethics import ethics_record_add

    old, new, admin = years
    ethics_record_add(actor=None, agency=old.agency, fiscal_year=2566, kind="training", title_th="อบรมจริยธรรม",
                      date=old.framework.period_start + dt.timedelta(days=40), url="https://muangkao.go.th/ethics")
    rows = {r.kind: r for r in recurring_records(source=old, target=new)}
    training = rows["ethics-training"]
    assert (training.last_year, training.this_year, training.old_items, training.new_items) == (1, 0, ("o40",), ("O16",))
