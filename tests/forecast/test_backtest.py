"""Backtest metrics, CRPS, Brier score and target events."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecast import FAMILIES, PooledPrior, backtest, brier_score, crps_normal, crps_sample, target_met


def test_crps_sample_matches_closed_form_normal():
    rng = np.random.default_rng(0)
    x = rng.normal(1.0, 2.0, size=(3, 200_000))
    y = np.array([0.0, 1.0, 4.0])
    np.testing.assert_allclose(crps_sample(x, y), crps_normal(1.0, 2.0, y), rtol=0.01)


def test_brier_score():
    assert brier_score([1.0, 0.0], [1, 0]) == 0.0
    assert brier_score([0.5, 0.5], [True, False]) == 0.25
    with pytest.raises(ValueError):
        brier_score([1.2], [1])


@pytest.mark.parametrize("op,expected", [(">=", [False, True, True]), (">", [False, False, True]),
                                         ("<=", [True, True, False]), ("=", [False, True, False])])
def test_target_met_respects_comparator(op, expected):
    assert target_met([90.0, 100.0, 110.0], op=op, target=100.0).tolist() == expected


def test_backtest_table():
    rng = np.random.default_rng(4)
    s = pd.Series(100 * np.exp(np.cumsum(0.06 + 0.02 * rng.standard_normal(12))), index=range(2009, 2021))
    bt = backtest(s, prior=PooledPrior(loc=0.07, scale=0.03, df=4), rng=np.random.default_rng(0))
    assert list(bt.columns) == ["n_forecasts", "mape", "cover80", "cover95", "crps", "crps_median"]
    assert set(bt.index) == set(FAMILIES)
    assert (bt.loc["exponential", "n_forecasts"]) == 9
    assert bt["mape"].dropna().between(0, 1).all()
    with pytest.raises(ValueError, match="at least 5"):
        backtest(s.iloc[:4])


def test_crps_median_stays_readable_when_one_predictive_has_no_mean():
    """GM(1,1) on four points has a log-Cauchy predictive (t with 1 df on the log scale): its
    mean CRPS is the size of its largest draw, the median over forecasts is not."""
    from forecast.reference import load_reference

    ref = load_reference()
    rd = ref[ref["series_id"] == "techme.rd_fte.guangdong"].set_index("year")["value"].astype(float)
    bt = backtest(rd, families=["exponential", "grey"], n_draws=1000, rng=np.random.default_rng(0))
    assert np.isfinite(bt["crps_median"]).all()
    assert bt.loc["grey", "crps_median"] < 3 * bt.loc["exponential", "crps_median"]
