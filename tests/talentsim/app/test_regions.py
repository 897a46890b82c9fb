"""Regions, their names and views come from the data, not from names in the code."""

from __future__ import annotations

import pandas as pd
import pytest

from talentsim.app import regions


@pytest.fixture(scope="module")
def shipped():
    from forecast.data import load_dataset

    return load_dataset(None)


def test_every_shipped_region_is_offered_grouped_by_level_and_plan(shipped):
    offered = regions.offered_regions(shipped)
    assert set(offered) == set(shipped.indicators["region"])        # Haizhu and Tianjin too
    groups = regions.region_groups(shipped)
    assert [r for _, rs in groups for r in rs] == offered
    keys = [k for k, _ in groups]
    assert len(keys) == len(set(keys))                                # each group once, contiguous
    levels = [k[0] for k in keys]
    assert levels == sorted(levels, key=["national", "province", "city", "district"].index)
    # liwan has no base value but holds the 555 fund; haizhu has no numeric dated target
    assert regions.region_views("liwan", shipped) == ("p555", "data", "newplan", "methods")
    assert regions.region_views("haizhu", shipped) == ("data", "newplan", "methods")
    assert regions.region_views("tianhe", shipped) == ("overview", "indicator", "compare", "solve", "targets",
                                                       "data", "newplan", "methods")


def test_a_region_that_cannot_run_says_why_and_what_works(shipped):
    assert regions.why_text(shipped, "tianhe", "en") is None
    liwan = regions.why_text(shipped, "liwan", "en")
    assert "no observation before 2022" in liwan and "Liwan 555" in liwan
    assert "no numeric target with a target year" in regions.why_text(shipped, "haizhu", "en")
    assert "新规划" in regions.why_text(shipped, "tianjin", "zh")


def test_picker_groups_a_fixture_by_level_and_plan():
    from forecast.data import load_dataset
    from pathlib import Path

    ds = load_dataset(Path(__file__).resolve().parents[2] / "fixtures" / "horizon")
    assert regions.region_groups(ds) == [(("city", "15th"), ["newtown"]), (("district", "15th"), ["twoyear"]),
                                         (("district", "14th"), ["oldtown"])]
    assert regions.option_label("newtown", "zh", ds) == "新城市（市级 · “十五五”）"
    assert regions.option_label("oldtown", "en", ds) == "Oldtown District (District · 14th FYP)"
    assert regions.years_text([2027, 2030], "zh") == "2027、2030"
    assert regions.years_text([2027, 2030], "en") == "2027 and 2030"


def test_a_region_without_a_catalogue_name_shows_its_key():
    assert regions.region_label("tianhe", "zh") == "天河区"
    assert regions.region_label("myregion", "en") == "myregion"
    assert regions.region_label(regions.UPLOAD, "en", "a.csv") == "My uploaded data: a.csv"


def test_solver_starts_on_the_indicator_a_funded_talent_weighs_most():
    from scenarios.baseline import region_setup

    setup = region_setup("tianhe", 2025)
    assert regions.default_solve_indicator(setup, list(setup.ids)) == "tianhe.high_level_talent"
    # nothing the funding lever moves: the first indicator
    others = [i for i in setup.ids if i not in ("tianhe.high_level_talent", "tianhe.talent_total")]
    assert regions.default_solve_indicator(setup, others) == others[0]


def test_key_indicators_one_rule_for_one_or_several_scenarios():
    from talentsim.indicators import key_indicators

    table = pd.DataFrame({"id": ["a", "b", "c", "d"], "p_hit[x]": [0.9, 0.55, float("nan"), 0.2],
                          "p_hit[y]": [0.5, 0.56, float("nan"), 0.2], "diff[y]": [-0.4, 0.01, float("nan"), 0.0]})
    assert key_indicators(table, ["x", "y"]) == ["a", "b", "d"]
    assert key_indicators(table, ["x"], limit=2) == ["b", "d"]
