"""Which regions the page offers, what each is called and which views it has: read from the data.

A region is offered when its indicators can be simulated (a numeric target by the
horizon and an observation before it) or when its programmes hold the '555' talent fund
(``*.talent_fund_555``, which ``scenarios.programme555`` simulates). Names come from the
message catalogue (``region_<key>``), else the key itself. Nothing here imports Streamlit.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

from talentsim.messages import CATALOGUE, t

#: The region key of a user's own uploaded data.
UPLOAD = "upload"
#: Views of a region whose indicators can be simulated, and of the 555 programme.
SIMULATION_VIEWS = ("overview", "indicator", "compare", "solve")
PROGRAMME_VIEWS = ("p555",)
ALL_VIEWS = (*SIMULATION_VIEWS, *PROGRAMME_VIEWS, "data", "newplan", "methods")
#: Id ending of the programme row that ``scenarios.programme555`` simulates.
PROGRAMME_555 = ".talent_fund_555"


def simulable_regions(ds: Any, horizon: int) -> list[str]:
    """Regions (in data order) with a numeric target by ``horizon`` and a value before it."""
    ind = ds.indicators
    ind = ind[ind["target_value"].notna() & (ind["target_year"] <= horizon)]
    if "target_status" in ind:
        ind = ind[ind["target_status"].astype(str) != "redacted"]
    obs = ds.observations
    based = set(obs.loc[obs["value"].notna() & (obs["year"] < horizon), "id"])
    ok = set(ind.loc[ind["id"].isin(based), "region"])
    return [r for r in dict.fromkeys(ds.indicators["region"]) if r in ok]


def programme_regions(ds: Any) -> list[str]:
    """Regions whose programmes hold the '555' talent fund."""
    prg = ds.programmes
    if prg is None or prg.empty:
        return []
    return list(dict.fromkeys(prg.loc[prg["id"].astype(str).str.endswith(PROGRAMME_555), "region"]))


def offered_regions(ds: Any, horizon: int) -> list[str]:
    """Every region the page offers from ``ds``, in the order of the indicators table."""
    keep = set(simulable_regions(ds, horizon)) | set(programme_regions(ds))
    return [r for r in dict.fromkeys(ds.indicators["region"]) if r in keep]


def region_views(region: str, ds: Any, horizon: int) -> tuple[str, ...]:
    """The views of one region: simulation views if it can be simulated, the 555 view if it
    holds the programme, and always the data view. An uploaded region is simulated."""
    views: tuple[str, ...] = ()
    if region == UPLOAD or region in simulable_regions(ds, horizon):
        views += SIMULATION_VIEWS
    if region != UPLOAD and region in programme_regions(ds):
        views += PROGRAMME_VIEWS
    return (*views, "data", "newplan", "methods")


def region_label(key: str, lang: str, upload_name: str = "") -> str:
    """A region's name in ``lang``: the catalogue's ``region_<key>``, else the key itself."""
    if key == UPLOAD:
        return t("region_upload", lang, name=upload_name)
    return t(f"region_{key}", lang) if f"region_{key}" in CATALOGUE else key


def default_solve_indicator(setup: Any, ids: Sequence[str]) -> str:
    """The indicator the solver starts on: of ``ids``, the one on which one funded talent
    weighs most (the funding channel's persons per unit of the base value); else the first."""
    from scenarios.channels import channel_masks, person_factor

    ind = setup.indicators
    funded = channel_masks(ind)["funding"]
    base = np.array([abs(law.base_value) for law in setup.laws], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = np.where(funded & (base > 0), person_factor(ind) / base, -np.inf)
    weights = pd.Series(weight, index=ind["id"]).reindex(list(ids)).fillna(-np.inf)
    return str(weights.idxmax()) if np.isfinite(weights.max()) else str(ids[0])


__all__ = ["UPLOAD", "SIMULATION_VIEWS", "PROGRAMME_VIEWS", "ALL_VIEWS", "simulable_regions", "programme_regions",
           "offered_regions", "region_views", "region_label", "default_solve_indicator"]
