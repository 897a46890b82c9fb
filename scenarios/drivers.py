"""The driver tree of a region: which lever reaches which indicator, by which relation, and by how much.

:func:`driver_edges` lists the tree (lever → the indicators it acts on directly, then the
relations of ``data/relations.csv`` among the simulated indicators) with each edge's
coefficient, range and basis. :func:`lever_effects` sizes each lever's effect at the
scenario's current setting: the median change it makes by the target year, with the
coefficients at their central value and at the low and high ends of their ranges, and the
10–90 % spread over paths (for funding: the cost per talent and additionality). Each lever
is measured alone against the scenario with that lever at its neutral value, on common
random numbers.
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pandas as pd

from scenarios.channels import channel_masks
from scenarios.economics import funding_active
from scenarios.engine import Setup, apply_levers, baseline_levels, draw_paths
from scenarios.relations import propagation
from scenarios.spec import Scenario

#: lever groups and the lever values that switch each off (the others keep the scenario's values)
GROUPS: dict[str, dict[str, object]] = {
    "funding": {"funding_cny_100m_per_year": None, "funding_change_pct": 0.0, "funding_growth_pct_per_year": 0.0},
    "programme_places": {"programme_places_per_year": 0.0},
    "inflow": {"inflow_10k_per_year": 0.0},
}
_DIRECT = {"funding": "funding", "programme_places": "funding", "inflow": "inflow"}


def driver_edges(setup: Setup, sector_inflow: Optional[dict[str, float]] = None) -> pd.DataFrame:
    """Edges of the driver tree: ``source`` (a lever group or an indicator id), ``target``,
    ``kind`` (``direct`` or a relation kind), ``coef``, ``coef_low``, ``coef_high``, ``basis``,
    ``relation`` (its id). Only indicators simulated here appear."""
    masks = channel_masks(setup.indicators)
    rows = []
    for group, ch in _DIRECT.items():
        if group == "funding" and setup.historic_funding is None:
            continue
        for i in np.array(setup.ids)[masks[ch]]:
            rows.append({"source": group, "target": str(i), "kind": "direct", "coef": 1.0, "coef_low": 1.0,
                         "coef_high": 1.0, "basis": "channel", "relation": ""})
    for i in sorted(sector_inflow or {}):
        if i in setup.ids:
            rows.append({"source": "sector_inflow", "target": i, "kind": "direct", "coef": 1.0, "coef_low": 1.0,
                         "coef_high": 1.0, "basis": "channel", "relation": ""})
    prop = propagation(setup.ids, setup.relations)
    if prop.ids:
        rel = setup.relations.set_index("id").loc[list(prop.ids)].reset_index()
        for r in rel.itertuples():
            source, target = r.child, r.parent
            if r.kind == "sector_of":                      # the total's people flow down to the sector
                source, target = r.parent, r.child
            rows.append({"source": source, "target": target, "kind": r.kind, "coef": float(r.coef),
                         "coef_low": _or(r.coef_low, r.coef), "coef_high": _or(r.coef_high, r.coef),
                         "basis": r.basis if "basis" in rel else "", "relation": r.id})
    return pd.DataFrame(rows, columns=["source", "target", "kind", "coef", "coef_low", "coef_high", "basis",
                                       "relation"])


def _or(v: object, default: object) -> float:
    return float(default) if v is None or not np.isfinite(float(v)) else float(v)


def _baseline(setup: Setup, paths: int, seed: int, scenario: Scenario) -> tuple[Any, np.ndarray]:
    """The draws and baseline levels :func:`lever_effects` compares levers on: they depend on the
    setup, paths, seed, correlation and overrides, not on the lever values, so they are kept for the
    last few setups (a lever move on the page sizes the effects again with the same ones). Read only."""
    key = (paths, seed, scenario.levers.regional_correlation,
           tuple(sorted((k, tuple(sorted(o.model_dump().items()))) for k, o in scenario.overrides.items())))
    memo = setup.__dict__.setdefault("_effects_baseline", {})
    if key not in memo:
        if len(memo) >= 4:
            memo.clear()
        d = draw_paths(setup, 0, paths, seed)
        memo[key] = (d, baseline_levels(setup, d, scenario.levers.regional_correlation, None, scenario.overrides))
    return memo[key]


def lever_effects(scenario: Scenario, setup: Optional[Setup] = None, *, paths: int = 4096,
                  seed: Optional[int] = None) -> pd.DataFrame:
    """Each acting lever's effect on each indicator it moves, at the scenario's current values.

    Columns: ``lever`` (group), ``indicator``, ``unit``, ``year``, ``effect`` (median change by
    the target year, or the horizon, central coefficients), ``effect_low`` / ``effect_high``
    (coefficients at the ends of their ranges), ``p10`` / ``p90`` (spread over paths), and
    ``relative_pct`` (effect over the median baseline value, in %). Levers at their neutral
    value are left out: they move nothing now.
    """
    from scenarios.baseline import region_setup

    setup = setup or region_setup(scenario.region, scenario.horizon, scenario.data_dir)
    d, base = _baseline(setup, paths, scenario.seed if seed is None else seed, scenario)
    ind = setup.indicators
    years = np.where(np.isfinite(ind["target_year"].to_numpy(dtype=float)),
                     np.minimum(ind["target_year"].to_numpy(dtype=float), setup.horizon), setup.horizon)
    at = np.searchsorted(setup.years, years)
    k = np.arange(len(setup.ids))
    arrays = {b: setup.arrays(b) for b in ("coef", "low", "high")}
    rows = []
    on, budget, sector = scenario.levers, scenario.budget, scenario.sector_inflow
    for group, off in (*GROUPS.items(), ("sector_inflow", {})):
        if group == "funding" and not (funding_active(on, setup.historic_funding, budget)):
            continue
        if group == "sector_inflow" and not any(v for v in sector.values()):
            continue
        if group not in ("funding", "sector_inflow") and all(getattr(on, key) == v for key, v in off.items()):
            continue
        neutral = (on.model_copy(update=off), {} if group == "funding" else budget,
                   {} if group == "sector_inflow" else sector)
        refs = {b: apply_levers(setup, base, d, neutral[0], arrays[b], budget=neutral[1],
                                sector_inflow=neutral[2])[:, at, k] for b in arrays}
        diff = {b: apply_levers(setup, base, d, on, arrays[b], budget=budget, sector_inflow=sector)[:, at, k]
                - refs[b] for b in arrays}
        ref = refs["coef"]
        mid = np.median(diff["coef"], axis=0)
        for j in np.nonzero(np.abs(mid) > 0)[0]:
            rows.append({"lever": group, "indicator": setup.ids[j], "unit": ind["unit"].iloc[j],
                         "year": int(years[j]), "effect": float(mid[j]),
                         "effect_low": float(np.median(diff["low"][:, j])),
                         "effect_high": float(np.median(diff["high"][:, j])),
                         "p10": float(np.quantile(diff["coef"][:, j], 0.1)),
                         "p90": float(np.quantile(diff["coef"][:, j], 0.9)),
                         "relative_pct": float(100 * mid[j] / np.median(ref[:, j]))})
    return pd.DataFrame(rows, columns=["lever", "indicator", "unit", "year", "effect", "effect_low", "effect_high",
                                       "p10", "p90", "relative_pct"])


__all__ = ["driver_edges", "lever_effects", "GROUPS"]
