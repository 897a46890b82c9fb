"""Target-setting: the target met with probability p agrees with an independent simulation, and
the ambition percentile of a proposed target is exact on a fixture and monotone in the target."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import scenarios
from forecast.outcomes.ambition import ambition_rank, load_needs
from scenarios.simulate import simulate
from scenarios.spec import Scenario
from scenarios.targets import ambition_kind, p_meets, proposed_need, target_for_probability, targets_table

HERE = Path(__file__).parent
REGION = HERE / "growth_region"
OUTCOMES = HERE / "outcome_fixture"
N1, N2 = 20_000, 40_000


def _independent_p(indicator: str, t: float, sc: Scenario) -> tuple[float, float]:
    """P(meets t) on a second simulation with another seed; the tolerance counts both runs' error."""
    sim2 = simulate(sc, paths=N2, seed=sc.seed + 7919)
    return p_meets(sim2, indicator, t)[0], float(np.sqrt(0.8 * 0.2 * (1 / N1 + 1 / N2)))


@pytest.fixture(scope="module")
def plan():
    sc = scenarios.load_preset("plan")
    return sc, simulate(sc, paths=N1)


@pytest.fixture(scope="module")
def grow():
    sc = Scenario(name="grow", region="grow", horizon=2030, data_dir=str(REGION), paths=N1, seed=11)
    return sc, simulate(sc)


@pytest.mark.parametrize("indicator", ["tianhe.talent_total", "tianhe.high_skill_share"])
def test_t80_of_a_shipped_indicator_is_met_80_percent_on_an_independent_run(plan, indicator):
    sc, sim = plan
    t80 = target_for_probability(sim, indicator, 0.8, rounded=False)
    p, tol = _independent_p(indicator, t80, sc)
    assert abs(p - 0.80) < 4 * tol, (t80, p)
    # the printed (rounded) target is rounded the safe way: met at least as often
    t80r = target_for_probability(sim, indicator, 0.8)
    assert t80r <= t80 and p_meets(sim, indicator, t80r)[0] >= 0.8 - 1e-3


@pytest.mark.parametrize("indicator, op", [("grow.gdp_growth_avg", ">="), ("grow.unemployment", "<="),
                                           ("grow.gdp_growth_2026", ">="), ("grow.gdp_growth_range", ">="),
                                           ("grow.fiscal_growth", ">=")])
def test_t80_on_growth_rates_and_ceilings(grow, indicator, op):
    sc, sim = grow
    t = [target_for_probability(sim, indicator, q, rounded=False) for q in (0.5, 0.8, 0.9)]
    # a floor asks for less to be surer, a ceiling allows more
    assert (np.diff(t) < 0).all() if op == ">=" else (np.diff(t) > 0).all()
    p, tol = _independent_p(indicator, t[1], sc)
    assert abs(p - 0.80) < 4 * tol, (t, p)


def test_ambition_percentile_and_hit_rate_on_a_fixture():
    # fixture growth needs (pp a year): -1, 0, 1, 2 and the CPI ceiling -(3.0 - 0.2) = -2.8
    a = ambition_rank("growth", 0.5, OUTCOMES)
    assert (a.n, a.percentile, a.n_harder, a.hit_rate) == (5, 0.6, 2, 0.5)
    assert ambition_rank("growth", 0.0, OUTCOMES).percentile == 0.5       # a tie counts half
    b = load_needs(OUTCOMES)
    assert sorted(b.loc[b["type"] == "growth", "need"].round(6)) == [-2.8, -1.0, 0.0, 1.0, 2.0]
    people = ambition_rank("people", np.log(1.2) / 5, OUTCOMES)
    assert (people.percentile, people.n_harder) == (0.5, 1)
    assert np.isnan(ambition_rank("count", 0.1, OUTCOMES).percentile)      # no such targets: no rank


@pytest.mark.parametrize("indicator, sign", [("grow.talent_total", 1), ("grow.gdp_growth_avg", 1),
                                             ("grow.unemployment", -1)])
def test_ambition_is_monotone_in_the_proposed_target(grow, indicator, sign):
    _, sim = grow
    base = load_needs(OUTCOMES)
    i = sim.ids.index(indicator)
    law = sim.setup.laws[i]
    grid = np.linspace(law.base_value * 0.4, law.base_value * 2.0, 41)
    needs = np.array([proposed_need(sim, indicator, t) for t in grid])
    kind = ambition_kind(sim.setup.indicators.iloc[i], law)
    pct = np.array([ambition_rank(kind, n, base=base).percentile for n in needs])
    assert (sign * np.diff(needs) > 0).all()
    assert (sign * np.diff(pct) >= 0).all() and pct[-1] != pct[0]


def test_targets_table(grow):
    _, sim = grow
    t = targets_table(sim, (0.5, 0.8, 0.9), proposed={"grow.gdp_growth_avg": 6.0}, outcomes_dir=OUTCOMES)
    assert list(t["id"]) == list(sim.ids)
    r = t.set_index("id")
    g = r.loc["grow.gdp_growth_avg"]
    assert g["average"] and g["kind"] == "growth" and g["t50"] >= g["t80"] >= g["t90"]
    assert g["p_proposed"] == pytest.approx(p_meets(sim, "grow.gdp_growth_avg", 6.0)[0])
    assert g["p_proposed"] < g["p_stated"]                 # 6 % asks more than the stated 5 %
    u = r.loc["grow.unemployment"]
    assert u["direction"] == "ceiling" and u["t50"] <= u["t80"] <= u["t90"]
    # targets are printed to the unit's precision (0.1 for % and 万人)
    assert np.allclose(t[["t50", "t80", "t90"]] * 10, np.round(t[["t50", "t80", "t90"]] * 10))


def test_range_and_about_targets(grow):
    """A range (4.5-5 %) is rated on its low end; "about 5 %" is met from 4.75 % and its t80 is
    "about" a value whose lower edge the simulated average reaches 80 % of the time."""
    _, sim = grow
    r = targets_table(sim, outcomes_dir=OUTCOMES).set_index("id")
    rng = r.loc["grow.gdp_growth_range"]
    assert (rng["stated_target"], rng["range_low"], rng["range_high"]) == (4.5, 4.5, 5.0)
    assert rng["p_stated"] == pytest.approx(p_meets(sim, "grow.gdp_growth_range", 4.5)[0], abs=1e-12)
    about = r.loc["grow.fiscal_growth"]
    v = sim.final("grow.fiscal_growth")
    assert about["p_stated"] == pytest.approx(float((v >= 4.75).mean()), abs=1e-12)
    t80 = target_for_probability(sim, "grow.fiscal_growth", 0.8, rounded=False)
    assert float((v >= t80 * 0.95).mean()) == pytest.approx(0.8, abs=1e-3)


def test_kept_out_regions_are_no_peers(tmp_path):
    import shutil

    shutil.copy(OUTCOMES / "outcomes_yearly.csv", tmp_path / "outcomes_yearly.csv")
    (tmp_path / "kept_out.csv").write_text("region,what,note\nfix,urban_unemployment_rate,test\n", encoding="utf-8")
    b = load_needs(tmp_path)
    assert "share" not in set(b["type"]) and (b["type"] == "growth").sum() == 5
    (tmp_path / "kept_out.csv").write_text("region,what,note\nfix,all,test\n", encoding="utf-8")
    assert load_needs(tmp_path).empty


def test_summary_states_a_range_by_its_edge_and_no_rate_is_met_at_base(grow):
    _, sim = grow
    sm = sim.summary().set_index("id")
    r = sm.loc["grow.gdp_growth_range"]
    assert (r["target_op"], r["target_value"]) == (">=", 4.5) and r["p_hit"] > 0
    assert not sm.loc[["grow.gdp_growth_avg", "grow.fiscal_growth", "grow.gdp_growth_range"], "met_at_base"].any()
    assert sm.loc["grow.unemployment", "met_at_base"]                 # a level already under its ceiling is


def test_a_region_whose_only_target_is_a_range_runs_to_its_year(tmp_path):
    import pandas as pd

    from scenarios.targets import targets

    ind = pd.read_csv(REGION / "indicators.csv", dtype=str, keep_default_na=False)
    obs = pd.read_csv(REGION / "observations.csv", dtype=str, keep_default_na=False)
    one = "grow.gdp_growth_range"
    ind[ind["id"] == one].to_csv(tmp_path / "indicators.csv", index=False)
    obs[obs["id"] == one].to_csv(tmp_path / "observations.csv", index=False)
    df = targets("grow", "plan", paths=2_000, data_dir=tmp_path, outcomes_dir=OUTCOMES)
    assert list(df["id"]) == [one] and df["target_year"].iloc[0] == 2030 and df["stated_target"].iloc[0] == 4.5


def test_ambition_ranks_among_the_one_outcome_base_and_sees_an_edited_file(tmp_path):
    from forecast.outcomes import load_outcome_base

    ob = load_outcome_base(OUTCOMES)
    b = load_needs(OUTCOMES)
    assert len(b) == int((ob["scoreable"] & ~ob["kept_out"]).sum())
    (tmp_path / "outcomes_yearly.csv").write_text((OUTCOMES / "outcomes_yearly.csv").read_text(encoding="utf-8"),
                                                  encoding="utf-8")
    before = load_needs(tmp_path)
    assert before.equals(b)
    text = (tmp_path / "outcomes_yearly.csv").read_text(encoding="utf-8")
    (tmp_path / "outcomes_yearly.csv").write_text(text.replace("2023,5.2,2024,7.2,", "2023,5.2,2024,9.2,"),
                                                  encoding="utf-8")
    after = load_needs(tmp_path)
    assert sorted(after.loc[after["type"] == "growth", "need"].round(6)) == [-2.8, -1.0, 0.0, 1.0, 4.0]
