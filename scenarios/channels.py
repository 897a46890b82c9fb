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
shock: a recruited talent stays recruited. What the levers reach in a region's setup
(``lever_reach``, ``disabled_levers``, ``lever_defaults``) is :mod:`scenarios.reach`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecast.data.units import PERSON_UNITS   # persons -> indicator unit (data/units.csv)


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


__all__ = ["PERSON_UNITS", "CHANNELS", "CHANNEL_VALUES", "LEVER_CHANNEL", "person_factor", "channel_of",
           "channel_masks"]
