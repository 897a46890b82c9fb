"""Regions, their names and views come from the data, not from names in the code."""

from __future__ import annotations

import pandas as pd
import pytest

from talentsim.app import regions


@pytest.fixture(scope="module")
def shipped():
    from forecast.data import load_dataset

    return load_dataset(None)


def test_offered_regions_are_those_with_something_to_simulate(shipped):
    # haizhu and tianjin have no numeric target by 2025; liwan has no base value but holds the 555 fund
    assert regions.offered_regions(shipped, 2025) == ["tianhe", "guangdong", "liwan"]
    assert regions.region_views("liwan", shipped, 2025) == ("p555", "data", "newplan")
    assert regions.region_views("tianhe", shipped, 2025) == ("overview", "indicator", "compare", "solve", "targets",
                                                             "data", "newplan")


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
