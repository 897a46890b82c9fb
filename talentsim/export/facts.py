"""What a deck argues from: names in one language, what each projection rests on, which
levers act in the region, the headline, and the data hash.

Every export (slides, sheet, HTML) reads these, so the argument is the same everywhere.
Text comes from the message catalogue (``deck_*``, ``unit_*``, ``scenario_*`` keys).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Optional

import numpy as np
import pandas as pd

from scenarios.reach import disabled_levers
from scenarios.compare import Comparison
from scenarios.levers import LEVERS
from talentsim.export import tables
from talentsim.messages import CATALOGUE, fmt_target, fmt_value, t
from talentsim.messages import unit_text as messages_unit_text

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset
    from scenarios.simulate import Simulation
    from scenarios.spec import Scenario

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]")
#: An indicator's row "does not change" when every scenario's P(hit) is within this of the
#: reference (it would print as +0.0 percentage points).
SAME_P = 0.0005


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def in_language(text: str, lang: str) -> bool:
    """Whether free text (a description) is written in ``lang``: Chinese has CJK characters."""
    return has_cjk(text) if lang == "zh" else not has_cjk(text)


def scenario_name(sc: Scenario, lang: str) -> str:
    """The scenario's name in ``lang``: its own ``name_zh``/``name_en`` field (the presets
    have both), or the name as typed."""
    own = getattr(sc, f"name_{lang}", None)
    return str(own) if own else sc.name


def scenario_description(sc: Scenario, lang: str) -> str:
    """Description in ``lang``: the ``description_zh`` field, or the description when it is
    written in ``lang``."""
    own = getattr(sc, f"description_{lang}", None)
    if own:
        return str(own)
    desc = " ".join(str(sc.description or "").split())
    return desc if desc and in_language(desc, lang) else ""


def description_here(sim: Simulation, lang: str) -> str:
    """:func:`scenario_description` for the region simulated: a preset's description speaks of
    "the region's historic funding", so where the region has none the description says that the
    funding levers do nothing there (as the headline does), rather than promise a doubling."""
    d = scenario_description(sim.scenario, lang)
    if d and sim.setup.historic_funding is None:
        off = t("story_funding_off", lang)
        d = f"{d}（{off}）" if lang == "zh" else f"{d} ({off})"
    return d


def names(cmp: Comparison, lang: str) -> list[str]:
    return [scenario_name(s.scenario, lang) for s in cmp.sims]


def region_name(region: str, lang: str, data_dir: Optional[str] = None) -> str:
    """天河区 / Tianhe District from the data's ``regions.csv``, else the catalogue; the key itself
    for a region neither knows."""
    try:
        from forecast.cache import cached_dataset
        from forecast.data.horizon import region_row

        name = region_row(cached_dataset(data_dir), region).get("name_zh" if lang == "zh" else "name_en")
    except Exception:  # noqa: BLE001 - data that do not load: the catalogue's name
        name = None
    if name:
        return str(name)
    key = f"region_{region}"
    return t(key, lang) if key in CATALOGUE else region


def horizon_text(sim: Simulation, lang: str) -> str:
    """'目标年份 2030 · 数据截至 2025 年': the target year(s) and data year of a simulation, from its data."""
    years = sim.setup.target_years
    text = "、".join(map(str, years)) if lang == "zh" else " and ".join(map(str, years))
    return t("deck_horizon", lang, year=text, as_of=sim.setup.data_year)


def unit_text(unit: str, lang: str) -> str:
    """The unit in ``lang`` (``万人`` -> ``10k people``): the deck's wording where it has one, else
    ``talentsim.messages.unit_text`` (which builds ``X/年`` from ``X``: ``人/年`` -> ``people/yr``, so
    no Chinese unit is left in an English export); unknown units stay as written."""
    key = f"unit_{unit}"
    return t(key, lang) if key in CATALOGUE else messages_unit_text(unit, lang)


def value_text(value: object, unit: str, lang: str) -> str:
    """A value as the page writes it in ``lang`` (``fmt_value``: '1.05 million people', '105 万人')."""
    return fmt_value(value, unit, lang)


#: between a number and its % in English ("62 %"), so no line breaks inside it
_NBSP = "\u00a0"


def pct(p: float, lang: str) -> str:
    """A probability in whole percent as ``lang`` writes it: ``62%`` in Chinese, ``62 %`` in English
    (the catalogue's convention: "≥ 80%" / "≥ 80 %")."""
    if not np.isfinite(p):
        return "–"
    return f"{p * 100:.0f}%" if lang == "zh" else f"{p * 100:.0f}{_NBSP}%"


def lever_effects(cmp: Comparison) -> dict[str, Optional[str]]:
    """Lever key -> None when it acts in this region, else the catalogue key of why it does
    nothing here (``scenarios.reach.disabled_levers``: no funding history, no indicator)."""
    off = disabled_levers(cmp.sims[0].setup)
    return {k: off.get(k) or None for k in LEVERS}


def history_points(obs: pd.DataFrame, ind_id: str) -> int:
    if obs is None or obs.empty:
        return 0
    o = obs[(obs["id"] == ind_id) & obs["value"].notna()]
    if "status" in o:
        o = o[o["status"].astype(str) != "redacted"]
    return int(o["year"].nunique())


def basis_text(row: pd.Series | Mapping[str, Any], n_points: int, lang: str) -> str:
    """What the projection rests on, in the export's language: the engine's ``basis``
    ("own history (n points)", "type prior only" or "borrowed prior", each possibly with
    " + calibrated on real plan outcomes"; see ``forecast.law.GrowthLaw``)."""
    basis = str(row.get("basis", "") or "")
    if basis.startswith("own history"):
        key = "deck_basis_own_history"
    elif "borrowed" in basis or (not basis and n_points <= 1):
        key = "deck_basis_borrowed_prior"
    elif basis:
        key = "deck_basis_type_prior"
    else:
        key = "deck_basis_own_history"
    text = t(key, lang, n=n_points)
    return text + (t("deck_basis_target_signal", lang) if "calibrated on real plan outcomes" in basis else "")


def indicator_facts(cmp: Comparison, obs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per targeted indicator: name, target, P(hit) (+ range) per scenario, required
    vs projected growth per scenario, history points, basis, and whether scenarios differ."""
    sums = [tables.summary_of(s) for s in cmp.sims]
    rows = []
    for i, r in sums[0].iterrows():
        if not np.isfinite(r["p_hit"]):
            continue
        n_pts = history_points(obs, r["id"])
        rec = {"id": r["id"], "name": str(r["name_zh" if lang == "zh" else "name_en"]), "unit": r["unit"],
               "target": fmt_target(r["target_op"], r["target_value"], r["unit"], lang),
               "target_year": int(r["target_year"]), "base_year": int(r["base_year"]),
               "base": value_text(r["base_value"], r["unit"], lang), "points": n_pts,
               "basis": basis_text(r, n_pts, lang), "required": r["required_cagr_pct"], "model": r["model"],
               "share": is_share(r["unit"])}
        years = max(1, int(r["target_year"]) - int(r["base_year"]))
        if rec["share"]:            # a share grows in percentage points a year, not in % of itself
            rec["required"] = (float(r["target_value"]) - float(r["base_value"])) / years
        p, same = [], True
        for k, s in enumerate(sums):
            sr = s.iloc[i]
            p.append(sr["p_hit"])
            rec[f"p{k}"] = sr["p_hit"]
            rec[f"se{k}"] = sr["p_hit_se"]
            rec[f"lo{k}"] = sr.get("p_hit_lo", np.nan)
            rec[f"hi{k}"] = sr.get("p_hit_hi", np.nan)
            rec[f"proj{k}"] = ((float(sr["p50"]) - float(r["base_value"])) / years if rec["share"]
                               else sr["projected_cagr_pct"])
            rec[f"median{k}"] = value_text(sr["p50"], r["unit"], lang)
            if k and abs(sr["p_hit"] - p[0]) >= SAME_P:
                same = False
        rec["same"] = same
        rows.append(rec)
    return pd.DataFrame(rows)


def groups(cmp: Comparison, ind_id: str) -> list[list[int]]:
    """Scenarios whose simulated paths of ``ind_id`` are identical, grouped (first-seen order):
    their fan panels are one panel."""
    out: list[list[int]] = []
    for k, sim in enumerate(cmp.sims):
        v = sim.values[:, :, sim.ids.index(ind_id)]
        for g in out:
            ref = cmp.sims[g[0]].values[:, :, sim.ids.index(ind_id)]
            if v.shape == ref.shape and np.array_equal(v, ref, equal_nan=True):
                g.append(k)
                break
        else:
            out.append([k])
    return out


def is_share(unit: object) -> bool:
    """Whether values in ``unit`` are shares in percent (their growth is in percentage points)."""
    return str(unit).strip() == "%"


def growth_text(x: float, share: bool = False, lang: str = "zh") -> str:
    """Growth a year: '+7.9 %', or for a share '+0.3 百分点' / '+0.3 pp' (never a percent of a percent).
    The space before the unit does not break."""
    if not np.isfinite(x):
        return "–"
    unit = t("deck_pp", lang) if share else "%"
    return f"{x + 0.0:+.1f}\u00a0{unit}".replace("-0.0", "+0.0")


def growth_of(f: pd.Series | Mapping[str, Any], col: str, lang: str) -> str:
    """:func:`growth_text` of column ``col`` (``required``, ``proj0``...) of a facts row."""
    return growth_text(f[col], bool(f.get("share", False)), lang)


#: joins the ends of a range so no renderer breaks a line inside it ("(53–\n64 %)")
_JOIN = "\u2060"


def p_range(f: pd.Series | Mapping[str, Any], k: int, lang: str) -> str:
    """A probability with its model range when the engine gives one (else ``± SE``), written
    one way throughout: ``62%（48–75%）`` in Chinese, ``62 % (48–75 %)`` in English."""
    p, lo, hi, se = f[f"p{k}"], f[f"lo{k}"], f[f"hi{k}"], f[f"se{k}"]
    if np.isfinite(lo) and np.isfinite(hi):
        ends = f"{lo * 100:.0f}{_JOIN}–{_JOIN}{hi * 100:.0f}"
        return f"{pct(p, lang)}（{ends}%）" if lang == "zh" else f"{pct(p, lang)} ({ends}{_NBSP}%)"
    return f"{pct(p, lang)} ± {se * 100:.1f}"


def p_cell(f: pd.Series | Mapping[str, Any], k: int, lang: str) -> str:
    """``62% (48–75)`` / ``62 % (48–75)``: a probability with its model range, short enough for a table cell."""
    p, lo, hi = f[f"p{k}"], f[f"lo{k}"], f[f"hi{k}"]
    if np.isfinite(lo) and np.isfinite(hi):
        return f"{pct(p, lang)} ({lo * 100:.0f}{_JOIN}–{_JOIN}{hi * 100:.0f})"
    return pct(p, lang)


@dataclass(frozen=True)
class Headline:
    likely: list[str]
    at_risk: list[str]
    would_take: list[str]


def headline(facts: pd.DataFrame, scen: list[str], lang: str, most: int = 4) -> Headline:
    """Likely (P >= 80 % in every scenario), at risk (P < 50 % in every scenario) and, for the
    risks, the growth the target needs against the projected growth."""
    k = len(scen)
    pk = facts[[f"p{j}" for j in range(k)]].to_numpy(dtype=float) if len(facts) else np.zeros((0, k))
    lo, hi = pk.min(axis=1) if len(pk) else pk, pk.max(axis=1) if len(pk) else pk

    def span(i: int) -> str:
        return pct(lo[i], lang) if abs(hi[i] - lo[i]) < 0.005 else \
            f"{lo[i] * 100:.0f}–{pct(hi[i], lang)}"

    likely = [f"{facts['name'].iloc[i]}：{span(i)}" if lang == "zh" else f"{facts['name'].iloc[i]}: {span(i)}"
              for i in np.argsort(-lo) if lo[i] >= 0.8]
    risk_idx = [i for i in np.argsort(hi) if hi[i] < 0.5]
    risky = [f"{facts['name'].iloc[i]}：{span(i)}" if lang == "zh" else f"{facts['name'].iloc[i]}: {span(i)}"
             for i in risk_idx]
    take = [t("deck_would_take", lang, name=facts["name"].iloc[i], need=growth_of(facts.iloc[i], "required", lang),
              proj=growth_of(facts.iloc[i], "proj0", lang), year=facts["target_year"].iloc[i])
            for i in risk_idx if np.isfinite(facts["required"].iloc[i])]

    def cap(items: list[str]) -> list[str]:
        return items[:most] + ([t("deck_and_more", lang, n=len(items) - most)] if len(items) > most else [])

    return Headline(cap(likely), cap(risky), cap(take))


def prior_text(cmp: Comparison, lang: str) -> str:
    """The reference class behind borrowed growth: how many growth facts, centre and 80 % range."""
    table = tables.prior_table(cmp.sims[0].scenario.data_dir)
    if table is None or "included" not in table:     # no growth facts in this dataset: nothing to say
        return ""
    from forecast.prior import pooled_prior

    prior = pooled_prior(data_dir=cmp.sims[0].scenario.data_dir)
    n = int(table["included"].sum())
    lo, hi = prior.interval(0.8)
    g = lambda x: f"{np.expm1(x) * 100:+.1f} %"
    return t("deck_prior", lang, n=n, centre=g(prior.loc), lo=g(lo), hi=g(hi))


def data_hash(cmp: Comparison, dataset: Dataset | None = None) -> str:
    """First 12 hex digits of SHA-256 over the indicators and observations behind the run
    (the loaded dataset when there is one, else the simulated indicator table)."""
    h = hashlib.sha256()
    dataset = dataset if dataset is not None else tables.dataset_for(cmp.sims[0].scenario.data_dir)
    frames = ([dataset.indicators, dataset.observations] if dataset is not None
              else [cmp.sims[0].setup.indicators])
    for f in frames:
        h.update(f.to_csv(index=False).encode("utf-8"))
    return h.hexdigest()[:12]


__all__ = ["scenario_name", "scenario_description", "names", "region_name", "unit_text", "value_text",
           "lever_effects", "indicator_facts", "groups", "headline", "data_hash", "p_range", "p_cell", "growth_text", "growth_of", "is_share",
           "in_language", "has_cjk", "pct", "prior_text", "Headline"]
