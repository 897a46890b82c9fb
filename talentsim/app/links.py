"""Lever values and view settings in a page link (``?funding_cny_100m_per_year=2.4``), both ways.

View settings: the comparison (``compare=preset:baseline/saved:mine``; "/" cannot occur in a
scenario's name), the solver's indicator, lever and probability, the presentation's slide.

Nothing here imports Streamlit; ``talentsim.app.state`` reads and writes the page's link.
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Mapping

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


#: separator of the compared scenarios in ``compare=``
SEP = "/"
#: the solver's probabilities (percent): its slider's range and step
SOLVE_PROBS = range(50, 96, 5)


def settings_query(state: Mapping[str, Any]) -> dict[str, str]:
    """The comparison and the solver's settings of ``state`` (session state) as URL parameters."""
    out = {}
    if state.get("compare_with") is not None:
        out["compare"] = SEP.join(state["compare_with"])
    for key in ("solve_indicator", "solve_lever", "solve_prob"):
        if state.get(key) is not None:
            out[key] = str(state[key])
    return out


def settings_from_query(params: Mapping[str, Any], sources: Iterable[str], indicators: Iterable[str],
                        levers: Iterable[str], paths: Iterable[int] = ()) -> tuple[dict[str, Any],
                                                                               list[tuple[str, str, str]]]:
    """Session-state values for the settings in ``params``, each checked against what exists
    (scenario sources, the region's indicators, the solver's levers and probabilities, the
    path counts offered).

    Returns the values and ``(key, value, why)`` for parameters (or compared scenarios) ignored.
    """
    sources, indicators, levers, paths = list(sources), set(indicators), list(levers), tuple(paths)
    out: dict[str, Any] = {"step": 0}
    bad: list[tuple[str, str, str]] = []
    if "compare" in params:
        items = [x for x in str(params["compare"]).split(SEP) if x]
        out["compare_with"] = [x for x in items if x in sources]
        bad += [("compare", x, "unknown scenario") for x in items if x not in sources]
    if "solve_indicator" in params:
        if params["solve_indicator"] in indicators:
            out["solve_indicator"] = params["solve_indicator"]
        else:
            bad.append(("solve_indicator", str(params["solve_indicator"]), "not an indicator of this region"))
    if "solve_lever" in params:
        if params["solve_lever"] in levers:
            out["solve_lever"] = params["solve_lever"]
        else:
            bad.append(("solve_lever", str(params["solve_lever"]), f"choose one of {', '.join(levers)}"))
    for key, allowed, why in (("solve_prob", SOLVE_PROBS, f"choose one of {SOLVE_PROBS.start}, "
                                                          f"{SOLVE_PROBS.start + SOLVE_PROBS.step}, …, 95"),
                              ("step", range(0, 10_000), "not a slide number"),
                              ("paths", paths, f"choose one of {paths}")):
        if key in params:
            try:
                value = int(str(params[key]).strip())
            except ValueError:
                value = None
            if value in allowed:
                out[key] = value
            else:
                bad.append((key, str(params[key]), why))
    return out, bad


__all__ = ["lever_query", "levers_from_query", "settings_query", "settings_from_query", "SEP", "SOLVE_PROBS"]
