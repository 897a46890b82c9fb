"""Targets on a period rather than a year: a 年均 growth-rate target (地区生产总值年均增长5%,
2025 → 2030) is met when the mean of the yearly rates over ``period_start``..``target_year``
reaches it. Shapes as in :mod:`scenarios.engine`: values ``(paths, years, indicators)``."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd


def averaged(indicators: pd.DataFrame) -> np.ndarray:
    """(k,) bool: a ``growth_rate`` target on the average over a period (``period_start`` < target year)."""
    if "measure" not in indicators or "period_start" not in indicators:
        return np.zeros(len(indicators), dtype=bool)
    start = pd.to_numeric(indicators["period_start"], errors="coerce").to_numpy(dtype=float)
    return ((indicators["measure"].astype(str) == "growth_rate").to_numpy() & np.isfinite(start)
            & (start < indicators["target_year"].to_numpy(dtype=float)))


def period_means(v: np.ndarray, values: np.ndarray, years: np.ndarray, indicators: pd.DataFrame,
                 idx: np.ndarray) -> np.ndarray:
    """``v`` (n, k) with the averaged indicators' columns replaced by the mean over
    ``period_start``..their target year (position ``idx``); years before an indicator's base
    (NaN) are not in the mean."""
    for j in np.nonzero(averaged(indicators))[0]:
        lo = int(np.searchsorted(years, indicators["period_start"].iloc[j]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)      # a period wholly before the base: NaN
            v[:, j] = np.nanmean(values[:, lo:idx[j] + 1, j].astype(float), axis=1)
    return v


__all__ = ["averaged", "period_means"]
