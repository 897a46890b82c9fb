"""Lever values as a planner reads them: one value with its unit, a one-line summary of a
scenario's levers, and the levers of several scenarios side by side.

Nothing here imports Streamlit, so every function is tested directly. Values are formatted
with the ``talentsim.messages`` helpers (units in the page's language); ``None`` (the
region's own figure) is resolved by the caller's ``defaults``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence

import pandas as pd

from scenarios.levers import LEVERS
from talentsim.messages import fmt_number, fmt_share, fmt_value, t, unit_text

if TYPE_CHECKING:
    from scenarios.setup import Setup
    from scenarios.spec import Scenario

#: levers shown on every presentation slide and in every comparison (the parameters only when changed)
SHOWN = tuple(k for k, lv in LEVERS.items() if lv.group == "lever")
#: levers the solver can move: continuous policy levers (not the shock year)
SOLVABLE = tuple(k for k, lv in LEVERS.items() if lv.group == "lever" and not lv.integer)


def lever_name(key: str, lang: str) -> str:
    lv = LEVERS[key]
    return lv.name_zh if lang == "zh" else lv.name_en


def lever_value(key: str, value: Optional[float], lang: str) -> str:
    """'1.2 亿元/年', '+50 %', '85 %/年', '2023': a lever value with its unit in ``lang``.

    Levers measured from a baseline (their range reaches below 0) carry a sign."""
    lv = LEVERS[key]
    if value is None or not math.isfinite(float(value)):
        return "–"
    v = float(value)
    base, per_year = (lv.unit[:-2], True) if lv.unit.endswith("/年") else (lv.unit, False)
    if key == "shock_year":                      # a calendar year, not a quantity
        return str(int(round(v)))
    if base == "share":
        text = fmt_share(v)
    elif base in ("log", "logit", "θ"):
        text = fmt_number(v, 2)
    elif base.endswith("/人"):                   # 万元/人: the amount, then "per person"
        return t("lever_per_person", lang, value=fmt_value(v, base[:-2], lang))
    else:
        text = fmt_value(v, base, lang)
    if lv.low < 0 and v > 0:
        text = "+" + text
    return t("unit_per_year", lang).format(unit=text) if per_year else text


def needed_value(key: str, value: float, at_least: bool) -> float:
    """A solver's value on the lever's slider grid, rounded the safe way (up for "at least",
    down for "at most"): '至少 1.6 亿元/年', never '至多 -0.0146 %/年'."""
    lv = LEVERS[key]
    k = (float(value) - lv.low) / lv.step
    k = math.ceil(k - 1e-6) if at_least else math.floor(k + 1e-6)
    return lv.snap(lv.low + k * lv.step)


def solver_answer(key: str, value: float, at_least: bool, current: Optional[float], lang: str) -> str:
    """'至少 1.6 亿元/年' / 'at most -0.5 %/yr': what the solver needs, on the slider's grid; when
    that is within one step of the ``current`` value, that the current value about suffices."""
    lv = LEVERS[key]
    if current is not None and abs(float(value) - float(current)) < lv.step:
        return t("solve_reached", lang, now=lever_value(key, current, lang))
    word = t("solve_at_least" if at_least else "solve_at_most", lang)
    return f"{word} {lever_value(key, needed_value(key, value, at_least), lang)}"


def resolved(levers: Mapping[str, Optional[float]], defaults: Mapping[str, Optional[float]]) -> dict[str, float]:
    """Lever values with ``None`` (the region's own figure) replaced by ``defaults``."""
    out = {}
    for k, lv in LEVERS.items():
        v = levers.get(k)
        v = defaults.get(k, lv.default) if v is None else v
        out[k] = lv.default if v is None else v
    return out


def _same(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def keys_shown(values: Sequence[Mapping[str, float]], hidden: Sequence[str] = ()) -> list[str]:
    """Levers worth a line: the levers (without ``hidden`` ones), the shock year only with a
    shock, and the parameters some scenario moves from their default."""
    keys = []
    for k, lv in LEVERS.items():
        if k in hidden:
            continue
        if k == "shock_year" and all(_same(v["shock_pct"], 0) for v in values):
            continue
        if k in SHOWN or any(not _same(v[k], lv.default) for v in values):
            keys.append(k)
    return keys


def lever_line(values: Mapping[str, float], lang: str, hidden: Sequence[str] = ()) -> str:
    """'人才专项资金（每年） 1.2 亿元/年 · 净人才流入 +0.5 万人/年 · …' for a slide's footer."""
    return " · ".join(f"{lever_name(k, lang)} {lever_value(k, values[k], lang)}"
                      for k in keys_shown([values], hidden))


def lever_table(columns: Mapping[str, Mapping[str, float]], lang: str, hidden: Sequence[str] = (),
                schedules: Optional[Mapping[str, tuple[Mapping, Mapping]]] = None,
                indicators: Optional[pd.DataFrame] = None) -> pd.DataFrame:
    """Levers (rows) of the scenarios (columns, in order) with a mark on rows that differ.

    ``columns`` maps a scenario's title to its resolved lever values; changed rows come first.
    ``schedules`` maps a title to its scenario's (``budget``, ``sector_inflow``): a row each for
    the yearly budget and the sector inflows where some scenario sets them (sectors named from
    ``indicators``)."""
    vals = list(columns.values())
    rows = []

    def add(name: str, texts: list[str], changed: bool) -> None:
        row = {t("col_lever", lang): name, t("col_lever_changed", lang): "●" if changed else ""}
        row.update(zip(columns, texts))
        rows.append((not changed, len(rows), row))

    for k in keys_shown(vals, hidden):
        add(lever_name(k, lang), [lever_value(k, v[k], lang) for v in vals],
            any(not _same(v[k], vals[0][k]) for v in vals[1:]))
    for j, title in enumerate(("sch_budget_title", "sch_sector_title") if schedules else ()):
        texts = [(budget_values(b, lang) if j == 0 else sector_values(s, lang, indicators)) or "–"
                 for b, s in (schedules[c] for c in columns)]
        if any(x != "–" for x in texts):
            add(t(title, lang), texts, len(set(texts)) > 1)
    return pd.DataFrame([r for _, _, r in sorted(rows, key=lambda x: x[:2])])


def _join(items: Sequence[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def budget_values(budget: Mapping[int, float], lang: str) -> str:
    """'2026–2030 年 3.5、4、4.5、5、5.5 亿元' / '3.5, 4, … (100M yuan) in 2026–2030' for a scenario's
    ``budget`` {year: 亿元}; years that do not follow one another are named one by one
    ('2026 年 3.5、2028 年 4 亿元'); '' without a budget."""
    if not budget:
        return ""
    years = sorted(int(y) for y in budget)
    values = [fmt_number(float(budget[y]), 3) for y in years]
    unit = unit_text("亿元", lang)
    if len(years) > 1 and years[-1] - years[0] == len(years) - 1:
        return t("sch_text_run", lang, first=years[0], last=years[-1], values=_join(values, lang), unit=unit)
    items = [t("sch_text_year_value", lang, year=y, value=v) for y, v in zip(years, values)]
    return t("sch_text_items", lang, items=_join(items, lang), unit=unit)


def sector_values(sector_inflow: Mapping[str, float], lang: str, indicators: Optional[pd.DataFrame] = None) -> str:
    """'金融业年报企业从业人数* +0.5 万人/年、…' / 'Employment in finance (…) +5,000 people/yr; …' for a scenario's
    ``sector_inflow`` {indicator id: 万人 a year}, each sector by its name in ``lang`` from
    ``indicators`` (columns id, name_zh, name_en), its id where it has no name in ``lang``; ''
    without a sector inflow."""
    ids = [k for k, v in sector_inflow.items() if v]
    if not ids:
        return ""
    col = "name_zh" if lang == "zh" else "name_en"
    known = {} if indicators is None or col not in indicators else dict(zip(indicators["id"], indicators[col]))
    names = [str(known[i]) if isinstance(known.get(i), str) and known[i].strip() else i for i in ids]
    items = [f"{n} {lever_value('inflow_10k_per_year', sector_inflow[i], lang)}" for n, i in zip(names, ids)]
    return "、".join(items) if lang == "zh" else "; ".join(items)     # English names and numbers hold commas


def schedules_of(sc: Scenario, setup: Setup) -> tuple[dict, dict]:
    """(``budget``, ``sector_inflow``) of scenario ``sc`` as they act in ``setup``'s region: no budget
    where the region has no historic funding (the funding levers do nothing there)."""
    return (dict(sc.budget) if setup.historic_funding is not None else {}), dict(sc.sector_inflow)


def schedule_parts(budget: Mapping[int, float], sector_inflow: Mapping[str, float], lang: str,
                   indicators: Optional[pd.DataFrame] = None) -> list[str]:
    """'按年度预算：2026–2030 年 3.5、4 亿元', '分行业引才：…': the yearly budget and the sector inflows
    of a scenario in words (:func:`budget_values`, :func:`sector_values`), those it sets only."""
    pairs = (("sch_budget_title", budget_values(budget, lang)),
             ("sch_sector_title", sector_values(sector_inflow, lang, indicators)))
    return [t("sch_text_labelled", lang, label=t(label, lang), what=what) for label, what in pairs if what]


__all__ = ["SHOWN", "SOLVABLE", "lever_name", "lever_value", "needed_value", "solver_answer", "resolved", "keys_shown",
           "lever_line", "lever_table", "budget_values", "sector_values", "schedules_of",
           "schedule_parts"]
