"""New plan: the planner types or pastes an indicator table, checks it, simulates, saves, reopens.

The table is converted and checked by ``talentsim.app.newplan`` with the upload's schema;
a plan that loads becomes the page's uploaded region, so every other view works on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from forecast.data.schema import COMPARATORS, TYPES, UNITS
from talentsim.app import newplan, state, upload
from talentsim.app.regions import UPLOAD
from talentsim.app.state import ss
from talentsim.app.views import fromdoc as fromdoc_view
from talentsim.messages import t, unit_text

if TYPE_CHECKING:
    from scenarios.setup import Setup


def _reset(df: pd.DataFrame, funding: pd.DataFrame | None = None) -> None:
    ss.plan_table = ss.plan_current = df
    if funding is not None:
        ss.plan_funding = ss.plan_funding_current = funding
    ss.plan_version = ss.get("plan_version", 0) + 1       # a new editor: forget the old edits
    ss.pop("plan_problems", None)


def _open_saved() -> None:
    """The Open button's callback: the region id box is drawn above it, so it is set before the run
    (set during the run, Streamlit refused: StreamlitWidgetAlreadyInstantiatedError; issue 22)."""
    pick = ss.get("plan_pick")
    if pick:
        _reset(newplan.load_plan(state.saved_dir(), pick), newplan.load_funding(state.saved_dir(), pick))
        ss.plan_region = pick


def open_plan(region: str, df: pd.DataFrame, funding: pd.DataFrame, lang: str) -> list:
    """Check the tables; when they load, make the plan the page's region (then rerun). Returns the problems."""
    loaded, problems = newplan.check_plan(region, df, funding)
    if problems or loaded is None:
        return problems
    ss.upload, ss.upload_problems = loaded, []
    ss.upload_region, ss.region = loaded.regions[0], UPLOAD
    ss.base_scenario = ss.base_scenario.model_copy(update={"horizon": None, "region": loaded.regions[0]})
    ss.plan_ok = t("plan_ok", lang, n=len(loaded.dataset.indicators), year=state.years_text(lang))
    ss.view = "overview"
    st.rerun()
    return []


def show(res: dict[str, Any], setup: Setup, lang: str) -> None:
    st.caption(t("plan_intro", lang))
    if "plan_table" not in ss:
        _reset(newplan.blank_template(), newplan.blank_funding())
    c1, c2, c3 = st.columns([2, 3, 2])
    if not ss.get("plan_region"):
        ss.plan_region = "my_district"
    region = c1.text_input(t("plan_region", lang), key="plan_region")
    base, target = newplan.plan_years()
    if c2.button(t("plan_template", lang, base=base, target=target), key="plan_template"):
        _reset(newplan.blank_template(), newplan.blank_funding())
    plans = newplan.saved_plans(state.saved_dir())
    if plans:
        c3.selectbox(t("plan_open", lang), plans, key="plan_pick")
        c3.button(t("plan_open_button", lang), key="plan_open", on_click=_open_saved)
    col = st.column_config
    # the grid shows the page's language: its columns are the labels, its codes formatted
    cfg = {"key": col.TextColumn(t("plan_col:key", lang), width="small"),
           "name_zh": col.TextColumn(t("plan_col:name_zh", lang), width="medium"),
           "name_en": col.TextColumn(t("plan_col:name_en", lang), width="medium"),
           "unit": col.SelectboxColumn(t("plan_col:unit", lang), options=list(UNITS), width="small",
                                       format_func=lambda u: unit_text(u, lang)),
           "type": col.SelectboxColumn(t("plan_col:type", lang), options=list(TYPES), width="small",
                                       format_func=lambda k: t(f"type:{k}", lang)),
           "base_year": col.NumberColumn(t("plan_col:base_year", lang), min_value=newplan.MIN_YEAR, max_value=newplan.MAX_YEAR,
                                         step=1, format="%d", width="small"),
           "base_value": col.TextColumn(t("plan_col:base_value", lang), width="small"),
           "earlier": col.TextColumn(t("plan_col:earlier", lang), width="medium"),
           "target_year": col.NumberColumn(t("plan_col:target_year", lang), min_value=newplan.MIN_YEAR + 1,
                                           max_value=newplan.MAX_YEAR, step=1, format="%d", width="small"),
           "target_op": col.SelectboxColumn(t("plan_col:target_op", lang), options=list(COMPARATORS), width="small"),
           "target_value": col.TextColumn(t("plan_col:target_value", lang), width="small"),
           "funded": col.CheckboxColumn(t("plan_col:funded", lang), help=t("plan_funded_help", lang), width="small"),
           "total": col.CheckboxColumn(t("plan_col:total", lang), help=t("plan_total_help", lang), width="small"),
           "part_of": col.TextColumn(t("plan_col:part_of", lang), help=t("plan_part_of_help", lang), width="small"),
           "quote": col.TextColumn(t("plan_col:quote", lang), width="large")}
    fromdoc_view.show(lang, ss.get("plan_current", ss.plan_table), _reset)
    if ss.get("plan_lang") not in (None, lang) and "plan_current" in ss:
        _reset(ss.plan_current, ss.get("plan_funding_current"))  # a language switch: new grids that keep the edits
    ss.plan_lang = lang
    labels = {k: c["label"] for k, c in ((k, dict(v)) for k, v in cfg.items())}
    shown = ss.plan_table.rename(columns=labels)
    edited = st.data_editor(shown, num_rows="dynamic", hide_index=True, width="stretch",
                            column_config={labels[k]: v for k, v in cfg.items()},
                            key=f"plan_editor_{ss.plan_version}")
    edited = ss.plan_current = edited.rename(columns={v: k for k, v in labels.items()})
    funding = funding_editor(lang)
    b1, b2, b3 = st.columns([2, 2, 2])
    if b1.button(t("plan_check", lang), key="plan_check", type="primary"):
        ss.plan_problems = open_plan(region, edited, funding, lang)
    overwrite = b3.checkbox(t("plan_overwrite", lang), key="plan_overwrite")
    if b2.button(t("plan_save", lang), key="plan_save"):
        ss.plan_problems = newplan.check_plan(region, edited, funding)[1]
        if not ss.plan_problems:
            try:
                path = newplan.save_plan(state.saved_dir(), region.strip().lower(), edited, funding,
                                         overwrite=overwrite)
                st.success(t("plan_saved_ok", lang, path=str(path)))
            except FileExistsError:
                st.warning(t("plan_exists", lang))
    problems = ss.get("plan_problems") or []
    if problems:
        known = _known()
        lines = [f"- **{t('plan_funding_title', lang) + ' · ' if p.table == 'funding' else ''}"
                 f"{t('plan_row', lang)} {p.row if p.row is not None else t('plan_whole', lang)}"
                 f"{' · ' if p.column else ''}"
                 f"{t(f'plan_col:{p.column}', lang) if f'plan_col:{p.column}' in known else p.column}**: "
                 f"{upload.problem_text(p, lang)}"
                 for p in problems]
        st.error(t("plan_problems", lang, n=len(problems)) + "\n\n" + "\n".join(lines))


def funding_editor(lang: str) -> pd.DataFrame:
    """The optional funding history (year, 亿元): with it the funding levers act on this plan."""
    st.markdown(f"**{t('plan_funding_title', lang)}**")
    st.caption(t("plan_funding_help", lang))
    col = st.column_config
    cfg = {"year": col.TextColumn(t("plan_col:year", lang), width="small"),   # text: no "None" in empty cells
           "amount": col.TextColumn(t("plan_col:amount", lang), width="medium")}
    labels = {k: t(f"plan_col:{k}", lang) for k in newplan.FUNDING_COLUMNS}
    base = ss.get("plan_funding", newplan.blank_funding()).rename(columns=labels)
    edited = st.data_editor(base, num_rows="dynamic", hide_index=True, width=420,
                            column_config={labels[k]: v for k, v in cfg.items()},
                            key=f"plan_funding_editor_{ss.plan_version}")
    edited = ss.plan_funding_current = edited.rename(columns={v: k for k, v in labels.items()})
    return edited


def _known() -> set[str]:
    from talentsim.messages import CATALOGUE

    return set(CATALOGUE)
