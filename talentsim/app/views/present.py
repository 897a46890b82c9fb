"""Presentation mode: one large slide per screen, paged by buttons, keyboard or a clicker.

Slides: the summary (every target, 8 a slide, "targets 1–8 of 16"), every simulated
indicator, the comparison, and "what it takes" (``solve.what_it_takes``). Each slide
names the scenario (marked when edited) and its lever values. Streamlit has no key
events, so a small script (``KEYS_JS``) turns keys into clicks on the slide buttons.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from talentsim import charts
from talentsim import levertext
from talentsim.app import display, state
from talentsim.app.state import ss
from talentsim.app.views import compare, indicator, p555, solve
from talentsim.app.views.common import chart, guard
from talentsim.indicators import key_indicators
from talentsim.messages import fmt_expected, fmt_prob, t

if TYPE_CHECKING:
    from scenarios.compare import Comparison
    from scenarios.setup import Setup

#: targets per summary slide (more would not read at 1280×800)
PER_SUMMARY = 8
#: rows per "what it takes" slide: its answers carry ranges and wrap to two or three lines, so 8 ran
#: to 838 px on an 800-px screen (measured in Chromium, issue 22); 5 rows of three lines still fit
PER_CLOSING = 5

CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], .st-key-present_keys {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {max-width: 1400px; padding-top: 1.2rem;}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {font-size: 1.45rem;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p {font-size: 3.4rem !important; line-height: 1.2;
  font-weight: 600;}
[data-testid="stMetricLabel"] p {font-size: 1.4rem !important;}
h1 {font-size: 2.4rem !important;} h2 {font-size: 2.1rem !important;}
.stButton [data-testid="stMarkdownContainer"] p {font-size: 1.1rem; white-space: nowrap;}
.st-key-present_table table {font-size: 1.1rem;} .st-key-present_table th {white-space: nowrap;}
.st-key-present_table td, .st-key-present_table th {padding: .25rem .6rem !important;}
.present-footer {font-size: 1rem; color: #555; border-top: 1px solid #ddd; padding-top: .3rem; line-height: 1.5;}
</style>"""

#: keydown on the page -> click on a slide button (found by its st-key class); attached once:
#: a rerun replaces the listener instead of adding a second one. Keys typed into a field stay there.
KEYS_JS = """<script>
(function () {
  const P = window.parent || window, doc = P.document;   // the page itself (or the page around a frame)
  const act = {ArrowRight: "next", ArrowDown: "next", PageDown: "next", " ": "next", Spacebar: "next",
               ArrowLeft: "prev", ArrowUp: "prev", PageUp: "prev", Home: "first", End: "last",
               Escape: "exit_present"};
  if (P.__talentsimKeys) doc.removeEventListener("keydown", P.__talentsimKeys, true);
  P.__talentsimKeys = function (e) {
    const which = act[e.key];
    if (!which || e.altKey || e.ctrlKey || e.metaKey || !doc.querySelector(".st-key-exit_present")) return;
    const el = e.target;
    if (el && el.closest && el.closest("input, textarea, select, [contenteditable='true'], [role='slider'], "
                                        + "[role='combobox'], [role='listbox'], [role='textbox']")) return;
    const btn = doc.querySelector(".st-key-" + which + " button");
    if (!btn) return;
    e.preventDefault();
    e.stopPropagation();
    if (doc.activeElement && doc.activeElement.blur) doc.activeElement.blur();   // no second click on keyup
    if (!btn.disabled) btn.click();
  };
  doc.addEventListener("keydown", P.__talentsimKeys, true);
})();
</script>"""


def comparison() -> Any:
    """The comparison of the compare view (its choice, else the default one); None if none runs."""
    cmp = None
    if ss.get("compare_with"):
        cmp = guard(lambda: state.run_comparison(list(ss.compare_with))[0])
    if cmp is None:
        cmp = state.run_comparison(state.default_comparison())[0]
    return cmp


def slides_of(res: dict | None, cmp: Comparison) -> list[str]:
    """Slide keys: the programme alone, or the summary pages (``summary:0``, …), every
    simulated indicator, the comparison, and the closing slides (``closing:0``, …)."""
    if res is None:
        return ["p555"] if "p555" in state.region_views() else []
    sm = res["summary"]
    pages = [f"summary:{i}" for i in range(_pages(int(sm["p_hit"].notna().sum())))]
    closing = [f"closing:{i}" for i in range(_pages(len(solve.unlikely(sm)), PER_CLOSING))]
    return [*pages, *sm["id"], *(["compare"] if cmp is not None else []), *closing]


def _pages(n: int, per: int = PER_SUMMARY) -> int:
    return max(1, -(-n // per))


def step_to(i: int | None = None, by: int = 0, n: int = 1) -> None:
    """Go to slide ``i``, or ``by`` slides on from the current one (each press counts)."""
    ss.step = min(max(int(ss.get("step", 0)) + by if i is None else i, 0), n - 1)


def navigation(n: int, lang: str) -> None:
    ss.step = min(max(int(ss.get("step", 0)), 0), n - 1)
    nav = st.columns([1, 1.2, 1.2, 2.2, 1, 1.6])
    nav[0].button(t("present_first", lang), key="first", disabled=ss.step == 0, width="stretch",
                  on_click=step_to, args=(0,), kwargs={"n": n})
    nav[1].button(t("present_prev", lang), key="prev", disabled=ss.step == 0, width="stretch",
                  on_click=step_to, kwargs={"by": -1, "n": n})
    nav[2].button(t("present_next", lang), key="next", disabled=ss.step >= n - 1, width="stretch",
                  on_click=step_to, kwargs={"by": 1, "n": n})
    nav[3].markdown(f"<div data-testid='present-step' style='text-align:center;padding-top:.4rem;color:gray'>"
                    f"{t('present_step', lang, i=ss.step + 1, n=n)}</div>", unsafe_allow_html=True,
                    help=t("present_keys", lang))
    nav[4].button(t("present_last", lang), key="last", disabled=ss.step >= n - 1, width="stretch",
                  on_click=step_to, args=(n - 1,), kwargs={"n": n})
    nav[5].button(t("present_exit", lang), key="exit_present", width="stretch",
                  on_click=lambda: ss.update(present=False))
    with st.container(key="present_keys"):
        st.html(KEYS_JS, unsafe_allow_javascript=True)


def short(frame: pd.DataFrame) -> pd.DataFrame:
    """Indicator names without their explanation in brackets, for chart labels and tables (the
    indicator's own slide gives the full name)."""
    out = frame.copy()
    for col in ("name_zh", "name_en"):
        out[col] = out[col].map(display.short_name)
    return out


def footer(lang: str) -> None:
    """The scenario (marked when edited), its lever values, yearly budget and sector inflows, on every slide."""
    sc = state.current_scenario()
    name = display.scenario_title(sc, lang) + (t("scenario_modified", lang) if state.modified() else "")
    hidden = list(state.disabled_levers())
    line = levertext.lever_line(levertext.resolved(state.current_levers(), {}), lang, hidden)
    setup = state.current_setup()
    plans = levertext.schedule_parts(*levertext.schedules_of(sc, setup), lang, setup.indicators)
    line = " · ".join([line, *plans])
    st.markdown(f"<div class='present-footer'><b>{html.escape(t('present_scenario', lang, name=name))}</b>"
                f" · {html.escape(line)}</div>", unsafe_allow_html=True)


def summary_slide(res: dict, page: int, lang: str) -> None:
    sm = res["summary"]
    targeted = sm[sm["p_hit"].notna()]
    shown = targeted.iloc[page * PER_SUMMARY:(page + 1) * PER_SUMMARY]
    st.title(t("present_summary", lang, region=state.region_name(lang)))
    c1, c2 = st.columns(2)
    c1.metric(t("expected_met", lang), f"{fmt_expected(res['expected_met'])} / {res['n_targets']}")
    c2.metric(t("p_all", lang), fmt_prob(res["p_all"], res["p_all_se"]))
    first = page * PER_SUMMARY + 1
    st.markdown(f"**{t('present_summary_page', lang, a=first, b=first + len(shown) - 1, n=len(targeted))}**")
    bars = charts.probability_bars(short(shown), lang=lang, width=900, label_chars=80)
    chart(bars.properties(height=44 * len(shown))
          .configure_axisY(labelLimit=520, labelFontSize=17).configure_text(fontSize=16))


def compare_slide(cmp: Comparison, lang: str) -> None:
    titles = compare.titles(cmp, lang)
    st.title(t("present_compare", lang, names=" · ".join(titles)))
    tab = display.titled_table(cmp, titles)
    keys = key_indicators(cmp.table(), cmp.names)
    shown = short(tab[tab["id"].isin(keys)])
    dots = charts.comparison_chart(shown, titles, lang=lang, width=900, label_limit=600)
    chart(dots.properties(height=40 * len(shown))
          .configure_axisY(labelFontSize=16).configure_legend(labelFontSize=16, titleFontSize=16))
    reg = cmp.region_table()
    for c, title, (_, r) in zip(st.columns(len(reg)), titles, reg.iterrows()):
        c.metric(f"{t('p_all', lang)} · {title}", fmt_prob(r["p_all"], r["p_all_se"]))
    levers = compare.lever_table(cmp, titles, lang)
    changed = levers[levers[t("col_lever_changed", lang)] != ""].drop(columns=t("col_lever_changed", lang))
    if not changed.empty:
        with st.container(key="present_table"):
            st.table(display.plain_frame(changed.set_index(t("col_lever", lang))))


def closing_slide(res: dict, page: int, lang: str) -> None:
    prob = f"{solve.solve_prob():.0%}"
    st.title(t("present_closing", lang))
    rows = solve.what_it_takes(res, lang)
    if not rows:
        st.success(t("present_all_likely", lang, prob=prob))
        return
    shown = rows[page * PER_CLOSING:(page + 1) * PER_CLOSING]
    first = page * PER_CLOSING + 1
    st.caption(t("present_closing_note", lang, prob=prob) + " "
               + t("present_summary_page", lang, a=first, b=first + len(shown) - 1, n=len(rows)))
    names = {r["id"]: display.name_of(r, lang) for _, r in short(res["summary"]).iterrows()}  # a line a row
    frame = pd.DataFrame([[names[r["id"]], r["p"], r["lever"], r["answer"]] for r in shown],
                         columns=[t("col_indicator", lang), t("col_p_now", lang), t("col_lever", lang),
                                  t("col_needed", lang)])
    with st.container(key="present_table"):
        st.table(display.plain_frame(frame.set_index(t("col_indicator", lang))))


def show(res: dict | None, setup: Setup, lang: str) -> None:
    st.markdown(CSS, unsafe_allow_html=True)
    cmp = comparison() if res is not None else None
    slides = slides_of(res, cmp)
    if not slides:
        st.info(t("not_simulable", lang))
        return
    navigation(len(slides), lang)
    slide = slides[ss.step]
    if slide == "p555":
        p555.show(res, setup, lang, slide=True)
        return
    footer(lang)
    if slide.startswith("summary:"):
        summary_slide(res, int(slide.partition(":")[2]), lang)
    elif slide == "compare":
        compare_slide(cmp, lang)
    elif slide.startswith("closing:"):
        closing_slide(res, int(slide.partition(":")[2]), lang)
    else:
        r = res["summary"].set_index("id").loc[slide]
        st.title(display.plain(display.name_of(r, lang)))
        indicator.metrics(res, slide, lang)
        chart(indicator.fan_for(res, setup, slide, lang, height=320, title="").configure_axis(
            labelFont=charts.FONT, titleFont=charts.FONT, labelFontSize=16, titleFontSize=17))
