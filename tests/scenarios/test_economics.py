"""Funding economics and lever channels: the acceptance tests of issue 10."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scenarios.reach import NO_FUNDING_HISTORY, NO_INDICATOR, disabled_levers, lever_defaults, lever_reach
from scenarios.economics import counted_money, efficiency_quantiles, places_per_100m
from scenarios.engine import apply_levers, baseline_levels, draw, target_hits
from scenarios.spec import Scenario
from tests.scenarios.synthetic import make_setup

REPO = Path(__file__).resolve().parents[2]
SURE = dict(cost_log_sd=0.0, additionality_logit_sd=0.0)  # no per-path uncertainty: exact arithmetic


@pytest.fixture(scope="module")
def setup():
    return make_setup()


def _delta(setup, **levers) -> np.ndarray:
    """Extra persons the levers add to every path, (n, years, k)."""
    lv = Scenario(name="s").with_levers(**levers).levers
    d = draw(setup, 2_000, np.random.default_rng(3))
    base = baseline_levels(setup, d, lv.regional_correlation)
    return apply_levers(setup, base, d, lv) - base


def test_doubling_the_cost_halves_the_funded_talents(setup):
    i = setup.ids.index("syn.high_level")
    one = _delta(setup, funding_change_pct=50.0, cost_per_talent_cny_10k=20.0, returns_exponent=1.0, **SURE)[:, :, i]
    two = _delta(setup, funding_change_pct=50.0, cost_per_talent_cny_10k=40.0, returns_exponent=1.0, **SURE)[:, :, i]
    assert one[:, -1].min() > 0
    np.testing.assert_allclose(two, one / 2, rtol=1e-4, atol=1e-6)
    # linear arithmetic before diminishing returns: 0.6 亿元 a year x 10^4 / 20 万元 x 0.3, lag 1,
    # 3 years fully counted then 0.85 a year: 2021..2024 money counted by 2025 = 4 cohorts
    ages = np.arange(4)  # 2024, 2023, 2022, 2021 money in 2025 (counted from the next year)
    expect = 0.6 * 1e4 / 20 * 0.3 * np.where(ages < 3, 1.0, 0.85 ** (ages - 2)).sum()
    assert one[0, -1] == pytest.approx(expect, rel=1e-4)


def test_diminishing_returns_make_twice_the_money_buy_less_than_twice(setup):
    i = setup.ids.index("syn.high_level")
    small = _delta(setup, funding_change_pct=100.0, returns_exponent=0.7, **SURE)[0, -1, i]
    large = _delta(setup, funding_change_pct=200.0, returns_exponent=0.7, **SURE)[0, -1, i]
    assert 1.0 < large / small < 2.0


def test_additionality_zero_gives_no_funding_effect(setup):
    d = _delta(setup, funding_change_pct=200.0, funding_growth_pct_per_year=10.0, additionality_share=0.0)
    assert np.abs(d).max() == 0.0


def test_funded_talents_decay_after_the_subsidy_and_arrive_after_the_lag():
    class L:  # plain lever values: 1 亿元 a year more from year 1, linear, lag 2, 2-year subsidy, retention 0.5
        funding_cny_100m_per_year, funding_change_pct, funding_growth_pct_per_year = None, 100.0, 0.0
        returns_exponent, lag_years, subsidy_years, retention_after_subsidy = 1.0, 2, 2, 0.5

    m = counted_money(L, 1.0, 5)
    # year t counts cohorts s <= t - 2; cohort age a = t - s - 2 keeps 1 for a < 2, then 0.5^(a-1)
    assert m.tolist() == pytest.approx([0, 0, 0, 1, 2, 2.5])
    assert counted_money(L, 1.0, 5, cumulative=True).tolist() == pytest.approx([0, 0, 0, 1, 2, 3])


def test_each_path_draws_its_own_cost_and_additionality():
    lv = Scenario(name="s").levers
    per = places_per_100m(lv, np.random.default_rng(1).standard_normal((50_000, 2)))
    lo, mid, hi = efficiency_quantiles(lv)
    assert per.std() > 0 and lo < mid < hi
    # the central value: 10^4 / 28 万元 x 0.3 ≈ 107 per 亿元 at the medians
    assert np.median(1e4 / lv.cost_per_talent_cny_10k * lv.additionality_share) == pytest.approx(107, abs=1)


def test_shock_reaches_ratios_through_their_numerator():
    """A −10 % shock lowers R&D staff per 10k and the high-skill share (real Tianhe data)."""
    from scenarios.simulate import simulate
    from scenarios.spec import load_preset

    sc = load_preset("baseline")
    base = simulate(sc, paths=1_000)
    hit = simulate(sc.with_levers(shock_pct=-10.0, shock_year=2022), paths=1_000)
    for ind in ("tianhe.rd_staff_per_10k", "tianhe.high_skill_share"):
        b, s = base.final(ind), hit.final(ind)
        np.testing.assert_allclose(s, b * 0.9, rtol=1e-5)
        assert hit.p_hit[base.ids.index(ind)] < base.p_hit[base.ids.index(ind)]


def test_a_region_without_funding_history_disables_the_funding_levers():
    s = make_setup(historic_funding=None)
    off = disabled_levers(s)
    assert {off[k] for k in ("funding_cny_100m_per_year", "funding_change_pct", "funding_growth_pct_per_year")} == {
        NO_FUNDING_HISTORY}
    assert lever_reach(s)["funding_change_pct"] == []
    assert "attrition_pct_per_year" not in off


def test_a_lever_that_moves_no_indicator_is_disabled_with_a_reason():
    s = make_setup().subset(["syn.industry", "syn.patents"])  # no talent total, no selectees
    off = disabled_levers(s)
    assert off["inflow_10k_per_year"] == NO_INDICATOR and off["funding_cny_100m_per_year"] == NO_INDICATOR
    assert "shock_pct" not in off


def test_guangdong_cli_json_and_text_say_funding_does_nothing_there(tmp_path):
    from typer.testing import CliRunner

    from talentsim.cli import app

    f = tmp_path / "gd.yaml"
    f.write_text("name: gd\nregion: guangdong\nhorizon: 2025\npaths: 400\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["simulate", str(f), "--json"])
    assert out.exit_code == 0, out.output
    rec = json.loads(out.output)
    fund = rec["levers"]["funding_cny_100m_per_year"]
    assert fund["disabled"] and fund["reason_key"] == NO_FUNDING_HISTORY and "no historic" in fund["reason"]
    assert rec["historic_funding_cny_100m_per_year"] is None
    text = CliRunner().invoke(app, ["simulate", str(f)]).output
    assert "funding_change_pct" in text and "moves nothing" in text


def test_an_uploaded_regions_funding_default_is_its_own_figure(tmp_path):
    """A data folder whose region spent 2.5 亿元 over five years: default 0.5 a year, not Tianhe's 1.2."""
    from scenarios.baseline import region_setup
    from scenarios.simulate import simulate

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("build"))
    prog = pd.read_csv(data / "programmes.csv", dtype=str, keep_default_na=False)
    prog.loc[prog["id"] == "tianhe.talent_fund_13fyp", "amount"] = "2.5"
    prog.to_csv(data / "programmes.csv", index=False)
    setup = region_setup("tianhe", 2025, str(data))
    assert setup.historic_funding == pytest.approx(0.5)
    assert lever_defaults(setup)["funding_cny_100m_per_year"] == pytest.approx(0.5)
    sc = Scenario(name="own", data_dir=str(data), paths=400)
    i = setup.ids.index("tianhe.high_level_talent")
    own = simulate(sc, setup=setup).values[:, :, i]
    same = simulate(sc.with_levers(funding_cny_100m_per_year=0.5), setup=setup).values[:, :, i]
    plan = simulate(sc.with_levers(funding_cny_100m_per_year=1.2), setup=setup).values[:, :, i]
    np.testing.assert_array_equal(own, same)
    assert (plan[:, -1] > own[:, -1]).all()


def test_a_range_target_is_judged_against_its_band():
    s = make_setup()
    ind = s.indicators.copy()
    ind["target_low"], ind["target_high"], ind["target_band_pct"] = np.nan, np.nan, np.nan
    j = ind.index[ind["id"] == "syn.talent_total"][0]
    ind.loc[j, ["target_op", "target_value", "target_low", "target_high"]] = ["=", np.nan, 100.0, 110.0]
    values = np.zeros((4, len(s.years), len(ind)))
    values[:, -1, j] = [99.0, 100.0, 110.0, 120.0]
    for more, expect in ((False, [False, True, True, False]), (True, [False, True, True, True])):
        ind["higher_is_better"] = more
        r = type(s)(ind, s.laws, s.years, s.horizon, s.historic_funding)
        assert target_hits(values, r)[:, j].tolist() == expect


def test_the_assumption_facts_are_numbers_that_give_the_english_line_and_the_sure_case():
    """The engine hands the product shell numbers, not words (issue 12: the page writes them in
    its language); with no spread, places per 亿元 is 1e4 × additionality / cost exactly."""
    from scenarios.economics import assumption_facts, assumptions_text

    lv = Scenario(name="s").with_levers(cost_per_talent_cny_10k=40.0, additionality_share=0.5, **SURE).levers
    f = assumption_facts(lv)
    assert all(isinstance(v, (int, float)) for v in f.values())
    assert f["places_low"] == pytest.approx(125) and f["places_high"] == pytest.approx(125)
    assert f["cost"] == 40.0 and f["additionality"] == 0.5
    assert "cost per funded talent median 40 万元" in assumptions_text(lv) and "125–125 counted" in assumptions_text(lv)
