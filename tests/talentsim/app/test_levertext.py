"""Lever values in words (talentsim.levertext) and the view settings of a link (talentsim.app.links)."""

from __future__ import annotations

import pytest

from scenarios import LEVERS
from talentsim import levertext
from talentsim.app import links


def _defaults(**changed) -> dict:
    return {**{k: lv.default for k, lv in LEVERS.items()}, **changed}


@pytest.mark.parametrize("key, value, lang, text", [
    ("funding_cny_100m_per_year", 1.2, "zh", "1.2 亿元/年"),
    ("funding_cny_100m_per_year", 1.2, "en", "120 million yuan/yr"),
    ("funding_change_pct", 50, "zh", "+50 %"),
    ("funding_change_pct", 0, "en", "0 %"),
    ("inflow_10k_per_year", 0.5, "en", "+5,000 people/yr"),
    ("attrition_pct_per_year", -0.3, "zh", "-0.3 %/年"),
    ("shock_year", 2023, "en", "2023"),
    ("cost_per_talent_cny_10k", 28, "zh", "28 万元/人"),
    ("cost_per_talent_cny_10k", 28, "en", "280,000 yuan per person"),
    ("additionality_share", 0.3, "en", "30 %"),
    ("retention_after_subsidy", 0.85, "zh", "85 %/年"),
    ("lag_years", 1, "en", "1 yr"),
    ("funding_cny_100m_per_year", None, "zh", "–"),
])
def test_lever_value_has_its_unit_in_the_page_language(key, value, lang, text):
    assert levertext.lever_value(key, value, lang) == text


def test_lever_line_lists_the_levers_and_changed_parameters_only():
    line = levertext.lever_line(_defaults(shock_pct=0.0, cost_per_talent_cny_10k=40.0), "en")
    assert "Talent funding per year 120 million yuan/yr" in line
    assert "Cost per funded talent (median) 400,000 yuan per person" in line
    assert "Shock year" not in line                       # no shock: its year says nothing
    assert "Additionality" not in line                    # a parameter at its default
    assert "Shock year 2024" in levertext.lever_line(_defaults(shock_pct=-5.0, shock_year=2024), "en")
    assert "Talent funding" not in levertext.lever_line(_defaults(), "en", hidden=levertext.SHOWN[:1])


def test_lever_table_marks_and_lists_changed_rows_first():
    tab = levertext.lever_table({"A": _defaults(), "B": _defaults(inflow_10k_per_year=-1.0, additionality_share=0.5)},
                                "zh")
    mark = tab["有变化"].tolist()
    assert mark[:2] == ["●", "●"] and set(mark[2:]) == {""}
    assert tab.iloc[0]["杠杆"] == "净人才流入（相对基线）" and tab.iloc[0]["B"] == "-1 万人/年"
    assert tab.iloc[1]["A"] == "30 %" and tab.iloc[1]["B"] == "50 %"
    assert len(tab) == len(levertext.SHOWN) - 1 + 1        # the levers without the shock year, + one parameter


def test_resolved_fills_the_regions_own_figure():
    values = levertext.resolved({"funding_cny_100m_per_year": None}, {"funding_cny_100m_per_year": 0.4})
    assert values["funding_cny_100m_per_year"] == 0.4 and values["inflow_10k_per_year"] == 0.0


def test_settings_round_trip_through_a_link():
    state = {"compare_with": ["preset:baseline", "saved:a, b"], "solve_indicator": "tianhe.talent_total",
             "solve_lever": "inflow_10k_per_year", "solve_prob": 90}
    q = links.settings_query(state)
    assert q["compare"] == "preset:baseline/saved:a, b"
    back, bad = links.settings_from_query(q, ["preset:baseline", "saved:a, b"], ["tianhe.talent_total"],
                                          levertext.SOLVABLE)
    assert bad == [] and back == {**state, "step": 0}


def test_settings_from_query_names_what_it_ignores():
    q = {"compare": "preset:baseline/preset:gone", "solve_indicator": "haizhu.x", "solve_lever": "shock_year",
         "solve_prob": "97", "step": "two"}
    back, bad = links.settings_from_query(q, ["preset:baseline"], ["tianhe.talent_total"], levertext.SOLVABLE)
    assert back == {"compare_with": ["preset:baseline"], "step": 0}
    assert [(k, v) for k, v, _, _ in bad] == [("compare", "preset:gone"), ("solve_indicator", "haizhu.x"),
                                              ("solve_lever", "shock_year"), ("solve_prob", "97"), ("step", "two")]
    zh = [links.why_text(code, fields, "zh") for _, _, code, fields in bad]
    en = [links.why_text(code, fields, "en") for _, _, code, fields in bad]
    assert zh == ["没有这个情景", "不是本地区的指标", "请从以下杠杆中选择：人才专项资金（每年）、" + zh[2].split("、", 1)[1],
                  "请从 50, 55, …, 95 中选择", "不是幻灯片编号"]
    assert en[2].startswith("choose one of the levers ") and "funding_cny" not in en[2] and "人才" not in en[2]
    assert en[3] == "choose one of 50, 55, …, 95"
    assert links.settings_from_query({"compare": ""}, [], [], [])[0]["compare_with"] == []   # none chosen
    back, bad = links.settings_from_query({"paths": "5000"}, [], [], [], (2_000, 5_000))
    assert back["paths"] == 5000 and bad == []
    for wrong in ("5001", "many"):
        back, bad = links.settings_from_query({"paths": wrong}, [], [], [], (2_000, 5_000))
        assert "paths" not in back and bad == [("paths", wrong, "choose_paths", {"choices": (2_000, 5_000)})]


@pytest.mark.parametrize("lang, why", [("zh", "超出允许范围 0 亿元/年 至 10 亿元/年"),
                                       ("en", "outside the allowed range 0 yuan/yr to 1 billion yuan/yr")])
def test_a_lever_outside_its_range_is_worded_with_its_unit(lang, why):
    _, bad = links.levers_from_query({"funding_cny_100m_per_year": "99", "inflow_10k_per_year": "x"})
    texts = {k: links.why_text(code, fields, lang) for k, _, code, fields in bad}
    assert texts["funding_cny_100m_per_year"] == why
    assert texts["inflow_10k_per_year"] == ("不是数字" if lang == "zh" else "not a number")
    _, bad = links.settings_from_query({"paths": "7"}, [], [], [], (5_000, 20_000))
    assert links.why_text(*bad[0][2:], lang) == ("请从 5,000、20,000 中选择" if lang == "zh" else "choose one of 5,000, 20,000")


@pytest.mark.parametrize("low, high, lang, text", [          # on the slider's 0.1 grid, rounded up
    (1.31, 2.97, "zh", "至少 1.6 亿元/年（区间 1.4–3 亿元/年）"),
    (0.95, 2.97, "en", "at least 160 million yuan/yr (range 100–300 million yuan/yr)"),
    (1.31, None, "en", "at least 160 million yuan/yr (range 140 million yuan/yr–more than 1 billion yuan/yr)"),
])
def test_solver_answer_with_its_range_names_the_unit_once(low, high, lang, text):
    from types import SimpleNamespace

    from talentsim.app.views.solve import value_text

    sol = SimpleNamespace(lever="funding_cny_100m_per_year", value=1.59, low=low, high=high, p_low=0.1, p_high=0.9,
                          assumptions="cost × additionality")
    assert value_text(sol, lang) == text


@pytest.mark.parametrize("key, value, at_least, current, lang, text", [
    ("attrition_pct_per_year", -0.0146, False, 0.0, "zh", "维持当前的 0 %/年 已基本足够"),
    ("attrition_pct_per_year", -0.00182, False, 0.0, "en", "about enough already at its current 0 %/yr"),
    ("attrition_pct_per_year", -0.1234, False, 0.0, "zh", "至多 -0.2 %/年"),        # down: the safe side
    ("attrition_pct_per_year", -0.1234, False, None, "en", "at most -0.2 %/yr"),
    ("funding_cny_100m_per_year", 1.2345678, True, 0.4, "zh", "至少 1.3 亿元/年"),  # up: the safe side
    ("funding_cny_100m_per_year", 1.25, True, 1.2, "zh", "维持当前的 1.2 亿元/年 已基本足够"),
    ("funding_change_pct", 37.3, True, 0.0, "en", "at least +40 %"),
    ("inflow_10k_per_year", 0.30000001, True, 0.0, "zh", "至少 +0.3 万人/年"),       # not 0.4 for a float's noise
])
def test_solver_answers_read_like_a_slider_value(key, value, at_least, current, lang, text):
    assert levertext.solver_answer(key, value, at_least, current, lang) == text
