"""Inverse solver and sensitivity on the synthetic region."""

from __future__ import annotations

import pytest

from scenarios.evaluate import HitProbability
from scenarios.levers import LEVERS
from scenarios.sensitivity import sobol, tornado
from scenarios.simulate import simulate
from scenarios.solve import solve
from scenarios.spec import Scenario
from tests.scenarios.synthetic import make_setup

IND = "syn.high_level"


@pytest.fixture(scope="module")
def setup():
    return make_setup()


def test_hit_probability_equals_simulate_on_same_seed(setup):
    sc = Scenario(name="s", seed=9).with_levers(funding_cny_100m_per_year=2.0)
    p = HitProbability(sc, IND, paths=10_000, setup=setup)
    sim = simulate(sc, paths=10_000, setup=setup)
    assert p() == pytest.approx(sim.p_hit[sim.ids.index(IND)], abs=1e-12)


@pytest.mark.parametrize("prob", [0.6, 0.8, 0.9])
def test_solved_funding_plugged_back_reaches_probability(setup, prob):
    sc = Scenario(name="s", seed=4)
    sol = solve(sc, IND, "funding_cny_100m_per_year", prob, paths=10_000, setup=setup)
    assert sol.reachable, sol.message
    back = simulate(sc.with_levers(funding_cny_100m_per_year=sol.value), paths=10_000, setup=setup)
    p = back.p_hit[back.ids.index(IND)]
    assert p >= prob - 3 * back.p_hit_se[back.ids.index(IND)]
    # and a little less funding falls short: the answer is the smallest such value
    if sol.value > LEVERS["funding_cny_100m_per_year"].low + 0.05:
        less = HitProbability(sc, IND, paths=10_000, setup=setup)(funding_cny_100m_per_year=sol.value - 0.05)
        assert less < prob


def test_a_lever_that_does_not_reach_the_indicator_says_so(setup):
    sol = solve(Scenario(name="s"), "syn.industry", "funding_cny_100m_per_year", 0.999, paths=5_000, setup=setup)
    # funding does not reach industry employment at all (channel people, not selectees)
    assert not sol.reachable and sol.status == "does_not_move"
    assert "does not move" in sol.message and "unreachable" not in sol.message and sol.p_low == sol.p_high


def test_unreachable_is_said_in_words(setup):
    sol = solve(Scenario(name="s"), "syn.high_level", "funding_cny_100m_per_year", 0.99999, paths=5_000, setup=setup)
    assert not sol.reachable and sol.status == "unreachable" and "unreachable" in sol.message


def test_decreasing_lever_gives_largest_admissible_value(setup):
    sc = Scenario(name="s", seed=1)
    p0 = HitProbability(sc, "syn.talent_total", paths=5_000, setup=setup)()
    target = max(0.05, p0 - 0.2)
    sol = solve(sc, "syn.talent_total", "attrition_pct_per_year", target, paths=5_000, setup=setup)
    assert sol.reachable
    worse = HitProbability(sc, "syn.talent_total", paths=5_000, setup=setup)(attrition_pct_per_year=sol.value + 0.1)
    assert worse < target <= sol.p_at_value


def test_tornado_ranks_levers_and_funding_matters(setup):
    t = tornado(Scenario(name="s"), IND, paths=5_000, setup=setup)
    assert list(t["swing"]) == sorted(t["swing"], reverse=True)
    row = t.set_index("lever").loc["funding_cny_100m_per_year"]
    assert row["p_high"] > row["p_low"]
    inflow = t.set_index("lever").loc["inflow_10k_per_year"]
    # inflow acts on 万人 stocks only; this indicator counts 人, so the lever must not move it at all
    assert inflow["swing"] == 0 and inflow["p_high"] == inflow["p_low"]
    assert "baseline_growth" in set(t["lever"])


def test_sobol_indices_single_out_the_active_lever(setup):
    res = sobol(Scenario(name="s"), IND, levers=["funding_cny_100m_per_year", "shock_year"], n=64,
                paths=2_000, setup=setup).set_index("lever")
    # shock_year does nothing while the shock size is 0; funding carries the variance
    assert res.loc["funding_cny_100m_per_year", "ST"] > 0.8
    assert abs(res.loc["shock_year", "ST"]) < 0.05


def test_sobol_bootstrap_intervals_cover_the_estimates():
    from scenarios import sobol
    from tests.scenarios.synthetic import make_setup

    sc = Scenario(name="s", region="syn", paths=200)
    s = sobol(sc, "syn.high_level", levers=["funding_cny_100m_per_year", "attrition_pct_per_year",
                                            "inflow_10k_per_year"], n=16, paths=200, setup=make_setup(), ci=True,
              n_resamples=99)
    assert {"S1_lo", "S1_hi", "ST_lo", "ST_hi"} <= set(s.columns)
    # inflow acts on 万人 stocks only, not on this 人 indicator: no effect, NaN bounds, not an error
    idle = s[s["lever"] == "inflow_10k_per_year"].iloc[0]
    assert idle["S1"] == 0 and idle["ST"] == 0
    s = s[s["lever"] != "inflow_10k_per_year"]
    # each interval brackets its own estimate (a shifted interval fails here)
    assert ((s["S1_lo"] <= s["S1"]) & (s["S1"] <= s["S1_hi"])).all()
    assert ((s["ST_lo"] <= s["ST"]) & (s["ST"] <= s["ST_hi"])).all()
    assert ((s["ST_hi"] - s["ST_lo"]) > 0).any()      # a small sample gives a visibly wide interval
