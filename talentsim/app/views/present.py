"""Presentation mode: one large slide per screen — the summary, each key indicator, the comparison.

The key indicators are picked by ``talentsim.indicators.key_indicators`` from the same
comparison the compare view shows, so the screen shows the indicators the exported deck does.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from talentsim import charts
from talentsim.app import display, state
from talentsim.app.state import ss
from talentsim.app.views import indicator, p555
from talentsim.app.views.common import chart, guard
from talentsim.indicators import key_indicators
from talentsim.messages import fmt_prob, t

CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"] {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {max-width: 1400px; padding-top: 1.2rem;}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {font-size: 1.45rem;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p {font-size: 3.4rem !important; line-height: 1.2;
  font-weight: 600;}
[data-testid="stMetricLabel"] p {font-size: 1.4rem !important;}
h1 {font-size: 2.7rem !important;} h2 {font-size: 2.1rem !important;}
</style>"""


def comparison() -> Any:
    """The comparison of the compare view (its choice, else the default one); None if none runs."""
    cmp = None
    if ss.get("compare_with"):
        cmp = guard(lambda: state.run_comparison(list(ss.compare_with))[0])
    if cmp is None:
        cmp = state.run_comparison(state.default_comparison())[0]
    return cmp


def slides_of(res: dict | None, cmp: Any) -> list[str]:
    """Slide keys: the programme alone, or summary, key indicators, comparison."""
    if res is None:
        return ["p555"] if "p555" in state.region_views() else []
    if cmp is not None:
        keys = key_indicators(cmp.table(), cmp.names)
    else:  # one scenario only: the same rule on its own probabilities
        name = state.current_scenario().name
        keys = key_indicators(res["summary"].rename(columns={"p_hit": f"p_hit[{name}]"}), [name])
    return ["summary", *keys, "compare"]


def navigation(n: int, lang: str) -> None:
    ss.step = min(max(int(ss.get("step", 0)), 0), n - 1)
    nav = st.columns([1, 1, 4, 1])
    nav[0].button(t("present_prev", lang), key="prev", disabled=ss.step == 0, width="stretch",
                  on_click=lambda: ss.update(step=max(0, ss.step - 1)))
    nav[1].button(t("present_next", lang), key="next", disabled=ss.step >= n - 1, width="stretch",
                  on_click=lambda: ss.update(step=min(n - 1, ss.step + 1)))
    nav[2].markdown(f"<div style='text-align:center;padding-top:.4rem;color:gray'>"
                    f"{t('present_step', lang, i=ss.step + 1, n=n)}</div>", unsafe_allow_html=True)
    nav[3].button(t("present_exit", lang), key="exit_present", width="stretch",
                  on_click=lambda: ss.update(present=False))


def show(res: dict | None, setup: Any, lang: str) -> None:
    st.markdown(CSS, unsafe_allow_html=True)
    cmp = comparison() if res is not None else None
    slides = slides_of(res, cmp)
    if not slides:
        st.info(t("not_simulable", lang))
        return
    navigation(len(slides), lang)
    slide = slides[ss.step]
    keys = slides[1:-1]
    if slide == "p555":
        p555.show(res, setup, lang)
    elif slide == "summary":
        st.title(t("present_summary", lang, region=state.region_name(lang)))
        c1, c2 = st.columns(2)
        c1.metric(t("expected_met", lang), f"{res['expected_met']:.1f} / {res['n_targets']}")
        c2.metric(t("p_all", lang), fmt_prob(res["p_all"], res["p_all_se"]))
        sm = res["summary"]
        shown = sm[sm["id"].isin(keys)]
        chart(charts.probability_bars(shown, lang=lang, width=900).properties(height=56 * len(shown))
              .configure_axisY(labelLimit=460, labelFontSize=17).configure_text(fontSize=16))
    elif slide == "compare":
        if cmp is not None:
            st.title(t("present_compare", lang, names=" · ".join(cmp.names)))
            tab = cmp.table()
            chart(charts.comparison_chart(tab[tab["id"].isin(keys)], cmp.names, lang=lang, width=900))
            reg = cmp.region_table()
            for c, (_, r) in zip(st.columns(len(reg)), reg.iterrows()):
                c.metric(f"{t('p_all', lang)} · {r['scenario']}", fmt_prob(r["p_all"], r["p_all_se"]))
    else:
        r = res["summary"].set_index("id").loc[slide]
        st.title(display.name_of(r, lang))
        indicator.metrics(res, slide, lang)
        chart(indicator.fan_for(res, setup, slide, lang, height=430, title="").configure_axis(
            labelFont=charts.FONT, titleFont=charts.FONT, labelFontSize=16, titleFontSize=17))
