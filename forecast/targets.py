"""The two ideas every layer shares about a plan's numbers: which observations are usable
history, and whether a value meets the document's target.

One definition each, used by the growth laws, the engine, the app's charts and the exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Optional

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

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


def target_met(values: ArrayLike, *, op: str, target: float | np.ndarray, low: float | None = None,
               high: float | None = None, band_pct: float | None = None,
               more_is_better: bool = False) -> np.ndarray:
    """Boolean array: does each value meet the target under the document's comparator?

    ``op`` is one of ``>=, >, <=, <, =`` (``≥ ＞ ≤ ＜`` accepted); "=" means "about": inside
    ``[low, high]`` when the document gives a range, else within ±``band_pct`` % of
    ``target`` (the data's ``target_band_pct``; default ±``APPROX_TOLERANCE``). With
    ``more_is_better`` (a stock where more is welcome) a planner's reading applies:
    overshooting "about 500" or "5–10" is not a miss, so only the lower edge counts.
    ``target`` may be an array broadcasting against ``values``.
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
            return (v >= low) if more_is_better else (v >= low) & (v <= high)
        band = APPROX_TOLERANCE if band_pct is None or not np.isfinite(band_pct) else band_pct / 100.0
        if more_is_better:
            return v >= target - band * np.abs(target)
        return np.abs(v - target) <= band * np.abs(target)
    raise ValueError(f"unknown target comparator {op!r}; expected one of >=, >, <=, <, =")


@dataclass(frozen=True)
class Target:
    """A document's target for one indicator, as one value to pass around.

    Attributes
    ----------
    op : comparator ``>=, >, <=, <, =`` (``=`` means "about": the range or the band).
    value : the stated value (NaN when only a range is stated).
    year : the target year (None: the end of what is drawn).
    low, high : the range of a ranged "about" target; ``band_pct`` its band without one.
    more_is_better : overshooting an "about" target is not a miss.
    indicator : the indicator's id ("" when the target is not tied to one).
    """

    op: str
    value: float
    year: Optional[int] = None
    low: Optional[float] = None
    high: Optional[float] = None
    band_pct: Optional[float] = None
    more_is_better: bool = False
    indicator: str = ""

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> "Target":
        """The target of one indicators.csv row (``target_of``, plus its year and id)."""
        kw = target_of(row)
        year = row.get("target_year") if hasattr(row, "get") else None
        year = int(year) if year is not None and year == year and year != "" else None
        return cls(op=kw["op"], value=kw["target"], year=year, low=kw["low"], high=kw["high"],
                   band_pct=kw["band_pct"], more_is_better=kw["more_is_better"], indicator=str(row.get("id", "") or ""))

    @property
    def stated(self) -> bool:
        """Whether there is a number to meet (a value, or both ends of a range)."""
        return bool(np.isfinite(self.value) or (self.low is not None and self.high is not None))

    def met(self, values: np.ndarray | float | list[float]) -> np.ndarray:
        """Boolean array: does each value meet the target (:func:`target_met`)?"""
        return target_met(values, op=self.op, target=self.value, low=self.low, high=self.high,
                          band_pct=self.band_pct, more_is_better=self.more_is_better)


def finite(x: object) -> bool:
    """True for a finite number (False for None, NaN, pandas' NA and text that is not a number)."""
    try:
        return bool(np.isfinite(float(x)))      # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def target_of(row: pd.Series | Mapping[str, Any]) -> dict[str, Any]:
    """``target_met`` keywords from one indicators.csv row (comparator, value, bounds, band, direction)."""
    def num(k: str) -> float:
        x = row.get(k) if hasattr(row, "get") else None
        try:
            return float(x) if x is not None and x == x and x != "" else float("nan")
        except (TypeError, ValueError):
            return float("nan")

    hib = row.get("higher_is_better") if hasattr(row, "get") else None
    more = bool(hib) if isinstance(hib, (bool, np.bool_)) else str(hib).strip().lower() in ("true", "1", "yes")
    lo, hi = num("target_low"), num("target_high")
    return {"op": str(row["target_op"]), "target": num("target_value"),
            "low": lo if np.isfinite(lo) else None, "high": hi if np.isfinite(hi) else None,
            "band_pct": num("target_band_pct"), "more_is_better": more}
