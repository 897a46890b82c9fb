"""The years of the region on screen, read from its data: target years, horizon, data year.

Nothing here is a literal year: a shipped region's years come from ``data/``, an uploaded or
typed plan's from its own tables (``forecast.data.horizon``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import streamlit as st

from talentsim.app import compute, regions
from talentsim.app.regions import UPLOAD

if TYPE_CHECKING:
    from scenarios.setup import Setup

ss = st.session_state


def _where() -> tuple[Any, Optional[str]]:
    """(dataset, region key in it) of the region on screen; (None, None) before one is chosen."""
    if ss.get("region") is None:
        return None, None
    if ss.region == UPLOAD and ss.get("upload") is not None:
        return ss.upload.dataset, ss.get("upload_region")
    return compute.shipped_dataset(), ss.region


def region_years() -> list[int]:
    """The region's target years, ascending (one for most plans; 2027 and 2030 for some)."""
    from forecast.data.horizon import target_years

    ds, region = _where()
    if ds is None:
        return []
    if ss.region != UPLOAD:              # the shipped data do not change while the server runs
        return list(compute.shipped_target_years(region))
    return target_years(ds, region)


def horizon() -> Optional[int]:
    """The year the region on screen is simulated to: its last target year; None without one."""
    years = region_years()
    return years[-1] if years else None


def years_text(lang: str) -> str:
    """The region's target years as the page writes them ('2025'; '2027、2030')."""
    return regions.years_text(region_years(), lang)


def data_year() -> Optional[int]:
    """The last year with a value in the region's data: the page's "as of" year."""
    from forecast.data.horizon import data_year as last

    ds, region = _where()
    return None if ds is None else last(ds, region)


def scorecard_source() -> tuple:
    """(cache key, region, dataset) of the region on screen for ``compute.run_scorecard``."""
    ds, region = _where()
    key = (ss.upload.token if ss.region == UPLOAD else "shipped", region, compute.now_year())
    return key, region, ds


def upload_views() -> tuple[str, ...]:
    """An uploaded region's views: the simulation views, its scorecard when a target year has passed
    (an uploaded 14th plan with its 2025 outcomes), the data and new-plan views."""
    ds, region = _where()
    score = compute.upload_scorecard_due(ss.upload.token, region, compute.now_year(), ds)
    sims = regions.SIMULATION_VIEWS if ss.upload.setups.get(region) is not None else ()   # None: scorecard only
    return (*sims, *(("scorecard",) if score else ()), "data", "newplan")


def lever_bounds(key: str, setup: Setup | None = None) -> tuple[int, int]:
    """An integer lever's slider range: the shock year over the simulated years of ``setup``
    (base + 1 to the horizon), every other lever (or without a setup) over its registry range."""
    from scenarios import LEVERS

    lv = LEVERS[key]
    if key == "shock_year" and setup is not None:
        first, last = int(setup.years[0]) + 1, int(setup.years[-1])
        return first, max(last, first + 1)
    return int(lv.low), int(lv.high)


__all__ = ["region_years", "horizon", "years_text", "data_year", "scorecard_source", "upload_views", "lever_bounds"]
