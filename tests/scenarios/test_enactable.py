"""Levers a plan office can enact: yearly budgets, programme places, the cheapest mix, sized effects."""

from __future__ import annotations

import numpy as np
import pytest

from scenarios.baseline import region_setup
from scenarios.drivers import driver_edges, lever_effects
from scenarios.mix import solve_mix
from scenarios.prepared import prepare
from scenarios.simulate import simulate
from scenarios.solve import acting_lever
from scenarios.spec import Scenario, parse_scenario

PATHS = 4096
HL = "tianhe.high_level_talent"


def _sc(**kw) -> Scenario:
    return Scenario(name="e", region="tianhe", paths=PATHS, **kw)


def test_a_flat_budget_schedule_equals_the_funding_level():
    flat = simulate(_sc(budget={y: 2.0 for y in range(2021, 2026)}))
    level = simulate(_sc().with_levers(funding_cny_100m_per_year=2.0))
    assert np.array_equal(flat.p_hit, level.p_hit)
    own = simulate(_sc(budget={y: 1.2 for y in range(2021, 2026)}))   # the region's own 1.2 亿元: no change
    assert np.array_equal(own.p_hit, simulate(_sc()).p_hit)


def test_a_budget_schedule_moves_only_from_its_years_and_round_trips():
    early = simulate(_sc(budget={2021: 4.0}))
    late = simulate(_sc(budget={2024: 4.0}))
    i = early.ids.index(HL)
    base = simulate(_sc()).final(HL)
    g_early, g_late = early.final(HL) - base, late.final(HL) - base
    assert np.all(g_late > 0)
    # the 2021 cohort is counted 2022-2024 (lag 1, subsidy 3 years), then kept at 0.85 a year: in 2025 it is
    # 0.85 of the same-sized 2024 cohort, counted for the first time
    assert np.allclose(g_early, 0.85 * g_late, rtol=1e-3, atol=0.05)
    back = parse_scenario(_sc(budget={2021: 4.0, 2022: 3.5}).to_yaml())
    assert back.budget == {2021: 4.0, 2022: 3.5} and early.p_hit[i] > 0
    with pytest.raises(Exception, match="budget"):
        _sc(budget={2021: 99.0})


def test_programme_places_add_selectees_and_prepared_runs_stay_identical():
    sc = _sc(budget={2022: 3.0}).with_levers(programme_places_per_year=200.0)
    base, moved = simulate(_sc()), simulate(sc)
    i = base.ids.index(HL)
    assert moved.p_hit[i] > base.p_hit[i]
    gain = np.median(moved.final(HL) - base.final(HL))
    assert 100 < gain < 200 * 4        # 200 a year from 2021 (lag 1: counted 2022–2025), times additionality
    assert np.array_equal(simulate(sc, prepared=prepare(sc)).p_hit, moved.p_hit)


def test_cheapest_mix_reaches_the_probability_at_its_cost_and_no_cheaper():
    sc = _sc()
    sol = solve_mix(sc, HL, 0.8, programme="haizhu.innovation_talent_first_batch")
    assert sol.status == "ok" and sol.central is not None
    c = sol.central
    lo, hi = sol.cost_range
    assert lo is not None and hi is not None and lo <= c.cost <= hi
    levers = {"programme_places_per_year": c.places} | ({"funding_cny_100m_per_year": c.funding} if c.funding else {})
    p = simulate(sc.with_levers(**levers)).p_hit[simulate(sc).ids.index(HL)]
    assert p >= 0.8 and p == pytest.approx(c.p, abs=0)
    # the cost is what the mix spends: extra funding over the years plus places x years x 13.41 万元
    extra = 5 * (c.funding - 1.2) if c.funding else 0.0
    assert c.cost == pytest.approx(extra + c.places * 5 * 13.41 / 1e4, rel=1e-6)
    if c.places >= 1:      # one place fewer (same funding) misses the probability: the fewest places
        fewer = sc.with_levers(**(levers | {"programme_places_per_year": c.places - 1}))
        assert simulate(fewer).p_hit[simulate(sc).ids.index(HL)] < 0.8


def test_lever_effects_are_sized_with_their_ranges():
    sc = _sc().with_levers(inflow_10k_per_year=1.0, funding_cny_100m_per_year=3.0)
    eff = lever_effects(sc).set_index(["lever", "indicator"])
    assert eff.loc[("inflow", "tianhe.talent_total"), "effect"] == pytest.approx(5.0, abs=1e-3)
    ict = eff.loc[("inflow", "tianhe.ict_employment")]
    assert ict["effect"] == pytest.approx(5.0 * 0.2061, abs=1e-3)
    assert ict["effect_low"] < ict["effect"] < ict["effect_high"]
    assert eff.loc[("funding", HL), "effect"] > 100
    assert 0 < eff.loc[("funding", "tianhe.talent_total"), "effect"] < eff.loc[("funding", HL), "effect"] * 1e-4
    assert ("inflow", HL) not in eff.index and ("funding", "tianhe.patents_per_10k") not in eff.index
    edges = driver_edges(region_setup("tianhe", 2025))
    assert {"direct", "part_of", "sector_of", "numerator_of", "denominator_of"} == set(edges["kind"])


def test_what_it_takes_starts_on_a_lever_that_acts():
    tianhe = region_setup("tianhe", 2025)
    assert acting_lever(tianhe, HL) == "funding_cny_100m_per_year"
    assert acting_lever(tianhe, "tianhe.talent_total") == "funding_cny_100m_per_year"
    assert acting_lever(tianhe, "tianhe.high_skill_share") == "attrition_pct_per_year"
    assert acting_lever(tianhe, "tianhe.patents_per_10k") is None


def test_sector_inflow_adds_to_its_sector_and_the_total_once():
    sc = _sc(sector_inflow={"tianhe.ict_employment": 0.5})
    base, moved = simulate(_sc()), simulate(sc)
    gain = {i: moved.final(i) - base.final(i) for i in ("tianhe.ict_employment", "tianhe.talent_total",
                                                          "tianhe.finance_employment")}
    assert np.allclose(gain["tianhe.ict_employment"], 2.5, atol=1e-3)        # 0.5万 a year x 5 years
    assert np.allclose(gain["tianhe.talent_total"], 2.5, atol=1e-3)          # counted in the total once,
    assert np.allclose(gain["tianhe.finance_employment"], 0.0)               # not split over the other sectors
    assert np.array_equal(simulate(sc, prepared=prepare(sc)).p_hit, moved.p_hit)
    back = parse_scenario(sc.to_yaml())
    assert back.sector_inflow == {"tianhe.ict_employment": 0.5}
    eff = lever_effects(sc).set_index(["lever", "indicator"])
    assert eff.loc[("sector_inflow", "tianhe.talent_total"), "effect"] == pytest.approx(2.5, abs=1e-3)


def test_sector_inflow_into_an_unknown_or_non_stock_indicator_is_refused():
    with pytest.raises(ValueError, match="not a simulated people stock"):
        simulate(_sc(sector_inflow={"tianhe.patents_per_10k": 0.5}))
    with pytest.raises(Exception, match="sector_inflow"):
        _sc(sector_inflow={"tianhe.ict_employment": 50.0})
