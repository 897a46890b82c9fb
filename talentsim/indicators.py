"""Which indicators get a slide or a chart of their own: one rule for the screen and the deck.

The app's presentation mode and the exported slides, HTML report and chart folder all call
:func:`key_indicators`, so a planner sees on screen the indicators the deck shows.
Nothing here imports Streamlit.
"""

from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
import pandas as pd

#: How many indicators get their own slide or chart unless the caller says otherwise.
KEY_INDICATORS = 6


def key_indicators(table: pd.DataFrame, names: Sequence[str], limit: Optional[int] = KEY_INDICATORS) -> list[str]:
    """Targeted indicators, those the scenarios move most first.

    ``table`` is laid out as ``scenarios.Comparison.table()``: ``id``, ``p_hit[<name>]`` per
    scenario and ``diff[<name>]`` for every scenario after the first (one scenario alone
    needs only ``p_hit[<name>]``). Ranked by the largest absolute difference in P(hit) from
    the first scenario, then by how close the first scenario's probability is to 50 % (the
    most uncertain), then by table order; ``limit`` caps the count (None = all targeted).
    """
    p0 = table[f"p_hit[{names[0]}]"].to_numpy(dtype=float)
    t = table[np.isfinite(p0)].reset_index(drop=True)
    if t.empty:
        return []
    diff = np.zeros(len(t))
    for n in names[1:]:
        diff = np.maximum(diff, np.abs(t[f"diff[{n}]"].to_numpy(dtype=float)))
    closeness = np.abs(t[f"p_hit[{names[0]}]"].to_numpy(dtype=float) - 0.5)
    order = sorted(range(len(t)), key=lambda i: (-round(diff[i], 6), closeness[i], i))
    ids = [t["id"].iloc[i] for i in order]
    return ids if limit is None else ids[:limit]


__all__ = ["key_indicators", "KEY_INDICATORS"]
