"""The planners' page: set the page, read the sidebar, show one view.

State lives in ``talentsim.app.state``, cached numbers in ``talentsim.app.compute`` and each
view in ``talentsim/app/views/``; every number comes from ``scenarios`` / ``forecast``. The
entry scripts (``app.py`` in a checkout, ``talentsim/app/entry.py`` in an installed
package, started by ``talentsim app``) call :func:`run` on every rerun.
"""


from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from forecast.data.horizon import region_row
from talentsim.app import compute, display, links, prefetch, state
from talentsim.app.state import ss
from talentsim.app.views import (compare, data, indicator, methods, newplan, overview, p555, present, scorecard,
                                 sidebar, solve)
from talentsim.app.views import targets as set_targets
from talentsim.app.views.common import choice, guard, note_page
from talentsim.messages import CATALOGUE, fmt_value, t

if TYPE_CHECKING:
    from scenarios.setup import Setup
    from scenarios.spec import Scenario

#: view key -> function drawing it (res, setup, lang)
VIEWS = {"overview": overview.show, "indicator": indicator.show, "compare": compare.show, "solve": solve.show,
         "p555": p555.show, "scorecard": scorecard.show, "data": data.show, "newplan": newplan.show,
         "targets": set_targets.show, "methods": methods.show}
#: views that need the simulation of the region's indicators
NEED_RESULTS = ("overview", "indicator", "solve", "targets")


def simulate(sc: Scenario, results: bool = True) -> tuple:
    """The region's setup and, if ``results``, its simulation results (None, None where it has
    nothing to simulate; the compare view runs its own simulations of every scenario)."""
    if not state.simulated():
        return None, None
    try:
        setup = state.current_setup()
        if not results:
            return None, setup
        res = compute.sim_results(state.setup_key(), compute.canonical(sc), setup)
    except ValueError as exc:  # e.g. a region without projectable indicators
        st.error(display.plain(exc))
        return None, None
    ss.p_hit = dict(zip(res["summary"]["id"], res["summary"]["p_hit"].astype(float)))
    ss.p_all = (res["p_all"], res["p_all_se"])
    return res, setup


def header(sc: Scenario, setup: Setup, lang: str, view: str | None = None) -> None:
    st.title(t("app_title", lang))
    if view == "p555":  # the programme's own simulation: not the scenario's levers or path count
        line = t("p555_header", lang, paths=f"{p555.PATHS:,}")
    else:
        line = t("scenario_line", lang, name=display.plain(display.scenario_title(sc, lang))
                 + (t("scenario_modified", lang) if state.modified() else ""), paths=f"{sc.paths:,}", seed=sc.seed)
    st.caption(caption(lang, setup) + "  \n" + line)
    why = None if ss.region == state.UPLOAD else compute.shipped_why_text(ss.region, lang)
    if why:
        st.info(why)
    if setup is not None and setup.historic_funding is None:
        st.caption("ℹ️ " + t("funding_no_effect", lang))
    elif setup is not None:
        st.caption("ℹ️ " + t("funding_source", lang, value=fmt_value(setup.historic_funding, "亿元", lang)),
                   help=setup.funding_source)


def caption(lang: str, setup: Setup | None=None) -> str:
    """The page's caption: the plan, its target years and the data year ("as of": the latest base year
    of the simulated indicators, as the exports say; else the region's last observation), all from the data."""
    if not state.region_years() or not state.simulated():
        return t("app_caption_plain", lang)
    if ss.region == state.UPLOAD:
        plan = t("plan_text_upload", lang)
    else:
        row = region_row(compute.shipped_dataset(), ss.region)
        key = f"plan_text_{row.get('plan') or 'other'}"
        plan = t(key if key in CATALOGUE else "plan_text_other", lang)
    as_of = setup.data_year if setup is not None else state.data_year()
    return t("app_caption", lang, plan=plan, year=state.years_text(lang), as_of=as_of or "–")


def main() -> None:
    """One rerun. The sidebar is drawn last: its ~40 unchanged widgets would otherwise be
    sent (and wait for the server's send loop) before the new probabilities; its widget
    values are in the session state before the script starts, so nothing reads them late."""
    state.init_state()
    state.keep_widget_state()
    if ss.get("base_scenario") is None:
        state.on_source_change()
    sidebar.settle()
    guard(content)
    sidebar.show()
    # the page is drawn: simulate the next step of the lever just moved (talentsim.app.prefetch)
    guard(prefetch.run, wanted=state.simulated() and (bool(ss.get("present")) or ss.get("view") in NEED_RESULTS))


def content() -> None:
    """The main area: the scenario line, the probabilities and the chosen view."""
    lang = state.lang()
    sc = state.current_scenario()
    state.write_query_params(sc)   # at once (a slow view must not hold the link back) ...
    try:
        shown(sc, lang)
    finally:   # ... and after the view, which may settle the view, indicator or region it names (issue 22)
        state.write_query_params(sc)


def shown(sc: Scenario, lang: str) -> None:
    """The scenario line, the probabilities and the chosen view (:func:`content`)."""
    for key, value, code, fields in ss.get("_qp_warnings", []):
        why = links.why_text(code, fields, lang)
        st.warning(t("query_bad", lang, param=key, value=display.plain(value), why=display.plain(why)))
    views = state.region_views()
    if ss.get("view") not in views:
        ss.view = views[0]
    res, setup = simulate(sc, results=bool(ss.get("present")) or ss.view != "compare")
    new = note_page()
    if ss.get("present"):
        guard(present.show, res, setup, lang)
        return
    head, body = st.container(), st.container()
    # on a rerun of the same page (a lever move) the view is drawn before the header above it (title,
    # captions, view switch): its headline numbers then reach the browser ahead of those unchanged
    # elements; a page new to the browser is drawn top down, so that nothing is put in above what
    # it shows (issue 22, speed)
    parts = [(head, lambda: _header(sc, setup, lang, views)), (body, lambda: _view(res, setup, lang))]
    for box, draw in parts if new else parts[::-1]:
        with box:
            draw()


def _header(sc: Scenario, setup: Setup | None, lang: str, views: list[str]) -> None:
    """The title, captions and view switch (:func:`shown`)."""
    header(sc, setup, lang, ss.view)
    if ss.get("plan_ok"):
        st.success(ss.pop("plan_ok"))
    choice(st.segmented_control, t("view", lang), views, "view", required=True,
           format_func=lambda v: t(f"view_{v}", lang), label_visibility="collapsed")


def _view(res: dict | None, setup: Setup | None, lang: str) -> None:
    """The chosen view (:func:`shown`)."""
    view = ss.view
    if view in NEED_RESULTS and res is None:
        st.info(t("not_simulable", lang))
    else:
        guard(VIEWS[view], res, setup, lang)
    if view != "data" and ss.get("upload_problems"):
        data.show_upload_status(lang)


def run() -> None:
    """Draw the page once (Streamlit calls the entry script on every rerun)."""
    st.set_page_config(page_title="talentsim", page_icon="📈", layout="wide")
    guard(main)
