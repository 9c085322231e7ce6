"""Questionnaires as framework data: the shipped ITA 2566 file and the schema's checks."""

import copy
from pathlib import Path

import pytest
import yaml

from django.utils import translation

from frameworks.models import AnswerRow, Question, Questionnaire, SampleRule, Scale
from frameworks.schema import FrameworkFileError, parse_framework
from frameworks.services import DATA_DIR, framework_load
from lib import yamlio

SOURCE = yamlio.safe_load((DATA_DIR / "ita-2566.yaml").read_text(encoding="utf-8"))


def problems_of(doc) -> list[tuple[str, str]]:
    with pytest.raises(FrameworkFileError) as err:
        parse_framework(doc, "test.yaml")
    return err.value.problems


def test_iit_has_30_questions_and_51_answer_rows_under_indicators_1_to_5(framework):
    iit = Questionnaire.objects.get(version=framework, code="iit")
    questions = list(iit.questions.select_related("indicator"))
    assert [q.code for q in questions] == [f"i{n}" for n in range(1, 31)]
    assert {q.indicator.number for q in questions} == {"1", "2", "3", "4", "5"}
    assert all(sum(1 for q in questions if q.indicator.number == n) == 6 for n in "12345")
    assert AnswerRow.objects.filter(question__questionnaire=iit).count() == 51
    assert iit.respondents == "staff" and iit.tool.code == "IIT"


def test_eit_sits_under_indicators_6_to_8_and_may_come_in_two_parts(framework):
    eit = Questionnaire.objects.get(version=framework, code="eit")
    assert set(eit.questions.values_list("indicator__number", flat=True)) == {"6", "7", "8"}
    assert eit.parts_for("university") and len(eit.parts_for("university")) == 2
    assert eit.parts_for("sao") == []


def test_scales_points_and_reverse_scoring_are_data(framework):
    level4 = Scale.objects.get(version=framework, node_id="level4")
    assert [o["points"] for o in level4.options] == ["0", "33", "67", "100"]
    assert [o["label"]["th"] for o in level4.options] == ["น้อยที่สุดหรือไม่มีเลย", "น้อย", "มาก", "มากที่สุด"]
    yesno = Scale.objects.get(version=framework, node_id="yesno")
    assert [(o["label"]["th"], o["points"]) for o in yesno.options] == [("มี", "100"), ("ไม่มี", "0")]
    demanded_money = AnswerRow.objects.get(version=framework, node_id="i5.r1")
    assert demanded_money.reverse and demanded_money.scale == yesno
    assert AnswerRow.objects.get(version=framework, node_id="i9.r1").reverse


def test_sample_rules_are_data(framework):
    users = SampleRule.objects.get(version=framework, node_id="eit-users")
    assert {k: users.params[k] for k in ("percent", "at_least", "all_below", "cap")} == {
        "percent": "10", "at_least": 30, "all_below": 30, "cap": {"above": 4000, "value": 400}
    }
    groups = SampleRule.objects.get(version=framework, node_id="eit-groups")
    with translation.override("th"):
        assert ("sao-l", "อบต. ขนาดใหญ่ (L)", 50) in groups.table_rows()
    assert SampleRule.objects.get(version=framework, node_id="iit-staff").basis == "eligible_staff"


def test_reloading_changes_nothing_and_a_new_wording_replaces_the_old(framework, tmp_path):
    counts = (Question.objects.count(), AnswerRow.objects.count())
    doc = copy.deepcopy(SOURCE)
    doc["questions"][0]["text"] = {"th": "ถ้อยคำทางการของปีนี้", "en": "This year's official wording"}
    doc["answer_rows"] = [r for r in doc["answer_rows"] if r["id"] != "i3.r2"]
    path = Path(tmp_path) / "ita-2566.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    framework_load(path=path)
    assert Question.objects.get(version=framework, node_id="i1").text_th == "ถ้อยคำทางการของปีนี้"
    assert (Question.objects.count(), AnswerRow.objects.count()) == (counts[0], counts[1] - 1)
    framework_load(path=path)
    assert AnswerRow.objects.count() == counts[1] - 1


def test_it_rejects_a_question_under_another_tools_indicator():
    doc = copy.deepcopy(SOURCE)
    doc["questions"][0]["parent"] = "ind6"
    assert ("questions[0].parent", "indicator 'ind6' is not under tool 'iit' of questionnaire 'iit-form'") in problems_of(doc)


def test_it_rejects_unknown_scale_question_without_rows_and_duplicate_codes():
    doc = copy.deepcopy(SOURCE)
    doc["answer_rows"][0]["scale"] = "level5"
    doc["questions"][1]["code"] = "i1"
    doc["answer_rows"] = [r for r in doc["answer_rows"] if r["parent"] != "i4"]
    problems = problems_of(doc)
    assert ("answer_rows[0].scale", "scale 'level5' does not exist") in problems
    assert ("questions[1].code", "duplicate question code 'i1' in 'iit-form'") in problems
    assert ("questions[3]", "question 'i4' has no answer rows") in problems


def test_it_rejects_bad_scales_and_sample_rules():
    doc = copy.deepcopy(SOURCE)
    doc["scales"][1]["options"][1]["value"] = "yes"
    doc["scales"][0]["options"][0]["points"] = 120
    doc["sample_rules"][2]["rows"] = []
    doc["sample_rules"][0]["questionnaire"] = "nope"
    paths = {path for path, _ in problems_of(doc)}
    assert "scales[0].options[0].points" in paths
    assert "sample_rules[2]" in paths


def test_it_rejects_a_repeated_option_and_a_missing_questionnaire():
    doc = copy.deepcopy(SOURCE)
    doc["scales"][1]["options"][1]["value"] = "yes"
    doc["sample_rules"][0]["questionnaire"] = "nope"
    doc["questionnaires"][1]["parts"] = doc["questionnaires"][1]["parts"][:1]
    problems = problems_of(doc)
    assert ("scales[1].options", "scale 'yesno' repeats an option value") in problems
    assert ("sample_rules[0].questionnaire", "questionnaire 'nope' does not exist") in problems
    assert ("questionnaires[1].parts", "'parts_for_kinds' needs at least two parts") in problems
