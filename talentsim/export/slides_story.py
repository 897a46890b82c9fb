"""The slides that carry the argument (:mod:`talentsim.export.story`) and the comparison chart
split so every simulated indicator appears; layout helpers in :mod:`talentsim.export.pptx`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from scenarios.compare import Comparison
from talentsim.charts import SCENARIO_COLOURS
from talentsim.export import tables
from talentsim.export.fonts import FONT_FAMILY
from talentsim.export.pptx import GREY, HEAD, HT, MARGIN, W, new_slide, textbox
from talentsim.export.story import Argument
from talentsim.messages import t

if TYPE_CHECKING:
    from pptx.presentation import Presentation

_RED = RGBColor(0xC6, 0x28, 0x28)
#: at most this many bars on one comparison slide (indicators × scenarios)
BARS_PER_SLIDE = 42


def _colour(k: int) -> RGBColor:
    return RGBColor.from_string(SCENARIO_COLOURS[k % len(SCENARIO_COLOURS)][1:].upper())


def _sep(lang: str) -> str:
    return "；" if lang == "zh" else "; "


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _width(text: str) -> float:
    """Width of ``text`` in ems: CJK characters one em, others about half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.45 for ch in text)


#: line pitch of a table cell in ems: LibreOffice sets Noto Sans CJK lines at its ascent + descent
#: (1.448 em; measured 16 pt a line at 11 pt in a rendered deck), not at 1.2 em
CELL_LINE = 1.45


def text_height(lines: list[str], width: int, size: float, *, line: float = 1.17) -> int:
    """About how tall (EMU) ``lines`` set at ``size`` points wrap into ``width`` EMU (``line``: pitch in ems)."""
    em = Pt(size)
    n = sum(max(1, -(-int(_width(x) * em) // max(1, int(width) - int(Inches(0.2))))) for x in lines)
    return int(n * em * line + Inches(0.05) * len(lines))


def table_height(rows: list[list[str]], widths: list[float], size: float, row_h: float,
                 head_h: float | None = None, width: int | None = None) -> int:
    """About how tall (EMU) :func:`talentsim.export.pptx.table` draws ``rows`` (the first is the head, at
    least ``head_h`` inches): rows grow with wrapped text; ``width`` as the table's (default: the slide's)."""
    scale = (width or (W - 2 * MARGIN)) / Inches(sum(widths))
    total = 0
    for i, row in enumerate(rows):
        need = max(text_height([str(c)], int(Inches(w) * scale), size, line=CELL_LINE) for c, w in zip(row, widths))
        total += max(int(Inches(head_h if (i == 0 and head_h) else row_h)), need)
    return total


def table_pages(head: list[str], body: list[list[str]], widths: list[float], size: float, row_h: float,
                head_h: float | None, room: int, *, most: int = 12) -> list[list[list[str]]]:
    """``body`` split into as few slides' tables as fit ``room`` EMU each (head repeated, at most ``most``
    rows), balanced: 9 + 9 + 7 rows, not 12 + 12 + 1; no slide for no rows."""
    def fits(chunk: list) -> bool:
        return len(chunk) <= most and table_height([head] + chunk, widths, size, row_h, head_h) <= room

    n = 1
    while body:          # the fewest slides at which an even split fits (at worst one row a slide)
        per = -(-len(body) // n)
        parts = [body[c:c + per] for c in range(0, len(body), per)]
        if per <= 1 or all(fits(p) for p in parts):
            return parts
        n += 1
    return []


def scenarios_slide(prs: Presentation, a: Argument, lang: str) -> None:
    """Per scenario what it changes (effective lever values) and what it does (differences with
    model ranges); then the plan as a whole per scenario with model ranges."""
    slide = new_slide(prs, t("story_title", lang), t("deck_notes_headline", lang), size=24)

    def body(size: float) -> list:
        lines: list = []
        for j, name in enumerate(a.scenarios):
            lines.append((name, {"bold": True, "colour": _colour(j), "space": 6 if j else 0, "size": size + 1}))
            lines.append(f"{t('story_changes', lang)}{_colon(lang)}{_sep(lang).join(a.changes[j])}")
            if j:
                does = _sep(lang).join(a.effects[j]) or t("story_no_effect", lang)
                lines.append((f"{t('story_does', lang)}{_colon(lang)}{does}", {"colour": HEAD}))
        return lines

    joint = [(t("story_joint_head", lang), {"bold": True})] + [(x, {"colour": GREY}) for x in a.joint]
    width, room = W - 2 * MARGIN, HT - Inches(1.1) - Inches(0.3)
    for size in (16, 14, 13, 12, 11, 10, 9):      # the largest size at which body and joint results fit
        lines = body(size)
        body_h = text_height([x if isinstance(x, str) else x[0] for x in lines], width, size + 0.5)
        joint_h = text_height([x[0] for x in joint], width, min(size, 13))
        if body_h + Inches(0.3) + joint_h <= room:
            break
    body_h = min(body_h, int(room - joint_h - Inches(0.3)))       # stays inside the slide even at 9 points
    textbox(slide, MARGIN, Inches(1.1), width, body_h, lines, size=size)
    top = Inches(1.1) + body_h + Inches(0.3)
    textbox(slide, MARGIN, top, width, HT - top - Inches(0.2), joint, size=min(size, 13))


def risk_slide(prs: Presentation, a: Argument, lang: str) -> None:
    """The targets at risk, what it would take, what the numbers rest on, and what is left out."""
    slide = new_slide(prs, t("story_risk_title", lang), t("deck_notes_headline", lang), size=24)
    col_w = (W - 2 * MARGIN - Inches(0.4)) / 2
    left = [(t("story_at_risk", lang), {"bold": True, "colour": _RED, "size": 15})]
    left += [(x, {"space": 4}) for x in a.at_risk or [t("deck_none", lang)]]
    if a.takes:
        left += [(t("story_takes", lang), {"bold": True, "colour": HEAD, "size": 15, "space": 12})]
        left += [(x, {"space": 4}) for x in a.takes]
    textbox(slide, MARGIN, Inches(1.1), col_w, HT - Inches(1.4), left, size=_fit(left, col_w, HT - Inches(1.4)))
    right = [(t("story_rests_on", lang), {"bold": True, "colour": HEAD, "size": 15})]
    right += [(x, {"space": 4, "colour": GREY}) for x in a.rests_on]
    if a.left_out:
        right += [(t("story_left_out_head", lang) + f" ({a.n_left_out})", {"bold": True, "size": 13, "space": 10})]
        right += [(x, {"colour": GREY}) for x in a.left_out]
    textbox(slide, MARGIN + col_w + Inches(0.4), Inches(1.1), col_w, HT - Inches(1.4), right,
            size=_fit(right, col_w, HT - Inches(1.4)))


def _fit(lines: list, width: int, height: int) -> float:
    """The largest font size (14 down to 9 points) at which ``lines`` fit the box."""
    texts = [x if isinstance(x, str) else x[0] for x in lines]
    for size in (14, 13, 12, 11, 10):
        if text_height(texts, width, size) < height:
            return size
    return 9


#: punctuation a Chinese line never starts with
_NO_LINE_START = set("、，。；：）》」”,.;:)")


def label_lines(name: str, most: float = 26) -> str:
    """A bar chart's category label broken into lines of at most ``most`` ems (at spaces in English,
    between characters or Latin words in Chinese), so a long name does not squeeze the bars into a third of the slide."""
    spaced = " " in name and not any(ord(ch) > 0x2E80 for ch in name)
    lines, line = [], ""
    for word in (name.split(" ") if spaced else re.findall(r"[A-Za-z0-9&.+%-]+|.", name)):   # "R&D" stays whole
        sep = " " if spaced and line else ""
        if line and word not in _NO_LINE_START and _width(line + sep + word) > most:
            lines.append(line)
            line, sep = "", ""
        line += sep + word
    return "\n".join(lines + [line])


def _chart_font(chart: Any, size: float) -> None:
    chart.font.size = Pt(size)
    chart.font.name = FONT_FAMILY


def comparison_slides(prs: Presentation, cmp: Comparison, f: pd.DataFrame, scen: list[str], lang: str) -> None:
    """P(hit) of EVERY simulated indicator and scenario as native clustered bar charts (editable
    in PowerPoint), split across slides at :data:`BARS_PER_SLIDE` bars."""
    ranked = [i for i in tables.key_indicators(cmp, None) if i in set(f["id"])]
    order = ranked + [i for i in f["id"] if i not in ranked]
    per = max(4, BARS_PER_SLIDE // max(1, len(scen)))
    per = -(-len(order) // max(1, -(-len(order) // per)))        # balanced parts: 8 + 8, not 14 + 2
    parts = [order[c:c + per] for c in range(0, len(order), per)] or [[]]
    sub_all = f.set_index("id")
    for i, part in enumerate(parts, start=1):
        title = t("pptx_comparison", lang) + (t("story_chart_part", lang, i=i, n=len(parts)) if len(parts) > 1 else "")
        slide = new_slide(prs, title, t("deck_notes_overview", lang))
        sub = sub_all.loc[part]
        data = CategoryChartData(number_format="0%")
        data.categories = [label_lines(x) for x in sub["name"]]
        for j, s in enumerate(scen):
            data.add_series(s, list(sub[f"p{j}"].astype(float)))
        frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, Inches(1.1), W - 2 * MARGIN,
                                       Inches(5.9), data)
        frame._element.nvGraphicFramePr.cNvPr.set("descr", t("deck_chart_alt", lang, n=len(sub), k=len(scen)))
        chart = frame.chart
        _chart_font(chart, 11 if len(sub) * len(scen) <= 24 else 9)
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.category_axis.reverse_order = True            # first indicator and first scenario on top
        va = chart.value_axis
        va.minimum_scale, va.maximum_scale, va.major_unit = 0.0, 1.0, 0.1
        va.tick_labels.number_format, va.tick_labels.number_format_is_linked = "0%", False
        va.has_major_gridlines = True
        for j, series in enumerate(chart.plots[0].series):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _colour(j)
        chart.plots[0].gap_width = 60


__all__ = ["text_height", "table_height", "table_pages", "label_lines", "scenarios_slide", "risk_slide", "comparison_slides", "BARS_PER_SLIDE"]
