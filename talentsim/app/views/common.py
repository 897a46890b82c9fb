"""Small pieces every view uses: error guard, chart display, probability colours."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pandas as pd
import streamlit as st

from talentsim import charts
from talentsim.app import state
from talentsim.messages import t


def guard(fn: Callable, *args: Any, **kw: Any) -> Any:
    """Run a view; an unexpected error becomes a message on the page, never a traceback."""
    try:
        return fn(*args, **kw)
    except Exception as exc:  # noqa: BLE001 - shown to the user; st.stop/rerun are BaseExceptions
        st.error(t("error_unexpected", state.lang(), msg=f"{exc.__class__.__name__}: {exc}"))
        return None


def chart(c: Any, **kw: Any) -> None:
    # the charts carry their own look (CJK fonts, traffic-light colours); Streamlit's theme would override it
    st.altair_chart(c, width="stretch", theme=None, **kw)


def colour_p(v: Any) -> str:
    """Cell style of a probability: its traffic-light colour."""
    if v is None or not isinstance(v, (int, float)) or not np.isfinite(v):
        return ""
    return f"background-color: {charts.band_colour(float(v))}; color: white; font-weight: 600"


def styled_overview(frame: pd.DataFrame, lang: str):
    """The overview table with the probability column coloured by its (hidden) numeric twin."""
    pcol, pnum = t("col_p", lang), t("col_p_num", lang)
    nums = frame[pnum].tolist()
    shown = frame.drop(columns=[pnum])

    def style_col(col: pd.Series):
        return [colour_p(v) for v in nums] if col.name == pcol else [""] * len(col)

    return shown.style.apply(style_col, axis=0)
