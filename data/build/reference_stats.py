"""Growth summary of data/reference_growth.csv, per family, for data/README.md.

Reproducible numbers the modelling side needs: how many provinces, years and 5-year
windows each family has, how annual growth over 5-year windows is distributed, and how
strongly provinces move together within a year.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

WINDOW = 5


def _scale(values: pd.Series, kind: str) -> pd.Series:
    """Log for positive quantities, logit of the proportion for shares in %."""
    if kind == "share":
        p = values / 100.0
        return np.log(p / (1.0 - p))
    return np.log(values)


def _windows(series: pd.DataFrame, kind: str) -> tuple[list[float], int, int]:
    """Annualised growth over every 5-year window (clean ones only), window and disjoint counts.

    A window t -> t+5 is clean when both ends exist and no year in (t, t+5] is a break.
    Disjoint windows are taken greedily from the first year (14 annual years -> 2).
    """
    s = series.set_index("year")
    z = _scale(s["value"], kind)
    breaks = set(s.index[s["status"] == "break"])
    growth, n_all = [], 0
    for t in s.index:
        if t + WINDOW in s.index:
            n_all += 1
            if not any(y in breaks for y in range(t + 1, t + WINDOW + 1)):
                growth.append(float(z[t + WINDOW] - z[t]) / WINDOW)
    n_disjoint, t = 0, s.index.min()
    while t <= s.index.max():
        if t in s.index and t + WINDOW in s.index:
            n_disjoint, t = n_disjoint + 1, t + WINDOW
        else:
            t += 1
    return growth, n_all, n_disjoint


def mean_pairwise_correlation(frame: pd.DataFrame, kind: str) -> float:
    """Mean correlation, over province pairs, of annual growth across years (break years excluded)."""
    rows = []
    for region, grp in frame.groupby("region"):
        s = grp.set_index("year").sort_index()
        z = _scale(s["value"], kind)
        step = z.diff()[s.index.to_series().diff() == 1]
        step[s["status"] == "break"] = np.nan
        rows.append(step.rename(region))
    wide = pd.concat(rows, axis=1)
    corr = wide.corr(min_periods=5).to_numpy()
    upper = corr[np.triu_indices_from(corr, k=1)]
    return float(np.nanmean(upper))


def growth_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per family: counts, quantiles of 5-year-window annual growth, between-province correlation."""
    out = []
    for family, fam in frame.groupby("family", sort=False):
        kind = fam["type"].iloc[0]
        growth, n_all, n_disjoint = [], 0, 0
        for _, series in fam.groupby("region"):
            g, n, d = _windows(series, kind)
            growth += g
            n_all += n
            n_disjoint += d
        q10, q50, q90 = np.quantile(growth, [0.1, 0.5, 0.9]) if growth else (np.nan,) * 3
        years = sorted(fam["year"].unique())
        out.append({
            "family": family, "type": kind, "scale": "logit" if kind == "share" else "log",
            "provinces": fam["region"].nunique(), "years": f"{years[0]}-{years[-1]} ({len(years)})",
            "breaks": int((fam["status"] == "break").sum()),
            "windows_overlapping": n_all, "windows_clean": len(growth), "windows_disjoint": n_disjoint,
            "median": round(q50, 4), "q10": round(q10, 4), "q90": round(q90, 4),
            "corr_between_provinces": round(mean_pairwise_correlation(fam, kind), 3),
        })
    return pd.DataFrame(out)


def to_markdown(table: pd.DataFrame) -> str:
    """A plain Markdown table (no tabulate dependency)."""
    head = "| " + " | ".join(table.columns) + " |"
    rule = "|" + "---|" * len(table.columns)
    body = ["| " + " | ".join(str(v) for v in row) + " |" for row in table.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def events_markdown(events: pd.DataFrame, kind_prefix: str) -> str:
    """One bullet per family: 'region year (log change, robust z)' for breaks or spikes."""
    lines = []
    chosen = events[events["kind"].str.startswith(kind_prefix)]
    for family, grp in chosen.groupby("family", sort=False):
        items = [f"{r.region_zh} {r.year} ({r.log_change:+.2f}, z {r.robust_z:+.1f})"
                 for r in grp.sort_values(["region_zh", "year"]).itertuples()]
        lines.append(f"* `{family}` ({len(items)}): " + "; ".join(items))
    return "\n".join(lines)
