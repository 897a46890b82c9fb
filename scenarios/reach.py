"""What the levers reach in a region's setup: the simulated indicators each lever moves, the
levers that move nothing there (and why), and the region's own lever defaults.

Built on the per-indicator channel masks of :mod:`scenarios.channels` and the relations'
propagation held by the :class:`~scenarios.setup.Setup`; the reason keys live in the message
catalogue's ``levers`` section.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from scenarios.channels import LEVER_CHANNEL
from scenarios.levers import FUNDING_LEVERS, LEVERS
from scenarios.setup import Setup

#: reason keys (talentsim/messages/catalogue/exports.py, the lever-reach part)
NO_FUNDING_HISTORY = "lever_off_no_funding_history"
NO_INDICATOR = "lever_off_no_indicator"
DOES_NOT_MOVE = "lever_does_not_move"


def lever_reach(setup: Setup) -> dict[str, list[str]]:
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


def disabled_levers(setup: Setup) -> dict[str, str]:
    """Lever -> reason key for every lever that moves nothing here (keys in the ``levers`` catalogue section)."""
    reach = lever_reach(setup)
    out = {}
    for lever in LEVER_CHANNEL:
        if lever in FUNDING_LEVERS and setup.historic_funding is None:
            out[lever] = NO_FUNDING_HISTORY
        elif not reach[lever]:
            out[lever] = NO_INDICATOR
    return out


def moves(setup: Setup, lever: str, indicator: str) -> bool:
    """Whether ``lever`` moves ``indicator`` at all (parameters move what the funding moves)."""
    if lever in LEVER_CHANNEL:
        return indicator in lever_reach(setup)[lever]
    return LEVERS[lever].group == "parameter"


def check_sector_inflow(setup: Setup, sector_inflow: dict[str, float] | None) -> None:
    """Refuse a sector inflow into an indicator that is not a simulated people stock here (a
    mistyped id would otherwise change nothing and look as if it applied)."""
    stocks = [i for i, m in zip(setup.ids, setup.arrays()["ch_attrition"]) if m]
    bad = sorted(set(sector_inflow or {}) - set(stocks) - set(setup.skipped))
    if bad:
        raise ValueError(f"sector_inflow names {', '.join(bad)}, not a simulated people stock of this region; "
                         f"choose among: {', '.join(stocks)}")


def lever_defaults(setup: Setup) -> dict[str, Optional[float]]:
    """Region-specific lever defaults: funding at the region's own figure, the shock two years after its base."""
    own = {"funding_cny_100m_per_year": setup.historic_funding, "shock_year": setup.default_shock_year}
    return {k: own.get(k, lv.default) for k, lv in LEVERS.items()}


__all__ = ["lever_reach", "disabled_levers", "moves", "lever_defaults", "check_sector_inflow",
           "NO_FUNDING_HISTORY", "NO_INDICATOR", "DOES_NOT_MOVE"]
