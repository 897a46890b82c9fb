"""Compare: the current scenario against chosen ones on common random numbers, with exports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pandas as pd
import streamlit as st

from scenarios import reach
from talentsim import charts
from talentsim import levertext
from talentsim.app import display, state
from talentsim.app.state import ss
from talentsim.app.views.common import chart, choice, colour_p
from talentsim.messages import fmt_expected, fmt_prob, t

if TYPE_CHECKING:
    from scenarios.compare import Comparison
    from scenarios.setup import Setup

try:  # the export extra may be missing: then the buttons are hidden
    import talentsim.export as EXPORT
except ImportError:  # pragma: no cover - depends on the installed extras
    EXPORT = None

#: (export function, label key, file extension, MIME type)
EXPORTS = (("xlsx_bytes", "export_xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           ("pptx_bytes", "export_pptx", "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
           ("html_text", "export_html", "html", "text/html"))


def chosen_comparison(lang: str):
    """The comparison of the current scenario with those picked in the multiselect."""
    opts = [o for o in state.source_options() if o != ss.src]
    if "compare_with" not in ss:
        ss.compare_with = state.default_comparison()
    ss.compare_with = [o for o in ss.compare_with if o in opts]
    chosen = choice(st.multiselect, t("compare_with", lang), opts, "compare_with",
                    format_func=lambda o, lang=lang: state.source_label(o, lang))
    if not chosen:
        st.info(t("compare_need_two", lang))
        return None
    cmp, errors = state.run_comparison(chosen)
    for msg in errors:
        st.error(display.plain(msg))
    return cmp


def titles(cmp: Comparison, lang: str) -> list[str]:
    """The compared scenarios' names in ``lang`` (the current one marked when edited), unique."""
    out: list[str] = []
    for i, sim in enumerate(cmp.sims):
        name = display.scenario_title(sim.scenario, lang)
        name += t("scenario_modified", lang) if i == 0 and state.modified() else ""
        out.append(display.unique_name(name, out, " (2)"))
    return out


def lever_table(cmp: Comparison, names: list[str], lang: str) -> pd.DataFrame:
    """The compared scenarios' lever values side by side (the region's own figure where a
    scenario leaves a lever to the region), then the yearly budgets and sector inflows some
    scenario sets; rows that differ marked and first."""
    setup = state.current_setup()
    defaults = reach.lever_defaults(setup)
    cols = {n: levertext.resolved(sim.scenario.levers.model_dump(), defaults) for n, sim in zip(names, cmp.sims)}
    plans = {n: levertext.schedules_of(sim.scenario, setup) for n, sim in zip(names, cmp.sims)}
    return levertext.lever_table(cols, lang, hidden=list(state.disabled_levers()), schedules=plans,
                                 indicators=setup.indicators)


def show(res: dict | None, setup: Setup, lang: str) -> None:
    cmp = chosen_comparison(lang)
    if cmp is None:
        return
    st.caption(t("compare_crn", lang))
    names = titles(cmp, lang)
    levers = lever_table(cmp, names, lang)
    st.markdown(f"**{t('compare_levers', lang)}**")
    changed_col = t("col_lever_changed", lang)
    st.dataframe(levers.style.apply(lambda r: ["background-color: #fff3cd" if r[changed_col] else ""] * len(r), axis=1),
                 hide_index=True, key="compare_levers", column_config={t("col_lever", lang): st.column_config.TextColumn(
                     width=300), changed_col: st.column_config.TextColumn(width=70)})
    st.caption(t("compare_levers_note", lang))
    frame, names = display.compare_frame(cmp, lang, names, short=True)
    # rows whose difference rounds to 0.0 points are folded away (what changed comes first)
    changed = frame[frame["_change"] >= 0.05].drop(columns="_change") if not frame.empty else frame
    same = frame[frame["_change"] < 0.05].drop(columns="_change") if not frame.empty else frame
    # the indicator stays in view and the differences come next: readable at 1280 px with the sidebar open
    cfg = {t("col_indicator", lang): st.column_config.TextColumn(width=260 if lang == "zh" else 385, pinned=True)}
    if not changed.empty:
        st.dataframe(changed.style.map(colour_p, subset=names).format({n: lambda p: fmt_prob(p) for n in names}),
                     hide_index=True, key="compare_table", height=min(38 + 35 * len(changed), 700), column_config=cfg)
    if not same.empty:
        with st.expander(t("compare_unchanged", lang, n=len(same))):
            st.dataframe(same.style.map(colour_p, subset=names).format({n: lambda p: fmt_prob(p) for n in names}),
                         hide_index=True, key="compare_same", column_config=cfg)
    reg = cmp.region_table()
    st.markdown(f"**{t('compare_region_table', lang)}**")
    st.dataframe(pd.DataFrame({
        t("col_scenario", lang): names, t("col_targets", lang): reg["targets"],
        t("expected_met", lang): [fmt_expected(x) for x in reg["expected_met"]],
        t("p_all", lang): [fmt_prob(p, s) for p, s in zip(reg["p_all"], reg["p_all_se"])]}), hide_index=True)
    # short names on two lines at most: the plot keeps its width at 1280 px with the sidebar open
    chart(charts.comparison_chart(display.titled_table(cmp, names), names, lang=lang, label_limit=280,
                                  label_width=36 if lang == "zh" else 40, title=t("comparison_chart_title", lang)))
    export_buttons(cmp, lang)


#: exports that failed, by (comparison, language, format): said on the page at the next run
_FAILED: dict[tuple, str] = {}


def export_buttons(cmp: Comparison, lang: str) -> None:
    """Exports in the page's language with the region's own data (an upload's too), one click each.

    Each file is built when its button is clicked (Streamlit's deferred download, on a thread
    of its own); a failure raises there, so no broken file is ever downloaded, and is said on
    the page at the next run."""
    if EXPORT is None:
        return
    st.markdown(f"**{t('exports', lang)}**")
    key = (state.setup_key(), tuple(sim.scenario.to_yaml() for sim in cmp.sims), lang)
    ds = state.current_dataset()
    for col, (fn, label, ext, mime) in zip(st.columns(len(EXPORTS)), EXPORTS):
        with col:
            why = _FAILED.pop((key, ext), None)
            if why:
                st.error(display.plain(t("guard_export_failed", lang, what=ext.upper(), why=why)))
            build = ss[f"_export_build_{ext}"] = _deferred(getattr(EXPORT, fn), cmp, lang, ds, (key, ext))
            st.download_button(t(label, lang), data=build,
                               file_name=f"talentsim-comparison.{ext}", mime=mime, key=f"export_{ext}",
                               width="stretch", on_click="ignore")


def _deferred(func: Callable, cmp: Any, lang: str, ds: Any, fail_key: tuple) -> Callable[[], bytes]:
    """The export as a callable of no arguments (run at the click, off the script thread)."""
    def build() -> bytes:
        try:
            return _export_bytes(func, cmp, lang, ds)
        except Exception as exc:
            _FAILED[fail_key] = f"{exc.__class__.__name__}: {str(exc)[:300]}"
            raise
    return build


def _export_bytes(func: Callable, cmp: Any, lang: str, ds: Any) -> bytes:
    data = func(cmp, lang=lang, dataset=ds)
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)
