"""What was known about a target at its origin besides its own history: the region's record on
the same indicator, the targets its peers set, and how far the base year sat from its trend.

All three are computed from the outcome base itself and use only information published by
the row's origin (the report that set the target):

- ``prev``: the region's last settled outcome of the same indicator (outcome year no later
  than this row's base year): +1 met, -1 missed, 0 none known. Regions that missed last
  year's growth target miss this year's more often (40 % met against 71 %).
- ``peer_need``: the growth per year this target requires minus the mean requirement of the
  other regions' targets for the same indicator and target year (0 with fewer than two
  peers); ``peer_base`` the same for the base value of growth-rate rows (last year's growth
  against the peers'). Targets are compared with targets, never with outcomes.
- ``rev``: for growth-rate rows, the mean of up to three earlier known values minus the base
  value (a base year far below its recent level tends to rebound: 2021 after 2020).

Kept-out rows never serve as peers or records. The engine, which scores one plan at a time,
sets them to 0 ("nothing known beyond the history"), the value the fit reads as neutral.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Context columns added to a row frame (all 0 = nothing known).
COLUMNS: tuple[str, ...] = ("prev", "peer_need", "peer_base", "rev")
#: Earlier known values averaged for the reversion feature.
REVERSION_POINTS = 3


def _record(rows: pd.DataFrame, known: pd.DataFrame) -> np.ndarray:
    """+1/-1/0: the same region's and indicator's last outcome settled by each row's base year."""
    out = np.zeros(len(rows))
    by = known.sort_values("outcome_year").groupby(["region", "indicator_key"])
    groups = {k: (g["outcome_year"].to_numpy(float), g["met"].to_numpy(bool)) for k, g in by}
    origin = rows["base_year"].fillna(rows["target_year"] - 1).to_numpy(float)
    for i, (reg, key) in enumerate(zip(rows["region"], rows["indicator_key"])):
        years, met = groups.get((reg, key), (np.empty(0), np.empty(0, bool)))
        j = np.searchsorted(years, origin[i], side="right")
        if j > 0:
            out[i] = 1.0 if met[j - 1] else -1.0
    return out


def _peer_gap(rows: pd.DataFrame, known: pd.DataFrame, col: str) -> np.ndarray:
    """``col`` minus the mean of the other regions' ``col`` for the same indicator and target year."""
    pool = known[np.isfinite(known[col].to_numpy(float))]
    g = pool.groupby(["indicator_key", "target_year"])
    tot, cnt = g[col].sum(), g[col].count()
    by_region = pool.groupby(["indicator_key", "target_year", "region"])[col].agg(["sum", "count"])
    out = np.zeros(len(rows))
    for i, r in enumerate(rows[["indicator_key", "target_year", "region", col]].itertuples(index=False)):
        k = (r[0], r[1])
        if k not in tot.index or not np.isfinite(r[3]):
            continue
        own_sum, own_n = (tuple(by_region.loc[(r[0], r[1], r[2])]) if (r[0], r[1], r[2]) in by_region.index
                          else (0.0, 0))
        n = int(cnt[k]) - int(own_n)
        if n >= 2:
            out[i] = r[3] - (float(tot[k]) - float(own_sum)) / n
    return out


def _reversion(rows: pd.DataFrame) -> np.ndarray:
    """Growth-rate rows: mean of the last known values before the base year minus the base value."""
    out = np.zeros(len(rows))
    for i, r in enumerate(rows[["type", "base_year", "base_value", "history"]].itertuples(index=False)):
        if r[0] != "growth" or not r[3] or not np.isfinite(r[1]):
            continue
        earlier = [v for y, v in r[3] if y < r[1]][-REVERSION_POINTS:]
        if earlier:
            out[i] = float(np.mean(earlier)) - float(r[2])
    return out


def add_context(rows: pd.DataFrame, base: pd.DataFrame) -> pd.DataFrame:
    """``rows`` (a row frame of ``base``) with the :data:`COLUMNS` computed from ``base``."""
    known = base[~base["kept_out"].astype(bool)]
    settled = known[known["met"].notna() & known["outcome_year"].notna()]
    growth = (rows["type"].astype(str) == "growth").to_numpy()
    peer_base = np.where(growth, _peer_gap(rows, known, "base_value"), 0.0)
    return rows.assign(prev=_record(rows, settled), peer_need=_peer_gap(rows, known, "need"),
                       peer_base=peer_base, rev=_reversion(rows))


__all__ = ["COLUMNS", "add_context"]
