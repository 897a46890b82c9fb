"""Liwan's '555' talent programme: probability of 500 supported talents within 5 and 10 years."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from talentsim import charts
from talentsim.chartspec import FanMarks, ChartLayout, Target
from talentsim.app import compute, display
from talentsim.app.state import LEVER_KEYS, ss
from scenarios.programme555 import COSTS
from talentsim.app.views.common import chart
from talentsim.messages import fmt_prob, fmt_value, t

if TYPE_CHECKING:
    from scenarios.setup import Setup


#: paths of the programme's simulation (its own, independent of the scenario's path count)
PATHS = 100_000
#: ranges whose dash the text conversion of document 004 lost (data/README: "lost dashes")
LOST_DASHES = {"510年": "5–10年", "34名": "3–4名", "23个": "2–3个", "815名": "8–15名", "1530名": "15–30名"}


def restore_dashes(text: str) -> str:
    """A quote of document 004 with its ranges written as ranges (5–10年, not 510年)."""
    for lost, fixed in LOST_DASHES.items():
        text = text.replace(lost, fixed)
    return text


def show(res: dict | None, setup: Setup, lang: str, slide: bool = False) -> None:
    """The programme's view; as a presentation ``slide``: the probabilities and the chart only, to fit
    one 1280×800 screen (the table and the sources stay in the view; issue 22)."""
    st.subheader(t("p555_title", lang))
    ds = compute.shipped_dataset()
    cost = float(ss[LEVER_KEYS["cost_per_talent_cny_10k"]])
    sd = float(ss[LEVER_KEYS["cost_log_sd"]])
    try:
        res = compute.run_555(cost, sd, PATHS, ds, ds.source)
    except ValueError as exc:
        st.error(t("p555_missing", lang, msg=str(exc)))
        return
    i = res.inputs
    target = fmt_value(i.target_persons, "人", lang)
    st.markdown(t("p555_intro", lang, total=fmt_value(i.total_cny_100m, "亿元", lang),
                  growth=f"{i.growth_pct_per_year:g} %", target=target))
    c1, c2 = st.columns(2)
    c1.metric(t("p555_within5", lang, target=target), fmt_prob(res.p_within_5, res.se(res.p_within_5)))
    c2.metric(t("p555_within10", lang, target=target), fmt_prob(res.p_within_10, res.se(res.p_within_10)))
    ss.last_555 = {"p5": res.p_within_5, "p10": res.p_within_10}
    cum = res.cumulative  # median and 90 % band only: the legend names just those
    chart(charts.fan_chart(cum, title=t("p555_chart", lang), unit="人", lang=lang,
                           marks=FanMarks(Target(">=", i.target_persons, int(cum["year"].max())),
                                          base_year=i.start_year),
                           layout=ChartLayout(height=260 if slide else 320)))
    if slide:
        return
    st.caption(t("p555_assumptions", lang, cost=fmt_value(cost, "万元", lang), sd=f"{sd:g}") + " "
               + f"{t('p555_person_share', lang)}: {i.person_share:.0%}.")
    tb = compute.run_555_table(sd, ds, ds.source)
    st.markdown(t("p555_table", lang, threshold=f"{i.threshold:g}", target=target))
    cells = tb.assign(cell=[f"{a:.0%} / {b:.0%}" for a, b in zip(tb["p_within_5"], tb["p_within_10"])])
    grid = cells.pivot(index="person_share", columns="cost_per_talent_cny_10k", values="cell").sort_index(ascending=False)
    grid.index = [f"{x:.0%}" for x in grid.index]
    grid.columns = [fmt_value(c, "万元", lang) for c in grid.columns]
    st.dataframe(grid)
    st.caption("; ".join(f"{fmt_value(c, '万元', lang)}: {t(f'p555_mark_{m}', lang)}" for c, m in COSTS.items() if m))
    with st.expander(t("sources", lang), expanded=True):
        for s in i.sources:
            doc, sep, quote = s.partition(": ")
            if sep and doc.endswith(".txt"):  # 'file: quote' -> 'title: “quote”'
                s = f"{display.doc_title(doc, lang)}{'：' if lang == 'zh' else ': '}{display.quoted(quote)}"
            st.markdown(f"- {display.plain(restore_dashes(s))}")
