"""A region's horizon, read from its data: target years, the plan's base year, "as of" a data year.

Nothing about years is hard-coded: a region's target years are the ``target_year`` cells of
its numeric, published targets (a region may have two, e.g. 2027 and 2030); its horizon is
the last of them; the data year is the last observation year. ``as_of`` cuts a dataset to
the observations published by a year, so every probability can be recomputed from the data
a planner had then (rolling forward: a new 2026 value moves every probability).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Optional

import pandas as pd

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset

#: Years of a five-year plan: its base is the year before the period starts.
PLAN_YEARS = 5


def _targets(ds: Any, region: str) -> pd.DataFrame:
    """Indicators of ``region`` with a numeric, published target (a value or a range) and a target year."""
    ind = ds.indicators[ds.indicators["region"] == region]
    ranged = (ind["target_low"].notna() & ind["target_high"].notna()) if {"target_low", "target_high"} <= set(ind) \
        else False
    ind = ind[(ind["target_value"].notna() | ranged) & ind["target_year"].notna()]
    if "target_status" in ind:
        ind = ind[ind["target_status"].astype(str) != "redacted"]
    return ind


def target_years(ds: Dataset, region: str) -> list[int]:
    """The distinct target years of a region's numeric targets, ascending (empty: none)."""
    return sorted({int(y) for y in _targets(ds, region)["target_year"]})


def region_horizon(ds: Dataset, region: str) -> Optional[int]:
    """The last target year of a region (None when it has no numeric dated target)."""
    years = target_years(ds, region)
    return years[-1] if years else None


def data_year(ds: Dataset, region: Optional[str] = None) -> Optional[int]:
    """The last year with an observed value (of ``region``, or of the whole dataset)."""
    obs = ds.observations
    obs = obs[obs["value"].notna()]
    if region is not None:
        obs = obs[obs["id"].astype(str).str.split(".").str[0] == region]
    return int(obs["year"].max()) if not obs.empty else None


def as_of(ds: Dataset, year: Optional[int]) -> Any:
    """The dataset as it stood in ``year``: observations after it dropped (None: unchanged)."""
    if year is None:
        return ds
    obs = ds.observations
    return replace(ds, observations=obs[obs["year"] <= int(year)].reset_index(drop=True),
                   source=f"{ds.source} (as of {int(year)})")


def plan_base_year(ds: Dataset, indicator_id: str, target_year: int) -> Optional[int]:
    """The data year a plan's probability for this target is judged from: the last observation
    no later than ``target_year - 5`` (a five-year plan's base), else the last before the target year."""
    obs = ds.observations
    years = obs.loc[(obs["id"] == indicator_id) & obs["value"].notna(), "year"].astype(int)
    early = years[years <= target_year - PLAN_YEARS]
    if not early.empty:
        return int(early.max())
    before = years[years < target_year]
    return int(before.max()) if not before.empty else None


def region_row(ds: Dataset, region: str) -> dict:
    """The region's row of ``regions.csv`` as a dict (empty when the dataset has none)."""
    reg = getattr(ds, "regions", None)
    if reg is None or reg.empty or "region" not in reg:
        return {}
    hit = reg[reg["region"] == region]
    return {} if hit.empty else {k: (None if pd.isna(v) else v) for k, v in hit.iloc[0].items()}


def why_not_simulable(ds: Dataset, region: str) -> Optional[tuple[str, dict]]:
    """Why a region cannot be simulated, as (code, fields), or None when it can.

    Codes: ``no_dated_target`` (no numeric target with a year), ``settled`` (every target's
    outcome is already in the data: the scorecard shows them), ``no_base`` (no observation
    before the horizon). The caller words them (``talentsim.messages``).
    """
    tg = _targets(ds, region)
    if tg.empty:
        return "no_dated_target", {"region": region}
    horizon = int(tg["target_year"].max())
    obs = ds.observations
    obs = obs[obs["value"].notna() & obs["id"].isin(tg["id"])]
    if "status" in obs:
        obs = obs[obs["status"].astype(str) != "redacted"]
    last = obs.groupby("id")["year"].max()
    target = tg.set_index("id")["target_year"].astype(int)
    if (last < target.reindex(last.index)).any():
        return None
    if (obs["year"] < horizon).any():        # a base there was; every target's outcome has come since
        return "settled", {"region": region, "year": horizon}
    return "no_base", {"region": region, "year": horizon}


__all__ = ["PLAN_YEARS", "target_years", "region_horizon", "data_year", "as_of", "plan_base_year", "region_row",
           "why_not_simulable"]
