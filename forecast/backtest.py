"""Rolling-origin backtests of the families, proper scores, and target-hit events.

Rolling origin (Tashman 2000; Hyndman & Athanasopoulos, *FPP3* §5.10 "time series
cross-validation"): for each origin k, fit on the first k points and forecast point
k + h - 1.  Per family we report MAPE of the point forecast, empirical coverage of the
central 80 % and 95 % predictive intervals, and the CRPS (Gneiting & Raftery 2007) from
predictive samples.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import numpy as np
import pandas as pd
from scipy import stats

from forecast.models import FAMILIES, get
from forecast.targets import APPROX_TOLERANCE, target_met  # noqa: F401 - kept importable from here

if TYPE_CHECKING:
    from forecast.prior import PooledPrior
    from numpy.typing import ArrayLike


def crps_sample(samples: np.ndarray, y: np.ndarray | float) -> np.ndarray:
    """CRPS of predictive samples against outcomes: E|X - y| - E|X - X'| / 2.

    ``samples`` shape ``(m, n)`` (m forecasts × n draws) or ``(n,)``; ``y`` shape ``(m,)``.
    Uses the sorted-sample identity E|X - X'| = 2/n^2 * sum_i (2i - n - 1) x_(i).
    """
    x = np.sort(np.atleast_2d(samples), axis=1)
    y = np.atleast_1d(np.asarray(y, dtype=float))[:, None]
    n = x.shape[1]
    w = 2 * np.arange(1, n + 1) - n - 1
    return np.mean(np.abs(x - y), axis=1) - (x @ w) / n ** 2


def crps_normal(mu: ArrayLike, sigma: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Closed-form CRPS of N(mu, sigma^2) at y (Gneiting & Raftery 2007, eq. 21)."""
    z = (np.asarray(y) - mu) / sigma
    return sigma * (z * (2 * stats.norm.cdf(z) - 1) + 2 * stats.norm.pdf(z) - 1 / np.sqrt(np.pi))


def brier_score(p_hit: ArrayLike, hit: ArrayLike) -> float:
    """Mean squared difference between forecast probabilities and 0/1 outcomes (Brier 1950).

    ``p_hit`` in [0, 1] and ``hit`` (bool or 0/1), same shape; lower is better; 0.25 is
    the score of always saying 0.5.
    """
    p = np.asarray(p_hit, dtype=float)
    o = np.asarray(hit, dtype=float)
    if p.shape != o.shape:
        raise ValueError(f"p_hit has shape {p.shape} but hit has {o.shape}")
    if np.any((p < 0) | (p > 1)) or not np.all(np.isin(o, (0.0, 1.0))):
        raise ValueError("p_hit must lie in [0, 1] and hit must be 0/1")
    return float(np.mean((p - o) ** 2))


def backtest(
    history: pd.Series | pd.DataFrame | tuple[ArrayLike, ArrayLike],
    *,
    families: Iterable[str] | None = None,
    prior: PooledPrior | None = None,
    horizon: int = 1,
    min_train: int = 3,
    n_draws: int = 2000,
    rng: np.random.Generator | None = None,
    options: dict[str, dict] | None = None,
) -> pd.DataFrame:
    """Rolling-origin evaluation of each family on one series of >= 5 points.

    Parameters
    ----------
    history : Series indexed by year (or ``(years, values)``), positive values.
    horizon : steps ahead (in observations) to forecast from each origin.
    min_train : smallest training window (raised to each family's ``min_points``).
    n_draws : predictive samples per forecast for coverage and CRPS.

    Returns
    -------
    DataFrame indexed by family: ``n_forecasts, mape, cover80, cover95, crps, crps_median``
    (CRPS in the series' unit: mean and median over forecasts; the median stays readable when
    one forecast's predictive has no finite mean, e.g. GM(1,1) fitted on four points has a
    Student-t with 1 df on the log scale, log-Cauchy, whose sampled CRPS is the size of its
    largest draw); families never fitted have ``n_forecasts = 0`` and NaN scores.
    """
    if isinstance(history, pd.Series):
        t, v = np.asarray(history.index, dtype=float), history.to_numpy(dtype=float)
    else:
        t, v = (np.asarray(a, dtype=float) for a in history)
    if t.size < 5:
        raise ValueError(f"backtest needs a series of at least 5 points, got {t.size}")
    o = np.argsort(t)
    t, v = t[o], v[o]
    rng = rng if rng is not None else np.random.default_rng(0)
    options = options or {}
    rows = []
    for name in families if families is not None else FAMILIES:
        fam = get(name)
        preds, draws, actual = [], [], []
        for k in range(max(min_train, fam.min_points), t.size - horizon + 1):
            target = k + horizon - 1
            try:
                f = fam.fit(t[:k], v[:k], prior=prior, **options.get(name, {}))
            except ValueError:
                continue
            years = t[k:target + 1]
            preds.append(float(f.predict(years[-1:])[0]))
            draws.append(f.sample(years, n_draws, rng=rng)[:, -1])
            actual.append(v[target])
        rows.append(_scores(name, preds, draws, actual))
    return pd.DataFrame(rows).set_index("family")


#: The benchmarks an economist reaches for, fitted on the log of the series.
STATSMODELS_MODELS = ("rw_drift", "sm_ets", "sm_arima")


def _benchmark_draws(name: str, logv: np.ndarray, h: int, n_draws: int, rng: np.random.Generator) -> np.ndarray:
    """Predictive draws of log value ``h`` steps after ``logv`` from one benchmark model."""
    import warnings

    if name == "rw_drift":   # random walk with drift; drift uncertainty added to the h-step variance
        d = np.diff(logv)
        if d.size < 2:
            raise ValueError("random walk with drift needs 3 points")
        sd = float(np.std(d, ddof=1))
        scale = sd * np.sqrt(h * (1 + h / d.size))
        return logv[-1] + h * float(d.mean()) + scale * rng.standard_normal(n_draws)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")              # short series: statsmodels warns on every fit
        if name == "sm_ets":
            from statsmodels.tsa.exponential_smoothing.ets import ETSModel

            res = ETSModel(logv, error="add", trend="add").fit(disp=False)
            sim = res.simulate(nsimulations=h, repetitions=n_draws, anchor="end",
                               rng=np.random.default_rng(int(rng.integers(2**31))))
            return np.asarray(sim).reshape(h, -1)[-1]
        if name == "sm_arima":
            from statsmodels.tsa.arima.model import ARIMA

            res = ARIMA(logv, order=(1, 1, 0), trend="t").fit()
            fc = res.get_forecast(h)
            mu, se = float(np.asarray(fc.predicted_mean)[-1]), float(np.asarray(fc.se_mean)[-1])
            return mu + se * rng.standard_normal(n_draws)
    raise ValueError(f"unknown benchmark {name!r}; choose from {STATSMODELS_MODELS}")


def compare_with_statsmodels(history: pd.Series | pd.DataFrame | tuple[ArrayLike, ArrayLike], *,
                             families: Iterable[str] | None = None, prior: PooledPrior | None = None,
                             horizon: int = 1, min_train: int = 4, n_draws: int = 2000,
                             rng: np.random.Generator | None = None) -> pd.DataFrame:
    """talentsim's families beside statsmodels' ETS (additive trend), ARIMA(1,1,0) with drift
    and a random walk with drift, on the same rolling-origin backtest and scores.

    The benchmarks are fitted on the log of the series (positive stocks) and treat the
    observations as equally spaced; every model is scored on the origins where it could be
    fitted (``n_forecasts``). Returns one row per model: ``source`` ("talentsim" or "benchmark":
    statsmodels ETS/ARIMA and the closed-form random walk), ``n_forecasts, mape, cover80, cover95, crps,
    crps_median``.
    """
    if isinstance(history, pd.Series):
        t, v = np.asarray(history.index, dtype=float), history.to_numpy(dtype=float)
    else:
        t, v = (np.asarray(a, dtype=float) for a in history)
    o = np.argsort(t)
    t, v = t[o], v[o]
    if np.any(v <= 0):
        raise ValueError("compare_with_statsmodels needs positive values (the benchmarks are fitted on logs)")
    rng = rng if rng is not None else np.random.default_rng(0)
    families = None if families is None else list(families)
    ours = (backtest((t, v), families=families, prior=prior, horizon=horizon, min_train=min_train,
                     n_draws=n_draws, rng=rng).assign(source="talentsim") if families != [] else None)
    rows = []
    for name in STATSMODELS_MODELS:
        preds, draws, actual = [], [], []
        for k in range(min_train, t.size - horizon + 1):
            try:
                d = np.exp(_benchmark_draws(name, np.log(v[:k]), horizon, n_draws, rng))
            except (ValueError, np.linalg.LinAlgError):
                continue
            if not np.all(np.isfinite(d)):
                continue
            draws.append(d)
            preds.append(float(np.median(d)))
            actual.append(v[k + horizon - 1])
        rows.append(_scores(name, preds, draws, actual))
    theirs = pd.DataFrame(rows).set_index("family").assign(source="benchmark")
    return pd.concat([x for x in (ours, theirs) if x is not None])[["source", "n_forecasts", "mape", "cover80", "cover95", "crps",
                                                                      "crps_median"]]


def _scores(name: str, preds: list, draws: list, actual: list) -> dict:
    """MAPE, PIT coverage of the central 80/95 % intervals and CRPS of one model's forecasts."""
    if not preds:
        return {"family": name, "n_forecasts": 0, "mape": np.nan, "cover80": np.nan, "cover95": np.nan,
                "crps": np.nan, "crps_median": np.nan}
    D, y, p = np.array(draws), np.array(actual), np.array(preds)
    pit = np.mean(D < y[:, None], axis=1)
    crps = crps_sample(D, y)
    return {"family": name, "n_forecasts": y.size, "mape": float(np.mean(np.abs(p - y) / np.abs(y))),
            "cover80": float(np.mean(np.abs(pit - 0.5) <= 0.4)),
            "cover95": float(np.mean(np.abs(pit - 0.5) <= 0.475)), "crps": float(np.mean(crps)),
            "crps_median": float(np.median(crps))}
