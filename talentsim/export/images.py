"""Charts of a comparison as PNG/SVG, rendered by vl-convert (no browser needed).

Fan charts: one image per key indicator showing every compared scenario side by side on
a shared y axis (at most :data:`FAN_COLUMNS` per row). A planner compares scenarios, and
only a shared axis shows how far the levers move the whole distribution; the first
scenario alone would hide exactly that, one image per scenario would scatter it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Optional

import altair as alt
import pandas as pd
import vl_convert as vlc

from talentsim.charts import FONT, comparison_chart, fan_chart
from scenarios.compare import Comparison
from talentsim.indicators import KEY_INDICATORS
from talentsim.export import tables
from talentsim.export.fonts import require_cjk_font

FAN_COLUMNS = 3
_FORMATS = ("png", "svg")


def style(chart: Any) -> Any:
    """Top-level configuration (CJK font everywhere) for a chart built with ``configure=False``."""
    return (chart.configure(font=FONT)
            .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=13)
            .configure_legend(labelFont=FONT, titleFont=FONT)
            .configure_title(font=FONT, fontSize=16, anchor="start")
            .configure_header(labelFont=FONT, titleFont=FONT))


def to_png(chart: Any, *, scale: float = 2) -> bytes:
    """PNG bytes of an Altair chart; fails if no CJK font is installed."""
    require_cjk_font()
    return vlc.vegalite_to_png(chart.to_json(), scale=scale)


def to_svg(chart: Any) -> str:
    """SVG text of an Altair chart; fails if no CJK font is installed."""
    require_cjk_font()
    return vlc.vegalite_to_svg(chart.to_json())


def fan_figure(cmp: Comparison, indicator_id: str, *, lang: str = "zh", obs: Optional[pd.DataFrame] = None,
               width: Optional[int] = None, height: int = 260, titled: bool = True) -> Any:
    """Fan charts of one indicator, one panel per scenario, shared y axis.

    ``titled=False`` leaves out the indicator's name (slides show it as the slide title).
    """
    sim0 = cmp.sims[0]
    row = sim0.setup.indicators.set_index("id").loc[indicator_id]
    law = sim0.setup.laws[sim0.ids.index(indicator_id)]
    hist = tables.history(obs, indicator_id) if obs is not None else None
    n = len(cmp.sims)
    cols = min(n, FAN_COLUMNS)
    w = width or (560 if cols == 1 else max(260, 900 // cols))
    panels = []
    for sim in cmp.sims:
        q = sim.quantiles()
        q = q[q["id"] == indicator_id]
        panels.append(fan_chart(q, title=sim.scenario.name, unit=str(row["unit"]), lang=lang, history=hist,
                                target_year=row["target_year"], target_value=float(row["target_value"]),
                                target_op=str(row["target_op"]), base_year=law.base_year, width=w,
                                height=height, configure=False))
    name = tables.name_of(row.to_dict() | {"id": indicator_id}, lang)
    title = alt.TitleParams(text=_wrap(name, 40 if lang == "zh" else 80), subtitle=indicator_id, font=FONT,
                            subtitleFont=FONT, fontSize=17, anchor="start")
    chart = panels[0] if n == 1 else alt.concat(*panels, columns=cols).resolve_scale(y="shared")
    if titled:
        chart = chart.properties(title=title)
    return style(chart)


def comparison_figure(cmp: Comparison, *, lang: str = "zh", width: int = 620) -> Any:
    """P(meet target) per indicator and scenario (``talentsim.charts.comparison_chart``)."""
    title = "各情景达标概率" if lang == "zh" else "Probability of meeting each target, by scenario"
    return comparison_chart(cmp.table(), cmp.names, lang=lang, title=title, width=width)


def _wrap(text: str, n: int) -> list[str] | str:
    if len(text) <= n:
        return text
    return [text[i:i + n] for i in range(0, len(text), n)][:3]


def slug(text: str) -> str:
    """File-name-safe form of an indicator id or scenario name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "chart"


def save_charts(cmp: Comparison, folder: str | Path, formats: Iterable[str] = _FORMATS, *, lang: str = "zh",
                limit: Optional[int] = KEY_INDICATORS, dataset: Any = None) -> list[Path]:
    """Write the comparison chart and one fan chart per key indicator; return the paths.

    Parameters
    ----------
    cmp : the comparison.
    folder : created if missing.
    formats : any of ``"png"`` (scale 2) and ``"svg"``.
    lang : ``"zh"`` or ``"en"`` labels.
    limit : number of key indicators with a fan chart (see ``tables.key_indicators``; None = all).
    dataset : loaded dataset for history points (default: the scenario's data).
    """
    formats = tuple(formats)
    bad = [f for f in formats if f not in _FORMATS]
    if bad:
        raise ValueError(f"unknown chart format(s) {bad}; allowed: {', '.join(_FORMATS)}")
    require_cjk_font()
    out_dir = Path(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    obs = tables.load_observations(cmp, dataset)
    figures = [("comparison", comparison_figure(cmp, lang=lang))]
    figures += [(f"fan_{slug(i)}", fan_figure(cmp, i, lang=lang, obs=obs)) for i in tables.key_indicators(cmp, limit)]
    written = []
    for stem, chart in figures:
        for fmt in formats:
            path = out_dir / f"{stem}.{fmt}"
            if fmt == "png":
                path.write_bytes(to_png(chart))
            else:
                path.write_text(to_svg(chart), encoding="utf-8")
            written.append(path)
    return written


__all__ = ["save_charts", "fan_figure", "comparison_figure", "to_png", "to_svg", "style", "slug", "FAN_COLUMNS"]
