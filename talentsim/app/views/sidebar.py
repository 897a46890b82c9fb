"""The sidebar: language, region, starting scenario, lever sliders, presentation switch, save panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from scenarios import LEVERS
from talentsim.app import compute, display, state, undo
from talentsim.app.regions import UPLOAD
from talentsim.app.state import ss
from talentsim.app.views import library, save, schedules
from talentsim import levertext
from talentsim.app.views.common import choice
from talentsim.messages import LANGS, t, unit_text

if TYPE_CHECKING:
    from scenarios.levers import Lever

#: parameters of the '555' programme's simulation (the other levers do not act on it)
PROGRAMME_PARAMETERS = ("cost_per_talent_cny_10k", "cost_log_sd")


def settle() -> None:
    """Fix what the sidebar's widgets show before anything reads it: an offered region, and
    levers that follow a region change. The page draws the sidebar itself last (``page.main``)."""
    choices = state.region_choices()
    if ss.region not in choices:
        ss.region = compute.default_region()
    if state.simulated():
        state.refresh_region_defaults()
    for key, name in state.LEVER_KEYS.items():   # a lever Streamlit dropped (a run that failed to draw it)
        if name not in ss:
            ss[name] = state.lever_default(key)
    if state.simulated():   # a year outside this region's years (set before the region was known): its own
        low, high = state.lever_bounds("shock_year")
        if not low <= ss[state.LEVER_KEYS["shock_year"]] <= high:
            ss[state.LEVER_KEYS["shock_year"]] = state.lever_default("shock_year")
    if state.simulated():   # the budget and sector tables' edits, before the scenario is read
        schedules.settle(state.lang())
    undo.record()


def show() -> None:
    """Draw the sidebar (after :func:`settle`); widget values are already in ``ss`` when it runs."""
    lang = state.lang()
    with st.sidebar:
        st.radio(t("language", lang), LANGS, key="lang", horizontal=True,
                 format_func=lambda x: {"zh": "中文", "en": "English"}[x])
        lang = state.lang()
        choices = state.region_choices()
        up_name = ss.upload.name if ss.get("upload") else ""
        # options grouped by level and plan period (data/regions.csv), labelled once per language
        labels = compute.region_option_labels(lang, tuple(choices), up_name)
        choice(st.selectbox, t("region", lang), choices, "region", format_func=lambda k, labels=labels: labels.get(k, k))
        if ss.region == UPLOAD and len(ss.upload.regions) > 1:
            st.selectbox(t("upload_region", lang), ss.upload.regions, key="upload_region")
        opts = state.source_options()
        if ss.src not in opts:
            opts.append(ss.src)
        choice(st.selectbox, t("start_from", lang), opts, "src", on_change=state.on_source_change,
               format_func=lambda o, lang=lang: state.source_label(o, lang))
        if ss.get("_source_error"):
            st.error(display.plain(ss._source_error))
        said = source_caption(lang)
        if said:
            st.caption(display.plain(said) + (t("scenario_modified", lang) if state.modified() else ""))
        if state.simulated():
            st.subheader(t("levers", lang))
            off = state.disabled_levers()
            for key, lv in LEVERS.items():
                if lv.group == "lever":
                    lever_slider(key, lv, lang, off.get(key))
            schedules.show(lang, state.current_scenario().levers)
            with st.expander(t("parameters", lang)):
                st.caption(t("parameters_help", lang))
                for key, lv in LEVERS.items():
                    if lv.group == "parameter":
                        lever_slider(key, lv, lang)
                st.selectbox(t("paths", lang), state.PATH_CHOICES, key="paths", help=t("paths_help", lang),
                             format_func=lambda n: f"{n:,}")
            st.button(t("reset_levers", lang), on_click=state.on_reset_levers, width="stretch")
            st.button(t("undo_button", lang), on_click=undo.on_undo, width="stretch", key="undo",
                      disabled=not undo.can_undo(), help=t("undo_help", lang, n=undo.DEPTH))
        else:
            with st.expander(t("parameters", lang), expanded=True):
                for key in PROGRAMME_PARAMETERS:
                    lever_slider(key, LEVERS[key], lang)
        ss._levers_drawn = state.simulated()   # every lever slider was drawn (state.keep_widget_state)
        st.divider()
        st.toggle(t("present_mode", lang), key="present", help=t("present_help", lang))
        save.panel(lang)
        library.panel(lang)


def source_caption(lang: str) -> str:
    """What the scenario the page started from says: its description, then its yearly budget and
    sector inflows in words (those that act in this region, unless the description says them); ''
    for none."""
    sc = ss.get("base_scenario")
    if sc is None:
        return ""
    text = display.scenario_text(sc, lang)
    parts = [text] if text else []
    if (sc.budget or sc.sector_inflow) and state.simulated():
        setup = state.current_setup()     # a description saved from the page already says them: not twice
        parts += [p for p in levertext.schedule_parts(*levertext.schedules_of(sc, setup), lang, setup.indicators)
                  if p not in (text or "")]
    return ("；" if lang == "zh" else "; ").join(parts)


def lever_slider(key: str, lv: Lever, lang: str, off: str | None = None) -> None:
    """One lever's slider; ``off`` (a catalogue key) greys it out and says why it does nothing here."""
    name = lv.name_zh if lang == "zh" else lv.name_en
    # the levers' sources are written in English: shown on the English page only
    helptext = ((lv.help_zh if lang == "zh" else lv.help_en) + f"\n\n[{lv.low:g} – {lv.high:g} {unit_text(lv.unit, lang)}]"
                + (f" {lv.source}" if lang == "en" else ""))
    unit = "" if lv.unit.split("/")[0] in ("share", "log", "logit", "θ") else f"（{lv.unit}）" if lang == "zh" else f" ({unit_text(lv.unit, lang)})"
    if lv.integer:
        low, high = state.lever_bounds(key)
        st.slider(f"{name}{unit}", low, high, step=int(lv.step), key=state.LEVER_KEYS[key], help=helptext,
                  disabled=off is not None)
    else:
        st.slider(f"{name}{unit}", float(lv.low), float(lv.high), step=float(lv.step), key=state.LEVER_KEYS[key],
                  help=helptext, disabled=off is not None)
    if off is not None:
        st.caption(t(off, lang))
