"""The leave-one-region-out backtest report on the outcome base (``talentsim backtest --outcomes``).

Per subset (all rows, five-year, yearly, each type, each level): Brier, log score, Brier
skill against the base rate (the hit rate of the other regions' rows of the same plan
kind), AUC, calibration intercept and slope, and the 50/80/95 % interval coverage of the
realised growth — for the calibrated law and beside the references (base rate, always 0.5,
trend only, ambition only). Plus a reliability table of the calibrated P.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from forecast.calibration import cv, model
from forecast.calibration.scores import coverage, reliability, scores

FORECASTS = {"calibrated (LORO)": "p", "base rate": "p_base_rate", "always 0.5": "p_half",
             "trend only": "p_trend", "ambition only": "p_ambition"}


def _subsets(rows: pd.DataFrame) -> list[tuple[str, pd.Series]]:
    out = [("all", pd.Series(True, index=rows.index)), ("five_year", rows["plan_kind"] != "yearly"),
           ("yearly", rows["plan_kind"] == "yearly")]
    out += [(f"type={t}", rows["type"] == t) for t in sorted(rows["type"].unique())]
    out += [(f"level={lv}", rows["level"] == lv) for lv in sorted(rows["level"].unique())]
    return out


def table(rows: pd.DataFrame) -> pd.DataFrame:
    """One line per (subset, forecast): n, misses, scores and (calibrated, trend) coverage."""
    recs = []
    for name, mask in _subsets(rows):
        d = rows[mask.to_numpy()]
        if len(d) == 0:
            continue
        for label, col in FORECASTS.items():
            rec = {"subset": name, "forecast": label, "misses": int((~d["met"]).sum()),
                   "hit_rate": float(d["met"].mean()), **scores(d[col], d["met"], d["p_base_rate"])}
            if col == "p":
                rec.update(coverage(d["mu"], d["sigma"], d["realised"], df=model.DF))
            elif col == "p_trend":
                rec.update(coverage(d["m"], d["s"], d["realised"]))
            recs.append(rec)
    return pd.DataFrame(recs)


@dataclass(frozen=True)
class OutcomeReport:
    """LORO per-row predictions (``rows``), the score ``table`` and the ``reliability`` table."""

    rows: pd.DataFrame = field(repr=False)
    table: pd.DataFrame
    reliability: pd.DataFrame
    groups: tuple[str, ...]

    def headline(self, subset: str = "all") -> pd.Series:
        """The calibrated forecast's scores on one subset."""
        t = self.table
        return t[(t["subset"] == subset) & (t["forecast"] == "calibrated (LORO)")].iloc[0]

    def text(self) -> str:
        r = self.rows
        cols = ["subset", "forecast", "n", "misses", "brier", "log_score", "skill", "auc", "cal_intercept",
                "cal_slope", "cover50", "cover80", "cover95"]
        main = self.table[self.table["subset"].isin(["all", "five_year", "yearly"])]
        other = self.table[~self.table["subset"].isin(["all", "five_year", "yearly"])
                           & (self.table["forecast"] == "calibrated (LORO)")]
        fmt = lambda x: f"{x:.3f}"
        return "\n".join([
            f"Outcome base, leave-one-region-out: {len(r)} targets from {r['region'].nunique()} regions, "
            f"{int((~r['met']).sum())} missed; calibration features: {', '.join(self.groups)}", "",
            main[cols].to_string(index=False, float_format=fmt, na_rep="-"), "", "By type and level (calibrated):",
            other[cols].to_string(index=False, float_format=fmt, na_rep="-"), "",
            "Reliability (calibrated, LORO):", self.reliability.to_string(index=False, float_format=fmt),
            "", "Skill = 1 - Brier / Brier of the base rate (the other regions' hit rate of the same plan kind)."])


def outcome_report(data_dir: Path | str | None = None, *, groups: tuple[str, ...] | None = None,
                   base: pd.DataFrame | None = None) -> OutcomeReport:
    """LORO report of the calibration (its stored feature groups unless ``groups`` is given)."""
    from forecast.calibration.store import load
    from forecast.outcomes import load_outcome_base
    from forecast.typeprior import reference_fit

    if groups is None:
        cal, _, _ = load(data_dir)
        groups = cal.groups if cal is not None else model.GROUPS[:2]
    base = base if base is not None else load_outcome_base(data_dir)
    rows = cv.loro(base, reference_fit(data_dir), tuple(groups)).assign(p_half=0.5)
    return OutcomeReport(rows, table(rows), reliability(rows["p"].to_numpy(), rows["met"].to_numpy(), bins=10),
                         tuple(groups))


__all__ = ["outcome_report", "OutcomeReport", "table", "FORECASTS"]
