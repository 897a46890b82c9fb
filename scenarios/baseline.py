"""Prepare a region for the engine: indicators, fitted growth laws, historic funding.

Calibration is the slow, lever-independent part, so it is cached per (data content,
region, horizon) in memory and on disk (:mod:`forecast.cache`); moving a lever never
refits anything, and editing a data file always does.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Optional

import numpy as np
import pandas as pd

from scenarios.engine import Setup

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset


def region_setup(region: str, horizon: Optional[int] = None, data_dir: Optional[str] = None, targets_only: bool = True) -> Setup:
    """Indicators of ``region`` with a usable base value, their growth laws and years.

    ``horizon`` None: the region's last target year in its data (``forecast.data.horizon``).

    Cached on the data's content (``forecast.cache.fingerprint``): an edited CSV is seen at
    the next call, in a running notebook too; unchanged data reuse the setup in memory and
    the dataset and growth laws cached on disk across runs.
    """
    from forecast.cache import fingerprint

    return _region_setup(region, horizon, data_dir, targets_only, fingerprint(data_dir))


@lru_cache(maxsize=32)
def _region_setup(region: str, horizon: Optional[int], data_dir: Optional[str], targets_only: bool, key: str) -> Setup:
    from forecast.cache import cached_dataset

    return setup_from_dataset(cached_dataset(data_dir, key), region, horizon, targets_only=targets_only,
                              cache_key=key)


def setup_from_dataset(ds: Dataset, region: str, horizon: Optional[int] = None, laws: Optional[dict] = None, *,
                       targets_only: bool = True, cache_key: Optional[str] = None) -> Setup:
    """Build a Setup from a loaded dataset (``forecast.data.Dataset``).

    With ``targets_only`` (the default) only indicators with a numeric target by the
    horizon are simulated: the context figures of the narratives stay in the data views.
    ``horizon`` None is the region's last target year (its data say which; 2025, 2030, ...).
    Targeted indicators that cannot be projected are listed in ``Setup.skipped``.
    ``cache_key`` (the data's ``forecast.cache.fingerprint``) reads and stores the fitted
    growth laws in the disk cache.
    """
    import forecast

    ind = ds.indicators[ds.indicators["region"] == region]
    if ind.empty:
        regions = ", ".join(sorted(ds.indicators["region"].unique()))
        raise ValueError(f"region {region!r} is not in the data ({ds.source}); available: {regions}")
    horizon = resolve_horizon(ds, region, horizon)
    withheld: dict[str, str] = {}
    if targets_only:
        if "target_status" in ind:
            red = ind[ind["target_status"].astype(str) == "redacted"]
            withheld = {i: "target withheld by the publisher ([略]); nothing to hit" for i in red["id"]}
        targeted = ind["target_value"].notna()
        if "target_low" in ind and "target_high" in ind:      # a range target (年均增长4.5%-5%) is a target too
            targeted |= ind["target_low"].notna() & ind["target_high"].notna()
        late = targeted & (ind["target_year"] > horizon)
        withheld |= {i: f"target year {int(y)} is after the horizon {horizon}; raise the horizon to simulate it"
                     for i, y in zip(ind.loc[late, "id"], ind.loc[late, "target_year"])}
        ind = ind[targeted & ~late]
        if ind.empty:
            raise ValueError(f"region {region!r} has no numeric target by {horizon} to simulate")
    if laws is None and cache_key is not None:
        from forecast.cache import cached_growth_laws

        laws = cached_growth_laws(ind["id"], ds, cache_key)
    elif laws is None:
        laws = forecast.growth_laws(list(ind["id"]), dataset=ds)
    skipped = withheld | dict(getattr(laws, "skipped", {}))
    skipped |= _settled(ind, laws)
    keep = [i for i in ind["id"] if i in laws and laws[i].base_year < horizon and i not in skipped]
    for i in ind["id"]:
        if i not in keep and i not in skipped:
            skipped[i] = "base year not before the horizon" if i in laws else "no base value to project from"
    if not keep:      # say why for each indicator (a 0 or 100 % value, a target before its base, ...)
        why = "; ".join(f"{i}: {skipped[i]}" for i in list(skipped)[:5]) + (" …" if len(skipped) > 5 else "")
        raise ValueError(f"region {region!r}: no indicator can be projected to {horizon} ({why})"
                         + what_works(ds, region))
    table = ind.set_index("id").loc[keep].reset_index()
    law_list = tuple(laws[i] for i in keep)
    years = np.arange(min(l.base_year for l in law_list), horizon + 1)
    funding, source = historic_funding(ds.programmes, region)
    rho = forecast.regional_correlation()
    from scenarios.relations import region_relations

    return Setup(table, law_list, years, horizon, funding, source, skipped,
                 tuple(float(x) for x in rho.draws), float(rho.estimate),
                 region_relations(getattr(ds, "relations", None), region))


def resolve_horizon(ds: Dataset, region: str, horizon: Optional[int]) -> int:
    """``horizon``, or (None) the region's last target year in ``ds``; ValueError saying what does
    run when the region has no numeric dated target."""
    if horizon is not None:
        return int(horizon)
    from forecast.data.horizon import region_horizon

    last = region_horizon(ds, region)
    if last is None:
        raise ValueError(f"region {region!r} has no numeric target with a target year to simulate"
                         + what_works(ds, region))
    return last


def _settled(ind: pd.DataFrame, laws) -> dict[str, str]:
    """Indicators with nothing left to simulate: the outcome of their target year is the base, or
    the target year is before the base."""
    out = {}
    for i, ty in zip(ind["id"], ind["target_year"]):
        if i in laws and pd.notna(ty) and ty <= laws[i].base_year:
            out[i] = (f"its {int(ty)} outcome is already in the data: see the scorecard (talentsim scorecard)"
                      if ty == laws[i].base_year else
                      f"target year {int(ty)} is before its base year {laws[i].base_year}: nothing left to simulate")
    return out


def what_works(ds: Dataset, region: str) -> str:
    """What does run for a region that cannot be simulated: its '555' programme, else its data."""
    prg = ds.programmes
    if prg is not None and not prg.empty and ((prg["region"] == region)
                                              & prg["id"].astype(str).str.endswith(".talent_fund_555")).any():
        return "; its '555' programme runs: talentsim programme555 (the page's 555 view)"
    return "; its figures are listed by talentsim data check and the page's data view"


def historic_funding(programmes: pd.DataFrame, region: str) -> tuple[Optional[float], str]:
    """Annual talent funding (亿元/年) the region's history already reflects.

    Taken from a programme row of the region that states a total in 亿元 over a fixed
    period of years (Tianhe: 超过6亿元 over the 13th FYP -> 1.2 亿元/年); a row that also
    states the talents it supported is preferred. Without such a row, rows of yearly totals
    (a typed plan's funding history: one row per year) give their mean per year. None when
    the documents give no such figure; the funding lever then has no effect in that region.
    """
    if programmes is None or programmes.empty:
        return None, ""
    p = programmes[(programmes["region"] == region)]
    if "amount_basis" in p:
        p = p[p["amount_basis"].astype(str) == "total"]
    p = p[(p["amount_unit"].astype(str) == "亿元") & p["period_years"].notna()]
    p = p[p["amount"].notna() & (p["period_years"] > 0)]
    if "persons" in p and p["persons"].notna().any():  # a funding record that also states the talents it supported
        row = p[p["persons"].notna()].iloc[0]
        return float(row["amount"]) / float(row["period_years"]), f"{row['id']}: {row['quote']}"
    if p.empty:
        return None, ""
    per_year = float(p["amount"].sum()) / float(p["period_years"].sum())
    return per_year, "; ".join(f"{i}: {q}" for i, q in zip(p["id"], p["quote"]))
