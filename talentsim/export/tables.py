"""The tables every export shows, built once from a :class:`~scenarios.compare.Comparison`.

The spreadsheet, the slides and the HTML report all read these frames, so a number
cannot differ between them. Column headers come from :func:`header` in Chinese or English.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Mapping, Optional

import numpy as np
import pandas as pd

from forecast.targets import finite
from talentsim.charts import OP_SYMBOL
from scenarios.compare import Comparison
from scenarios.levers import LEVERS
from talentsim.indicators import KEY_INDICATORS
from talentsim.indicators import key_indicators as pick_key_indicators
from talentsim.messages import CATALOGUE, t

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset

@lru_cache(maxsize=8)
def summary_of(sim: Any) -> pd.DataFrame:
    """``sim.summary()``, computed once per simulation for all the exports of one comparison."""
    return sim.summary()


@lru_cache(maxsize=8)
def quantiles_of(sim: Any) -> pd.DataFrame:
    """``sim.quantiles()``, computed once per simulation (fan charts, sheet)."""
    return sim.quantiles()


@lru_cache(maxsize=4)
def dataset_for(data_dir: Optional[str]) -> Any:
    """The loaded dataset behind a scenario's ``data_dir`` (None = shipped), loaded once; None
    when the data cannot be loaded (exports then show no history and no sources)."""
    try:
        from forecast.data import load_dataset

        return load_dataset(data_dir)
    except Exception:  # the data layer is optional for exports
        return None


@lru_cache(maxsize=4)
def prior_table(data_dir: Optional[str]) -> Optional[pd.DataFrame]:
    """Growth facts of the reference-class prior (None when the data has none)."""
    try:
        from forecast.prior import pooled_prior

        return pooled_prior(data_dir=data_dir).table
    except Exception:  # data layer optional
        return None


def header(key: str, lang: str) -> str:
    """Column header in ``lang`` from the message catalogue's exports section (``head_<key>``)."""
    return t(f"head_{key}", lang)


def target_text(op: object, value: object, year: object = None) -> str:
    """``≥105 (2025)``; empty when the indicator has no target."""
    if not finite(value) or not op:
        return ""
    out = f"{OP_SYMBOL.get(str(op), str(op))}{float(value):,.6g}"
    return f"{out} ({int(float(year))})" if finite(year) else out


def name_of(row: pd.Series | Mapping[str, Any], lang: str) -> str:
    return str(row["name_zh"] if lang == "zh" else row["name_en"])


def overview(cmp: Comparison) -> pd.DataFrame:
    """``cmp.table()`` with base year/value, model and a display ``target`` string added."""
    t = cmp.table()
    s = summary_of(cmp.sims[0]).set_index("id")
    t["target"] = [target_text(o, v, y) for o, v, y in zip(t["target_op"], t["target_value"], t["target_year"])]
    t["base_year"] = [s.loc[i, "base_year"] for i in t["id"]]
    t["base_value"] = [s.loc[i, "base_value"] for i in t["id"]]
    t["model"] = [s.loc[i, "model"] for i in t["id"]]
    for sim in cmp.sims:
        t[f"p_hit_se[{sim.scenario.name}]"] = sim.p_hit_se
    return t


def targeted(cmp: Comparison) -> pd.DataFrame:
    """Rows of :func:`overview` whose indicator has a target."""
    t = overview(cmp)
    return t[np.isfinite(t[f"p_hit[{cmp.names[0]}]"].to_numpy(dtype=float))].reset_index(drop=True)


#: an indicator "moves" when some scenario's P(hit) differs from the reference's by this much
MOVED = 0.005
#: an unmoved indicator still gets a fan chart when its reference P(hit) is below this (at risk)
AT_RISK = 0.8


def key_indicators(cmp: Comparison, limit: Optional[int] = KEY_INDICATORS) -> list[str]:
    """The comparison's key indicators, ranked by :func:`talentsim.indicators.key_indicators`,
    keeping only those the scenarios move (by ≥ 0.5 points) and, after them, the targets at
    risk (reference P(hit) < 80 %): a fan chart of an indicator nothing moves and nothing
    endangers says nothing. ``limit=None`` gives every targeted indicator, in rank order."""
    table = cmp.table()
    ranked = pick_key_indicators(table, cmp.names, None)
    if limit is None:
        return ranked
    tb = table.set_index("id")
    diff = np.zeros(len(ranked))
    for n in cmp.names[1:]:
        diff = np.maximum(diff, np.abs(tb.loc[ranked, f"diff[{n}]"].to_numpy(dtype=float)))
    p0 = tb.loc[ranked, f"p_hit[{cmp.names[0]}]"].to_numpy(dtype=float)
    keep = [i for i, d, p in zip(ranked, diff, p0) if d >= MOVED or p < AT_RISK]
    return keep[:limit]


def quantiles(cmp: Comparison) -> pd.DataFrame:
    """Long table: scenario, id, names, unit, year, q05 ... q95 of every simulated year."""
    ind = cmp.sims[0].setup.indicators.set_index("id")
    frames = []
    for sim in cmp.sims:
        q = quantiles_of(sim).copy()
        q.insert(0, "scenario", sim.scenario.name)
        frames.append(q)
    out = pd.concat(frames, ignore_index=True).dropna(subset=["q50"])
    for col in ("name_zh", "name_en", "unit"):
        out.insert(2 + ("name_zh", "name_en", "unit").index(col), col, [ind.loc[i, col] for i in out["id"]])
    return out.reset_index(drop=True)


def assumptions(cmp: Comparison) -> pd.DataFrame:
    """One row per lever/parameter: names, unit, the region's default, the value in each scenario,
    source, and why a lever does nothing here (``disabled``: a catalogue key, else empty).

    A lever left at "the region's own" (None) shows the region's figure, never another region's."""
    from scenarios.reach import disabled_levers, lever_defaults

    setup = cmp.sims[0].setup
    defaults, off = lever_defaults(setup), disabled_levers(setup)
    rows = []
    for lv in LEVERS.values():
        rec = {"key": lv.key, "group": lv.group, "name_zh": lv.name_zh, "name_en": lv.name_en, "unit": lv.unit,
               "default": defaults[lv.key]}
        for sim in cmp.sims:
            v = getattr(sim.scenario.levers, lv.key)
            rec[sim.scenario.name] = defaults[lv.key] if v is None else v
        rec["source"] = lv.source
        rec["disabled"] = off.get(lv.key, "")
        rows.append(rec)
    return pd.DataFrame(rows)


def changed_levers(cmp: Comparison) -> pd.DataFrame:
    """:func:`assumptions` restricted to levers some scenario sets away from its default."""
    a = assumptions(cmp)
    vals = a[cmp.names].to_numpy(dtype=float)
    keep = ~np.all(np.isclose(vals, a["default"].to_numpy(dtype=float)[:, None], equal_nan=True), axis=1)
    keep |= a["key"].isin(["funding_cny_100m_per_year", "funding_growth_pct_per_year"]).to_numpy()
    return a[keep].reset_index(drop=True)


def scenario_facts(cmp: Comparison) -> pd.DataFrame:
    """Per scenario: name, description, region, horizon, seed, paths, overrides, P(all met)."""
    region = cmp.region_table().set_index("scenario")
    rows = []
    for sim in cmp.sims:
        sc = sim.scenario
        over = "; ".join(f"{k}: " + ", ".join(f"{kk}={vv:g}" for kk, vv in v.model_dump().items() if vv is not None)
                         for k, v in sc.overrides.items())
        r = region.loc[sc.name]
        rows.append({"scenario": sc.name, "description": sc.description, "region": sc.region,
                     "horizon": sim.setup.horizon, "as_of": sim.setup.data_year, "seed": sc.seed, "paths": sim.n_paths, "override": over,
                     "targets": int(r["targets"]), "expected_met": float(r["expected_met"]),
                     "p_all": float(r["p_all"]), "p_all_se": float(r["p_all_se"])})
    return pd.DataFrame(rows)


def load_observations(cmp: Comparison, dataset: Dataset | None = None) -> pd.DataFrame:
    """Observations of the compared indicators (empty when the data cannot be loaded).

    ``dataset`` is a loaded ``forecast.data.Dataset`` (e.g. a user's upload); by default
    the scenario's ``data_dir`` (or the shipped data) is loaded.
    """
    dataset = dataset if dataset is not None else dataset_for(cmp.sims[0].scenario.data_dir)
    if dataset is None:
        return pd.DataFrame(columns=["id", "year", "value", "status", "source", "quote"])
    obs = dataset.observations
    return obs[obs["id"].isin(cmp.sims[0].ids)].reset_index(drop=True)


def history(obs: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Usable history points (year, value, status) of one indicator, for fan charts."""
    from forecast.targets import usable_history

    o = usable_history(obs, indicator_id)
    status = o["status"].astype(str) if "status" in o else pd.Series("observed", index=o.index, dtype=str)
    return pd.DataFrame({"year": o["year"], "value": o["value"], "status": status})


@lru_cache(maxsize=4)
def _titles(data_dir: Optional[str]) -> dict[str, tuple[str, str]]:
    """File -> (Chinese title, English title) from ``sources.csv`` of the data folder (empty without one)."""
    from pathlib import Path

    try:
        from forecast.data import shipped_dir

        folder = Path(data_dir) if data_dir else Path(shipped_dir())
        t = pd.read_csv(folder / "sources.csv", dtype=str, keep_default_na=False)
    except (OSError, ValueError, ImportError):
        return {}
    return {r["file"]: (r["title_zh"], r["title_en"]) for r in t.to_dict("records")}


def document_title(file: str, data_dir: Optional[str], lang: str) -> str:
    """The title of a source document in ``lang`` (``data/sources.csv``); the file name when unknown."""
    both = _titles(data_dir).get(str(file))
    return (both[0] if lang == "zh" else both[1]) if both else str(file)


def sources(cmp: Comparison, obs: Optional[pd.DataFrame] = None, lang: str = "en") -> pd.DataFrame:
    """Where every number comes from: id, what (target / observation year / funding / growth
    fact of the reference-class prior / not simulated), the document's title, its file, the quote."""
    out = _sources(cmp, obs, lang)
    data_dir = cmp.sims[0].scenario.data_dir
    out.insert(2, "document", [document_title(f, data_dir, lang) if f else "" for f in out["file"]])
    return out


def _sources(cmp: Comparison, obs: Optional[pd.DataFrame], lang: str) -> pd.DataFrame:
    ind = cmp.sims[0].setup.indicators
    rows = []
    for _, r in ind.iterrows():
        if "source" in ind and isinstance(r.get("source"), str) and r["source"]:
            rows.append({"id": r["id"], "kind": t("src_target", lang), "file": r["source"],
                         "quote": str(r.get("quote", "") or "")})
    if obs is not None and not obs.empty and "source" in obs:
        for _, r in obs.sort_values(["id", "year"], kind="stable").iterrows():
            rows.append({"id": r["id"], "kind": t("src_observation", lang, year=int(r["year"]),
                                                  status=t(f"src_{r.get('status', 'observed')}", lang)
                                                  if f"src_{r.get('status', 'observed')}" in CATALOGUE
                                                  else r.get("status", "")),
                         "file": str(r["source"]), "quote": str(r.get("quote", "") or "")})
    for fact in _prior_facts(cmp):
        rows.append({"id": fact["id"], "kind": t("src_prior_fact", lang, growth=f"{fact['growth_pct']:+.1f}",
                                                 used=t("src_used" if fact.get("included", True) else "src_excluded", lang)),
                     "file": str(fact.get("source", "") or ""), "quote": str(fact.get("quote", "") or "")})
    setup = cmp.sims[0].setup
    if setup.funding_source:
        rows.append({"id": "funding_cny_100m_per_year",
                     "kind": t("src_funding", lang, value=f"{setup.historic_funding:g}")
                     if setup.historic_funding is not None else t("src_funding", lang, value="–"),
                     "file": "", "quote": setup.funding_source})
    from talentsim.messages.skips import skip_reason

    for i, why in setup.skipped.items():
        rows.append({"id": i, "kind": t("src_skipped", lang), "file": "", "quote": skip_reason(why, lang)})
    return pd.DataFrame(rows, columns=["id", "kind", "file", "quote"])


def _prior_facts(cmp: Comparison) -> list[dict]:
    """Growth facts of the reference-class prior (empty when the data has none)."""
    table = prior_table(cmp.sims[0].scenario.data_dir)
    return [] if table is None else table.to_dict("records")


__all__ = ["summary_of", "quantiles_of", "dataset_for", "prior_table", "header", "overview", "targeted", "key_indicators", "quantiles", "assumptions", "changed_levers",
           "scenario_facts", "load_observations", "history", "sources", "document_title", "target_text", "name_of"]
