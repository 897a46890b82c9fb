"""Proper scores and calibration diagnostics of probability forecasts of met/missed targets."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from scipy import optimize, stats

CLIP = 0.01


def logit(p: np.ndarray) -> np.ndarray:
    """log(p / (1 - p)) of ``p`` clipped to [CLIP, 1 - CLIP]."""
    p = np.clip(np.asarray(p, float), CLIP, 1 - CLIP)
    return np.log(p / (1 - p))


def auc(p: np.ndarray, met: np.ndarray) -> float:
    """Probability that a met target scores above a missed one (ties count half); NaN if one class."""
    p, y = np.asarray(p, float), np.asarray(met, bool)
    if y.all() or (~y).all():
        return float("nan")
    r = stats.rankdata(p)
    n1, n0 = y.sum(), (~y).sum()
    return float((r[y].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def logistic(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(intercept, slope) of the maximum-likelihood logistic regression of ``y`` on ``x``."""
    X = np.column_stack([np.ones_like(x), x])
    yy = np.asarray(y, float)

    def nll(b):
        eta = X @ b
        return float(np.sum(np.logaddexp(0, eta) - yy * eta)), X.T @ (special_expit(eta) - yy)

    b = optimize.minimize(nll, np.array([0.0, 1.0]), jac=True, method="BFGS").x
    return float(b[0]), float(b[1])


def special_expit(x: np.ndarray) -> np.ndarray:
    from scipy.special import expit

    return expit(x)


def scores(p: np.ndarray, met: np.ndarray, base: np.ndarray | None = None) -> dict[str, float]:
    """Brier, log score (mean -log P(outcome), P clipped to [0.01, 0.99]), Brier skill against
    the ``base`` forecasts (e.g. the base rate), AUC and calibration intercept/slope
    (logistic regression of met on logit P; 0 and 1 when calibrated)."""
    p, y = np.asarray(p, float), np.asarray(met, float)
    pc = np.clip(p, CLIP, 1 - CLIP)
    brier = float(np.mean((p - y) ** 2))
    out = {"n": int(len(p)), "brier": brier, "log_score": float(-np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc)))}
    if base is not None:
        out["skill"] = float(1 - brier / np.mean((np.asarray(base, float) - y) ** 2))
    out["auc"] = auc(p, y.astype(bool))
    if np.ptp(p) > 1e-9 and 0 < y.mean() < 1:
        out["cal_intercept"], out["cal_slope"] = logistic(logit(p), y)
    else:
        out["cal_intercept"], out["cal_slope"] = float("nan"), float("nan")
    return out


def coverage(mu: np.ndarray, sigma: np.ndarray, r: np.ndarray, levels: Sequence[float]=(0.5, 0.8, 0.95),
             df: float = np.inf) -> dict[str, float]:
    """Share of realised values inside the central intervals of mu + sigma * t(df)."""
    z = np.abs((np.asarray(r) - mu) / sigma)
    return {f"cover{int(round(100 * lv))}": float(np.mean(z <= stats.t.ppf(0.5 + lv / 2, df))) for lv in levels}


def reliability(p: np.ndarray, met: np.ndarray, bins: int = 5) -> pd.DataFrame:
    """Rows per probability bin: n, mean forecast, observed frequency."""
    p, met = np.asarray(p, float), np.asarray(met, float)
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    return pd.DataFrame([{"bin": f"{edges[i]:.1f}-{edges[i + 1]:.1f}", "n": int((idx == i).sum()),
                          "mean_p": float(p[idx == i].mean()) if (idx == i).any() else np.nan,
                          "observed": float(met[idx == i].mean()) if (idx == i).any() else np.nan}
                         for i in range(bins)])


__all__ = ["scores", "coverage", "reliability", "auc", "logistic", "logit"]
