"""IN-MODEL interval calibration: series drawn from each family's own generating process.

These test that each family's intervals are right *when the family is true* (circular by
design).  Out-of-model coverage of the whole pipeline the engine uses is in
``test_out_of_model_coverage.py``.

Each check draws R synthetic series, fits, draws D predictive samples of a held-out
future value and records its PIT.  With R = 3000, the binomial sd of an 80 % coverage is
sqrt(.8 * .2 / 3000) = 0.0073 (band 77-83 % = ±4.1 sd) and of a 95 % coverage
sqrt(.95 * .05 / 3000) = 0.0040 (band 93.5-96.5 % = ±3.8 sd).  Seeds are fixed.
"""

from __future__ import annotations

import numpy as np
import pytest

from forecast.models import ets, exponential, gompertz, grey, linear, logistic

R, D = 3000, 800


def _coverage(pits):
    pits = np.asarray(pits)
    return np.mean(np.abs(pits - 0.5) <= 0.4), np.mean(np.abs(pits - 0.5) <= 0.475)


def _check(pits, lo80=0.77, hi80=0.83, lo95=0.935, hi95=0.965):
    c80, c95 = _coverage(pits)
    assert lo80 <= c80 <= hi80, f"80 % coverage {c80:.3f}"
    assert lo95 <= c95 <= hi95, f"95 % coverage {c95:.3f}"


def _pit(f, year, actual, rng):
    s = f.sample([year], D, rng=rng)[:, 0]
    return np.mean(s < actual)


@pytest.mark.slow
def test_exponential_random_walk_with_drift():
    rng = np.random.default_rng(11)
    pits = []
    for _ in range(R):
        n, h = rng.integers(4, 12), rng.integers(1, 6)
        g, sig = rng.uniform(-0.05, 0.15), rng.uniform(0.01, 0.1)
        z = np.cumsum(g + sig * rng.standard_normal(n + h))
        t = np.arange(n + h) + 2000
        f = exponential.fit(t[:n], np.exp(z[:n]))
        pits.append(_pit(f, t[-1], np.exp(z[-1]), rng))
    _check(pits)


@pytest.mark.slow
def test_linear_trend():
    rng = np.random.default_rng(12)
    pits = []
    for _ in range(R):
        n, h = rng.integers(4, 12), rng.integers(1, 6)
        t = np.arange(n + h, dtype=float)
        y = rng.uniform(50, 150) + rng.uniform(-5, 10) * t + rng.uniform(1, 10) * rng.standard_normal(t.size)
        f = linear.fit(t[:n], y[:n])
        pits.append(_pit(f, t[-1], y[-1], rng))
    _check(pits)


@pytest.mark.slow
@pytest.mark.parametrize("module,inv", [
    (logistic, lambda z, k: k / (1 + np.exp(-z))),
    (gompertz, lambda z, k: k * np.exp(-np.exp(z))),
])
def test_saturating_with_known_capacity(module, inv):
    rng = np.random.default_rng(13)
    pits = []
    for _ in range(R):
        n, h = rng.integers(4, 12), rng.integers(1, 6)
        t = np.arange(n + h, dtype=float)
        K = 100.0
        z = rng.uniform(-3, 0) + rng.uniform(-0.4, 0.4) * t + rng.uniform(0.02, 0.3) * rng.standard_normal(t.size)
        y = inv(z, K)
        if np.any(y[:n] >= K) or np.any(y <= 0):
            y = np.clip(y, 1e-9, K * (1 - 1e-12))
        f = module.fit(t[:n], y[:n], capacity=K)
        pits.append(_pit(f, t[-1], y[-1], rng))
    _check(pits)


@pytest.mark.slow
def test_grey_on_noisy_exponential():
    """GM(1,1) has no error model; its log-linear approximation is checked on x = C e^{g k + e}."""
    rng = np.random.default_rng(14)
    pits = []
    for _ in range(R):
        n, h = rng.integers(6, 14), rng.integers(1, 4)
        t = np.arange(n + h, dtype=float)
        y = rng.uniform(10, 1000) * np.exp(rng.uniform(0.0, 0.12) * t + rng.uniform(0.005, 0.05)
                                           * rng.standard_normal(t.size))
        f = grey.fit(t[:n], y[:n])
        pits.append(_pit(f, t[-1], y[-1], rng))
    _check(pits)


@pytest.mark.slow
def test_ets_damped_trend():
    """ETS refits through statsmodels (~30 ms each), so fewer replications and a wider band:
    R = 300 gives sd 0.023 (80 %) and 0.013 (95 %); band ±3 sd."""
    rng = np.random.default_rng(15)
    pits = []
    for _ in range(300):
        n = 20
        alpha, beta, phi, sig = rng.uniform(0.2, 0.8), rng.uniform(0.01, 0.1), rng.uniform(0.85, 0.97), 0.03
        level, trend, z = np.log(100), rng.uniform(0.0, 0.1), []
        for _ in range(n + 1):
            e = sig * rng.standard_normal()
            z.append(level + phi * trend + e)
            level, trend = level + phi * trend + alpha * e, phi * trend + beta * e
        z = np.array(z)
        f = ets.fit(np.arange(n), np.exp(z[:n]))
        pits.append(_pit(f, n, np.exp(z[-1]), rng))
    _check(pits, 0.8 - 0.07, 0.8 + 0.07, 0.95 - 0.04, 0.95 + 0.04)
