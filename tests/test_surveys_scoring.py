"""lib.survey_scoring: pure maths, no database."""

from decimal import Decimal as D

from lib import survey_scoring as s
from lib.proof_of_work import leading_zero_bits, pow_solve, pow_valid

LEVELS = [("1", D(0)), ("2", D(33)), ("3", D(67)), ("4", D(100))]
YESNO = [("yes", D(100)), ("no", D(0))]


def rules(threshold=1, weights=None):
    return s.Rules(
        rows=(
            s.RowRule("q1.r1", "q1", "1", s.row_points(LEVELS, reverse=False)),
            s.RowRule("q2.r1", "q2", "1", s.row_points(YESNO, reverse=True)),
            s.RowRule("q2.r2", "q2", "1", s.row_points(YESNO, reverse=True)),
            s.RowRule("q3.r1", "q3", "2", s.row_points(LEVELS, reverse=True)),
        ),
        indicators=("1", "2"),
        threshold=threshold,
        indicator_weights=weights,
    )


def test_reverse_scoring_gives_the_first_option_the_most_points():
    assert s.row_points(LEVELS, reverse=True) == {"1": 100, "2": 67, "3": 33, "4": 0}
    assert s.row_points(YESNO, reverse=True) == {"yes": 0, "no": 100}


def test_it_reports_unknown_out_of_scale_and_missing_rows():
    problems = s.answer_problems(rules(), {"q1.r1": "9", "zz.r1": "1", "q2.r1": "yes", "q3.r1": "1"})
    kinds = {(p.kind, p.row_id) for p in problems}
    assert kinds == {("unknown", "zz.r1"), ("out_of_scale", "q1.r1"), ("missing", "q2.r2")}
    assert s.answer_problems(rules(), {"q1.r1": "4", "q2.r1": "no", "q2.r2": "no", "q3.r1": "1"}) == []


def test_scores_are_means_of_rows_questions_and_indicators():
    answers = [
        {"q1.r1": "4", "q2.r1": "no", "q2.r2": "yes", "q3.r1": "1"},  # q1 100, q2 (100+0)/2, q3 100
        {"q1.r1": "2", "q2.r1": "no", "q2.r2": "no", "q3.r1": "4"},  # q1 33, q2 100, q3 0
    ]
    result = s.score(rules(), answers)
    assert result.questions == {"q1": D("66.50"), "q2": D("75.00"), "q3": D("50.00")}
    assert result.indicators == {"1": D("70.75"), "2": D("50.00")}
    assert result.tool == D("60.38")


def test_weighted_indicators_use_the_weights_from_data():
    answers = [{"q1.r1": "4", "q2.r1": "no", "q2.r2": "no", "q3.r1": "4"}]
    result = s.score(rules(weights={"1": D("0.75"), "2": D("0.25")}), answers)
    assert result.tool == D("75.00")


def test_everything_is_hidden_below_the_threshold():
    result = s.score(rules(threshold=3), [{"q1.r1": "4"}, {"q1.r1": "1"}])
    assert result.hidden and result.tool is None and result.questions == {} and result.respondents == 2


def test_two_parts_average_the_parts_not_the_people():
    full = {"q1.r1": "4", "q2.r1": "no", "q2.r2": "no", "q3.r1": "1"}  # 100 everywhere
    empty = {"q1.r1": "1", "q2.r1": "yes", "q2.r2": "yes", "q3.r1": "4"}  # 0 everywhere
    result = s.score_parts(rules(threshold=1), {"a": [full] * 9, "b": [empty]})
    assert result.tool == D("50.00")
    assert result.parts["a"].tool == D("100.00") and result.parts["b"].tool == D("0.00")


def test_a_small_part_hides_the_whole_breakdown():
    result = s.score_parts(rules(threshold=2), {"a": [{}, {}, {}], "b": [{}]})
    assert result.hidden and result.parts == {} and result.respondents == 4


def test_proportion_minimum_follows_the_rule_from_data():
    rule = {"percent": D(10), "at_least": 30, "all_below": 30, "cap": {"above": 4000, "value": 400}}
    assert s.proportion_minimum(12, **rule) == 12  # fewer than 30: everyone
    assert s.proportion_minimum(30, **rule) == 30
    assert s.proportion_minimum(250, **rule) == 30  # 10 % is 25, at least 30
    assert s.proportion_minimum(1234, **rule) == 124  # rounded up
    assert s.proportion_minimum(4000, **rule) == 400
    assert s.proportion_minimum(9000, **rule) == 400  # capped above 4,000
    assert s.proportion_minimum(0, **rule) == 0


def test_table_minimum_looks_up_the_row():
    rows = [{"id": "sao-l", "minimum": 50}, {"id": "sao-s", "minimum": 30}]
    assert s.table_minimum(rows, "sao-s") == 30
    assert s.table_minimum(rows, "nope") is None


def test_proof_of_work_round_trip():
    assert leading_zero_bits(bytes([0, 0, 0x10])) == 19
    solution = pow_solve("challenge", 8)
    assert pow_valid("challenge", solution, 8)
    assert not pow_valid("challenge", "12a", 1)
    assert not pow_valid("challenge", "1" * 13, 0)
