"""talentsim's families beside statsmodels' ETS, ARIMA and a random walk with drift."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecast.backtest import STATSMODELS_MODELS, compare_with_statsmodels


def _walk(n: int = 16, drift: float = 0.05, sd: float = 0.02, seed: int = 3) -> pd.Series:
    rng = np.random.default_rng(seed)
    logv = np.log(100) + np.cumsum(drift + sd * rng.standard_normal(n))
    return pd.Series(np.exp(logv), index=np.arange(2005, 2005 + n))


def test_table_has_both_sources_on_the_same_backtest():
    out = compare_with_statsmodels(_walk(), families=["exponential"], n_draws=500)
    assert set(out["source"]) == {"talentsim", "benchmark"}
    assert set(STATSMODELS_MODELS) <= set(out.index) and "exponential" in out.index
    sm = out[out["source"] == "benchmark"]
    # every origin from min_train=4 to 15 is scored by every benchmark (16 points, horizon 1)
    assert (sm["n_forecasts"] == 12).all()
    assert ((sm["cover80"] >= 0) & (sm["cover80"] <= 1)).all() and (sm["crps"] > 0).all()


def test_random_walk_with_drift_is_calibrated_on_its_own_process():
    """On data drawn from a random walk with drift, that benchmark's 80 % intervals cover
    about 80 % of outcomes (pooled over many series) and its point error is small; ARIMA(1,1,0)
    with drift, which nests the walk, is close (its ML variance on 4-15 points is a little small:
    0.68 at these seeds), so an interval ten times too wide (cover 1.0) or a collapsed one fails."""
    cover, mape, arima = [], [], []
    for seed in range(12):
        out = compare_with_statsmodels(_walk(seed=seed), families=[], n_draws=400, rng=np.random.default_rng(seed))
        assert (out["n_forecasts"] == 12).all()
        cover.append(out.loc["rw_drift", "cover80"] * 12)
        arima.append(out.loc["sm_arima", "cover80"] * 12)
        mape.append(out.loc["rw_drift", "mape"])
    assert 0.7 <= sum(cover) / 144 <= 0.92
    assert 0.55 <= sum(arima) / 144 <= 0.9
    assert np.mean(mape) < 0.04


def test_refuses_non_positive_values():
    s = _walk()
    s.iloc[3] = 0.0
    with pytest.raises(ValueError, match="positive"):
        compare_with_statsmodels(s)
