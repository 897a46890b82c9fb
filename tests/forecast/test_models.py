"""Every family in the registry: validation, shapes, and what is known exactly."""

from __future__ import annotations

import numpy as np
import pytest

from forecast import FAMILIES, PooledPrior
from forecast.models import exponential, gompertz, grey, logistic
from forecast.models.grey import gm11_params

PRIOR = PooledPrior(loc=0.07, scale=0.03, df=4.0)
YEARS = np.arange(2008, 2021)  # 13 points: every family can fit
VALUES = 100 * np.exp(0.06 * (YEARS - 2008) + 0.01 * np.sin(YEARS))


@pytest.mark.parametrize("name", FAMILIES)
def test_fit_predict_sample_shapes(name):
    fam = FAMILIES[name]
    f = fam.fit(YEARS, VALUES, prior=PRIOR)
    assert f.family == name and f.n_obs == YEARS.size
    assert isinstance(f.params, dict) and f.params
    assert "\n" not in f.description and f.description
    assert f.predict([2021, 2025]).shape == (2,)
    s = f.sample([2021, 2022, 2025], 500, rng=np.random.default_rng(1))
    assert s.shape == (500, 3) and np.all(np.isfinite(s))
    again = f.sample([2021, 2022, 2025], 500, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(s, again)  # randomness only through rng


@pytest.mark.parametrize("name", FAMILIES)
def test_nan_is_a_clear_error(name):
    v = VALUES.copy()
    v[3] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        FAMILIES[name].fit(YEARS, v, prior=PRIOR)


@pytest.mark.parametrize("name", FAMILIES)
def test_duplicate_years_are_an_error(name):
    y = YEARS.copy()
    y[4] = y[3]
    with pytest.raises(ValueError, match="duplicate year"):
        FAMILIES[name].fit(y, VALUES, prior=PRIOR)


@pytest.mark.parametrize("name", FAMILIES)
def test_unsorted_years_are_sorted(name):
    order = np.random.default_rng(3).permutation(YEARS.size)
    a = FAMILIES[name].fit(YEARS, VALUES, prior=PRIOR)
    b = FAMILIES[name].fit(YEARS[order], VALUES[order], prior=PRIOR)
    np.testing.assert_allclose(a.predict([2022]), b.predict([2022]))


@pytest.mark.parametrize("name", [n for n, f in FAMILIES.items() if f.positive])
def test_log_models_reject_non_positive(name):
    v = VALUES.copy()
    v[2] = -1.0
    with pytest.raises(ValueError, match="positive"):
        FAMILIES[name].fit(YEARS, v, prior=PRIOR)


@pytest.mark.parametrize("name", FAMILIES)
def test_too_few_points(name):
    k = FAMILIES[name].min_points  # saturating families: with a given capacity
    opts = {"capacity": 1e6} if name in ("logistic", "gompertz") else {}
    with pytest.raises(ValueError, match=f"at least {k} points"):
        FAMILIES[name].fit(YEARS[: k - 1], VALUES[: k - 1], prior=PRIOR, **opts)


@pytest.mark.parametrize("module", [logistic, gompertz])
def test_fitted_capacity_needs_four_points(module):
    with pytest.raises(ValueError, match="at least 4 points"):
        module.fit([1, 2, 3], [1.0, 2.0, 3.0])


def test_exponential_two_points_recovers_cagr_exactly():
    f = exponential.fit([2015, 2020], [528.47, 863.0], prior=PRIOR)
    cagr = (863.0 / 528.47) ** (1 / 5) - 1
    assert f.params["cagr"] == pytest.approx(cagr, rel=1e-12)
    assert f.predict([2025])[0] == pytest.approx(863.0 * (1 + cagr) ** 5, rel=1e-12)
    # spread from the prior: a Student-t with the prior's df, not a point mass
    assert f.params["df"] == PRIOR.df and f.params["drift_scale"] == pytest.approx(PRIOR.scale)


def test_exponential_two_points_needs_prior():
    with pytest.raises(ValueError, match="prior"):
        exponential.fit([2015, 2020], [1.0, 2.0])


def test_gm11_published_example():
    """Liu Sifeng et al., 灰色系统理论及其应用 / *Grey Systems: Theory and Applications*
    (Springer 2010), GM(1,1) worked example: x(0) = (2.874, 3.278, 3.337, 3.390, 3.679),
    published a = -0.03720, b = 3.06536 (five decimals).  The page/example number could
    not be checked against a copy of the book here; the values are reproduced by our own
    least-squares computation and tested to the published precision.
    """
    x0 = np.array([2.874, 3.278, 3.337, 3.390, 3.679])
    a, b = gm11_params(x0)
    assert round(a, 5) == -0.03720
    assert round(b, 5) == 3.06536
    f = grey.fit(np.arange(1, 6), x0)
    # time response x1_hat(k+1) = (x0(1) - b/a) e^{-ak} + b/a, restored by differencing
    k = np.arange(5)
    x1 = (x0[0] - b / a) * np.exp(-a * k) + b / a
    np.testing.assert_allclose(f.predict(np.arange(1, 6)), np.r_[x0[0], np.diff(x1)], rtol=1e-12)


@pytest.mark.parametrize("n", [5, 8])
def test_grey_paths_match_the_closed_form_prediction_interval(n):
    """Each year's log draw is the classical Student-t prediction of a line through the log
    residuals (n - 3 df, scale s sqrt(1 + h'(X'X)^-1 h)) around the GM(1,1) curve.  (With four
    points that is 1 df, a log-Cauchy predictive with no finite mean: why notebook 02's sampled
    CRPS of grey on Guangdong R&D FTE, whose first origin has four points, is ~1e10.)"""
    from scipy import stats

    rng = np.random.default_rng(n)
    t = np.arange(2010, 2010 + n, dtype=float)
    v = 100 * np.exp(0.08 * (t - 2010) + 0.03 * rng.standard_normal(n))
    f = grey.fit(t, v)
    new = np.array([t[-1] + 2])
    z = np.log(f.sample(new, 100_000, rng=rng)[:, 0])
    to = t[1:]
    r = np.log(v[1:]) - np.log(f.predict(to))
    X = np.c_[np.ones(to.size), to - to.mean()]
    h = np.array([1.0, new[0] - to.mean()])
    scale = np.sqrt(r @ r / (n - 3) * (1 + h @ np.linalg.inv(X.T @ X) @ h))
    assert stats.kstest((z - np.log(f.predict(new))[0]) / scale, stats.t(n - 3).cdf).pvalue > 0.001


def test_grey_needs_equal_spacing():
    with pytest.raises(ValueError, match="equally spaced"):
        grey.fit([2010, 2011, 2013, 2014], [1.0, 1.1, 1.3, 1.4])


@pytest.mark.parametrize("module", [logistic, gompertz])
@pytest.mark.parametrize("capacity", [None, 50.0])
def test_saturating_paths_never_exceed_capacity(module, capacity):
    t = np.arange(2010, 2021)
    y = 50 / (1 + np.exp(-0.4 * (t - 2016))) * np.exp(0.02 * np.cos(t))
    f = module.fit(t, y, capacity=capacity)
    paths = f.sample(np.arange(2021, 2041), 20_000, rng=np.random.default_rng(0))
    ceiling = capacity if capacity is not None else f.caps.max()
    assert paths.max() < ceiling
    assert paths.min() > 0


def test_capacity_must_exceed_data():
    with pytest.raises(ValueError, match="below the capacity"):
        logistic.fit([1, 2, 3], [1.0, 2.0, 3.0], capacity=2.5)


def test_unknown_option_is_an_error():
    with pytest.raises(TypeError, match="unknown option"):
        FAMILIES["linear"].fit(YEARS, VALUES, capacity=3)
