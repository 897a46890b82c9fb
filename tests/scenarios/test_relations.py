"""The driver structure: levers reach what data/relations.csv connects them to, conserving people."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from scenarios.baseline import region_setup
from scenarios.reach import lever_reach
from scenarios.engine import apply_levers, baseline_levels, draw_paths
from scenarios.relations import propagation
from scenarios.spec import Scenario

SECTORS = ("finance", "ict", "trade", "professional_services", "urban_industry", "culture")


@pytest.fixture(scope="module")
def tianhe():
    setup = region_setup("tianhe", 2025)
    d = draw_paths(setup, 0, 4096, seed=11)
    base = baseline_levels(setup, d, 0.3)
    return setup, d, base


def _effect(setup, d, base, bound="coef", **levers):
    sc = Scenario(name="t", region="tianhe").with_levers(**levers)
    moved = apply_levers(setup, base, d, sc.levers, setup.arrays(bound))
    return moved - base


def _col(setup, i):
    return setup.ids.index(f"tianhe.{i}")


def test_inflow_reaches_total_sectors_and_ratio_by_their_shares(tianhe):
    setup, d, base = tianhe
    reach = set(lever_reach(setup)["inflow_10k_per_year"])
    assert {"tianhe.talent_total", "tianhe.rd_staff_per_10k"} | {f"tianhe.{s}_employment" for s in SECTORS} <= reach
    eff = _effect(setup, d, base, inflow_10k_per_year=1.0)
    last = -1                                                 # 2025: five years after the 2020 base
    total = eff[:, last, _col(setup, "talent_total")]
    assert np.allclose(total, 5.0, atol=1e-4)                 # 1万/yr x 5 yr, in 万人
    rel = setup.relations.set_index("child")
    for s in SECTORS:
        share = rel.loc[f"tianhe.{s}_employment", "coef"]
        assert np.allclose(eff[:, last, _col(setup, f"{s}_employment")], 5.0 * share, atol=1e-4)
    # the six sectors together receive less than the total's addition (shares add to 0.735)
    sectors = sum(eff[:, last, _col(setup, f"{s}_employment")] for s in SECTORS)
    assert np.all(sectors <= total + 1e-6) and np.allclose(sectors, 5.0 * 0.7351, atol=1e-3)
    rd = eff[:, last, _col(setup, "rd_staff_per_10k")]
    x = 5.0 / base[:, last, _col(setup, "talent_total")]
    expected = base[:, last, _col(setup, "rd_staff_per_10k")] * ((1 + x) / (1 + 0.65 * x) - 1)
    assert np.allclose(rd, expected, rtol=1e-3) and np.all(rd > 0)
    assert np.allclose(eff[:, :, _col(setup, "high_level_talent")], 0.0)   # part_of acts upward only


def test_funding_reaches_high_level_talent_and_the_total_containing_it(tianhe):
    setup, d, base = tianhe
    reach = set(lever_reach(setup)["funding_cny_100m_per_year"])
    assert {"tianhe.high_level_talent", "tianhe.talent_total"} <= reach
    eff = _effect(setup, d, base, funding_cny_100m_per_year=3.0)
    hl = eff[:, -1, _col(setup, "high_level_talent")]              # persons
    total = eff[:, -1, _col(setup, "talent_total")]                # 万人
    assert np.median(hl) > 100
    coef = setup.relations.set_index("id").loc["tianhe.high_level_in_total", "coef"]
    assert np.allclose(total * 1e4, coef * hl, rtol=1e-3, atol=1.0)   # float32 of 1.3 million: ~0.2 persons
    fin = eff[:, -1, _col(setup, "finance_employment")] * 1e4
    share = setup.relations.set_index("child").loc["tianhe.finance_employment", "coef"]
    assert np.allclose(fin, share * coef * hl, rtol=1e-3, atol=0.1)


def test_effect_ranges_follow_the_coefficient_ranges(tianhe):
    setup, d, base = tianhe
    lo, mid, hi = (_effect(setup, d, base, b, inflow_10k_per_year=1.0)[:, -1, _col(setup, "ict_employment")]
                   for b in ("low", "coef", "high"))
    assert np.all(lo < mid) and np.all(mid < hi)
    rd = [np.median(_effect(setup, d, base, b, inflow_10k_per_year=1.0)[:, -1, _col(setup, "rd_staff_per_10k")])
          for b in ("low", "coef", "high")]
    assert rd[0] < rd[1] < rd[2]


def test_conservation_parts_within_wholes_and_shares_within_0_100():
    """Made-up region: a part close to its whole, and a share near 100 %, under big levers."""
    from tests.scenarios.synthetic import make_setup

    setup = make_setup()
    ind = setup.indicators.copy()
    ind.loc[ind["id"] == "syn.industry", "channel"] = "selectees"      # funding adds to the part
    rel = pd.DataFrame({"id": ["syn.a", "syn.b", "syn.c"], "region": "syn",
                        "kind": ["part_of", "sector_of", "numerator_of"],
                        "child": ["syn.industry", "syn.high_level", "syn.talent_total"],
                        "parent": ["syn.talent_total", "syn.talent_total", "syn.share"],
                        "coef": [1.0, 0.9, 3.0], "coef_low": np.nan, "coef_high": np.nan})
    laws = list(setup.laws)
    laws[2] = dataclasses.replace(laws[2], base_value=95.0)
    from scenarios.engine import Setup

    s = Setup(ind, tuple(laws), setup.years, setup.horizon, setup.historic_funding, "t", relations=rel)
    d = draw_paths(s, 0, 4096, seed=3)
    base = baseline_levels(s, d, 0.3)
    sc = Scenario(name="c").with_levers(funding_cny_100m_per_year=10.0, inflow_10k_per_year=10.0,
                                        additionality_share=0.95, cost_per_talent_cny_10k=5.0)
    out = apply_levers(s, base, d, sc.levers, s.arrays())
    col = {i: n for n, i in enumerate(s.ids)}
    part, whole = out[:, 1:, col["syn.industry"]], out[:, 1:, col["syn.talent_total"]]
    assert np.all(part <= whole + 1e-4)
    assert np.any(base[:, 1:, col["syn.industry"]] + (out - base)[:, 1:, col["syn.industry"]] > 0)
    share = out[:, 1:, col["syn.share"]]
    assert np.all((share >= 0) & (share <= 100)) and share.max() == pytest.approx(100.0)
    # the sector's added people never exceed the total's added people
    added = out - base
    assert np.all(added[:, 1:, col["syn.high_level"]] * 1e-4 <= added[:, 1:, col["syn.talent_total"]] + 1e-6)


def test_propagation_matrix_does_not_double_count():
    ids = ("r.total", "r.a", "r.b", "r.top")
    rel = pd.DataFrame({"id": ["r.1", "r.2", "r.3"], "region": "r", "kind": ["sector_of", "sector_of", "part_of"],
                        "child": ["r.a", "r.b", "r.total"], "parent": ["r.total", "r.total", "r.top"],
                        "coef": [0.3, 0.5, 0.8], "coef_low": np.nan, "coef_high": np.nan})
    m = propagation(ids, rel).matrix
    assert np.allclose(m[0], [1.0, 0.3, 0.5, 0.8])       # the total: itself, its sectors, its whole
    assert np.allclose(m[1], [1.0, 1.0, 0.0, 0.8])       # a sector's own people count in the total once
    assert np.allclose(m[3], [0.0, 0.0, 0.0, 1.0])


def test_prepared_run_stays_bit_identical_with_relations():
    from scenarios.prepared import prepare
    from scenarios.simulate import simulate

    sc = Scenario(name="p", region="tianhe", paths=4096).with_levers(funding_cny_100m_per_year=2.0,
                                                                      inflow_10k_per_year=0.8)
    a, b = simulate(sc), simulate(sc, prepared=prepare(sc))
    assert np.array_equal(a.p_hit, b.p_hit)


@pytest.mark.parametrize("levers", [{"inflow_10k_per_year": -5.0, "funding_cny_100m_per_year": 10.0},
                                    {"inflow_10k_per_year": 10.0, "funding_cny_100m_per_year": 10.0},
                                    {"inflow_10k_per_year": 10.0, "programme_places_per_year": 1000.0,
                                     "attrition_pct_per_year": 10.0, "shock_pct": -30.0}])
def test_conservation_in_tianhe_under_extreme_levers(tianhe, levers):
    setup, d, base = tianhe
    sc = Scenario(name="x", region="tianhe").with_levers(**levers)
    out = apply_levers(setup, base, d, sc.levers, setup.arrays("high"))
    col = lambda i: _col(setup, i)  # noqa: E731
    live = np.isfinite(out)
    assert np.all(out[live] >= 0)
    share = out[:, 1:, col("high_skill_share")]
    assert np.all((share >= 0) & (share <= 100))
    assert np.all(out[:, :, col("high_level_talent")] <= out[:, :, col("talent_total")] * 1e4 + 1e-3)
    gain = out - base
    sectors = sum(gain[:, 1:, col(f"{s}_employment")] for s in SECTORS)
    total = gain[:, 1:, col("talent_total")]
    if levers["inflow_10k_per_year"] > 0 and "attrition_pct_per_year" not in levers:
        # at the high end of their ranges the six shares add up to 0.9996: never more people than arrive
        assert np.all(sectors <= total + 1e-4) and np.all(sectors > 0.99 * total)
