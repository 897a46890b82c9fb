"""``scenarios.compare`` against its docstrings: like with like, the first scenario's seed and
paths, per-path differences and their standard errors, the tidy table's shape.

Written for the survivors of ``benchmarks/mutation.py scenarios/compare.py``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scenarios.compare import compare
from scenarios.engine import mc_se
from scenarios.simulate import simulate
from scenarios.spec import Scenario
from tests.scenarios.synthetic import make_setup


@pytest.fixture(scope="module")
def setup():
    return make_setup()


@pytest.fixture(scope="module")
def pair(setup):
    a = Scenario(name="a", region="syn", paths=400, seed=5)
    b = a.with_levers(funding_cny_100m_per_year=3.0).model_copy(update={"name": "b", "seed": 9, "paths": 200})
    return a, b, compare([a, b], setup=setup)


def test_compare_refuses_nothing_twins_and_unlike_scenarios(setup):
    a = Scenario(name="a", region="syn", paths=200)
    with pytest.raises(ValueError, match="at least one scenario"):
        compare([], setup=setup)
    with pytest.raises(ValueError, match="names must differ"):
        compare([a, a], setup=setup)
    other = a.model_copy(update={"name": "o", "region": "elsewhere"})
    with pytest.raises(ValueError, match="compare like with like"):
        compare([a, other], setup=setup)           # the second is checked too, not only the third on


def test_the_first_scenario_sets_seed_and_paths_unless_given(setup, pair):
    a, b, cmp = pair
    assert all(s.hits.shape[0] == 400 for s in cmp.sims)           # a's paths, not b's
    alone = compare([a], setup=setup).sims[0]
    assert np.array_equal(cmp.sims[0].hits, alone.hits)             # a's seed, not b's
    seeded = compare([a], setup=setup, seed=5, paths=400).sims[0]
    assert np.array_equal(seeded.hits, alone.hits)
    other = compare([a], setup=setup, seed=6).sims[0]                  # a given seed wins
    assert np.array_equal(other.hits, simulate(a, setup=setup, seed=6).hits)
    assert not np.array_equal(other.hits, alone.hits)
    fewer = compare([a], setup=setup, paths=300).sims[0]
    assert np.array_equal(fewer.hits, simulate(a, setup=setup, paths=300).hits)


def test_differences_are_per_path_means_with_pair_errors(setup, pair):
    a, b, cmp = pair
    ref, s = cmp.sims
    d = s.hits.astype(float) - ref.hits.astype(float)
    has = ref.has_target
    expect = np.where(has, d.mean(axis=0), np.nan)
    pairs = d.reshape(-1, 2, d.shape[1]).mean(axis=1)               # antithetic: pairs are the draws
    expect_se = np.where(has, pairs.std(axis=0, ddof=1) / np.sqrt(pairs.shape[0]), np.nan)
    assert ref.antithetic
    wide = cmp.table()
    assert np.allclose(wide["diff[b]"], expect, equal_nan=True) and wide["diff[b]"].dtype.kind == "f"
    assert np.allclose(wide["diff_se[b]"], expect_se, equal_nan=True) and wide["diff_se[b]"].dtype.kind == "f"
    assert np.unique(np.round(expect[has], 12)).size > 1          # the indicators differ from each other
    long = cmp.long()
    lb = long[long["scenario"] == "b"]
    assert np.allclose(lb["diff"], expect, equal_nan=True) and np.allclose(lb["diff_se"], expect_se, equal_nan=True)
    la = long[long["scenario"] == "a"]
    assert (la["diff"][has] == 0).all() and la["diff"][~has].isna().all()
    assert (la["diff_se"][has] == 0).all() and la["diff_se"][~has].isna().all()
    assert long["diff"].dtype.kind == "f" and long["diff_se"].dtype.kind == "f"


def test_long_table_columns_index_and_types(pair):
    a, b, cmp = pair
    long = cmp.long()
    summary = cmp.sims[0].summary()
    assert list(long.columns[:2]) == ["scenario", "indicator"]
    assert list(long.index) == list(range(len(long)))
    assert str(long["target_year"].dtype) == "Int64"
    for c in ("p_hit_lo", "p_hit_hi", "basis"):
        assert (c in long) == (c in summary)
    assert "value_median" in long and "p50" not in long
    per = long[long["scenario"] == "a"].set_index("indicator")
    assert np.allclose(per.loc[summary["id"], "value_median"], summary["p50"])
    assert per.loc["syn.no_target", "target_year"] is pd.NA


def test_region_table_counts_targets_and_sums_probabilities(pair):
    a, b, cmp = pair
    rt = cmp.region_table()
    assert rt["scenario"].tolist() == ["a", "b"]
    for sim, (_, r) in zip(cmp.sims, rt.iterrows()):
        has = sim.has_target
        assert r["targets"] == int(has.sum()) == 5
        assert r["expected_met"] == pytest.approx(np.nansum(sim.p_hit))
        all_met = sim.hits[:, has].all(axis=1)
        assert r["p_all"] == pytest.approx(all_met.mean())
        assert r["p_all_se"] == pytest.approx(float(mc_se(all_met, True)))
