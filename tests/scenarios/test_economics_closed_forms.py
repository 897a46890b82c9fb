"""Closed forms of the funding economics (scenarios/economics.py) and its agreement with the engine.

Written for the survivors of ``benchmarks/mutation.py scenarios/economics.py``: each test
checks a formula of the module docstring or a documented edge, not a stored output.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from scenarios.economics import (additionality, at_efficiency, efficiency_quantiles, effective_money, funding_active,
                                 funding_effect, places_per_100m)
from scenarios.engine import apply_levers, baseline_levels, draw
from scenarios.spec import Scenario
from tests.scenarios.synthetic import make_setup


def _lv(**kw):
    base = dict(funding_cny_100m_per_year=None, funding_change_pct=0.0, funding_growth_pct_per_year=0.0,
                returns_exponent=1.0, cost_per_talent_cny_10k=20.0, cost_log_sd=0.0, additionality_share=0.3,
                additionality_logit_sd=0.0)
    return SimpleNamespace(**{**base, **kw})


def test_active_only_against_a_history_and_for_any_change_or_growth():
    assert not funding_active(_lv(funding_cny_100m_per_year=5.0, funding_change_pct=50.0), None)   # no history
    assert not funding_active(_lv(), 10.0)
    assert funding_active(_lv(funding_growth_pct_per_year=1.0), 10.0)        # same level, growing
    assert funding_active(_lv(funding_growth_pct_per_year=-3.0), 10.0)
    assert funding_active(_lv(funding_change_pct=1e-4), 100.0)               # a small change is a change
    assert not funding_active(_lv(funding_cny_100m_per_year=10.0), 10.0)     # own figure equal to history


def test_linear_returns_give_spend_minus_history_growing_from_year_two():
    # θ = 1: extra money = spend - historic; spend = level (1 + g)^(s - 1) from s = 1, nothing in s = 0
    eff = effective_money(_lv(funding_change_pct=50.0, funding_growth_pct_per_year=10.0), 10.0, 3)
    assert eff == pytest.approx([0.0, 5.0, 6.5, 8.15])


def test_diminishing_returns_closed_form():
    # R/θ · ((F/R)^θ - 1): R = 10, F = 40, θ = 0.5 -> 20 · (2 - 1) = 20
    eff = effective_money(_lv(funding_change_pct=300.0, returns_exponent=0.5), 10.0, 2)
    assert eff == pytest.approx([0.0, 20.0, 20.0])
    # the same with a history below 1 亿元: R = 0.5, F = 2 -> 1 · (2 - 1) = 1
    assert effective_money(_lv(funding_change_pct=300.0, returns_exponent=0.5), 0.5, 1)[1] == pytest.approx(1.0)


def test_cutting_funding_loses_money_down_to_nothing_spent():
    # θ = 1: spend 0.5 against 10 loses 9.5; a cut past zero spends nothing, losing the whole 10
    assert effective_money(_lv(funding_change_pct=-95.0), 10.0, 1)[1] == pytest.approx(-9.5)
    assert effective_money(_lv(funding_change_pct=-150.0), 10.0, 1)[1] == pytest.approx(-10.0)


def test_a_zero_history_with_an_own_figure_gives_finite_money():
    eff = effective_money(_lv(funding_cny_100m_per_year=5.0, returns_exponent=0.5), 0.0, 2)
    assert np.all(np.isfinite(eff)) and eff[0] == 0.0 and eff[1] > 0


def test_additionality_is_the_logistic_of_logit_median_plus_sd_z():
    z = np.array([-1.0, 0.0, 2.0])
    got = additionality(_lv(additionality_share=0.3, additionality_logit_sd=0.5), z)
    expect = 1.0 / (1.0 + np.exp(-(np.log(0.3 / 0.7) + 0.5 * z)))
    assert got == pytest.approx(expect, rel=1e-12)


@pytest.mark.parametrize("m", [0.0, 1.0])
def test_additionality_at_the_edges_is_exact_per_path(m):
    got = additionality(_lv(additionality_share=m, additionality_logit_sd=0.5), np.array([-1.0, 0.0, 2.0]))
    assert got.shape == (3,) and np.all(got == m)


def test_places_per_path_price_with_column_zero_and_additionality_with_column_one():
    lv = _lv(cost_log_sd=0.5, additionality_logit_sd=0.0)
    got = places_per_100m(lv, [[1.0, 0.0], [0.0, 3.0]])
    assert got == pytest.approx([1e4 / (20.0 * np.exp(0.5)) * 0.3, 1e4 / 20.0 * 0.3])


def test_efficiency_quantiles_are_reproducible_and_follow_the_cost_law():
    lv = _lv(cost_log_sd=0.4)
    a, b = efficiency_quantiles(lv), efficiency_quantiles(lv)
    assert np.array_equal(a, b)
    # only the cost is uncertain: places = 10^4 m / c · exp(-sd z), so q10/q90 = exp(∓sd·z90)
    centre = 1e4 * 0.3 / 20.0
    assert a == pytest.approx([centre * np.exp(-0.4 * 1.2815515655), centre, centre * np.exp(0.4 * 1.2815515655)],
                              rel=0.01)


@pytest.mark.parametrize("places", [50.0, 1.0, 5000.0, 19.95])   # 19.95: cost 150.4, just out of range
def test_at_efficiency_fixes_the_places_on_every_path(places):
    lv = _lv(cost_log_sd=0.4, additionality_logit_sd=0.6)
    fix = at_efficiency(lv, places)
    assert fix["cost_log_sd"] == 0.0 and fix["additionality_logit_sd"] == 0.0
    assert 5.0 <= fix["cost_per_talent_cny_10k"] <= 150.0 and 0.0 <= fix["additionality_share"] <= 1.0
    fixed = SimpleNamespace(**{**vars(lv), **fix})
    got = places_per_100m(fixed, np.random.default_rng(0).standard_normal((4, 2)))
    reachable = min(places, 1e4 / 5.0)          # the most a cheapest, fully additional place can give
    assert got == pytest.approx([reachable] * 4)
    if 1e4 * 0.3 / 150.0 <= places <= 1e4 * 0.3 / 5.0:   # the cost alone can do it: additionality stays
        assert fix["additionality_share"] == 0.3


@pytest.mark.parametrize("horizon", [2025, 2027])
def test_funding_effect_is_the_engines_extra_persons_in_the_target_year(horizon):
    setup = make_setup(horizon=horizon)                  # targets in 2025; the horizon may run past them
    sure = dict(cost_log_sd=0.0, additionality_logit_sd=0.0)
    lv = Scenario(name="s").with_levers(funding_change_pct=80.0, funding_growth_pct_per_year=5.0, **sure).levers
    effect = funding_effect(setup, lv)
    d = draw(setup, 200, np.random.default_rng(3))
    base = baseline_levels(setup, d, lv.regional_correlation)
    delta = (apply_levers(setup, base, d, lv) - base)[0, 2025 - 2020, :]          # the target year
    moved = {ind for i, ind in enumerate(setup.ids) if abs(delta[i]) > 1e-9}
    assert set(effect) == moved and moved
    for ind, q in effect.items():
        assert len(q) == 3
        assert q == pytest.approx([delta[setup.ids.index(ind)]] * 3, rel=1e-6)
    assert {k: len(v) for k, v in funding_effect(setup, lv, qs=(0.5,)).items()} == {k: 1 for k in effect}
    off = Scenario(name="s").with_levers(**sure).levers
    assert funding_effect(setup, off) == {}
