"""The lever panel's two tables: a yearly budget and the inflow by sector (``talentsim.app.schedules``).

A table's edits are read at the start of the next run (:func:`settle`, before the page
simulates), checked as a whole and applied, or refused with an error that names the year
or sector; either way the table starts afresh from the applied values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from talentsim.app import display, schedules, state
from talentsim.app.state import ss
from talentsim.messages import fmt_number, t

if TYPE_CHECKING:
    from scenarios.spec import Levers

WHICH = ("budget", "sector")


def _key(which: str, lang: str) -> str:
    return f"_sch_{which}_{ss.get(schedules.VERSION, 0)}_{lang}_{state.scenario_region()}"


def _rows(which: str, setup, lang: str) -> tuple[list, list[str], str, float]:
    """A table's row keys, their labels, its editable column and the largest value it accepts."""
    if which == "budget":
        years = schedules.budget_years(setup)
        return years, [str(y) for y in years], t("sch_col_budget", lang), schedules.BUDGET_LEVER.high
    ids = schedules.sectors(setup)
    names = [display.name_of(setup.indicators.iloc[setup.ids.index(i)], lang) for i in ids]   # rows follow ids
    return ids, names, t("sch_col_inflow", lang), schedules.SECTOR_LEVER.high


def settle(lang: str) -> None:
    """Apply (or refuse) the edits made in the tables last run. Call before the scenario is read."""
    try:
        setup = state.current_setup()
    except Exception:  # noqa: BLE001 - the page reports setup errors elsewhere
        return
    keys = {which: _key(which, lang) for which in WHICH}
    for which, key in keys.items():
        edits = (ss.get(key) or {}).get("edited_rows") if isinstance(ss.get(key), dict) else None
        if not edits:
            continue
        rows, labels, column, high = _rows(which, setup, lang)
        changes, problems = schedules.parse_edits(edits, rows, labels, column, high=high)
        store = schedules.BUDGET if which == "budget" else schedules.SECTOR
        if problems:
            ss[f"_sch_error_{which}"] = (problems, high)
        else:
            ss[store] = schedules.merged(ss.get(store) or {}, changes)
            ss.pop(f"_sch_error_{which}", None)
        schedules.renew()


def error_text(which: str, lang: str) -> str | None:
    """The refused edit's message: each bad cell with its year or sector and why; nothing applied."""
    got = ss.get(f"_sch_error_{which}")
    if not got:
        return None
    problems, high = got
    lines = [t(f"sch_bad_{which}", lang, row=display.plain(row), value=display.plain(raw),
               why=t(code, lang, high=fmt_number(high, 3))) for row, raw, code in problems]
    return "  \n".join(lines + [t("sch_nothing_applied", lang)])


def show(lang: str, levers: Levers) -> None:
    """Draw the yearly-budget table (where funding acts) and the sector table (where the region has sectors)."""
    try:
        setup = state.current_setup()
    except Exception:  # noqa: BLE001 - the page reports setup errors elsewhere
        return
    budget, sector = schedules.applied()
    years, labels, column, _ = _rows("budget", setup, lang)
    if years:
        err = error_text("budget", lang)
        with st.expander(t("sch_budget_title", lang), expanded=err is not None or bool(budget)):
            st.caption(t("sch_budget_help", lang))
            if err:
                st.error(err)
            sliders = t("sch_col_sliders", lang)
            df = pd.DataFrame({t("sch_col_year", lang): labels,
                               sliders: schedules.slider_spend(setup, levers, years),
                               column: pd.Series([budget.get(y) for y in years], dtype="float64")})
            st.data_editor(df, key=_key("budget", lang), hide_index=True, num_rows="fixed", placeholder="–",
                           disabled=[t("sch_col_year", lang), sliders], width="stretch",
                           column_config={t("sch_col_year", lang): st.column_config.TextColumn(width=48),
                                          sliders: st.column_config.NumberColumn(sliders, format="%.3g", width=64),
                                          column: st.column_config.NumberColumn(column, format="%.3g", width=72,
                                                                                help=t("sch_budget_cell", lang))})
    ids, labels, column, _ = _rows("sector", setup, lang)
    if ids:
        err = error_text("sector", lang)
        with st.expander(t("sch_sector_title", lang), expanded=err is not None or any(i in sector for i in ids)):
            st.caption(t("sch_sector_help", lang))
            if err:
                st.error(err)
            name = t("sch_col_sector", lang)
            df = pd.DataFrame({name: labels, column: pd.Series([sector.get(i) for i in ids], dtype="float64")})
            st.data_editor(df, key=_key("sector", lang), hide_index=True, num_rows="fixed", placeholder="–",
                           disabled=[name], width="stretch",
                           column_config={name: st.column_config.TextColumn(width="medium"),
                                          column: st.column_config.NumberColumn(column, format="%.3g", width=64,
                                                                                help=t("sch_sector_cell", lang))})
    if years or ids:
        st.caption(t("sch_saved", lang))
