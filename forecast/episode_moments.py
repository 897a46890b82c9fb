"""Hierarchical moments of growth episodes, their block bootstrap and the regional correlation.

The estimators behind :mod:`forecast.typeprior` (its docstring gives the model): per type, the
mean of the family means, the between-family spread, the part of a series' drift that persists
from one disjoint window to the next, what is left (window-to-window change) and the yearly
shock; the Student-t df of the standardised residuals; a bootstrap that resamples whole
provinces; and the correlation of growth across families within a province-window.
Episodes are the frame of :func:`forecast.reference.episodes` (``series_id, family, type,
region, start, g, shock_sd``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecast.reference import WINDOW

#: Types with fewer episodes than this borrow from their donors.
MIN_EPISODES = 40
#: Range the fitted Student-t df is clamped to.
DF_RANGE = (3.0, 30.0)


def type_moments(E: pd.DataFrame, pairs: pd.DataFrame, tau_f_borrow: float | None) -> dict[str, float]:
    """Hierarchical moments of one type's episodes (see module docstring)."""
    fam = E.groupby("family")["g"]
    m_f = fam.mean()
    mu = float(m_f.mean())
    resid = E["g"] - E["family"].map(m_f)
    within = float(np.mean(resid ** 2))
    if len(m_f) >= 2:
        n_eff = E.groupby("family")["region"].nunique().clip(lower=1)
        samp = float(np.mean(fam.var(ddof=1).fillna(within) / n_eff))
        tau_f2 = max(float(m_f.var(ddof=1)) - samp, 0.0)
    else:
        tau_f2 = (tau_f_borrow or 0.0) ** 2
    shock = E["shock_sd"].dropna()
    shock_sd = float(np.sqrt(np.median(shock ** 2))) if len(shock) else np.nan
    if len(pairs) >= 10:
        a = pairs["g"] - pairs["family"].map(m_f)
        b = pairs["g_next"] - pairs["family"].map(m_f)
        pers2 = max(float(np.mean(a * b)), 0.0)
    else:
        pers2 = 0.0
    drift2 = max(within - (shock_sd ** 2 / WINDOW if np.isfinite(shock_sd) else 0.0), 0.25 * within)
    pers2 = min(pers2, drift2)
    return {"loc": mu, "tau_f2": tau_f2, "pers2": tau_f2 + pers2, "win2": drift2 - pers2,
            "shock_sd": shock_sd, "n_fam": len(m_f)}


def disjoint_pairs(E: pd.DataFrame) -> pd.DataFrame:
    """Disjoint consecutive windows of one series: (t -> t+5) next to (t+5 -> t+10)."""
    nxt = E[["series_id", "start", "g"]].assign(start=E["start"] - WINDOW).rename(columns={"g": "g_next"})
    return E.merge(nxt, on=["series_id", "start"])


def fit_df(E: pd.DataFrame) -> float:
    """Student-t df of the standardised residuals of disjoint windows, clamped to DF_RANGE."""
    first = E.groupby("series_id")["start"].transform("min")
    d = E[((E["start"] - first) % WINDOW) == 0]
    r = d["g"] - d.groupby("family")["g"].transform("mean")
    r = (r / r.std(ddof=1)).dropna().to_numpy()
    if r.size < 20:
        return DF_RANGE[0]
    from scipy import stats

    df, _, _ = stats.t.fit(r, floc=0.0)
    return float(np.clip(df, *DF_RANGE))


def all_moments(E: pd.DataFrame) -> dict[str, dict]:
    out, pairs = {}, disjoint_pairs(E)
    multi = [t for t, g in E.groupby("type") if g["family"].nunique() >= 2]
    tau_borrow = None
    if multi:
        tau_borrow = float(np.sqrt(np.mean([type_moments(E[E["type"] == t], pairs[pairs["type"] == t], None)["tau_f2"]
                                            for t in multi])))
    for t, g in E.groupby("type"):
        if len(g) >= MIN_EPISODES:
            out[t] = type_moments(g, pairs[pairs["type"] == t], tau_borrow)
    return out


def resample_regions(E: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Block bootstrap: draw regions with replacement, each keeping all its episodes."""
    codes, regions = pd.factorize(E["region"])
    rows = [np.flatnonzero(codes == c) for c in range(len(regions))]
    pick = rng.integers(0, len(regions), size=len(regions))
    idx = np.concatenate([rows[c] for c in pick])
    copy = np.repeat(np.arange(len(pick)), [len(rows[c]) for c in pick]).astype(str)
    out = E.iloc[idx].reset_index(drop=True)
    return out.assign(series_id=out["series_id"].to_numpy() + "#" + copy, region=out["region"].to_numpy() + "#" + copy)


def correlation(E: pd.DataFrame) -> tuple[float, int, int]:
    P = E[E["family"] != "plan_documents"]
    r = (P["g"] - P.groupby("family")["g"].transform("mean")).to_numpy()
    cell = pd.factorize(P["region"].astype(str) + "|" + P["start"].astype(str))[0]
    fam = pd.factorize(P["family"])[0]
    W = np.full((cell.max() + 1, fam.max() + 1), np.nan)
    W[cell, fam] = r
    ok = ~np.isnan(W)
    cors = []
    for i in range(W.shape[1]):
        for j in range(i + 1, W.shape[1]):
            m = ok[:, i] & ok[:, j]
            if m.sum() >= 20:
                cors.append(float(np.corrcoef(W[m, i], W[m, j])[0, 1]))
    return (float(np.clip(np.mean(cors), 0.0, 0.95)) if cors else np.nan), len(cors), int(W.shape[0])


__all__ = ["MIN_EPISODES", "DF_RANGE", "type_moments", "disjoint_pairs", "fit_df", "all_moments", "resample_regions",
           "correlation"]
