"""``scenarios.solve`` against its docstring: the least-effort lever value reaches the probability
and one step less does not; the ends of the range; integer levers; the funding range.

Written for the survivors of ``benchmarks/mutation.py scenarios/solve.py``.
"""

from __future__ import annotations

import dataclasses

import pytest

from scenarios.evaluate import HitProbability
from scenarios.levers import LEVERS
from scenarios.solve import solve
from scenarios.spec import Scenario
from tests.scenarios.synthetic import make_setup

SC = Scenario(name="s", region="syn", paths=400, seed=2)


@pytest.fixture(scope="module")
def setup():
    return make_setup()


@pytest.fixture(scope="module")
def hp(setup):
    return HitProbability(SC, "syn.talent_total", setup=setup)


def test_least_effort_inflow_reaches_the_probability_and_a_little_less_does_not(setup, hp):
    sol = solve(SC, "syn.talent_total", "inflow_10k_per_year", setup=setup)
    assert sol.prob == 0.8 and sol.status == "ok" and sol.reachable
    lv = LEVERS["inflow_10k_per_year"]
    assert sol.p_at_value == hp(inflow_10k_per_year=sol.value) >= 0.8
    assert hp(inflow_10k_per_year=sol.value - 0.01) < 0.8                  # bisection to well under 0.01
    assert sol.p_low == hp(inflow_10k_per_year=lv.low) and sol.p_high == hp(inflow_10k_per_year=lv.high)
    assert sol.low == sol.high == sol.value and sol.paths == 400 and "at least" in sol.message


def test_a_lever_that_lowers_the_probability_answers_its_largest_value(setup, hp):
    sol = solve(SC, "syn.talent_total", "attrition_pct_per_year", 0.5, setup=setup)
    assert sol.status == "ok" and "at most" in sol.message
    assert hp(attrition_pct_per_year=sol.value) >= 0.5 > hp(attrition_pct_per_year=sol.value + 0.01)


def test_an_answer_at_the_low_end_is_the_low_end(setup, hp):
    lv = LEVERS["inflow_10k_per_year"]
    prob = hp(inflow_10k_per_year=lv.low)
    sol = solve(SC, "syn.talent_total", "inflow_10k_per_year", max(prob, 0.01), setup=setup)
    assert sol.value == lv.low


def test_an_integer_lever_answers_the_largest_whole_lag_that_still_reaches(setup):
    sc = SC.with_levers(funding_change_pct=150.0)
    hf = HitProbability(sc, "syn.high_level", setup=setup)
    p = [hf(lag_years=k) for k in range(4)]
    assert p[1] > p[2]                                  # the case: a longer lag counts fewer in time
    sol = solve(sc, "syn.high_level", "lag_years", p[1], setup=setup)
    assert sol.value == 1.0 and sol.p_at_value == p[1] and "at most" in sol.message


def test_unreachable_says_so_with_the_best_the_lever_gives(setup):
    h = HitProbability(SC, "syn.high_level", setup=setup)
    best = h(funding_change_pct=LEVERS["funding_change_pct"].high)
    assert best < 0.99                                  # the case: even +300 % funding falls short
    sol = solve(SC, "syn.high_level", "funding_change_pct", 0.99, setup=setup)
    assert sol.value is None and sol.status == "unreachable" and "unreachable" in sol.message
    assert sol.p_at_value == best and sol.p_high == best and sol.high is None


def test_funding_answers_a_range_over_the_economics(setup):
    sol = solve(SC, "syn.high_level", "funding_change_pct", 0.9, setup=setup)
    assert sol.status == "ok" and sol.low is not None and sol.facts and sol.assumptions
    high = sol.high if sol.high is not None else float("inf")
    assert sol.low < sol.value < high                       # optimistic economics need less money


@pytest.mark.parametrize("prob", [0.0, 1.0, 1.5, -0.1])
def test_prob_must_lie_strictly_between_0_and_1(setup, prob):
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        solve(SC, "syn.talent_total", "inflow_10k_per_year", prob, setup=setup)


def test_unknown_levers_are_refused_with_the_choices(setup):
    with pytest.raises(ValueError, match="unknown lever 'x'; choose one of: funding_cny_100m_per_year, funding_change_pct"):
        solve(SC, "syn.talent_total", "x", setup=setup)


def test_a_capped_search_says_so(setup):
    sol = solve(SC, "syn.talent_total", "inflow_10k_per_year", setup=setup)
    assert "searched on" not in sol.message


def _ranged(setup, low: float, high: float, more_is_better: bool = True):
    """``setup`` with syn.talent_total's target made a range (target_op '=', no target_value), as
    indicators.csv states 年均增长5.5%—6% (xinjiang.gdp_growth)."""
    ind = setup.indicators.copy()
    ind["target_low"], ind["target_high"] = float("nan"), float("nan")
    j = ind.index[ind["id"] == "syn.talent_total"][0]
    ind.loc[j, ["target_op", "target_value", "target_low", "target_high"]] = ["=", float("nan"), low, high]
    ind["higher_is_better"] = more_is_better
    return dataclasses.replace(setup, indicators=ind)


def test_a_range_target_is_solved_for_its_lower_end(setup):
    """Issue 22: a range target (no target_value, only target_low/high) raised 'no numeric target'
    in "what it takes". A more-is-better range is met from its low end up, so the answer equals the
    answer for '>= low', and the simulation confirms the probability at that value."""
    from scenarios.simulate import simulate

    ranged = _ranged(setup, 105.0, 110.0)
    sol = solve(SC, "syn.talent_total", "inflow_10k_per_year", setup=ranged)
    floor = solve(SC, "syn.talent_total", "inflow_10k_per_year", setup=setup)     # '>= 105' as shipped
    assert sol.status == "ok" and sol.value == floor.value and sol.p_at_value == floor.p_at_value >= 0.8
    i = ranged.ids.index("syn.talent_total")
    sim = simulate(SC.with_levers(inflow_10k_per_year=sol.value), setup=ranged)
    assert sim.p_hit[i] == sol.p_at_value


def test_a_range_outside_the_simulated_years_or_absent_still_says_no_target(setup):
    ind = setup.indicators.copy()
    j = ind.index[ind["id"] == "syn.talent_total"][0]
    ind.loc[j, "target_value"] = float("nan")                  # neither a value nor a range
    bare = dataclasses.replace(setup, indicators=ind)
    with pytest.raises(ValueError, match="no numeric target"):
        HitProbability(SC, "syn.talent_total", setup=bare)
