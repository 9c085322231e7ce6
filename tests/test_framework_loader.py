"""The loader: idempotent by id, all or nothing, and every rejection names file, path and reason."""

import copy
from pathlib import Path

import pytest
import yaml

from django.core.management import call_command
from django.core.management.base import CommandError

from frameworks.models import Element, FrameworkVersion, Item
from frameworks.schema import FrameworkFileError, parse_framework
from frameworks.services import DATA_DIR, FrameworkLocked, framework_load
from lib import yamlio

ITA_2566 = DATA_DIR / "ita-2566.yaml"


@pytest.fixture(scope="module")
def base_doc() -> dict:
    return yamlio.safe_load(ITA_2566.read_text(encoding="utf-8"))


def write(tmp_path: Path, doc: dict, name: str = "fw.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def reasons(doc) -> list[str]:
    with pytest.raises(FrameworkFileError) as exc:
        parse_framework(doc, "test.yaml")
    return [f"{path}: {reason}" for path, reason in exc.value.problems]


def test_the_shipped_file_is_valid(base_doc):
    doc = parse_framework(base_doc, "ita-2566.yaml")
    assert doc.id == "ita-2566"
    assert len(doc.items) == 43


def test_it_rejects_duplicate_ids(base_doc):
    doc = copy.deepcopy(base_doc)
    doc["items"][1]["id"] = doc["items"][0]["id"]
    assert any("duplicate id 'o1'" in r for r in reasons(doc))


def test_it_rejects_a_parent_that_does_not_exist(base_doc):
    doc = copy.deepcopy(base_doc)
    doc["elements"][0]["parent"] = "o99"
    assert any(r.startswith("elements[0].parent: parent 'o99' does not exist") for r in reasons(doc))


def test_it_rejects_a_parent_of_the_wrong_kind(base_doc):
    doc = copy.deepcopy(base_doc)
    doc["indicators"][0]["parent"] = "ind9"
    assert any("is of kind indicator; expected tool" in r for r in reasons(doc))


def test_it_rejects_weights_that_do_not_add_up(base_doc):
    doc = copy.deepcopy(base_doc)
    doc["tools"][0]["weight"] = 0.5
    assert any("tool weights add up to 1.2, not 1" in r for r in reasons(doc))


def test_it_rejects_an_item_with_no_elements(base_doc):
    doc = copy.deepcopy(base_doc)
    doc["elements"] = [el for el in doc["elements"] if not el["id"].startswith("o5.")]
    assert any("item 'o5' has no elements" in r for r in reasons(doc))


def test_it_rejects_bands_that_overlap(base_doc):
    doc = copy.deepcopy(base_doc)
    scheme = next(s for s in doc["rating_schemes"] if s["id"] == "bands-2565")
    scheme["bands"][1]["max_total"] = 97  # A now reaches into AA
    assert any("overlap" in r for r in reasons(doc))


def test_it_rejects_bands_that_leave_a_gap(base_doc):
    doc = copy.deepcopy(base_doc)
    scheme = next(s for s in doc["rating_schemes"] if s["id"] == "bands-2565")
    scheme["bands"][-1]["max_total"] = 40  # F stops at 40, E starts at 50
    assert any("gap between 40 and 50" in r for r in reasons(doc))


def test_it_rejects_unknown_keys_and_wrong_types_with_their_path(base_doc):
    doc = copy.deepcopy(base_doc)
    doc["items"][2]["titel"] = {"th": "สะกดผิด"}
    doc["tools"][1]["weight"] = "thirty"
    found = reasons(doc)
    assert any(r.startswith("items[2].titel:") for r in found)
    assert any(r.startswith("tools[1].weight:") for r in found)


def test_it_rejects_a_time_rule_that_ends_before_it_starts(base_doc):
    doc = copy.deepcopy(base_doc)
    item = next(i for i in doc["items"] if i["id"] == "o7")
    item["time_rule"]["from"], item["time_rule"]["to"] = "2023-09-30", "2022-10-01"
    assert any("ends (2022-10-01) before it starts" in r for r in reasons(doc))


def test_it_rejects_a_calendar_phase_that_ends_before_it_starts(base_doc):
    doc = copy.deepcopy(base_doc)
    doc["calendar"][0]["end"] = "2022-01-01"
    assert any("calendar[0]" in r for r in reasons(doc))


@pytest.mark.django_db
def test_a_rejected_file_changes_nothing(tmp_path, base_doc):
    framework_load(path=ITA_2566)
    before = (Item.objects.count(), Element.objects.count(), FrameworkVersion.objects.get().digest)
    doc = copy.deepcopy(base_doc)
    doc["items"][0]["title"]["th"] = "ชื่อใหม่"
    doc["elements"][0]["parent"] = "missing"
    with pytest.raises(FrameworkFileError):
        framework_load(path=write(tmp_path, doc))
    assert (Item.objects.count(), Element.objects.count(), FrameworkVersion.objects.get().digest) == before
    assert Item.objects.get(code="o1").title_th == "โครงสร้าง"


@pytest.mark.django_db
def test_loading_twice_changes_nothing_the_second_time(tmp_path, base_doc):
    # A version id of its own: the session already holds ita-2566 (tests/conftest.py).
    path = write(tmp_path, {**copy.deepcopy(base_doc), "id": "ita-2566-twice"})
    first = framework_load(path=path)
    ids = sorted(Element.objects.values_list("pk", flat=True))
    second = framework_load(path=path)
    assert first.created and first.changed
    assert not second.created and not second.changed
    assert sorted(Element.objects.values_list("pk", flat=True)) == ids


@pytest.mark.django_db
def test_reloading_an_edited_file_updates_rows_in_place_by_id(tmp_path, base_doc):
    framework_load(path=ITA_2566)
    o1_pk = Item.objects.get(code="o1").pk
    doc = copy.deepcopy(base_doc)
    doc["items"][0]["title"]["en"] = "Organisation chart"
    result = framework_load(path=write(tmp_path, doc))
    assert result.changed and not result.created
    o1 = Item.objects.get(code="o1")
    assert o1.pk == o1_pk and o1.title_en == "Organisation chart"


@pytest.mark.django_db
def test_a_new_version_loads_beside_the_old_and_a_locked_one_cannot_change(tmp_path, base_doc):
    old = framework_load(path=ITA_2566).version
    old.locked = True  # as an opened assessment does
    old.save()
    doc = copy.deepcopy(base_doc)
    doc["id"], doc["fiscal_year"] = "ita-2567", 2567
    framework_load(path=write(tmp_path, doc, "ita-2567.yaml"))
    assert set(FrameworkVersion.objects.values_list("code", flat=True)) == {"ita-2566", "ita-2567"}
    assert Item.objects.filter(version=old).count() == 43

    changed = copy.deepcopy(base_doc)
    changed["items"][0]["title"]["th"] = "แก้ไขหลังเปิดใช้"
    with pytest.raises(FrameworkLocked):
        framework_load(path=write(tmp_path, changed))
    assert Item.objects.get(version=old, code="o1").title_th == "โครงสร้าง"


@pytest.mark.django_db
def test_the_command_reports_file_path_and_reason(tmp_path, base_doc, capsys):
    bad = tmp_path / "broken.yaml"
    bad.write_text("format: prongsai.framework/1\nid: [unclosed\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_framework", str(bad))
    err = capsys.readouterr().err
    assert "broken.yaml" in err and "line" in err and "not valid YAML" in err


@pytest.mark.django_db
def test_the_command_rejects_a_file_that_is_not_utf8(tmp_path, capsys):
    bad = tmp_path / "latin.yaml"
    bad.write_bytes("id: caf\xe9\n".encode("latin-1"))
    with pytest.raises(CommandError):
        call_command("load_framework", str(bad))
    assert "not UTF-8" in capsys.readouterr().err


@pytest.mark.django_db
def test_check_mode_writes_nothing(capsys, tmp_path, base_doc):
    path = write(tmp_path, {**copy.deepcopy(base_doc), "id": "ita-2566-check"})
    call_command("load_framework", str(path), "--check")
    assert "OK (ita-2566-check: 43 items" in capsys.readouterr().out
    assert not FrameworkVersion.objects.filter(code="ita-2566-check").exists()


@pytest.mark.django_db
def test_syncing_the_shipped_files_keeps_a_version_in_use_with_a_warning(capsys):
    version = framework_load(path=ITA_2566).version
    FrameworkVersion.objects.filter(pk=version.pk).update(locked=True, digest="an older file")
    call_command("load_framework")  # no paths: what `make run` does; must not fail
    assert "kept the version in use" in capsys.readouterr().err
    assert FrameworkVersion.objects.get(pk=version.pk).digest == "an older file"
