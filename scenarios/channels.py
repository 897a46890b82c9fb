"""Which indicators each lever moves, read from the data's ``channel`` column.

``data/indicators.csv`` says per indicator how levers reach it (``channel``):

- ``people``: a stock of people. Attrition and the shock scale it.
- ``talent_total``: a people stock that is a region's talent total: besides attrition and
  the shock, the net-inflow lever (万人 of talents in general) arrives here, and travels on
  by the region's relations (``scenarios.relations``: to the total's sectors by their
  shares and to the ratios it enters). Which stock that is, is data (indicators.csv).
- ``numerator``: a ratio whose numerator is people (R&D staff per 10k, high-skill share).
  Attrition and the shock scale the numerator and the ratio follows (denominator held);
  a share stays below 100 %.
- ``selectees``: a count of programme selectees. Funding adds places
  (``scenarios.economics``); attrition and the shock scale a level count too.
- ``none``: no lever reaches it (organisations, money, counts, flows).

Cumulative counts (five-year and period totals) get funded places but no attrition or
shock: a recruited talent stays recruited. The planner-facing API: ``lever_reach``,
``disabled_levers`` (reason keys live in the message catalogue's ``levers`` section),
``lever_defaults`` (the region's own funding).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import numpy as np
import pandas as pd

from scenarios.levers import FUNDING_LEVERS, LEVERS

if TYPE_CHECKING:
    from scenarios.engine import Setup

#: persons -> indicator unit
PERSON_UNITS: dict[str, float] = {"人": 1.0, "名": 1.0, "位": 1.0, "万人": 1e-4}
CHANNELS = ("funding", "inflow", "attrition", "shock", "numerator")
CHANNEL_VALUES = ("people", "talent_total", "numerator", "selectees", "none")
CUMULATIVE = ("five_year_total", "period_total", "cumulative")
#: lever -> the channel mask it acts through
LEVER_CHANNEL: dict[str, tuple[str, ...]] = {
    "funding_cny_100m_per_year": ("funding",), "funding_change_pct": ("funding",),
    "funding_growth_pct_per_year": ("funding",), "inflow_10k_per_year": ("inflow",),
    "programme_places_per_year": ("funding",),
    "attrition_pct_per_year": ("attrition", "numerator"), "shock_pct": ("shock", "numerator"),
    "shock_year": ("shock", "numerator"),
}
#: reason keys (talentsim/messages/catalogue/exports.py, the lever-reach part)
NO_FUNDING_HISTORY = "lever_off_no_funding_history"
NO_INDICATOR = "lever_off_no_indicator"
DOES_NOT_MOVE = "lever_does_not_move"


def person_factor(indicators: pd.DataFrame) -> np.ndarray:
    """Factor converting a number of persons into each indicator's unit (NaN if not people)."""
    return np.array([PERSON_UNITS.get(u, np.nan) for u in indicators["unit"]], dtype=float)


def channel_of(indicators: pd.DataFrame) -> np.ndarray:
    """The ``channel`` column; refuses a value outside ``CHANNEL_VALUES``, naming the row.

    The column is optional in uploads: where it (or a cell) is empty, a ``people`` level
    stock is ``people`` and anything else ``none`` — never ``selectees``, so funding
    reaches only what a data file says it reaches.
    """
    derived = np.where((indicators.get("type", pd.Series("", index=indicators.index)).astype(str) == "people")
                       & (indicators.get("measure", pd.Series("level", index=indicators.index)).astype(str) == "level"),
                       "people", "none")
    given = indicators["channel"] if "channel" in indicators else pd.Series(np.nan, index=indicators.index)
    ch = np.where(given.isna() | (given.astype(str).str.strip() == ""), derived, given.astype(str))
    bad = [f"{i}: {c!r}" for i, c in zip(indicators["id"], ch) if c not in CHANNEL_VALUES]
    if bad:
        raise ValueError(f"indicators.csv channel must be one of {', '.join(CHANNEL_VALUES)}; got " + "; ".join(bad))
    return ch


def channel_masks(indicators: pd.DataFrame) -> dict[str, np.ndarray]:
    """Boolean mask per lever channel over the rows of ``indicators``."""
    ch = channel_of(indicators)
    measure = indicators.get("measure", pd.Series("level", index=indicators.index)).astype(str).to_numpy()
    level, cumulative = measure == "level", np.isin(measure, CUMULATIVE)
    people = np.isfinite(person_factor(indicators))
    stock = np.isin(ch, ("people", "talent_total", "selectees")) & level & people
    return {
        "funding": (ch == "selectees") & people & (level | cumulative),
        "inflow": (ch == "talent_total") & level & people,
        "attrition": stock,
        "shock": stock,
        "numerator": (ch == "numerator") & level,
        "cumulative": cumulative,
    }


def lever_reach(setup: "Setup") -> dict[str, list[str]]:
    """Lever -> ids of the simulated indicators it moves (empty list: it moves none), the
    indicators its people reach through the region's relations included."""
    a = setup.arrays()
    masks = {c: a[f"ch_{c}"] for c in ("funding", "inflow", "attrition", "shock", "numerator")}
    ids = np.array(setup.ids)
    prop = a["propagation"]
    out: dict[str, list[str]] = {}
    for lever, chans in LEVER_CHANNEL.items():
        m = np.zeros(len(ids), dtype=bool)
        for c in chans:
            m |= masks[c]
        if "funding" in chans or "inflow" in chans:
            m = prop.reach(m)
        if lever in FUNDING_LEVERS and setup.historic_funding is None:
            m[:] = False
        out[lever] = [str(i) for i in ids[m]]
    return out


def disabled_levers(setup: "Setup") -> dict[str, str]:
    """Lever -> reason key for every lever that moves nothing here (keys in the ``levers`` catalogue section)."""
    reach = lever_reach(setup)
    out = {}
    for lever in LEVER_CHANNEL:
        if lever in FUNDING_LEVERS and setup.historic_funding is None:
            out[lever] = NO_FUNDING_HISTORY
        elif not reach[lever]:
            out[lever] = NO_INDICATOR
    return out


def moves(setup: "Setup", lever: str, indicator: str) -> bool:
    """Whether ``lever`` moves ``indicator`` at all (parameters move what the funding moves)."""
    if lever in LEVER_CHANNEL:
        return indicator in lever_reach(setup)[lever]
    return LEVERS[lever].group == "parameter"


def check_sector_inflow(setup: "Setup", sector_inflow: dict[str, float] | None) -> None:
    """Refuse a sector inflow into an indicator that is not a simulated people stock here (a
    mistyped id would otherwise change nothing and look as if it applied)."""
    stocks = [i for i, m in zip(setup.ids, setup.arrays()["ch_attrition"]) if m]
    bad = sorted(set(sector_inflow or {}) - set(stocks) - set(setup.skipped))
    if bad:
        raise ValueError(f"sector_inflow names {', '.join(bad)}, not a simulated people stock of this region; "
                         f"choose among: {', '.join(stocks)}")


def lever_defaults(setup: "Setup") -> dict[str, Optional[float]]:
    """Region-specific lever defaults: funding at the region's own figure, the shock two years after its base."""
    own = {"funding_cny_100m_per_year": setup.historic_funding, "shock_year": setup.default_shock_year}
    return {k: own.get(k, lv.default) for k, lv in LEVERS.items()}


__all__ = ["PERSON_UNITS", "CHANNELS", "CHANNEL_VALUES", "LEVER_CHANNEL", "person_factor", "channel_of",
           "channel_masks", "lever_reach", "disabled_levers", "moves", "lever_defaults", "check_sector_inflow",
           "NO_FUNDING_HISTORY", "NO_INDICATOR", "DOES_NOT_MOVE"]
