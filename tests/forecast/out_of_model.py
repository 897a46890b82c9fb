"""Out-of-model series for coverage checks of the whole pipeline the engine uses.

Every series starts from a *real* five-year episode of the ``people`` reference class
(its mean annual growth ``g`` and its own yearly shock sd), then departs from the random
walk with drift that the pipeline assumes:

* ``saturation`` — logistic growth toward a capacity 1.3-3x the first level, starting at
  the episode's growth;
* ``slowing``    — the drift decays: g_t = g exp(-t / tau), tau ~ U(4, 12) years;
* ``break``      — a one-off level shift of ±(5-20) % in a random year;
* ``t3``         — yearly shocks Student-t(3), scaled to the episode's shock sd;
* ``regime``     — at a random year the drift switches to another real episode's;
* ``mixture``    — each series from one of the five, chosen at random.

The pipeline is what ``forecast.growth_law`` does: the type prior, the short-history
update with the last ``n`` annual points, the growth law, and draws from it
(``simulate_law``) five years past the last point.  The PIT of the true value is
recorded.  Run ``python -m tests.forecast.out_of_model`` from the repository root for
the table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecast.baseline import simulate_law
from forecast.typeprior import reference_fit
from forecast.drift_update import update

PROCESSES = ("saturation", "slowing", "break", "t3", "regime")
LENGTHS = (1, 2, 5, 10)
HORIZON = 5


def _series(kind: str, n_years: int, ep: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Log-levels for ``n_years`` consecutive years of one out-of-model process."""
    row = ep.iloc[rng.integers(len(ep))]
    g, sd = float(row["g"]), float(row["shock_sd"])
    t = np.arange(n_years, dtype=float)
    shocks = sd * rng.standard_normal(n_years)
    if kind == "t3":
        shocks = sd * rng.standard_t(3, n_years) / np.sqrt(3.0)
    drift = np.full(n_years, g)
    if kind == "slowing":
        drift = g * np.exp(-t / rng.uniform(4, 12))
    if kind == "regime":
        k = rng.integers(1, n_years)
        drift[k:] = float(ep.iloc[rng.integers(len(ep))]["g"])
    z = np.log(100.0) + np.cumsum(drift + shocks)
    if kind == "break":
        k = rng.integers(1, n_years)
        z[k:] += rng.choice([-1, 1]) * rng.uniform(0.05, 0.20)
    if kind == "saturation":
        n0, K = 100.0, 100.0 * rng.uniform(1.3, 3.0)
        rate = max(g, 0.005) / (1 - n0 / K)
        z = np.log(K / (1 + (K / n0 - 1) * np.exp(-rate * t))) + np.cumsum(shocks) - shocks[0]
    return z


def pits(kind: str, n_points: int, reps: int, draws: int = 400, seed: int = 0) -> np.ndarray:
    """PIT of the value ``HORIZON`` years after the last of ``n_points`` points, ``reps`` series."""
    rng = np.random.default_rng(seed)
    rf = reference_fit()
    prior = rf["people"]
    ep = rf.episodes[(rf.episodes["type"] == "people") & rf.episodes["shock_sd"].notna()]
    out = np.empty(reps)
    for r in range(reps):
        k = kind if kind != "mixture" else PROCESSES[rng.integers(len(PROCESSES))]
        z = _series(k, n_points + HORIZON, ep, rng)
        years = np.arange(2010, 2010 + n_points)
        hist = np.exp(z[:n_points])
        law = update(years, hist, prior).law("x", int(years[-1]), float(hist[-1]))
        x = simulate_law(law, [int(years[-1]) + HORIZON], draws, rng=rng)[:, 0]
        out[r] = np.mean(x < np.exp(z[-1]))
    return out


def table(reps: int = 400) -> pd.DataFrame:
    """80/95 % coverage and mean PIT per process and history length."""
    rows = []
    for i, kind in enumerate((*PROCESSES, "mixture")):
        for j, n in enumerate(LENGTHS):
            p = pits(kind, n, reps, seed=100 * i + j)
            rows.append({"process": kind, "points": n, "cover80": float(np.mean(np.abs(p - 0.5) <= 0.4)),
                         "cover95": float(np.mean(np.abs(p - 0.5) <= 0.475)), "mean_pit": float(p.mean())})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    print(table().to_string(index=False, float_format=lambda x: f"{x:.3f}"))
