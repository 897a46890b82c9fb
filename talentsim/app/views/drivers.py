"""The driver tree of one indicator: which lever reaches it, along which relations, and by how much now."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from talentsim.app import compute, display, state
from talentsim.levertext import lever_name
from talentsim.messages import fmt_number, fmt_pct, fmt_value, t

if TYPE_CHECKING:
    from scenarios.setup import Setup

#: lever group (scenarios.drivers) -> the lever whose name the page shows
GROUP_LEVER = {"funding": "funding_cny_100m_per_year", "programme_places": "programme_places_per_year",
               "inflow": "inflow_10k_per_year", "sector_inflow": "inflow_10k_per_year"}


def upstream(edges: pd.DataFrame, target: str) -> pd.DataFrame:
    """The edges on some path from a lever to ``target`` (the part of the tree that reaches it)."""
    keep, todo, seen = [], [target], {target}
    while todo:
        node = todo.pop()
        into = edges[edges["target"] == node]
        keep.append(into)
        for s in into["source"]:
            if s not in seen:
                seen.add(s)
                todo.append(s)
    out = pd.concat(keep) if keep else edges.iloc[:0]
    return out.drop_duplicates().reset_index(drop=True)


def _q(text: str) -> str:
    """A DOT string literal: quotes and backslashes escaped, one line, at most 40 characters."""
    s = " ".join(str(text).split())
    s = s if len(s) <= 40 else s[:39] + "…"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def edge_label(r, lang: str) -> str:
    if r.kind == "direct":
        return t("drv_kind_direct", lang)
    num = lambda v: fmt_number(v, 3)  # noqa: E731
    text = t(f"drv_kind_{r.kind}", lang, coef=num(r.coef), low=num(r.coef_low), high=num(r.coef_high))
    return f"{text} · {t(f'drv_basis_{r.basis}', lang)}" if r.basis in ("definition", "base_values", "stated",
                                                                         "assumption") else text


def dot(chain: pd.DataFrame, names: dict[str, str], lang: str) -> str:
    """The Graphviz source of the tree: levers as boxes, indicators as ellipses, relations labelled."""
    lines = ["digraph drivers {", "rankdir=LR;", 'node [fontsize=11, fontname="sans-serif"];',
             'edge [fontsize=9, fontname="sans-serif"];']
    for node in pd.unique(pd.concat([chain["source"], chain["target"]])):
        if node in GROUP_LEVER:
            lines.append(f"{_q(node)} [shape=box, style=filled, fillcolor=\"#e8f0fe\", label={_q(lever_name(GROUP_LEVER[node], lang))}];")
        else:
            lines.append(f"{_q(node)} [label={_q(names.get(node, node))}];")
    for r in chain.itertuples():
        lines.append(f"{_q(r.source)} -> {_q(r.target)} [label={_q(edge_label(r, lang))}];")
    return "\n".join(lines + ["}"])


def tree_source(edges: pd.DataFrame, setup: Setup, ind_id: str, lang: str) -> str | None:
    """The DOT source of the tree reaching ``ind_id`` (:func:`dot`), None where no lever reaches it."""
    chain = upstream(edges, ind_id)
    if chain.empty:
        return None
    return dot(chain, {r["id"]: display.name_of(r, lang) for _, r in setup.indicators.iterrows()}, lang)


def panel(res: dict, setup: Setup, ind_id: str, lang: str) -> None:
    """The indicator view's driver panel: the tree reaching ``ind_id`` and the levers' effects now."""
    edges, effects = compute.run_drivers(*res["key"], setup)
    st.markdown(f"**{t('drv_title', lang)}**")
    # the tree depends on the region, its sectors taking an inflow (as the edges), the indicator and
    # the language, not on the lever values: drawn once (compute.static_piece)
    sectors = tuple(sorted(state.current_scenario().sector_inflow))
    source = compute.static_piece(("driver_dot", res["key"][0], sectors, ind_id, lang),
                                  lambda: tree_source(edges, setup, ind_id, lang))
    if source is None:
        st.caption(t("drv_none", lang))
        return
    st.graphviz_chart(source, width="stretch")
    mine = effects[effects["indicator"] == ind_id]
    if mine.empty:
        st.caption(t("drv_idle", lang))
    else:
        unit = str(mine["unit"].iloc[0])
        table = pd.DataFrame({
            t("drv_col_lever", lang): [lever_name(GROUP_LEVER[g], lang) for g in mine["lever"]],
            t("drv_col_effect", lang): [fmt_value(v, unit, lang) for v in mine["effect"]],
            t("drv_col_range", lang): [f"{fmt_value(lo, unit, lang)} – {fmt_value(hi, unit, lang)}"
                                       for lo, hi in zip(mine["effect_low"], mine["effect_high"])],
            t("drv_col_relative", lang): [fmt_pct(v, signed=True) for v in mine["relative_pct"]],
        })
        st.table(display.plain_frame(table.set_index(t("drv_col_lever", lang))))
    st.caption(t("drv_caption", lang))
