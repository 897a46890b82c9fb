"""Which regions the page offers, what each is called and which views it has: read from the data.

Every shipped region is offered, grouped by level and plan period (``data/regions.csv``).
Its simulation views need a numeric target by its horizon (its last target year, from the
data) and an observation before it; the '555' view needs the programme (``*.talent_fund_555``,
which ``scenarios.programme555`` simulates); a region with neither gets its data view and the
reason (:func:`why_text`). Names come from ``regions.csv``, else the message catalogue
(``region_<key>``), else the key itself. Nothing here imports Streamlit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Sequence

import numpy as np
import pandas as pd

from talentsim.messages import CATALOGUE, t

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset
    from scenarios.setup import Setup

#: The region key of a user's own uploaded data.
UPLOAD = "upload"
#: Views of a region whose indicators can be simulated, and of the 555 programme.
SIMULATION_VIEWS = ("overview", "indicator", "compare", "solve", "targets")
PROGRAMME_VIEWS = ("p555",)
ALL_VIEWS = (*SIMULATION_VIEWS, *PROGRAMME_VIEWS, "scorecard", "data", "newplan", "methods")
#: Id ending of the programme row that ``scenarios.programme555`` simulates.
PROGRAMME_555 = ".talent_fund_555"


def simulable_regions(ds: Dataset, horizon: Optional[int] = None) -> list[str]:
    """Regions (in data order) with a numeric target by ``horizon`` (None: by their own last
    target year, read from the data) and a value before it."""
    from forecast.data.horizon import why_not_simulable

    regions = list(dict.fromkeys(ds.indicators["region"]))
    if horizon is None:
        return [r for r in regions if why_not_simulable(ds, r) is None]
    ind = ds.indicators
    ind = ind[ind["target_value"].notna() & (ind["target_year"] <= horizon)]
    if "target_status" in ind:
        ind = ind[ind["target_status"].astype(str) != "redacted"]
    obs = ds.observations
    based = set(obs.loc[obs["value"].notna() & (obs["year"] < horizon), "id"])
    ok = set(ind.loc[ind["id"].isin(based), "region"])
    return [r for r in regions if r in ok]


def programme_regions(ds: Dataset) -> list[str]:
    """Regions whose programmes hold the '555' talent fund."""
    prg = ds.programmes
    if prg is None or prg.empty:
        return []
    return list(dict.fromkeys(prg.loc[prg["id"].astype(str).str.endswith(PROGRAMME_555), "region"]))


def _group_key(ds: Any, region: str) -> tuple[int, int]:
    """Sort key of a region's group: its level (national first), then its plan (newest first)."""
    from forecast.data.horizon import region_row
    from forecast.data.schema import LEVELS, PLANS

    row = region_row(ds, region)
    level = LEVELS.index(row["level"]) if row.get("level") in LEVELS else len(LEVELS)
    plans = tuple(reversed(PLANS[:3])) + PLANS[3:]          # 15th, 14th, 13th, then 555 and other
    plan = plans.index(row["plan"]) if row.get("plan") in plans else len(plans)
    return level, plan


def offered_regions(ds: Dataset, horizon: Optional[int] = None) -> list[str]:
    """Every shipped region, grouped by level and plan period (``data/regions.csv``), data order
    within a group. Regions that cannot be simulated are offered too: their data view says why."""
    regions = list(dict.fromkeys(ds.indicators["region"]))
    return sorted(regions, key=lambda r: _group_key(ds, r))      # stable: data order within a group


def region_groups(ds: Dataset) -> list[tuple[tuple[str, str], list[str]]]:
    """((level, plan), regions) in picker order; level/plan '' where regions.csv has no row."""
    from forecast.data.horizon import region_row

    out: list[tuple[tuple[str, str], list[str]]] = []
    for r in offered_regions(ds):
        row = region_row(ds, r)
        key = (str(row.get("level") or ""), str(row.get("plan") or ""))
        if out and out[-1][0] == key:
            out[-1][1].append(r)
        else:
            out.append((key, [r]))
    return out


def region_views(region: str, ds: Dataset, horizon: Optional[int] = None, now: Optional[int] = None
                 ) -> tuple[str, ...]:
    """The views of one region: simulation views if it can be simulated, the 555 view if it
    holds the programme, the scorecard if a target year has passed before ``now`` (None: no
    scorecard), and always the data view. An uploaded region is simulated."""
    views: tuple[str, ...] = ()
    if region == UPLOAD or region in simulable_regions(ds, horizon):
        views += SIMULATION_VIEWS
    if region != UPLOAD and region in programme_regions(ds):
        views += PROGRAMME_VIEWS
    if region != UPLOAD and now is not None and has_passed_targets(ds, region, now):
        views += ("scorecard",)
    return (*views, "data", "newplan", "methods")


def has_passed_targets(ds: Dataset, region: str, now: int) -> bool:
    """Whether a numeric target of ``region`` has a year before ``now`` (a scorecard to show)."""
    from scenarios.scorecard import passed_targets

    return not passed_targets(ds, region, now).empty


def region_label(key: str, lang: str, upload_name: str = "", ds: Dataset | None = None) -> str:
    """A region's name in ``lang``: its ``regions.csv`` row, else the catalogue's ``region_<key>``,
    else the key itself."""
    if key == UPLOAD:
        return t("region_upload", lang, name=upload_name)
    if ds is not None:
        from forecast.data.horizon import region_row

        name = region_row(ds, key).get("name_zh" if lang == "zh" else "name_en")
        if name:
            return str(name)
    return t(f"region_{key}", lang) if f"region_{key}" in CATALOGUE else key


def group_label(level: str, plan: str, lang: str) -> str:
    """'区 · “十四五”': a picker group's words (``level_*``, ``plan_*`` in the catalogue)."""
    parts = [t(f"level_{level}", lang) if f"level_{level}" in CATALOGUE else level,
             t(f"plan_{plan}", lang) if f"plan_{plan}" in CATALOGUE else plan]
    return " · ".join(p for p in parts if p)


def option_label(key: str, lang: str, ds: Dataset, upload_name: str = "") -> str:
    """A picker option: the region's group, then its name ('区 · “十四五” ｜ 天河区')."""
    name = region_label(key, lang, upload_name, ds)
    if key == UPLOAD:
        return name
    from forecast.data.horizon import region_row

    row = region_row(ds, key)
    group = group_label(str(row.get("level") or ""), str(row.get("plan") or ""), lang)
    return t("region_option", lang, group=group, name=name) if group else name


def years_text(years: Sequence[int], lang: str) -> str:
    """'2025', or '2027、2030' / '2027 and 2030' for a region with two target years."""
    ys = [str(int(y)) for y in years]
    if len(ys) <= 1:
        return "".join(ys)
    return "、".join(ys) if lang == "zh" else ", ".join(ys[:-1]) + " and " + ys[-1]


def why_text(ds: Dataset, region: str, lang: str) -> Optional[str]:
    """Why a shipped region cannot be simulated, and what works instead; None when it can."""
    from forecast.data.horizon import why_not_simulable

    why = why_not_simulable(ds, region)
    if why is None:
        return None
    code, fields = why
    name = region_label(region, lang, ds=ds)
    text = t(f"why_{code}", lang, **{**fields, "region": name})
    hint = "why_use_p555" if region in programme_regions(ds) else "why_use_data"
    return text + " " + t(hint, lang)


def default_solve_indicator(setup: Setup, ids: Sequence[str]) -> str:
    """The indicator the solver starts on: of ``ids``, the one on which one funded talent
    weighs most (the funding channel's persons per unit of the base value); else the first."""
    from scenarios.channels import channel_masks, person_factor

    ind = setup.indicators
    funded = channel_masks(ind)["funding"]
    base = np.array([abs(law.base_value) for law in setup.laws], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = np.where(funded & (base > 0), person_factor(ind) / base, -np.inf)
    weights = pd.Series(weight, index=ind["id"]).reindex(list(ids)).fillna(-np.inf)
    return str(weights.idxmax()) if np.isfinite(weights.max()) else str(ids[0])


__all__ = ["UPLOAD", "SIMULATION_VIEWS", "PROGRAMME_VIEWS", "ALL_VIEWS", "simulable_regions", "programme_regions",
           "offered_regions", "region_groups", "region_views", "region_label", "group_label", "option_label",
           "years_text", "why_text", "default_solve_indicator"]
