"""Small pieces every view uses: error guard, chart display, probability colours."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, Callable, Iterable

import numpy as np
import pandas as pd
import streamlit as st

from talentsim import charts
from talentsim.app import state
from talentsim.app.state import ss
from talentsim.messages import t

if TYPE_CHECKING:
    import altair as alt

log = logging.getLogger("talentsim.app")


def guard(fn: Callable, *args: Any, **kw: Any) -> Any:
    """Run a view; an unexpected error is logged with its traceback on the server and becomes a
    short message on the page (never a blank page, never a traceback in front of a planner)."""
    try:
        return fn(*args, **kw)
    except Exception as exc:  # noqa: BLE001 - shown to the user; st.stop/rerun are BaseExceptions
        log.exception("view %s failed", getattr(fn, "__qualname__", fn))
        st.error(t("error_unexpected", state.lang(), msg=exc.__class__.__name__))
        return None


def choice(widget: Callable, label: str, options: Iterable, key: str, *, format_func: Callable = str,
           on_change: Callable | None = None, **kw: Any) -> Any:
    """A select widget whose value lives in ``ss[key]`` as a language-independent option key.

    Streamlit identifies a keyed select widget by its key alone but stores the *formatted*
    label in the browser; after a language switch that label no longer matches any option
    (``KeyError: '预设 · plan'``). So the widget gets a per-language key, is seeded from
    ``ss[key]`` each run, and copies its value back on change.
    """
    opts = list(options)
    wkey = f"_w_{key}_{state.lang()}"
    cur = ss.get(key)
    multi = widget is st.multiselect
    if multi:
        ss[wkey] = [o for o in (cur or []) if o in opts]
    elif cur in opts:
        ss[wkey] = cur
    elif opts:
        ss[wkey] = ss[key] = opts[0]

    def sync() -> None:
        if ss.get(wkey) == ss.get(key):  # a re-sent value, not the user's choice
            return
        ss[key] = ss[wkey]
        if on_change is not None:
            on_change()

    value = widget(label, opts, key=wkey, format_func=format_func, on_change=sync, **kw)
    ss[key] = value
    return value


#: seconds a view waits after its headline numbers (:func:`let_paint`) on a rerun of the same page (a lever move)
PAINT_PAUSE = 0.04
#: ... and on a page new to the browser (:func:`note_page`), which has all of the page's elements to build
NEW_PAGE_PAUSE = 0.25


def note_page() -> bool:
    """Record this run's page (region, view, language, presentation) and whether it is new to the
    browser: a session's first run (a load, a reload, a shared link) or another region, view,
    language or mode than the last run's. Called once a run, by ``page.shown``; :func:`page_is_new`
    reads it."""
    page = (ss.get("region"), ss.get("view"), state.lang(), bool(ss.get("present")))
    ss["_page_new"] = ss.get("_painted_page") != page
    ss["_painted_page"] = page
    return ss["_page_new"]


def page_is_new() -> bool:
    """:func:`note_page`'s answer for this run. A new page is drawn top down (no element is put in
    above what the browser already shows); a rerun of the same page (a lever move) sends the
    headline numbers before the unchanged elements above them."""
    return bool(ss.get("_page_new", True))


def let_paint() -> None:
    """Pause after a view's headline numbers, so that the browser paints them before the rest of
    the page arrives. Streamlit's page handles the run's messages as fast as they come (a few ms
    each) and paints only when they stop: 80 elements sent right after a metric put its paint at
    ~200 ms after the key press, a 30 ms pause at ~70 ms (``benchmarks/bench_page.py``, issue 22).
    A page new to the browser is slower to build: on a warm reload the numbers came only after all
    ~88 messages (0.7-1.8 s after the reload); with a 0.25 s pause, at 0.4-0.56 s (0.15 s was too
    short in 3 of 5 reloads). A view switch shows its numbers at ~0.18 s, not 0.28 s, and ends
    ~0.15 s later. The rest of the page comes that much later; nothing is computed differently."""
    time.sleep(NEW_PAGE_PAUSE if page_is_new() else PAINT_PAUSE)


def chart(c: alt.TopLevelMixin, **kw: Any) -> None:
    # the charts carry their own look (CJK fonts, traffic-light colours); Streamlit's theme would override it
    st.altair_chart(c, width="stretch", theme=None, **kw)


def cached_chart(key: tuple, build: Callable[[], Any]) -> None:
    """:func:`chart` of ``build()``, built only when ``key`` (everything it shows) is new
    (``compute.chart_spec``): a reload or an unrelated widget redraws it for free."""
    from talentsim.app import compute

    st.vega_lite_chart(spec=compute.chart_spec(key, build), width="stretch", theme=None)


#: metric values wrap instead of ending in "…" ("1.32 million pe…" at 1280 px), a little smaller
_METRIC_CSS = ("<style>[data-testid='stMetricValue']{font-size:2rem}"
               "[data-testid='stMetricValue'] *{white-space:normal!important;overflow:visible!important;"
               "text-overflow:clip!important}</style>")


def wrapping_metrics() -> None:
    """Let the metrics below show long values (numbers with their unit) in full."""
    st.html(_METRIC_CSS)


def uploader_in_language(lang: str) -> None:
    """Streamlit's file uploaders speak English ("Upload", "2MB per file • CSV, XLSX"): their button
    gets the catalogue's word and their size line is hidden (the caption beside each uploader
    states our own limit, which the server's larger one would contradict)."""
    word = t("upload_button", lang).replace("'", "")
    st.html("<style>[data-testid='stFileUploaderDropzoneInstructions']{display:none}"
            "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p{font-size:0}"
            "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p::after"
            f"{{content:'{word}';font-size:14px}}</style>")


def colour_p(v: object) -> str:
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
