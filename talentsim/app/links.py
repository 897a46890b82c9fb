"""Lever values in a page link (``?funding_cny_100m_per_year=2.4``), both ways.

Nothing here imports Streamlit; ``talentsim.app.state`` reads and writes the page's link.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

from scenarios.levers import LEVERS


def lever_query(levers: Mapping[str, float]) -> dict[str, str]:
    """Lever values that differ from the ``LEVERS`` defaults, as URL parameters."""
    out = {}
    for key, lv in LEVERS.items():
        v = levers.get(key, lv.default)
        if v is None or math.isclose(float(v), float(lv.default), rel_tol=0, abs_tol=1e-12):
            continue
        out[key] = str(lv.cast(v)) if lv.integer else f"{float(v):g}"
    return out


def levers_from_query(params: Mapping[str, Any]) -> tuple[dict[str, float], list[tuple[str, str, str]]]:
    """Lever values found in URL parameters, validated against ``LEVERS``.

    Returns the values (only levers present in ``params``) and a list of
    ``(key, value, why)`` for parameters that were ignored.
    """
    values: dict[str, float] = {}
    bad: list[tuple[str, str, str]] = []
    for key, lv in LEVERS.items():
        if key not in params:
            continue
        raw = params[key]
        raw = raw[-1] if isinstance(raw, (list, tuple)) else raw
        try:
            x = float(str(raw).strip())
        except ValueError:
            bad.append((key, str(raw), "not a number"))
            continue
        if not math.isfinite(x) or not (lv.low <= x <= lv.high):
            bad.append((key, str(raw), f"outside [{lv.low:g}, {lv.high:g}] {lv.unit}"))
            continue
        values[key] = lv.snap(x)
    return values, bad


__all__ = ["lever_query", "levers_from_query"]
