"""The two ideas every layer shares about a plan's numbers: which observations are usable
history, and whether a value meets the document's target.

One definition each, used by the growth laws, the engine, the app's charts and the exports.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

#: "=" targets in the documents mean "about" (约 / 左右): met within ±5 % of the value.
APPROX_TOLERANCE = 0.05


def usable_history(observations: pd.DataFrame | None, indicator_id: str) -> pd.DataFrame:
    """The usable observations of one indicator, one row per year, sorted by year.

    Rows with an empty (NaN) value or status ``redacted`` are dropped; where several rows
    share a year the ``preferred`` one is kept (an empty ``preferred`` counts as false; with
    no preferred row, the first in file order). Derived values stay, marked by ``status``.
    Every column of ``observations`` is kept; ``year`` is int and ``value`` float.
    """
    if observations is None or observations.empty or "id" not in observations:
        return pd.DataFrame({"year": pd.Series([], dtype=int), "value": pd.Series([], dtype=float)})
    o = observations[(observations["id"] == indicator_id) & observations["value"].notna()]
    if "status" in o:
        o = o[o["status"] != "redacted"]
    if "preferred" in o:
        pref = o["preferred"].astype("boolean").fillna(False).astype(bool)
        o = o.assign(_pref=pref).sort_values("_pref", ascending=False, kind="stable").drop(columns="_pref")
    o = o.drop_duplicates("year", keep="first").sort_values("year", kind="stable").reset_index(drop=True)
    return o.assign(year=o["year"].astype(int), value=o["value"].astype(float))


def target_met(values: Any, *, op: str, target: Any, low: float | None = None,
               high: float | None = None) -> np.ndarray:
    """Boolean array: does each value meet the target under the document's comparator?

    ``op`` is one of ``>=, >, <=, <, =`` (``≥ ＞ ≤ ＜`` accepted); "=" means "about": inside
    ``[low, high]`` when the document gives a range, else within ±``APPROX_TOLERANCE`` of
    ``target``. ``target`` may be an array broadcasting against ``values``.
    """
    v = np.asarray(values, dtype=float)
    if op in (">=", "≥"):
        return v >= target
    if op in (">", "＞"):
        return v > target
    if op in ("<=", "≤"):
        return v <= target
    if op in ("<", "＜"):
        return v < target
    if op == "=":
        if low is not None and high is not None and np.isfinite(low) and np.isfinite(high):
            return (v >= low) & (v <= high)
        return np.abs(v - target) <= APPROX_TOLERANCE * np.abs(target)
    raise ValueError(f"unknown target comparator {op!r}; expected one of >=, >, <=, <, =")
