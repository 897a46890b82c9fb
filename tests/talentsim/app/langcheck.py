"""Collect the visible text of an AppTest run and find words of the other language in it.

Used by test_language.py: the English page must hold no CJK characters, the Chinese page no
English words, outside an allow-list of ids, proper names and units written the same in both.
"""

from __future__ import annotations

import json
import re
from typing import Iterable

CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]+")
WORD = re.compile(r"[A-Za-z][A-Za-z\-']{3,}")
#: ASCII words a Chinese page may show: ids, file/format names, proper names, the scenario ids
ZH_ALLOW = {"talentsim", "tianhe", "liwan", "guangdong", "haizhu", "tianjin", "plan", "baseline", "high-funding",
            "low-inflow", "shock", "yaml", "html", "pptx", "xlsx", "Excel", "PowerPoint", "Monte", "Carlo",
            "logit", "https", "http", "www", "gov", "Tianhe", "Liwan", "Streamlit", "Vega", "English",
            # the data layout's table and file names, written as in the data/ folder
            "data", "indicators", "observations", "programmes", "growth_facts", "UTF-", "GBK", "xlsx", "docx"}
#: Chinese an English page may show: the region's own name in brackets is not used, so none
EN_ALLOW = {"中文"}


def quoted_sources(lang: str = "zh") -> set[str]:
    """Sentences quoted from the plan documents (shown verbatim as evidence, in either language):
    the data's ``quote`` columns, the levers' and programmes' sources; on the English page also
    the data's English ``note`` column, which cites the documents' words."""
    from forecast.data import load_dataset
    from scenarios import LEVERS

    ds = load_dataset(None)
    out = set()
    for frame in (ds.indicators, ds.observations, ds.programmes):
        for col in ("quote", "source") + (("note",) if lang == "en" else ()):
            if col in frame:
                out |= {str(x) for x in frame[col].dropna() if str(x)}
    out |= {lv.source for lv in LEVERS.values()}
    return {q for q in out if len(q) >= 2}


CHOICES = ("selectbox", "multiselect", "radio", "segmented_control", "button_group", "slider", "select_slider")


def texts(at) -> list[str]:
    """Every user-visible string of the page (labels, text, table cells, chart titles)."""
    out: list[str] = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) \
                else getattr(node, "children", []) or []:
            walk(child)
        typ = getattr(node, "type", "")
        # the value of a choice is its language-independent key, not what the page shows
        attrs = ("label", "help", "placeholder") if typ in CHOICES else ("label", "value", "body", "help", "placeholder")
        for attr in attrs:
            try:
                v = getattr(node, attr)
            except Exception:  # noqa: BLE001 - elements differ in what they carry
                continue
            if isinstance(v, str) and not v.startswith("<style>"):  # a style sheet is not shown text
                out.append(v)
            elif hasattr(v, "columns") and hasattr(v, "to_numpy"):  # a DataFrame
                v = _as_shown(node, v)
                out.extend(map(str, v.columns))
                out.extend(str(x) for x in v.to_numpy().ravel() if isinstance(x, str))
        if typ in ("vega_lite_chart", "arrow_vega_lite_chart"):
            spec = json.loads(node.proto.spec)
            out.extend(_chart_text(spec))
    walk(at._tree)
    return out


def _as_shown(node, frame):
    """A grid's cells as the page shows them: a choice column's values by their labels (the grid
    holds the language-independent value, e.g. the unit 万人, and shows "10k people")."""
    try:
        config = json.loads(node.proto.columns or "{}")
    except (AttributeError, ValueError):
        return frame
    frame = frame.copy()
    for col, cfg in config.items():
        opts = (cfg.get("type_config") or {}).get("options") if isinstance(cfg, dict) else None
        if opts and col in frame.columns:
            labels = {o.get("value"): o.get("label", o.get("value")) for o in opts if isinstance(o, dict)}
            frame[col] = [labels.get(x, x) for x in frame[col]]
    return frame


def _chart_text(spec) -> Iterable[str]:
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k in ("title", "text", "subtitle") and isinstance(v, str):
                yield v
            elif k == "labelExpr" and isinstance(v, str):     # an expression: its quoted literals are text
                yield from (a or b for a, b in re.findall(r"'([^']*)'|\"([^\"]*)\"", v))
            elif k in ("title", "text", "subtitle") and isinstance(v, list):  # a wrapped title: its lines
                yield from (x for x in v if isinstance(x, str))
            else:
                yield from _chart_text(v)
    elif isinstance(spec, list):
        for x in spec:
            yield from _chart_text(x)


def leaks(strings: Iterable[str], lang: str, quotes: Iterable[str] = ()) -> list[str]:
    """Pieces of ``strings`` in the other language (outside the allow-lists and the ``quotes``)."""
    bad = []
    quotes = sorted(quotes, key=len, reverse=True)
    for s in strings:
        for q in quotes:
            if q in s:
                s = s.replace(q, " ")
        s = re.sub(r"“[^”]*”", " ", s)  # a document's words in quotation marks
        if lang == "en":
            bad += [m for m in CJK.findall(s) if m not in EN_ALLOW and not set(m) <= set("（），。：；！？“”、")]
        else:
            clean = re.sub(r"https?://\S+|\b[\w.\-]+\.(txt|csv|yaml|pdf|html)\b|\b[a-z0-9_]+(\.[a-z0-9_]+)+\b|\b[a-z]+(_[a-z0-9]+)+\b", "", s)
            bad += [m for m in WORD.findall(clean) if m not in ZH_ALLOW and m.lower() not in ZH_ALLOW]
    return bad
