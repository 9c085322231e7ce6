"""Every ITA year as data: the shipped years load, the loader's new rules refuse bad files, and
the whole item path runs on every framework with items without a code change between years."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

from assessments import review
from assessments.publishing import candidate_key, candidates_for, record_publish
from assessments.selectors import oit_scorecard
from assessments.services import EntryInput, evidence_save, item_transition
from frameworks.models import FrameworkVersion
from frameworks.schema import FrameworkFileError
from frameworks.services import (
    DATA_DIR,
    MAX_FILE_BYTES,
    FrameworkLocked,
    framework_file_read,
    framework_load,
)
from lib.scoring import Band, IndicatorSpec, ToolSpec, ita_total, rate
from plans.services.ethics import ethics_record_add
from plans.services.results import analysis_results_import

from .oit_helpers import give_officer, open_assessment, set_phase
from .plans_factories import make_plan

pytestmark = pytest.mark.django_db

SHIPPED = sorted(DATA_DIR.glob("ita-*.yaml"))


def load_all():
    return {path.stem: framework_load(path=path).version for path in SHIPPED}


def write(tmp_path: Path, doc: dict, name: str = "ita-test.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def shipped(code: str) -> dict:
    return yaml.safe_load((DATA_DIR / f"{code}.yaml").read_text(encoding="utf-8"))


def problems_of(path: Path) -> str:
    with pytest.raises(FrameworkFileError) as exc:
        framework_file_read(path)
    return str(exc.value)


# --- the shipped years -------------------------------------------------------------------


def test_every_shipped_year_loads_with_its_items():
    versions = load_all()
    counts = {code: version.items.count() for code, version in versions.items()}
    assert counts == {"ita-2564": 0, "ita-2565": 0, "ita-2566": 43, "ita-2568": 24, "ita-2569": 26}
    # Nothing is invented: an item without a known element list says so.
    assert versions["ita-2569"].items.filter(elements_status="unknown").count() == 26
    assert versions["ita-2568"].items.get(code="O1").elements_status == "partial"
    assert not versions["ita-2568"].items.exclude(confidence__in=["confirmed", "inferred", "unknown"]).exists()
    assert versions["ita-2565"].scoring["total"] == "indicator_shares"


def test_the_2568_bands_need_every_tool_as_well_as_the_total():
    version = load_all()["ita-2568"]
    bands = [Band(b.node_id, b.min_total, b.max_total, b.min_each_tool)
             for b in version.rating_scheme.bands.order_by("position")]
    # The State Audit Office in 2568: total 94.64 but EIT under 85, so ผ่าน and not ผ่านดี.
    assert rate(Decimal("94.64"), {"IIT": Decimal(96), "EIT": Decimal(84), "OIT": Decimal(100)}, bands).id == "pass"
    assert rate(Decimal("94.64"), {"IIT": Decimal(96), "EIT": Decimal(90), "OIT": Decimal(96)}, bands).id == "good"
    assert rate(Decimal(96), {"IIT": Decimal(96), "EIT": Decimal(95), "OIT": Decimal(97)}, bands).id == "excellent"
    assert rate(Decimal("69.99"), {"IIT": Decimal(70)}, bands).id == "urgent-improvement"


def test_2565_totals_come_from_indicator_shares():
    tools = [
        ToolSpec("IIT", Decimal("0.3"), [IndicatorSpec(f"ind{i}", share=Decimal("0.06")) for i in range(1, 6)]),
        ToolSpec("EIT", Decimal("0.3"), [IndicatorSpec(f"ind{i}", share=Decimal("0.10")) for i in range(6, 9)]),
        ToolSpec("OIT", Decimal("0.4"), [IndicatorSpec(f"ind{i}", share=Decimal("0.20")) for i in (9, 10)]),
    ]
    scores = {f"ind{i}": Decimal(90) for i in range(1, 11)} | {"ind10": Decimal(40)}
    assert ita_total("indicator_shares", tools, {}, scores) == Decimal(80)
    assert ita_total("indicator_shares", tools, {}, {"ind1": Decimal(90)}) is None


# --- loader rules ------------------------------------------------------------------------


def test_a_key_given_twice_is_refused_with_its_line(tmp_path):
    text = (DATA_DIR / "ita-2566.yaml").read_text(encoding="utf-8").replace("fiscal_year: 2566\n", "fiscal_year: 2566\nfiscal_year: 2567\n", 1)
    path = tmp_path / "dup.yaml"
    path.write_text(text, encoding="utf-8")
    message = problems_of(path)
    assert "duplicate key 'fiscal_year'" in message and "line 8" in message


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    assert "the limit is" in problems_of(path)


def test_a_publishing_rule_naming_an_item_of_another_year_is_refused(tmp_path):
    doc = shipped("ita-2568")
    doc["publishing"].append({"record": "measure-plan", "item": "o42"})
    last = len(doc["publishing"]) - 1
    assert f"publishing[{last}].item: item 'o42' does not exist in ita-2568" in problems_of(write(tmp_path, doc))


def test_a_publishing_rule_with_an_unknown_record_kind_or_a_foreign_tick_is_refused(tmp_path):
    doc = shipped("ita-2566")
    doc["publishing"][0]["record"] = "press-release"
    doc["publishing"][1]["ticks"] = ["o1.e1"]
    path = write(tmp_path, doc)
    with pytest.raises(FrameworkFileError) as exc:
        framework_file_read(path)
    assert any("element 'o1.e1' is not an element of item 'o32'" in reason for _, reason in exc.value.problems)
    doc["publishing"][1]["ticks"] = []
    assert "no kind of record is called 'press-release'" in problems_of(write(tmp_path, doc))


def test_a_crosswalk_to_a_missing_item_is_refused_on_either_side(tmp_path):
    (tmp_path / "ita-2566.yaml").write_bytes((DATA_DIR / "ita-2566.yaml").read_bytes())
    doc = shipped("ita-2568")
    doc["crosswalk"]["items"][1]["from"] = ["o99"]
    message = problems_of(write(tmp_path, doc, "ita-2568.yaml"))
    assert "crosswalk.items[1].from[0]: item 'o99' does not exist in ita-2566" in message
    assert "item 'o2' of ita-2566 has no entry" in message
    doc = shipped("ita-2568")
    doc["crosswalk"]["items"][1]["to"] = ["O99"]
    message = problems_of(write(tmp_path, doc, "ita-2568.yaml"))
    assert "item 'O99' does not exist in ita-2568" in message and "item 'O2' has no crosswalk entry" in message


def test_a_crosswalk_from_a_version_not_loaded_is_refused(tmp_path):
    doc = shipped("ita-2569")
    assert "version 'ita-2568' is not loaded; load it first" in problems_of(write(tmp_path, doc, "ita-2569.yaml"))


def test_an_item_without_elements_must_say_they_are_unknown(tmp_path):
    doc = shipped("ita-2569")
    doc["items"][0]["elements_status"] = "listed"
    (tmp_path / "ita-2568.yaml").write_bytes((DATA_DIR / "ita-2568.yaml").read_bytes())
    (tmp_path / "ita-2566.yaml").write_bytes((DATA_DIR / "ita-2566.yaml").read_bytes())
    assert "item 'O1' has no elements" in problems_of(write(tmp_path, doc, "ita-2569.yaml"))


def test_a_survey_campaign_locks_its_framework(people, tmp_path):
    from surveys.services import campaign_create

    version = framework_load(path=DATA_DIR / "ita-2566.yaml").version
    assert not version.locked
    campaign_create(actor=people.admin, agency=people.agency, framework=version, fiscal_year=2566, eligible_staff=10)
    version.refresh_from_db()
    assert version.locked
    changed = (DATA_DIR / "ita-2566.yaml").read_text(encoding="utf-8").replace("en: Organisational structure", "en: Structure chart", 1)
    path = tmp_path / "ita-2566.yaml"
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(FrameworkLocked):
        framework_load(path=path)
    assert FrameworkVersion.objects.get(code="ita-2566").items.get(code="o1").title_en == "Organisational structure"


def test_a_version_referred_to_but_not_flagged_is_still_in_use(people, tmp_path):
    """Rows made before locking existed (or by any app) keep their version unchanged too."""
    from surveys.models import Campaign

    version = framework_load(path=DATA_DIR / "ita-2566.yaml").version
    Campaign.objects.create(agency=people.agency, framework=version, fiscal_year=2566, public_code="ABCDEFGH")
    changed = (DATA_DIR / "ita-2566.yaml").read_text(encoding="utf-8").replace("en: Organisational structure", "en: Structure chart", 1)
    path = tmp_path / "ita-2566.yaml"
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(FrameworkLocked):
        framework_load(path=path)


# --- the whole item path on every framework with items -------------------------------------


@pytest.mark.parametrize("code", ["ita-2566", "ita-2568", "ita-2569"])
def test_the_item_path_and_publishing_run_on_every_year(people, settings, code):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    version = load_all()[code]
    assessment = open_assessment(people, version)
    assert assessment.items.count() == version.items.count()
    set_phase(assessment, "oit-collection")
    item = assessment.items.order_by("item__position").first()
    give_officer(people, item)
    evidence_save(actor=people.officer, assessment_item=item, base_version=item.version, note="",
                  ticked=list(item.item.elements.all()[:1]),
                  new_entries=[EntryInput(title="หน้าโครงสร้าง", url="https://muangkao.go.th/structure", effective_date=version.period_start)])
    for action, who in (("submit", "officer"), ("accept", "admin"), ("approve", "executive"), ("send", "admin")):
        item.refresh_from_db()
        item_transition(actor=getattr(people, who), assessment_item=item, action=action, base_version=item.version, comment="")
    set_phase(assessment, "oit-review")
    item.refresh_from_db()
    review.verdict_record(actor=people.assessor, assessment_item=item, verdict="pass", reason="ครบ", missing=[])
    card = oit_scorecard(assessment, final=False)
    assert card.items[item.item.node_id] == Decimal(100) and card.tools["OIT"] > 0

    # Publishing from plans: an ethics training goes wherever this year's file says.
    set_phase(assessment, "oit-collection")
    record = ethics_record_add(actor=people.admin, agency=people.agency, fiscal_year=version.fiscal_year, kind="training",
                               title_th="อบรมจริยธรรม", date=version.period_start + dt.timedelta(days=30),
                               url="https://muangkao.go.th/ethics")
    rule = next(r for r in version.publishing if r["record"] == "ethics-training")
    target = version.items.get(node_id=rule["item"])
    candidate = next(c for c in candidates_for(assessment) if c.record == record)
    assert candidate.items == (target.code,)
    revision = record_publish(actor=people.admin, assessment=assessment, key=candidate_key(candidate), item_code=target.code)
    assert revision.assessment_item.item == target
    assert {el.node_id for el in revision.ticked_elements.all()} == set(rule.get("ticks", []))


# --- pages and API -----------------------------------------------------------------------


def test_the_item_page_says_when_elements_are_unknown_and_what_the_item_became(client):
    load_all()
    response = client.get(reverse("portal:framework_item", args=["ita-2569", "O7"]))
    assert response.status_code == 200
    assert "The required elements of this item are not known." in response.content.decode() or "ยังไม่ทราบ" in response.content.decode()
    response = client.get(reverse("portal:framework_item", args=["ita-2566", "o3"]))
    page = response.content.decode()
    assert response.status_code == 200 and "O1" in page and "o1" in page and "2568" in page


def test_the_api_serves_questionnaires_and_the_crosswalk(client):
    load_all()
    body = client.get("/api/frameworks/ita-2568/").json()
    assert body["questionnaires"] and body["scales"] and body["crosswalk"]["from_version"] == "ita-2566"
    assert body["tools"][2]["indicators"][0]["items"][0]["elements_status"] == "partial"
    response = client.get("/api/frameworks/ita-2566/crosswalk/ita-2568/")
    assert response.status_code == 200
    merged = next(e for e in response.json()["items"] if [t["code"] for t in e["to"]] == ["O1"])
    assert merged["change"] == "merged" and [f["code"] for f in merged["from"]] == ["o1", "o3"]
    assert client.get("/api/frameworks/ita-2566/crosswalk/ita-2569/").status_code == 404
    assert "/api/frameworks/{code}/crosswalk/{other}/" in client.get("/api/openapi.json").json()["paths"]


# --- last year's results read against last year's framework ------------------------------


def test_2565_results_with_item_codes_are_refused_against_the_2565_framework(people):
    load_all()
    plan = make_plan(people.agency, fiscal_year=2566)
    with pytest.raises(Exception) as exc:
        analysis_results_import(actor=people.admin, plan=plan, name="r.csv", data=b"code,score\n9,80\no10,100\n")
    assert "ita-2565" in str(exc.value) and "o10" in str(exc.value)
    rows = analysis_results_import(actor=people.admin, plan=plan, name="r.csv", data=b"code,score\n9,80\n10,70\n")
    assert {r.framework_code for r in rows} == {"ita-2565"}
