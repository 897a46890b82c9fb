"""The yearly budget and the inflow by sector: the two lever schedules a planner types in tables.

A scenario carries them as ``Scenario.budget`` {year: 亿元} and ``Scenario.sector_inflow``
{indicator id: 万人 a year} (``scenarios.spec``); the engine applies them
(``scenarios.engine.apply_levers``). The page keeps the values it applies in the session
(:data:`BUDGET`, :data:`SECTOR`), fills them from the starting scenario
(:func:`load`) and changes them only from a table edit that is valid as a whole
(:func:`parse_edits`): one bad cell and nothing is applied.

Nothing here draws: ``talentsim.app.views.schedules`` draws the tables.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

import numpy as np
import streamlit as st

from scenarios import LEVERS
from scenarios.economics import spend_path

if TYPE_CHECKING:
    from scenarios.setup import Setup
    from scenarios.spec import Levers, Scenario

ss = st.session_state
#: session keys of the applied schedules, and of the tables' generation (a new one = fresh tables)
BUDGET, SECTOR, VERSION = "lever_budget", "lever_sector_inflow", "_schedule_ver"
#: the range a yearly budget and a sector inflow must lie in (the funding and inflow levers')
BUDGET_LEVER, SECTOR_LEVER = LEVERS["funding_cny_100m_per_year"], LEVERS["inflow_10k_per_year"]
#: a problem with one cell: (row label as shown, value as typed, catalogue key of the reason)
Problem = tuple[str, str, str]


def load(sc: Scenario) -> None:
    """Make ``sc``'s schedules the applied ones and start fresh tables."""
    ss[BUDGET] = {int(y): float(v) for y, v in sc.budget.items()}
    ss[SECTOR] = {str(k): float(v) for k, v in sc.sector_inflow.items()}
    renew()


def renew() -> None:
    """Drop the tables' pending edits (a new generation of table widgets)."""
    ss[VERSION] = int(ss.get(VERSION, 0)) + 1


def applied() -> tuple[dict[int, float], dict[str, float]]:
    return dict(ss.get(BUDGET) or {}), dict(ss.get(SECTOR) or {})


def here(setup_fn: Callable[[], Setup]) -> dict:
    """The applied yearly budget, and the sector inflows into sectors of ``setup_fn()``'s region
    (a scenario's fields ``budget`` and ``sector_inflow``)."""
    budget, sector = applied()
    try:
        sector = for_region(sector, sectors(setup_fn()))
    except Exception:  # noqa: BLE001 - a region that cannot be set up has no sectors
        sector = {}
    return {"budget": budget, "sector_inflow": sector}


def budget_years(setup: Setup) -> list[int]:
    """The years a budget can be set in: after the base year of the indicators funding reaches
    (the engine's year 0) up to the horizon; none where funding does not act."""
    a = setup.arrays()
    fund = np.asarray(a["ch_funding"], dtype=bool)
    if setup.historic_funding is None or not fund.any():
        return []
    start = int(np.min(a["base_year"][fund]))
    return list(range(start + 1, int(np.max(setup.years)) + 1))


def slider_spend(setup: Setup, levers: Levers, years: list[int]) -> list[float]:
    """亿元 spent in each of ``years`` by the level and growth sliders alone (no budget)."""
    if not years:
        return []
    start = years[0] - 1
    path = spend_path(levers, setup.historic_funding, years[-1] - start)
    return [float(path[y - start]) for y in years]


#: sectors found per setup (a setup is immutable and cached by the page): id -> (setup, sectors)
_SECTORS: dict[int, tuple[Any, tuple[str, ...]]] = {}


def sectors(setup: Setup) -> list[str]:
    """The region's sectors a sector inflow can go to: simulated people stocks that are the child of
    a ``sector_of`` relation (data/relations.csv), in the region's order. Found once per setup:
    the page asks on every rerun, and a lever move must stay fast."""
    hit = _SECTORS.get(id(setup))
    if hit is not None and hit[0] is setup:
        return list(hit[1])
    rel = setup.relations
    kids = set() if rel is None or len(rel) == 0 else set(rel.loc[rel["kind"] == "sector_of", "child"])
    stock = setup.arrays()["ch_attrition"]
    found = tuple(i for i, m in zip(setup.ids, stock) if m and i in kids)
    if len(_SECTORS) >= 8:   # the page keeps few setups; do not keep old ones alive
        _SECTORS.clear()
    _SECTORS[id(setup)] = (setup, found)
    return list(found)


def parse_edits(edited_rows: Mapping[Any, Mapping[str, Any]], rows: list, labels: list[str], column: str, *,
                high: float) -> tuple[dict[Any, float | None], list[Problem]]:
    """The values a table edit sets, by row key (None = cleared: use the default), and its problems.

    ``rows`` are the table's row keys (years or indicator ids) and ``labels`` how each row is
    named to the reader; ``column`` is the editable column. A value must be a finite number in
    [0, ``high``]: otherwise its row comes back as a problem (catalogue key ``sch_why_*``)."""
    changes: dict[Any, float | None] = {}
    problems: list[Problem] = []
    for pos, cells in sorted((edited_rows or {}).items(), key=lambda kv: int(kv[0])):
        pos = int(pos)
        if not 0 <= pos < len(rows) or column not in (cells or {}):
            continue
        raw = cells[column]
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            changes[rows[pos]] = None
            continue
        shown = str(raw)[:30]
        try:
            x = float(str(raw).strip())   # "1,5" is refused: a decimal comma or a thousands separator?
        except ValueError:
            problems.append((labels[pos], shown, "sch_why_not_number"))
            continue
        if not math.isfinite(x):
            problems.append((labels[pos], shown, "sch_why_not_number"))
        elif x < 0:
            problems.append((labels[pos], shown, "sch_why_negative"))
        elif x > high:
            problems.append((labels[pos], shown, "sch_why_above"))
        else:
            changes[rows[pos]] = x
    return changes, problems


def merged(current: Mapping, changes: Mapping) -> dict:
    """``current`` with ``changes`` applied (None removes a row's value)."""
    out = dict(current)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def for_region(sector_inflow: Mapping[str, float], ids: Iterable[str]) -> dict[str, float]:
    """The sector inflows that go to sectors of the region on screen (others would be refused)."""
    here = set(ids)
    return {k: v for k, v in sector_inflow.items() if k in here and v}


__all__ = ["BUDGET", "SECTOR", "VERSION", "load", "renew", "applied", "here", "budget_years", "slider_spend", "sectors",
           "parse_edits", "merged", "for_region"]
