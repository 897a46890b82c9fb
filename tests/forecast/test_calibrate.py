"""Calibration, growth laws and projections on small synthetic data."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import forecast
from forecast import PooledPrior, fit, growth_law, growth_laws, project, simulate_law

PRIOR = PooledPrior(loc=0.07, scale=0.03, df=4.0)


def test_one_point_uses_the_pooled_prior():
    c = fit(pd.Series([1024.0], index=[2020]), prior=PRIOR)
    assert c.chosen == "pooled-prior"
    assert set(c.skipped) == set(forecast.FAMILIES)
    assert "at least 2 points" in c.skipped["exponential"]
    law = c.law("x")
    assert (law.drift_loc, law.drift_scale, law.drift_df) == (0.07, 0.03, 4.0)


def test_two_points_exponential_with_prior_spread():
    c = fit(([2015, 2020], [528.47, 863.0]), prior=PRIOR)
    assert c.chosen == "exponential"
    law = c.law("x")
    assert law.drift_loc == pytest.approx(np.log(863.0 / 528.47) / 5, rel=1e-12)
    assert law.drift_scale == pytest.approx(PRIOR.scale) and law.drift_df == PRIOR.df


def test_short_series_skips_ets_with_reason():
    s = pd.Series(100 * 1.05 ** np.arange(6), index=range(2015, 2021))
    c = fit(s, prior=PRIOR)
    assert "ets" in c.skipped and "at least 8 points" in c.skipped["ets"]
    assert "ets" not in c.fits


def test_long_series_scores_by_rolling_origin_and_weights_sum_to_one():
    rng = np.random.default_rng(2)
    s = pd.Series(100 * np.exp(np.cumsum(0.05 + 0.02 * rng.standard_normal(14))), index=range(2007, 2021))
    c = fit(s, prior=PRIOR)
    assert "rolling-origin" in c.method
    assert set(c.fits) == set(forecast.FAMILIES)
    assert sum(c.weights.values()) == pytest.approx(1.0)
    assert c.chosen == c.scores["rmse_log"].idxmin()
    law = c.law("x")
    assert law.base_year == 2020 and law.base_value == pytest.approx(s.iloc[-1])


def test_nan_history_is_an_error():
    with pytest.raises(ValueError, match="NaN"):
        fit(pd.Series([1.0, np.nan, 2.0], index=[2018, 2019, 2020]), prior=PRIOR)


def test_share_stays_inside_0_100_and_uses_logit():
    c = fit(pd.Series([28.27, 30.5, 33.4], index=[2015, 2018, 2020]), prior=PRIOR, share=True)
    assert "linear" in c.skipped and "logit" in c.skipped["linear"]
    paths = c.sample(np.arange(2021, 2061), 5000, rng=np.random.default_rng(0))
    assert paths.min() > 0 and paths.max() < 100
    assert c.law("s").scale == "logit"


def _dataset():
    ind = pd.DataFrame({
        "id": ["r.stock", "r.two", "r.share", "r.rate", "r.empty"],
        "unit": ["人", "人", "%", "人年/万人", "人"], "type": ["people", "people", "share", "rate", "people"],
        "measure": ["level"] * 5, "target_year": [2025] * 5, "target_value": [1500, 2, 35, 150, 1],
        "target_op": [">="] * 5, "target_low": np.nan, "target_high": np.nan,
        "name_zh": "", "name_en": "",
    })
    obs = pd.DataFrame({
        "id": ["r.stock", "r.two", "r.two", "r.share", "r.rate", "r.empty", "r.stock"],
        "year": [2020, 2015, 2020, 2020, 2020, 2020, 2020],
        "value": [1024.0, 528.47, 863.0, 33.6, 143.0, np.nan, 999.0],
        "status": ["observed", "derived", "observed", "observed", "observed", "redacted", "observed"],
        "preferred": [True, True, True, True, True, True, False],
    })
    facts = pd.DataFrame({"id": list("abcde"), "from_year": 2015, "to_year": 2020,
                          "growth_pct": [32, 56, 43, 19, 63.3], "name_en": "", "source": "doc"})
    return SimpleNamespace(indicators=ind, observations=obs, growth_facts=facts)


def test_growth_law_per_type_and_preferred_row():
    from forecast.baseline import posterior
    from forecast.typeprior import reference_fit

    rf = reference_fit()
    ds = _dataset()
    stock = growth_law("r.stock", dataset=ds, use_target=False)
    assert stock.scale == "log" and stock.base_value == 1024.0 and stock.basis.startswith("type prior only")
    assert stock.kind == "people"
    # uncalibrated, the drift centre is the type prior's own centre (its draws carry only the uncertainty)
    assert posterior("r.stock", dataset=ds, calibration=None)[0].loc == pytest.approx(rf["people"].loc)
    raw_share = posterior("r.share", dataset=ds, calibration=None)[0]
    share = growth_law("r.share", dataset=ds, use_target=False)
    assert share.scale == "logit" and raw_share.loc == pytest.approx(rf["share"].loc) and share.drift_loc > 0
    rate = growth_law("r.rate", dataset=ds, use_target=False)
    assert rate.scale == "log" and rate.basis.startswith("borrowed prior") and rate.drift_scale > stock.drift_scale
    two = growth_law("r.two", dataset=ds, shock_sd=0.01)
    assert two.basis.startswith("own history (2 points)") and two.shock_sd == 0.01
    assert len(two.draws) == len(rf["people"].draws)
    with_target = growth_law("r.stock", dataset=ds)      # 1024 -> 1500: the calibration reads its ambition
    assert "calibrated on real plan outcomes" in with_target.basis
    assert with_target.drift_loc != pytest.approx(stock.drift_loc, abs=1e-4)


def test_missing_base_value_is_an_error_and_skipped():
    ds = _dataset()
    with pytest.raises(ValueError, match="no usable base observation"):
        growth_law("r.empty", dataset=ds)
    with pytest.raises(ValueError, match="unknown indicator"):
        growth_law("r.nope", dataset=ds)
    laws = growth_laws(dataset=ds)
    assert set(laws) == {"r.stock", "r.two", "r.share", "r.rate"}
    assert "r.empty" in laws.skipped


def _law_cdf(law, y, h):
    """P(ln(x_h / base) <= y) under the law, by quadrature over the t drift (independent of simulate_law)."""
    from scipy import integrate, stats

    draws = law.draws or ((law.drift_loc, law.drift_scale),)
    sd = np.sqrt(h) * law.shock_sd

    def one(yv, loc, scale):
        f = lambda u: stats.t.pdf(u, law.drift_df) * stats.norm.cdf((yv - h * (loc + scale * u)) / sd)
        return integrate.quad(f, -np.inf, np.inf)[0]

    return [float(np.mean([one(v, a, b) for a, b in draws])) for v in np.atleast_1d(y)]


def test_project_matches_the_law():
    ds = _dataset()
    draws = project("r.stock", to_year=2025, n=40_000, rng=np.random.default_rng(1), dataset=ds)
    assert draws.shape == (40_000, 5)
    law = growth_law("r.stock", dataset=ds)
    # median of ln(x_2025 / base) / 5 is the drift location (symmetric t + normal)
    assert np.median(np.log(draws[:, -1] / 1024.0) / 5) == pytest.approx(law.drift_loc, abs=0.002)
    # the spread too: the closed-form CDF of ln(x_2025/base) = 5 g + sqrt(5) shock_sd Z, with g a
    # location-scale t mixed over the law's draws, puts the empirical 10 % / 90 % quantiles at 0.10 / 0.90
    # (dropping the drift uncertainty or the shocks moves them by several points)
    y = np.log(draws[:, -1] / 1024.0)
    assert _law_cdf(law, np.quantile(y, [0.1, 0.9]), 5) == pytest.approx([0.1, 0.9], abs=0.01)
    again = simulate_law(law, np.arange(2021, 2026), 40_000, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(draws, again)


def test_dataset_without_growth_facts_still_projects():
    """A user's region rarely brings growth facts; the reference class is shipped, so its
    single observations still project with the same type prior."""
    import dataclasses

    import forecast.baseline as fb
    from forecast.data import load_dataset

    ds = load_dataset()
    bare = dataclasses.replace(ds, growth_facts=ds.growth_facts.iloc[0:0])
    a = fb.growth_law("tianhe.high_level_talent", dataset=bare)
    b = fb.growth_law("tianhe.high_level_talent", dataset=ds)
    assert a.drift_loc == pytest.approx(b.drift_loc)
