"""Target-setting: the target a plan can promise with a given probability, and how ambitious a
proposed target is.

From a :class:`~scenarios.simulate.Simulation`, the value each kept path compares with its
target (``engine.target_values``: the target year's value, a 年均 growth target's period
average) gives, per indicator,

* the target met with probability p: for a floor (``>=``, ``>``, an "about" target of a
  more-is-better indicator) the (1 - p) quantile of that value, for a ceiling (``<=``, ``<``)
  the p quantile; rounded to the unit's printed precision (:data:`ROUNDING`) in the safe
  direction (a floor down, a ceiling up), so the rounded target is met with at least p;
* for a proposed target, its probability and its ambition among real plans' targets
  (:mod:`forecast.outcomes.ambition`): the percentile of its need (growth a year on the working scale)
  and how often targets at least as ambitious were met.

Vectorised over paths (``np.quantile`` and array comparisons); the loops run over indicators.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Optional, Sequence, Unpack

import numpy as np
import pandas as pd

from forecast.outcomes.ambition import ambition_rank, load_needs
from forecast.data.units import ROUNDING   # printed precision of a target by unit (data/units.csv)
from forecast.targets import target_met, target_of
from scenarios.options import RunFields, RunOptions
from scenarios.periods import averaged
from scenarios.spec import Scenario

if TYPE_CHECKING:
    from forecast.law import GrowthLaw
    from scenarios.simulate import Simulation

PROBS: tuple[float, ...] = (0.5, 0.8, 0.9)


def direction(row: Mapping) -> str:
    """``"floor"`` (more is the aim), ``"ceiling"`` or ``""`` (a two-sided "about" target)."""
    op = str(row.get("target_op", "") or "")
    if op in (">=", ">"):
        return "floor"
    if op in ("<=", "<"):
        return "ceiling"
    more = target_of(row)["more_is_better"]
    if op == "=":
        return "floor" if more else ""
    return "floor" if more else "ceiling"


def _is_range(tg: Mapping) -> bool:
    return tg.get("low") is not None and tg.get("high") is not None


def stated_target(row: Mapping) -> float:
    """The stated target as one number: its value, or for a range the edge that counts (the low
    end of a more-is-better range, the high end otherwise); NaN without a target."""
    tg = target_of(row)
    if _is_range(tg):
        return float(tg["low"] if direction(row) == "floor" else tg["high"])
    return float(tg["target"])


def _round(t: np.ndarray, step: float, dirn: str) -> np.ndarray:
    k = t / step
    k = np.floor(k + 1e-9) if dirn == "floor" else np.ceil(k - 1e-9)
    return np.round(k * step, 10)


def targets_for(values: np.ndarray, row: Mapping, probs: Sequence[float], *, rounded: bool = True) -> np.ndarray:
    """(len(probs),) targets met with each probability by ``values`` (paths,) under ``row``'s
    comparator; NaN for a two-sided "about" target."""
    p = np.asarray(probs, dtype=float)
    if ((p <= 0) | (p >= 1)).any():
        raise ValueError(f"probabilities must lie strictly between 0 and 1, got {list(probs)}")
    dirn = direction(row)
    if not dirn:
        return np.full(p.shape, np.nan)
    t = np.quantile(values, 1.0 - p if dirn == "floor" else p)
    tg = target_of(row)
    if str(row.get("target_op")) == "=" and not _is_range(tg):     # "about x": met from x - band·|x| up
        band = 0.05 if not np.isfinite(tg["band_pct"]) else tg["band_pct"] / 100.0
        t = np.where(t >= 0, t / (1.0 - band), t / (1.0 + band))
    step = ROUNDING.get(str(row.get("unit", "")))
    return _round(t, step, dirn) if rounded and step else t


def target_for_probability(sim: Simulation, indicator: str, prob: float, *, rounded: bool = True) -> float:
    """The target ``indicator`` meets with probability ``prob`` under ``sim``'s scenario."""
    i = sim.ids.index(indicator)
    return float(targets_for(sim.final(indicator), sim.setup.indicators.iloc[i], [prob], rounded=rounded)[0])


def p_meets(sim: Simulation, indicator: str, target: float) -> tuple[float, float]:
    """Probability (and Monte Carlo error over the kept paths) that ``indicator`` meets ``target``
    under its comparator (an "about" target of a more-is-better indicator: its lower edge)."""
    from scenarios.engine import mc_se

    i = sim.ids.index(indicator)
    row = sim.setup.indicators.iloc[i]
    kw = target_of(row)
    if kw["op"] in ("", "nan", "None") or _is_range(kw):       # a range's proposal is its edge that counts
        kw["op"] = ">=" if direction(row) == "floor" else "<="
    kw |= {"target": float(target), "low": None, "high": None}
    hit = target_met(sim.final(indicator), **kw)
    return float(hit.mean()), float(mc_se(hit, sim.antithetic))


def ambition_kind(row: Mapping, law: GrowthLaw) -> str:
    """The outcome-base ``type`` an indicator's targets are ranked among."""
    measure = str(row.get("measure", "level"))
    if measure == "growth_rate":
        return "growth"
    if measure in ("five_year_total", "period_total"):
        return "total"
    return str(law.kind or row.get("type", ""))


def proposed_need(sim: Simulation, indicator: str, target: float) -> float:
    """Growth a year the target asks for on the working scale, from the base (ambition sign)."""
    from forecast.outcomes.ambition import need_per_year

    i = sim.ids.index(indicator)
    row, law = sim.setup.indicators.iloc[i], sim.setup.laws[i]
    year = row["target_year"] if sim.has_target[i] else sim.years[-1]
    op = ">=" if direction(row) == "floor" else "<="
    return need_per_year(ambition_kind(row, law), law.base_value, float(target), float(year) - law.base_year, op)


def targets_table(sim: Simulation, probs: Sequence[float] = PROBS, *, proposed: Optional[Mapping[str, float]] = None,
                  outcomes_dir: str | Path | None=None, rounded: bool = True) -> pd.DataFrame:
    """One row per simulated indicator: base, stated target and its probability, the targets met
    with each of ``probs`` (columns ``t50``, ``t80``, ...), and for the proposed target (default:
    the stated one) its probability, need, ambition percentile among real targets of its type
    and the hit rate of targets at least as ambitious (``forecast.outcomes.ambition``, read from
    ``outcomes_dir``, default the shipped data)."""
    base = load_needs(outcomes_dir)
    rows = []
    for i, ind in enumerate(sim.ids):
        row, law = sim.setup.indicators.iloc[i], sim.setup.laws[i]
        ts = targets_for(sim.final(ind), row, probs, rounded=rounded)
        tg = target_of(row)
        stated = stated_target(row) if sim.has_target[i] else np.nan
        prop = float((proposed or {}).get(ind, stated))
        p, se = p_meets(sim, ind, prop) if np.isfinite(prop) else (np.nan, np.nan)
        kind = ambition_kind(row, law)
        amb = ambition_rank(kind, proposed_need(sim, ind, prop), base=base) if np.isfinite(prop) else None
        rows.append({
            "id": ind, "name_zh": row["name_zh"], "name_en": row.get("name_en", ""), "unit": row["unit"],
            "direction": direction(row), "target_op": str(row.get("target_op", "")),
            "target_year": int(row["target_year"]) if sim.has_target[i] else int(sim.years[-1]),
            "average": bool(averaged(sim.setup.indicators)[i]),
            "period_start": float(row["period_start"]) if "period_start" in row and pd.notna(row["period_start"])
            else np.nan,
            "base_year": law.base_year, "base_value": law.base_value, "stated_target": stated,
            "range_low": tg["low"] if _is_range(tg) else np.nan, "range_high": tg["high"] if _is_range(tg) else np.nan,
            "p_stated": sim.p_hit[i],
            **{f"t{int(round(q * 100))}": float(t) for q, t in zip(probs, ts)},
            "proposed": prop, "p_proposed": p, "p_proposed_se": se, "kind": kind,
            "need": amb.need if amb else np.nan, "ambition_pct": amb.percentile * 100 if amb else np.nan,
            "n_similar": amb.n if amb else 0, "n_at_least": amb.n_harder if amb else 0,
            "hit_rate_at_least": amb.hit_rate if amb else np.nan,
        })
    return pd.DataFrame(rows)


def _scenario(scenario, region: Optional[str], data_dir, horizon: Optional[int]):
    """A Scenario from an object, a preset name or a YAML path, moved to ``region``/``data_dir``
    and to ``horizon`` (default: the region's latest target year in its data)."""
    from pathlib import Path

    from scenarios.spec import Scenario, load_preset, load_scenario

    if not isinstance(scenario, Scenario):
        p = Path(str(scenario))
        scenario = load_scenario(p) if p.suffix in (".yaml", ".yml") or p.exists() else load_preset(str(scenario))
    upd: dict = {}
    if region is not None:
        upd["region"] = region
    if data_dir is not None:
        upd["data_dir"] = str(data_dir)
    if horizon is None and (region is not None or data_dir is not None):
        from forecast.cache import cached_dataset, fingerprint

        d = scenario.data_dir if data_dir is None else str(data_dir)
        ind = cached_dataset(d, fingerprint(d)).indicators
        stated = ind["target_value"].notna()
        if "target_low" in ind:                                 # a range target (4.5%-5%) counts too
            stated |= ind["target_low"].notna()
        years = ind.loc[(ind["region"] == upd.get("region", scenario.region)) & stated, "target_year"]
        horizon = int(years.max()) if years.notna().any() else None
    if horizon is not None:
        upd["horizon"] = int(horizon)
    return scenario.model_validate(scenario.model_dump() | upd) if upd else scenario


def targets(region: Optional[str] = None, scenario: Scenario | str | Path = "plan", probs: Sequence[float] = PROBS, *,
            proposed: Optional[Mapping[str, float]] = None, data_dir: str | Path | None = None,
            outcomes_dir: str | Path | None = None, horizon: Optional[int] = None, rounded: bool = True,
            options: Optional[RunOptions] = None, **run: Unpack[RunFields]) -> pd.DataFrame:
    """Target-setting table of a region under a scenario (the notebook and CLI front door).

    Parameters
    ----------
    region : region slug (default: the scenario's region).
    scenario : a Scenario, a preset name (``plan``, ``baseline``, ...) or a YAML path; its levers
        and seed are used, its region, data and horizon moved to ``region`` / ``data_dir`` /
        ``horizon`` (default horizon: the region's latest target year).
    probs : probabilities of the target columns (``t50``, ``t80``, ``t90`` by default).
    proposed : indicator id -> proposed target (default: the stated target).
    outcomes_dir : folder of the outcome base for the ambition columns (default: shipped data).
    options : paths and seed of the run (or its fields as keywords), as in ``simulate``.

    Returns :func:`targets_table`'s frame.
    """
    from scenarios.simulate import simulate

    sc = _scenario(scenario, region, data_dir, horizon)
    sim = simulate(sc, options=options, **run)
    return targets_table(sim, probs, proposed=proposed, outcomes_dir=outcomes_dir, rounded=rounded)


__all__ = ["targets", "ROUNDING", "PROBS", "direction", "stated_target", "targets_for", "target_for_probability", "p_meets", "proposed_need",
           "ambition_kind", "targets_table"]
