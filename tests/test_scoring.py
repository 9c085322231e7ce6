"""Score arithmetic, checked against published figures and the facts page."""

from decimal import Decimal as D

from lib.scoring import Band, IndicatorSpec, ItemSpec, ToolSpec, rate, rounded, score_oit, total_score

SCORING = {"item_values": {"pass": 100, "fail": 0}, "indicator": "mean_of_items", "tool": "mean_of_indicators"}


def oit(n9=30, n10=13):
    return ToolSpec(
        "OIT",
        D("0.4"),
        [
            IndicatorSpec("ind9", [ItemSpec(f"o{i}") for i in range(1, n9 + 1)]),
            IndicatorSpec("ind10", [ItemSpec(f"o{i}") for i in range(n9 + 1, n9 + n10 + 1)]),
        ],
    )


def test_all_pass_is_100():
    card = score_oit(SCORING, oit(), {f"o{i}": "pass" for i in range(1, 44)})
    assert card.tools["OIT"] == 100 and card.unscored_items == 0


def test_an_item_of_indicator_10_weighs_more_than_one_of_indicator_9():
    fail_9 = score_oit(SCORING, oit(), {**{f"o{i}": "pass" for i in range(1, 44)}, "o1": "fail"})
    fail_10 = score_oit(SCORING, oit(), {**{f"o{i}": "pass" for i in range(1, 44)}, "o31": "fail"})
    assert rounded(fail_9.tools["OIT"]) == D("98.33")  # (100·29/30 + 100) / 2
    assert rounded(fail_10.tools["OIT"]) == D("96.15")  # (100 + 100·12/13) / 2


def test_unreviewed_items_count_as_zero_or_leave_the_indicator_open():
    verdicts = {f"o{i}": "pass" for i in range(1, 43)}  # o43 not reviewed
    assert score_oit(SCORING, oit(), verdicts).unscored_items == 1
    assert score_oit(SCORING, oit(), verdicts, missing_as=None).tools["OIT"] is None


def test_total_is_the_weighted_sum_of_tools():
    tools = [ToolSpec("IIT", D("0.3")), ToolSpec("EIT", D("0.3")), ToolSpec("OIT", D("0.4"))]
    # 0.3 × 89.39 + 0.3 × 86.18 + 0.4 × 96.15 = 91.131
    total = total_score(tools, {"IIT": D("89.39"), "EIT": D("86.18"), "OIT": D("96.15")})
    assert rounded(total) == D("91.13")
    assert total_score(tools, {"IIT": D("90"), "EIT": None, "OIT": D("90")}) is None


BANDS_2566 = [
    Band("excellent", D(95), D(100), D(95)),
    Band("good", D(85), D(100), D(85)),
    Band("pass", D(85), D(100)),
    Band("improve", D(70), D(85)),
    Band("urgent", D(0), D(70)),
]


def test_2566_bands_need_every_tool_as_well_as_the_total():
    assert rate(D("96"), {"IIT": D(96), "EIT": D(95), "OIT": D(97)}, BANDS_2566).id == "excellent"
    assert rate(D("96"), {"IIT": D(96), "EIT": D(90), "OIT": D(100)}, BANDS_2566).id == "good"
    # 94.64 with EIT under 85 was rated ผ่าน (facts page, 2568).
    assert rate(D("94.64"), {"IIT": D(99), "EIT": D("84.5"), "OIT": D(100)}, BANDS_2566).id == "pass"
    assert rate(D("84.99"), {}, BANDS_2566).id == "improve"
    assert rate(D("100"), {"IIT": D(100), "EIT": D(100), "OIT": D(100)}, BANDS_2566).id == "excellent"
    assert rate(D("0"), {}, BANDS_2566).id == "urgent"
    assert rate(None, {}, BANDS_2566) is None


def test_one_rounding_rule_for_every_score_halves_go_up():
    from lib import survey_scoring

    assert survey_scoring.rounded is rounded  # surveys and OIT round the same way
    assert rounded(D("72.125")) == D("72.13")  # half-even would say 72.12
    assert rounded(D("72.124999")) == D("72.12")
    assert rounded(None) is None
