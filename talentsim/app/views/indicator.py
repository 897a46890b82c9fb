"""One indicator: its probability, median and target, fan chart, growth law and history."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import streamlit as st

from talentsim import charts
from talentsim.chartspec import FanMarks, ChartLayout, Target
from talentsim.app import compute, display, state
from talentsim.app.state import ss
from talentsim.app.views import drivers, why
from talentsim.app.views.common import choice, let_paint, page_is_new, wrapping_metrics
from talentsim.messages import fmt_pct, fmt_prob, fmt_target, fmt_value, t

if TYPE_CHECKING:
    from scenarios.setup import Setup


def fan_for(res: dict, setup: Setup, ind_id: str, lang: str, height: int = 340, title: str | None = None,
            subtitle: bool = True):
    """The indicator's fan chart (``charts.fan_chart``), with P(meet) as its subtitle unless ``subtitle`` is False."""
    sm = res["summary"].set_index("id")
    r = sm.loc[ind_id]
    q = compute.fan_quantiles(*res["key"], (ind_id,), setup)
    hist = compute.history(state.setup_key(), ind_id, state.current_dataset().observations)
    has = bool(np.isfinite(r["target_value"]))
    return charts.fan_chart(q, title=display.name_of(r, lang) if title is None else title, unit=str(r["unit"]),
                            lang=lang, history=hist,
                            marks=FanMarks(Target(str(r["target_op"] or ">="), float(r["target_value"]),
                                                  int(r["target_year"])) if has else None,
                                           base_year=int(r["base_year"]), base_value=float(r["base_value"])),
                            subtitle=display.p_hit_text(r, lang) if has and subtitle else "",
                            layout=ChartLayout(height=height))


def fan_spec(res: dict, setup: Setup, ind_id: str, lang: str, height: int = 340) -> dict:
    """The indicator's fan chart as a Vega-Lite spec: built once per region, indicator and language
    (``compute.chart_spec``), then for each scenario only its bands and median are swapped in
    (``compute.with_layer_data``): a lever move does not rebuild the chart (issue 22, speed).

    The spec is the same for every lever value (no subtitle: :func:`show` prints P(meet) and its
    model range under the chart), so the browser swaps the chart's data in place; a changed spec
    makes it compile and draw the chart afresh, 0.1-0.25 s in which the new probability waits."""
    static = ("fan", res["key"][0], ind_id, lang, height)          # everything but the scenario
    template = compute.chart_spec(static, lambda: fan_for(res, setup, ind_id, lang, height=height, subtitle=False))
    r = res["summary"].set_index("id").loc[ind_id]
    q = compute.fan_quantiles(*res["key"], (ind_id,), setup)
    spec = compute.with_layer_data(template, charts.fan_layers(q, unit=str(r["unit"]), lang=lang))
    return spec if spec is not None else compute.chart_spec(
        ("fan", res["key"], ind_id, lang, height),
        lambda: fan_for(res, setup, ind_id, lang, height=height, subtitle=False))


def metrics(res: dict, ind_id: str, lang: str) -> None:
    r = res["summary"].set_index("id").loc[ind_id]
    ty = r.get("target_year")   # the indicator's own target year; else the region's horizon
    year = int(ty) if ty is not None and np.isfinite(float(ty)) else state.horizon()
    unit = str(r["unit"])
    has = bool(np.isfinite(r["target_value"]))
    wrapping_metrics()
    c1, c2, c3 = st.columns(3)
    c1.metric(t("p_meet_metric", lang, year=year), fmt_prob(r["p_hit"], r["p_hit_se"]) if has else "–",
              help=t("why_mc_help", lang) + "\n\n" + t("why_range_help", lang))
    c2.metric(t("median_metric", lang, year=year), fmt_value(r["p50"], unit, lang),
              help=f"{t('col_interval', lang)}: {fmt_value(r['p10'], unit, lang)} – {fmt_value(r['p90'], unit, lang)}")
    c3.metric(t("target_metric", lang), fmt_target(str(r["target_op"]), r["target_value"] if has else None, unit, lang))
    if has and np.isfinite(r["required_cagr_pct"]):
        st.caption(t("growth_needed", lang, need=fmt_pct(r["required_cagr_pct"]), proj=fmt_pct(r["projected_cagr_pct"])))
    if r["met_at_base"]:
        from talentsim.app.views.overview import met_at_base_line

        st.info(t("flag_met_at_base", lang) + ": " + met_at_base_line(r, lang))


def chosen(ids: list[str], key: str = "indicator") -> str:
    """The indicator to show: one a link or another view asked for, else the last one shown, else the first."""
    want = ss.pop("_want_indicator", None)
    if want in ids:
        ss[key] = want
    if ss.get(key) not in ids:
        ss[key] = ids[0]
    return ss[key]


def picker(ids: list[str], sm: pd.DataFrame, lang: str, key: str = "indicator") -> str:
    """The indicator select box, on :func:`chosen`'s indicator."""
    names = {row["id"]: display.name_of(row, lang) for _, row in sm.iterrows()}
    chosen(ids, key)
    return choice(st.selectbox, t("choose_indicator", lang), ids, key, format_func=lambda i: f"{names.get(i, i)}")


def show(res: dict, setup: Setup, lang: str) -> None:
    sm = res["summary"]
    ids = list(sm["id"])
    slot = st.container()    # the picker, above the headline numbers: on a lever move drawn after them (issue 22, speed)
    if page_is_new():
        with slot:
            picker(ids, sm, lang)
    ind_id = chosen(ids)
    metrics(res, ind_id, lang)
    let_paint()
    if not page_is_new():
        with slot:
            picker(ids, sm, lang)
    st.vega_lite_chart(spec=fan_spec(res, setup, ind_id, lang), width="stretch", theme=None)
    r = res["summary"].set_index("id").loc[ind_id]
    if np.isfinite(r["target_value"]):       # the chart's subtitle elsewhere (exports, slides)
        st.caption(display.p_hit_text(r, lang))
    drivers.panel(res, setup, ind_id, lang)
    why.panel(res, setup, ind_id, lang)   # history, reference class, calibration, law in words, levers
    st.markdown(f"**{t('history_sources', lang)}**")
    ds = state.current_dataset()
    # static tables: long values (notes, source titles) wrap instead of being cut at 1280 px
    st.table(compute.static_piece(("history_table", state.setup_key(), ind_id, lang), lambda: display.plain_frame(
        display.history_table(compute.history(state.setup_key(), ind_id, ds.observations), lang)
        .set_index(t("head:year", lang)))))
    row = ds.indicators.set_index("id").loc[ind_id]
    st.caption(f"{t('target_metric', lang)} — {display.plain(display.doc_title(row['source'], lang))}: "
               f"“{display.plain(row['quote'])}”")
