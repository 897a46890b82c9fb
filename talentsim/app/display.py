"""Tables the app shows, built from simulation results and formatted as the documents write.

Nothing here imports Streamlit, so every function is tested directly.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable, Mapping

import numpy as np
import pandas as pd

from talentsim.messages import (CATALOGUE, fmt_doc_value, fmt_pp, fmt_prob, fmt_share, fmt_target, fmt_value, t,
                                unit_text)

if TYPE_CHECKING:
    from forecast.law import GrowthLaw
    from scenarios.compare import Comparison
    from scenarios.spec import Scenario


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#!|~$])")
_LINE_START = re.compile(r"^(\s*\d*)([-+=>.)])", re.M)  # list, heading and quote markers


def plain_frame(df: pd.DataFrame):
    """A copy of ``df`` whose every text cell, index label and header is :func:`plain`:
    ``st.table`` renders Markdown in all of them, and quotes, sources and names come from users."""
    esc = lambda v: plain(v) if isinstance(v, str) else v  # noqa: E731
    out = df.map(esc) if hasattr(df, "map") else df.applymap(esc)
    out.index = out.index.map(esc)
    out.columns = out.columns.map(esc)
    return out


def plain(text: object) -> str:
    """``text`` escaped so Streamlit's markdown shows it as typed.

    Names, descriptions and messages that quote them come from users and are shared
    with every other user: ``![p](http://host/x.png)`` must stay text, never an image
    the viewer's browser fetches. Line breaks are kept.
    """
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _MARKDOWN.sub(r"\\\1", str(text)))
    return text.replace("\n", "  \n")


def name_of(row: pd.Series | Mapping[str, Any], lang: str) -> str:
    """An indicator's name in ``lang``; the Chinese name when there is no English one."""
    en = row.get("name_en") if hasattr(row, "get") else None
    if lang == "en" and isinstance(en, str) and en:
        return en
    return str(row["name_zh"])


def short_name(name: str) -> str:
    """An indicator's name without its explanation in brackets, for labels and narrow tables:
    '高层次人才总量（市级以上和区重点人才项目入选者）' -> '高层次人才总量' (``charts.short_names``)."""
    from talentsim.charts import short_names

    return short_names([name], width=0)[0]


def p_hit_text(r: pd.Series | Mapping[str, Any], lang: str) -> str:
    """P(hit) ± its Monte Carlo error, and the model range (``p_hit_lo``/``p_hit_hi``) when the
    engine gives one: '62.0 % ± 0.3 %（模型区间 48–75 %）'."""
    p = fmt_prob(r["p_hit"], r.get("p_hit_se"))
    lo, hi = r.get("p_hit_lo"), r.get("p_hit_hi")
    if lo is not None and hi is not None and pd.notna(lo) and pd.notna(hi):
        return t("fan_p_hit", lang, p=p, lo=f"{100 * float(lo):.0f}", hi=f"{100 * float(hi):.0f} %")
    return t("fan_p_hit_plain", lang, p=p)


def doc_title(source: str, lang: str) -> str:
    """A source document's title (catalogue ``doc:<file>``); the file name for unknown files."""
    key = f"doc:{source}"
    return t(key, lang) if key in CATALOGUE else str(source)


def word(prefix: str, value: object, lang: str) -> str:
    """A data word (status, growth-law model) in ``lang``: catalogue ``prefix:value``, else as is."""
    key = f"{prefix}:{value}"
    return t(key, lang) if key in CATALOGUE else ("" if value is None or value != value else str(value))


def scenario_title(sc: Scenario, lang: str) -> str:
    """A scenario's display name in ``lang`` (``talentsim.export.facts.scenario_name``, trimmed)."""
    from talentsim.export.facts import scenario_name

    return scenario_name(sc, lang).strip()


def assumption_sentence(facts: dict, lang: str) -> str:
    """The funding answer's assumptions (``scenarios.economics.assumption_facts``) in ``lang``."""
    f = facts
    return t("solve_assumptions", lang, cost=fmt_value(f["cost"], "万元", lang), cost_sd=f"{f['cost_sd']:g}",
             additionality=fmt_share(f["additionality"]), additionality_sd=f"{f['additionality_sd']:g}",
             places_low=f"{f['places_low']:,.0f}", places_high=f"{f['places_high']:,.0f}",
             places_mid=f"{f['places_mid']:,.0f}", theta=f"{f['theta']:g}", lag=f["lag"],
             subsidy_years=f["subsidy_years"], retention=fmt_share(f["retention"]))


def quoted(text: str) -> str:
    """``text`` in quotation marks; quotation marks inside it become the inner kind (‘ ’)."""
    inner = str(text).replace("“", "‘").replace("”", "’")
    return f"“{inner}”"


def scenario_text(sc: Scenario, lang: str) -> str:
    """A scenario's description in ``lang`` (``description`` is the English one)."""
    return sc.description_zh if lang == "zh" and sc.description_zh else sc.description  # a user's own text as typed


def history_table(hist: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``history_points`` for display: headers, statuses and sources in ``lang`` (notes in English only)."""
    out = hist.assign(status=[word("status", v, lang) for v in hist["status"]],
                      source=[doc_title(v, lang) for v in hist["source"]],
                      value=[f"{v:,.10g}" for v in hist["value"]])   # as the document writes it: 96, 8.89
    if lang == "zh":
        out = out.drop(columns=["note"])
    return out.rename(columns={c: t(f"head:{c}", lang) for c in out.columns})


def domain_mark(row: pd.Series | Mapping[str, Any], lang: str) -> str:
    """' [context]' after the name of a context indicator (``domain`` = context: e.g. a yearly GDP-growth
    target), '' for a talent indicator (the default)."""
    dom = row.get("domain") if hasattr(row, "get") else None
    return t("domain_context_mark", lang) if isinstance(dom, str) and dom == "context" else ""


def indicator_table(ind: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The data view's indicator rows: name, unit, target, status, source title, quote in ``lang``
    (the id last: the planner reads the name)."""
    rows = [{t("head:name", lang): name_of(r, lang) + domain_mark(r, lang),
             t("head:unit", lang): unit_text(str(r["unit"]), lang),
             t("head:target", lang): (f"{int(r['target_year'])}: " if pd.notna(r["target_year"]) else "")
             + fmt_target(str(r["target_op"] if pd.notna(r["target_op"]) else ">="),
                          float(r["target_value"]) if pd.notna(r["target_value"]) else None, str(r["unit"]), lang),
             t("head:target_status", lang): word("status", r["target_status"], lang),
             t("head:source", lang): doc_title(r["source"], lang), t("head:quote", lang): r["quote"]}
            | ({t("head:note", lang): r.get("note") or ""} if lang == "en" else {}) | {t("head:id", lang): r["id"]}
            for _, r in ind.iterrows()]
    return pd.DataFrame(rows)


def observation_table(obs: pd.DataFrame, ind: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The data view's observations: indicator name, year, value with unit, status, source title, quote."""
    info = ind.set_index("id")
    rows = [{t("head:name", lang): name_of(info.loc[r["id"]], lang) if r["id"] in info.index else r["id"],
             t("head:year", lang): int(r["year"]),
             t("head:value", lang): fmt_doc_value(r["value"], str(info.loc[r["id"], "unit"]) if r["id"] in info.index
                                                  else "", lang),
             t("head:status", lang): word("status", r["status"], lang),
             t("head:source", lang): doc_title(r["source"], lang), t("head:quote", lang): r["quote"]}
            | ({t("head:note", lang): r.get("note") or ""} if lang == "en" else {})
            for _, r in obs.iterrows()]
    return pd.DataFrame(rows)


def _range(v, lo, hi, unit: str, lang: str) -> str:
    """A document figure or its stated range ('5–10'), '' when none."""
    if pd.notna(lo) and pd.notna(hi):
        return f"{fmt_doc_value(lo, unit, lang)} – {fmt_doc_value(hi, unit, lang)}"
    return fmt_doc_value(v, unit, lang) if pd.notna(v) else ""


def programme_table(prg: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The data view's programmes: name, amount (with its basis), people, years, source title, quote."""
    rows = []
    for _, r in prg.iterrows():
        amount = _range(r.get("amount"), r.get("amount_low"), r.get("amount_high"), str(r.get("amount_unit") or ""), lang)
        basis = word("basis", r.get("amount_basis"), lang)
        row = {t("head:programme", lang): name_of(r, lang),
               t("head:amount", lang): f"{amount} {basis}".strip() if amount else "",
               t("head:persons", lang): _range(r.get("persons"), r.get("persons_low"), r.get("persons_high"), "", lang),
               t("head:period_years", lang): _range(r.get("period_years"), r.get("period_years_low"),
                                                    r.get("period_years_high"), "", lang),
               t("head:source", lang): doc_title(r["source"], lang), t("head:quote", lang): r["quote"]}
        if lang == "en":
            row[t("head:note", lang)] = r.get("note") if pd.notna(r.get("note")) else ""
        rows.append(row)
    return pd.DataFrame(rows)


def history_points(observations: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Usable observations of one indicator (year, value, status, source, quote, note).

    Redacted rows and empty values are dropped; where two rows share a year the
    ``preferred`` one is kept. Derived values (e.g. 2015 from a stated growth rate) stay,
    marked ``status == "derived"``.
    """
    from forecast.targets import usable_history

    cols = ["year", "value", "status", "source", "quote", "note"]
    return usable_history(observations, indicator_id).reindex(columns=cols)


def overview_frame(summary: pd.DataFrame, lang: str, target_year: int | str) -> pd.DataFrame:
    """Per-indicator rows for the overview table, numbers formatted as the documents write them
    (each target with its own year where the region has several target years).

    Long names lose their bracketed qualifiers (``charts.short_names``) and the base comes
    before the intervals, so name, probability, target and base fit a 1280-px screen.
    """
    from talentsim.charts import short_names

    names = short_names(name_of(r, lang) for _, r in summary.iterrows())
    several = pd.to_numeric(summary["target_year"], errors="coerce").dropna().nunique() > 1
    rows = []
    for (_, r), short in zip(summary.iterrows(), names):
        unit = str(r["unit"])
        has = bool(np.isfinite(r["target_value"])) if r["target_value"] is not None else False
        flag = t("flag_met_at_base", lang) if r.get("met_at_base") else ""
        rows.append({
            t("col_indicator", lang): short,
            t("col_p", lang): fmt_prob(r["p_hit"], r["p_hit_se"]) if has else "–",
            t("col_target", lang, year=target_year): fmt_target(str(r["target_op"]), r["target_value"] if has else None,
                                                                unit, lang)
            + (f" ({int(r['target_year'])})" if several and has and pd.notna(r["target_year"]) else ""),
            t("col_base", lang): f"{fmt_doc_value(r['base_value'], unit, lang)} ({int(r['base_year'])})",
            **({t("col_p_range", lang): (f"{100 * float(r['p_hit_lo']):.0f}–{100 * float(r['p_hit_hi']):.0f} %"
                                         if has and pd.notna(r["p_hit_lo"]) and pd.notna(r["p_hit_hi"]) else "–")}
               if "p_hit_lo" in r and "p_hit_hi" in r else {}),
            t("col_median", lang): fmt_value(r["p50"], unit, lang),
            t("col_interval", lang): f"{fmt_value(r['p10'], unit, lang)} – {fmt_value(r['p90'], unit, lang)}",
            t("col_flag", lang): flag,
            t("col_id", lang): str(r["id"]),
            t("col_p_num", lang): float(r["p_hit"]) if has else float("nan"),
        })
    return pd.DataFrame(rows)


def law_frame(law: GrowthLaw, lang: str) -> pd.DataFrame:
    """The growth law of one indicator as (field, value) rows."""
    def pct(x: float) -> str:
        if law.scale == "identity":               # a growth rate: its drift moves the rate, pp a year
            return t("law_pp_hint", lang, pp=f"{x:+.2f}")
        v = float(np.expm1(x) * 100) if law.scale == "log" else float(x * 100)
        return t("law_pct_hint", lang, pct=f"{v:.2f} %" if law.scale == "log" else f"{v:.2f} logit-%")

    df = law.drift_df
    rows = [
        (t("law_model", lang), word("law", law.model, lang)),
        (t("law_scale", lang), word("law", law.scale, lang)),
        (t("law_base", lang), f"{law.base_year}: {law.base_value:g}"),
        (t("law_drift_loc", lang), f"{law.drift_loc:.4f}{pct(law.drift_loc)}"),
        (t("law_drift_scale", lang), f"{law.drift_scale:.4f}"),
        (t("law_drift_df", lang), t("law:normal", lang) if not np.isfinite(df) else f"{df:g}"),
        (t("law_shock_sd", lang), f"{law.shock_sd:.4f}"),
    ]
    if lang == "en" and law.note:  # the engine's notes are written in English
        rows.append((t("law_note", lang), str(law.note)))
    return pd.DataFrame(rows, columns=[t("model_field", lang), t("model_value", lang)])


def unique_name(name: str, taken: Iterable[str], suffix: str) -> str:
    """``name``, or ``name + suffix`` (then numbered) when it collides with ``taken``."""
    taken = set(taken)
    if name not in taken:
        return name
    cand = f"{name}{suffix}"
    k = 2
    while cand in taken:
        cand = f"{name}{suffix} {k}"
        k += 1
    return cand


def titled_table(cmp: Comparison, titles: list[str] | None = None) -> pd.DataFrame:
    """``cmp.table()`` with its per-scenario columns under ``titles`` (the names in the page's
    language) instead of the scenarios' ids: ``p_hit[规划情景]``."""
    tab = cmp.table()
    if titles is None:
        return tab
    ren = {f"{pre}[{n}]": f"{pre}[{ti}]" for n, ti in zip(cmp.names, titles) for pre in ("p_hit", "diff", "diff_se")}
    return tab.rename(columns=ren)


def compare_frame(cmp: Comparison, lang: str, titles: list[str] | None = None, *,
                  short: bool = False) -> tuple[pd.DataFrame, list[str]]:
    """Targeted indicators with P(hit) per scenario and each difference from the first ± SE
    (scenario columns under ``titles`` when given, else under the scenarios' names; the
    indicators' short names with ``short``)."""
    tab = titled_table(cmp, titles)
    names = list(titles) if titles is not None else cmp.names
    ref = names[0]
    rows = []
    for _, r in tab.iterrows():
        if not np.isfinite(r["target_value"]):
            continue
        row = {t("col_indicator", lang): short_name(name_of(r, lang)) if short else name_of(r, lang),
               t("target_metric", lang): fmt_target(str(r["target_op"]), float(r["target_value"]), str(r["unit"]), lang)}
        for n in names:
            row[n] = float(r[f"p_hit[{n}]"])
        for n in names[1:]:
            # the scenario on screen against the other: '规划情景 相对 基线 +4.8 个百分点' (diff is other − first)
            row[t("col_diff", lang, ref=ref, name=n)] = fmt_pp(-100 * r[f"diff[{n}]"], 100 * r[f"diff_se[{n}]"], lang)
        row["_change"] = max((abs(100 * float(r[f"diff[{n}]"])) for n in names[1:]), default=0.0)
        rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame, names
    # what changed first: largest difference on top, the differences next to the names
    diffs = [c for c in frame.columns if c not in names and c not in ("_change", t("col_indicator", lang),
                                                                       t("target_metric", lang))]
    frame = frame.sort_values("_change", ascending=False, kind="stable")
    return frame[[t("col_indicator", lang), *diffs, *names, t("target_metric", lang), "_change"]], names


__all__ = ["name_of", "short_name", "doc_title", "word", "scenario_title", "scenario_text", "history_table",
           "history_points", "overview_frame", "law_frame", "unique_name", "titled_table", "compare_frame"]
