"""Charts of a comparison as PNG/SVG, rendered by vl-convert (no browser needed).

Fan charts: one image per key indicator showing every compared scenario side by side on
a shared y axis (at most :data:`FAN_COLUMNS` per row). A planner compares scenarios, and
only a shared axis shows how far the levers move the whole distribution; the first
scenario alone would hide exactly that, one image per scenario would scatter it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional

import altair as alt
import pandas as pd
import vl_convert as vlc

from forecast.text import clean_text
from talentsim.charts import FONT, comparison_chart, fan_chart
from talentsim.chartspec import FanMarks, ChartLayout, Target
from talentsim.messages import t
from scenarios.compare import Comparison
from talentsim.indicators import KEY_INDICATORS
from talentsim.export import facts, tables
from talentsim.export.fonts import require_cjk_font, with_font_fallback

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset

FAN_COLUMNS = 3
_FORMATS = ("png", "svg")


def style(chart: alt.TopLevelMixin) -> Any:
    """Top-level configuration (CJK font everywhere) for a chart built with ``configure=False``."""
    return (chart.configure(font=FONT)
            .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=13)
            .configure_legend(labelFont=FONT, titleFont=FONT)
            .configure_title(font=FONT, fontSize=16, anchor="start")
            .configure_header(labelFont=FONT, titleFont=FONT))


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: a reader never sees half a file.

    Only a regular file (or nothing) is ever replaced: a named pipe, device or socket at
    ``path`` is an error, with --force too. A failed write (disk full) leaves no temp file."""
    refuse_special(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def refuse_special(path: Path, option: str = "") -> None:
    """ValueError when ``path`` exists and is neither a regular file nor absent (a pipe, device,
    socket or folder): an export never replaces one."""
    p = Path(path)
    if (p.exists() or p.is_symlink()) and not p.is_file():
        what = "a folder" if p.is_dir() else "not a regular file (a pipe, device or socket)"
        raise ValueError(f"{'--' + option + ' ' if option else ''}{p} is {what}; give the name of a file")


def to_png(chart: alt.TopLevelMixin, *, scale: float = 2) -> bytes:
    """PNG bytes of an Altair chart; fails if no CJK font is installed."""
    require_cjk_font()
    return vlc.vegalite_to_png(clean_spec(chart), scale=scale)


def to_svg(chart: alt.TopLevelMixin) -> str:
    """SVG text of an Altair chart; fails if no CJK font is installed."""
    require_cjk_font()
    return vlc.vegalite_to_svg(clean_spec(chart))


def clean_spec(chart: alt.TopLevelMixin) -> str:
    """The chart's Vega-Lite JSON with every string stripped of unsafe characters.

    vl-convert does not raise on a control character (U+0007, U+001F, ...) or U+FFFE/U+FFFF
    in a title, label or data value: its SVG writer panics in Rust and aborts the whole
    process, a Streamlit server included. Names come from uploads, so every string of the
    spec (keys too) is cleaned here, at the one door to the renderer.
    """
    def clean(x: Any) -> Any:
        if isinstance(x, str):
            return clean_text(x, multiline=True)
        if isinstance(x, dict):
            return {clean(k): clean(v) for k, v in x.items()}
        if isinstance(x, list):
            return [clean(v) for v in x]
        return x

    return json.dumps(clean(json.loads(chart.to_json())))


def fan_figure(cmp: Comparison, indicator_id: str, *, lang: str = "zh", obs: Optional[pd.DataFrame] = None,
               width: Optional[int] = None, height: int = 260, titled: bool = True) -> Any:
    """Fan charts of one indicator, one panel per group of scenarios that differ, shared y axis.

    Scenarios whose paths of this indicator are identical share one panel titled with all
    their names (``facts.groups``), so a deck never shows twin panels.
    ``titled=False`` leaves out the indicator's name (slides show it as the slide title).
    """
    sim0 = cmp.sims[0]
    row = sim0.setup.indicators.set_index("id").loc[indicator_id]
    law = sim0.setup.laws[sim0.ids.index(indicator_id)]
    hist = tables.history(obs, indicator_id) if obs is not None else None
    scen = facts.names(cmp, lang)
    groups = facts.groups(cmp, indicator_id)
    n = len(groups)
    cols = n if n <= 3 else (2 if n == 4 else 3)
    rows = -(-n // cols)
    w = width or (560 if cols == 1 else max(240, 860 // cols))
    h = height if rows == 1 else max(170, int(height * 0.62))
    panels = []
    for g in groups:
        q = tables.quantiles_of(cmp.sims[g[0]])
        q = q[q["id"] == indicator_id]
        # the documents' unit: fan_chart writes it in the language itself (10k people -> people, 亿 -> billion)
        panels.append(fan_chart(q, title=" = ".join(scen[k] for k in g), unit=str(row["unit"]),
                                lang=lang, history=hist, marks=FanMarks(Target.of(row), base_year=law.base_year),
                                layout=ChartLayout(w, h, configure=False)))
    name = tables.name_of(row.to_dict() | {"id": indicator_id}, lang)
    title = alt.TitleParams(text=_wrap(name, 40 if lang == "zh" else 80), font=FONT, fontSize=17, anchor="start")
    chart = panels[0] if n == 1 else alt.concat(*panels, columns=cols).resolve_scale(y="shared").resolve_legend(shape="independent")
    if titled:
        chart = chart.properties(title=title)
    return style(chart)


def comparison_figure(cmp: Comparison, *, lang: str = "zh", width: int = 620) -> Any:
    """P(meet target) per indicator and scenario (``talentsim.charts.comparison_chart``)."""
    table = cmp.table().rename(columns=lambda c: _rename(c, cmp.names, facts.names(cmp, lang)))
    return comparison_chart(table, facts.names(cmp, lang), lang=lang, title=t("pptx_comparison", lang), width=width)


def _rename(col: str, old: list[str], new: list[str]) -> str:
    for o, n in zip(old, new):
        if col.endswith(f"[{o}]"):
            return col[: -len(o) - 2] + f"[{n}]"
    return col


class Renders:
    """Every chart of one export, each rendered once (Vega-Lite -> SVG by vl-convert, SVG ->
    PNG by resvg) and reused by the slides, the HTML report and the chart folder."""

    def __init__(self, cmp: Comparison, *, lang: str = "zh", limit: Optional[int] = KEY_INDICATORS,
                 dataset: Dataset | None = None, obs: Optional[pd.DataFrame] = None) -> None:
        require_cjk_font()
        self.cmp, self.lang = cmp, lang
        self.obs = tables.load_observations(cmp, dataset) if obs is None else obs
        self.key_ids = tables.key_indicators(cmp, limit)
        self._spec: dict[str, dict] = {}
        self._svg: dict[str, str] = {}
        self._png: dict[tuple, bytes] = {}

    def spec(self, key: str) -> dict:
        """Vega-Lite dict of chart ``key`` (fan charts untitled), built and serialised once."""
        if key not in self._spec:
            fig = (comparison_figure(self.cmp, lang=self.lang) if key == "comparison" else
                   fan_figure(self.cmp, key, lang=self.lang, obs=self.obs, titled=False, height=430))
            self._spec[key] = json.loads(clean_spec(fig))   # the one door to vl-convert: cleaned
        return self._spec[key]

    def svg(self, key: str, titled: bool = True) -> str:
        """SVG of chart ``key``, rendered once. Fan charts carry no title (a slide title, an HTML
        heading or the file name says which indicator); ``titled`` is kept for callers."""
        if key not in self._svg:
            require_cjk_font()
            self._svg[key] = with_font_fallback(vlc.vegalite_to_svg(self.spec(key)))
        return self._svg[key]

    def png(self, key: str, titled: bool = True, scale: float = 2) -> bytes:
        """PNG of chart ``key`` drawn from its one SVG (no second Vega render)."""
        k = (key, scale)
        if k not in self._png:
            self._png[k] = vlc.svg_to_png(self.svg(key), scale=scale)
        return self._png[k]


def _wrap(text: str, n: int) -> list[str] | str:
    if len(text) <= n:
        return text
    return [text[i:i + n] for i in range(0, len(text), n)][:3]


def slug(text: str) -> str:
    """File-name-safe form of an indicator id or scenario name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "chart"


def save_charts(cmp: Comparison, folder: str | Path, formats: Iterable[str] = _FORMATS, *, lang: str = "zh",
                limit: Optional[int] = KEY_INDICATORS, dataset: Dataset | None = None, overwrite: bool = True,
                renders: Optional[Renders] = None) -> list[Path]:
    """Write the comparison chart and one fan chart per key indicator; return the paths.

    Parameters
    ----------
    cmp : the comparison.
    folder : created if missing.
    formats : any of ``"png"`` (scale 2) and ``"svg"``.
    lang : ``"zh"`` or ``"en"`` labels.
    limit : number of key indicators with a fan chart (see ``tables.key_indicators``; None = all).
    dataset : loaded dataset for history points (default: the scenario's data).
    overwrite : replace chart files already in ``folder``; otherwise FileExistsError
        before anything is written.
    renders : charts already rendered for the slides or HTML (reused, not re-rendered).
    """
    formats = tuple(formats)
    bad = [f for f in formats if f not in _FORMATS]
    if bad:
        raise ValueError(f"unknown chart format(s) {bad}; allowed: {', '.join(_FORMATS)}")
    r = renders or Renders(cmp, lang=lang, limit=limit, dataset=dataset)
    out_dir = Path(folder)
    stems = ["comparison"] + [f"fan_{slug(k)}" for k in r.key_ids]
    for stem in stems:
        for fmt in formats:
            refuse_special(out_dir / f"{stem}.{fmt}")
    taken = [f"{stem}.{fmt}" for stem in stems for fmt in formats if (out_dir / f"{stem}.{fmt}").exists()]
    if taken and not overwrite:
        raise FileExistsError(f"{out_dir} already holds {', '.join(taken[:3])}"
                              f"{' and more' if len(taken) > 3 else ''}; add --force to replace them")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for key in ["comparison"] + r.key_ids:
        stem = "comparison" if key == "comparison" else f"fan_{slug(key)}"
        for fmt in formats:
            path = out_dir / f"{stem}.{fmt}"
            if fmt == "png":
                atomic_write(path, r.png(key))
            else:
                atomic_write(path, r.svg(key).encode("utf-8"))
            written.append(path)
    return written


__all__ = ["Renders", "atomic_write", "save_charts", "fan_figure", "comparison_figure", "to_png", "to_svg", "style", "slug", "FAN_COLUMNS"]
