"""The plan's scorecard: for every target whose year has passed, the published outcome, met or
missed, and the probability talentsim gave from the data available at the plan's base year.

The outcome is an observation in ``observations.csv``: the one at the target year, else the
latest after the base year (shown as "latest", not judged); none is "not published". The
probability is the baseline scenario simulated on the dataset cut to the base year
(``forecast.data.horizon.as_of``): talentsim's own track record, shown, not hidden.
"""

from __future__ import annotations

import datetime
import os
from typing import TYPE_CHECKING, Any, Optional

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset

#: What a row's ``status`` may say.
STATUSES = ("met", "missed", "latest", "not_published")
COLUMNS = ("id", "region", "name_zh", "name_en", "unit", "target_year", "target_op", "target_value",
           "base_year", "base_value", "outcome_year", "outcome_value", "status", "p_hit", "p_hit_se",
           "as_of", "why_no_p", "outcome_source", "outcome_quote")


def current_year() -> int:
    """"Now" for the scorecard: ``$TALENTSIM_NOW`` if set (tests, a look back), else the calendar
    year; targets with an earlier year have passed."""
    env = os.environ.get("TALENTSIM_NOW", "").strip()
    return int(env) if env.isdigit() else datetime.date.today().year


def _outcome(ds: Any, row: pd.Series, base_year: Optional[int], now: int) -> dict:
    """The published outcome of one target: year, value, status, source and quote."""
    from forecast.targets import target_met, usable_history

    h = usable_history(ds.observations, row["id"])
    ty = int(row["target_year"])
    after = h[(h["year"] > (base_year if base_year is not None else -1)) & (h["year"] <= now)]
    at = after[after["year"] == ty]
    pick = at if not at.empty else after.tail(1)
    if pick.empty:
        return {"status": "not_published", "outcome_year": None, "outcome_value": np.nan,
                "outcome_source": "", "outcome_quote": ""}
    o = pick.iloc[-1]
    status = "latest"
    if int(o["year"]) == ty:
        hit = target_met([float(o["value"])], op=str(row["target_op"]), target=float(row["target_value"]),
                         low=row.get("target_low"), high=row.get("target_high"), band_pct=row.get("target_band_pct"),
                         more_is_better=bool(row.get("higher_is_better", True)))
        status = "met" if bool(hit[0]) else "missed"
    return {"status": status, "outcome_year": int(o["year"]), "outcome_value": float(o["value"]),
            "outcome_source": str(o.get("source") or ""), "outcome_quote": str(o.get("quote") or "")}


def passed_targets(ds: Dataset, region: Optional[str] = None, now: Optional[int] = None) -> pd.DataFrame:
    """Indicators (of ``region``, or all) with a numeric target whose year is before ``now``."""
    now = current_year() if now is None else int(now)
    ind = ds.indicators
    ind = ind[ind["target_value"].notna() & ind["target_year"].notna() & (ind["target_year"] < now)]
    if "target_status" in ind:
        ind = ind[ind["target_status"].astype(str) != "redacted"]
    return ind if region is None else ind[ind["region"] == region]


def _probabilities(ds: Any, region: str, as_of_year: int, horizon: int, paths: int,
                   seed: Optional[int]) -> tuple[dict, dict]:
    """(id -> (p, se), id -> why no probability) of the baseline from the data as of ``as_of_year``."""
    from forecast.data.horizon import as_of
    from scenarios.baseline import setup_from_dataset
    from scenarios.simulate import simulate
    from scenarios.spec import load_preset

    try:
        setup = setup_from_dataset(as_of(ds, as_of_year), region, horizon)
    except ValueError as exc:
        return {}, {"*": str(exc)}
    sc = load_preset("baseline").model_copy(update={"region": region, "horizon": horizon, "data_dir": None})
    sm = simulate(sc, setup=setup, paths=paths, seed=seed).summary()
    return ({i: (float(p), float(se)) for i, p, se in zip(sm["id"], sm["p_hit"], sm["p_hit_se"])},
            dict(setup.skipped))


def scorecard(region: Optional[str] = None, *, data_dir: Optional[str] = None, dataset: Dataset | None = None,
              now: Optional[int] = None, paths: int = 20_000, seed: Optional[int] = None) -> pd.DataFrame:
    """One row per passed target (see the module docstring); columns :data:`COLUMNS`.

    ``now`` (default this calendar year): targets with an earlier year have passed. The
    probability is judged as of the region's base data year: the last observation no later
    than five years before its last passed target (``forecast.data.horizon.plan_base_year``).
    """
    from forecast.data import load_dataset
    from forecast.data.horizon import plan_base_year

    ds = dataset if dataset is not None else load_dataset(data_dir)
    now = current_year() if now is None else int(now)
    ind = passed_targets(ds, region, now)
    rows = []
    for reg, grp in ind.groupby("region", sort=False):
        horizon = int(grp["target_year"].max())
        bases = {i: plan_base_year(ds, i, int(y)) for i, y in zip(grp["id"], grp["target_year"])}
        known = [b for b in bases.values() if b is not None]
        as_of_year = max(known) if known else None
        probs, why = (_probabilities(ds, reg, as_of_year, horizon, paths, seed) if as_of_year is not None
                      else ({}, {"*": "no observation before the target year"}))
        for _, r in grp.iterrows():
            b = bases[r["id"]]
            base_value = _value_at(ds, r["id"], b)
            p, se = probs.get(r["id"], (np.nan, np.nan))
            rows.append({"id": r["id"], "region": reg, "name_zh": r["name_zh"], "name_en": r.get("name_en") or "",
                         "unit": r["unit"], "target_year": int(r["target_year"]), "target_op": r["target_op"],
                         "target_value": float(r["target_value"]), "base_year": b, "base_value": base_value,
                         **_outcome(ds, r, b, now), "p_hit": p, "p_hit_se": se, "as_of": as_of_year,
                         "why_no_p": "" if np.isfinite(p) else why.get(r["id"], why.get("*", "not simulated"))})
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _value_at(ds: Any, indicator_id: str, year: Optional[int]) -> float:
    from forecast.targets import usable_history

    if year is None:
        return float("nan")
    h = usable_history(ds.observations, indicator_id)
    hit = h[h["year"] == year]
    return float(hit["value"].iloc[0]) if not hit.empty else float("nan")


def hit_rate(card: pd.DataFrame) -> dict[str, float]:
    """Counts of the judged rows and, where there are some, the mean probability given to the
    met and to the missed targets (how the model's numbers compare with what happened)."""
    judged = card[card["status"].isin(["met", "missed"])]
    out: dict[str, float] = {"targets": float(len(card)), "judged": float(len(judged)),
                             "met": float((judged["status"] == "met").sum())}
    for s in ("met", "missed"):
        p = judged.loc[judged["status"] == s, "p_hit"].dropna()
        out[f"mean_p_{s}"] = float(p.mean()) if len(p) else float("nan")
    return out


__all__ = ["STATUSES", "COLUMNS", "current_year", "passed_targets", "scorecard", "hit_rate"]
