"""PowerPoint deck of a comparison (python-pptx), 16:9.

Slides: title (scenario names, region, date); assumptions (levers some scenario changes);
overview (indicator, target, P(hit) per scenario, Δ ± SE; split over several slides when
long); one fan-chart slide per key indicator, every scenario side by side on a shared
axis (see ``talentsim.export.images``); the comparison chart; the region's joint
attainment. Every text run names an East-Asian font (``<a:ea>``) so PowerPoint and
LibreOffice pick a CJK face for Chinese instead of boxes.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any, Optional

import numpy as np
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from talentsim.charts import band_colour
from scenarios.compare import Comparison
from talentsim.indicators import KEY_INDICATORS
from talentsim.export import images, tables
from talentsim.export.fonts import FONT_FAMILY, require_cjk_font
from talentsim.export.tables import header as H
from talentsim.messages import t

ROWS_PER_SLIDE = 16
_W, _HT = Inches(13.333), Inches(7.5)
_MARGIN = Inches(0.5)
_GREY = RGBColor(0x55, 0x55, 0x55)
_HEAD = RGBColor(0x1F, 0x3A, 0x5F)
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

def _t(key: str, lang: str, **fields: object) -> str:
    """Slide text: ``title`` and ``region`` are shared with the HTML report (``report_*``), the rest ``pptx_*``."""
    return t(f"report_{key}" if key in ("title", "region") else f"pptx_{key}", lang, **fields)


def clean(text: Any) -> str:
    """Text safe for slide XML (control characters removed)."""
    return _CTRL.sub("", str(text))


def set_font(run: Any, *, size: Optional[float] = None, bold: bool = False, colour: Optional[RGBColor] = None) -> None:
    """Latin and East-Asian typeface (Noto Sans CJK SC) on one run, so Chinese renders."""
    f = run.font
    f.name = FONT_FAMILY
    if size:
        f.size = Pt(size)
    f.bold = bold
    if colour is not None:
        f.color.rgb = colour
    rpr = run._r.get_or_add_rPr()
    latin = rpr.get_or_add_latin()
    for tag in ("a:ea", "a:cs"):
        old = rpr.find(qn(tag))
        if old is not None:
            rpr.remove(old)
    ea = rpr.makeelement(qn("a:ea"), {"typeface": FONT_FAMILY})
    cs = rpr.makeelement(qn("a:cs"), {"typeface": FONT_FAMILY})
    latin.addnext(ea)
    ea.addnext(cs)


def _fill(tf: Any, lines: list[str] | str, *, size: float, bold: bool = False, colour: Optional[RGBColor] = None) -> None:
    tf.word_wrap = True
    lines = [lines] if isinstance(lines, str) else lines
    for k, line in enumerate(lines):
        p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
        for r in list(p.runs):
            r._r.getparent().remove(r._r)
        run = p.add_run()
        run.text = clean(line)
        set_font(run, size=size, bold=bold, colour=colour)


def _textbox(slide: Any, left, top, width, height, lines, *, size: float, bold: bool = False,
             colour: Optional[RGBColor] = None):
    box = slide.shapes.add_textbox(left, top, width, height)
    _fill(box.text_frame, lines, size=size, bold=bold, colour=colour)
    return box


def _slide(prs: Any, title: str, size: float = 26) -> Any:
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _textbox(slide, _MARGIN, Inches(0.3), _W - 2 * _MARGIN, Inches(0.7), title, size=size, bold=True, colour=_HEAD)
    return slide


def _table(slide: Any, rows: list[list[str]], *, top, widths: list[float], size: float = 12,
           colours: Optional[list[list[Optional[RGBColor]]]] = None, row_h: float = 0.36,
           head_h: Optional[float] = None) -> Any:
    n_rows, n_cols = len(rows), len(rows[0])
    total = sum(widths)
    avail = (_W - 2 * _MARGIN) / Emu(Inches(1))
    scale = avail / total  # always fill the slide width
    shape = slide.shapes.add_table(n_rows, n_cols, _MARGIN, top, Inches(total * scale), Inches(row_h * n_rows))
    tbl = shape.table
    for j, w in enumerate(widths):
        tbl.columns[j].width = Inches(w * scale)
    for i, row in enumerate(rows):
        tbl.rows[i].height = Inches(head_h if (i == 0 and head_h) else row_h)
        for j, text in enumerate(row):
            cell = tbl.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(0.06)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            colour = colours[i][j] if colours and i > 0 else None
            _fill(cell.text_frame, text, size=size, bold=(i == 0 or colour is not None), colour=colour)
    return tbl


def _pct(p: float) -> str:
    return f"{p:.0%}" if np.isfinite(p) else "–"


def _diff(d: float, se: float) -> str:
    return f"{d * 100:+.1f} ± {se * 100:.1f}" if np.isfinite(d) else "–"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _band_text(p: float) -> RGBColor:
    """Traffic-light text colour; the chart's amber is too light for text, so a darker one."""
    hex_colour = band_colour(p) if np.isfinite(p) else "#555555"
    return RGBColor.from_string({"#f9a825": "#b26a00"}.get(hex_colour, hex_colour).lstrip("#").upper())


def _title_slide(prs: Any, cmp: Comparison, lang: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    sc = cmp.sims[0].scenario
    _textbox(slide, _MARGIN, Inches(2.0), _W - 2 * _MARGIN, Inches(1.0), _t("title", lang), size=40, bold=True,
             colour=_HEAD)
    _textbox(slide, _MARGIN, Inches(3.2), _W - 2 * _MARGIN, Inches(1.4), " · ".join(cmp.names), size=24)
    meta = [f"{_t('region_label', lang)}: {sc.region} · {sc.horizon}",
            f"{cmp.sims[0].n_paths:,} {_t('paths', lang)} (seed {sc.seed})",
            f"{_t('date', lang)}: {date.today():%Y-%m-%d}"]
    _textbox(slide, _MARGIN, Inches(4.8), _W - 2 * _MARGIN, Inches(1.5), meta, size=16, colour=_GREY)


def _assumption_slide(prs: Any, cmp: Comparison, lang: str) -> None:
    slide = _slide(prs, _t("assumptions", lang))
    a = tables.changed_levers(cmp)
    name = "name_zh" if lang == "zh" else "name_en"
    rows = [[H("lever", lang), H("unit", lang)] + [_short(n, 24) for n in cmp.names]]
    for r in a.to_dict("records"):
        rows.append([r[name], r["unit"]] + [f"{r[n]:g}" for n in cmp.names])
    k = len(cmp.names)
    _table(slide, rows, top=Inches(1.2), widths=[4.6, 1.3] + [max(1.2, 6.3 / k)] * k, size=14, row_h=0.42)
    facts = tables.scenario_facts(cmp)
    desc = [f"{f['scenario']}: {_short(f['description'], 150)}" for f in facts.to_dict("records") if f["description"]]
    top = Inches(1.4 + 0.42 * len(rows))
    _textbox(slide, _MARGIN, top, _W - 2 * _MARGIN, _HT - top - Inches(0.3),
             desc[:6] + [_t("lever_note", lang)], size=12, colour=_GREY)


def _overview_slides(prs: Any, cmp: Comparison, lang: str) -> None:
    t = tables.targeted(cmp)
    names = cmp.names
    k = len(names)
    head = [H("name", lang), H("target", lang)] + [f"P {_short(n, 16)}" for n in names] + \
           [f"Δ {_short(n, 16)}" for n in names[1:]]
    name_w = 4.6 if k <= 3 else 3.4
    widths = [name_w, 1.6] + [1.2] * k + [1.5] * (k - 1)
    size = 11 if k <= 3 else 9.5
    n_slides = max(1, -(-len(t) // ROWS_PER_SLIDE))
    per = max(1, -(-len(t) // n_slides))              # balanced: 16 rows, not 12 + 4
    chunks = [t.iloc[i:i + per] for i in range(0, max(len(t), 1), per)]
    for c, chunk in enumerate(chunks):
        slide = _slide(prs, _t("overview", lang) + (_t("cont", lang) if c else ""))
        rows, colours = [head], [[None] * len(head)]
        for r in chunk.to_dict("records"):
            label = _short(tables.name_of(r, lang), 24 if lang == "zh" else 56)
            cells = [label, f"{r['target']}".replace(f" ({int(r['target_year'])})", "") + f" {r['unit']}"]
            cells += [_pct(r[f"p_hit[{n}]"]) for n in names]
            cells += [_diff(r[f"diff[{n}]"], r[f"diff_se[{n}]"]) for n in names[1:]]
            rows.append(cells)
            colours.append([None, None] + [_band_text(r[f"p_hit[{n}]"]) for n in names] + [None] * (k - 1))
        _table(slide, rows, top=Inches(1.05), widths=widths, size=size, colours=colours, row_h=0.31, head_h=0.5)
        note = (f"{cmp.sims[0].n_paths:,} {_t('paths', lang)} · " + _t("diff_note", lang, ref=names[0]))
        _textbox(slide, _MARGIN, _HT - Inches(0.6), _W - 2 * _MARGIN, Inches(0.4), note, size=11, colour=_GREY)


def _picture_slide(prs: Any, title: str, png: bytes, note: str = "") -> None:
    from PIL import Image

    slide = _slide(prs, title, size=22)
    with Image.open(io.BytesIO(png)) as im:
        w_px, h_px = im.size
    max_w, max_h = _W - 2 * _MARGIN, _HT - Inches(1.1) - Inches(0.6 if note else 0.3)
    ratio = min(max_w / w_px, max_h / h_px)
    w, h = int(w_px * ratio), int(h_px * ratio)
    slide.shapes.add_picture(io.BytesIO(png), int((_W - w) / 2), Inches(1.05), w, h)
    if note:
        _textbox(slide, _MARGIN, _HT - Inches(0.55), _W - 2 * _MARGIN, Inches(0.4), note, size=11, colour=_GREY)


def _region_slide(prs: Any, cmp: Comparison, lang: str) -> None:
    slide = _slide(prs, _t("region", lang))
    f = tables.scenario_facts(cmp)
    rows = [[H("scenario", lang), H("targets", lang), H("expected_met", lang), H("p_all", lang)]]
    for r in f.to_dict("records"):
        rows.append([r["scenario"], str(r["targets"]), f"{r['expected_met']:.1f}",
                     f"{r['p_all']:.1%} ± {r['p_all_se']:.1%}"])
    _table(slide, rows, top=Inches(1.3), widths=[4.0, 2.0, 3.0, 3.0], size=16, row_h=0.5)


def presentation(cmp: Comparison, *, lang: str = "zh", limit: Optional[int] = KEY_INDICATORS, dataset: Any = None) -> Any:
    """The python-pptx ``Presentation`` (see the module docstring for the slides)."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    require_cjk_font()
    prs = Presentation()
    prs.slide_width, prs.slide_height = _W, _HT
    _title_slide(prs, cmp, lang)
    _assumption_slide(prs, cmp, lang)
    _overview_slides(prs, cmp, lang)
    obs = tables.load_observations(cmp, dataset)
    for ind_id in tables.key_indicators(cmp, limit):
        row = cmp.sims[0].setup.indicators.set_index("id").loc[ind_id]
        png = images.to_png(images.fan_figure(cmp, ind_id, lang=lang, obs=obs, titled=False, height=430))
        title = _short(tables.name_of(row, lang), 38 if lang == "zh" else 80)
        _picture_slide(prs, title, png, f"{ind_id} · {_t('fan_note', lang)}")
    _picture_slide(prs, _t("comparison", lang), images.to_png(images.comparison_figure(cmp, lang=lang)))
    _region_slide(prs, cmp, lang)
    return prs


def pptx_bytes(cmp: Comparison, *, lang: str = "zh", limit: Optional[int] = KEY_INDICATORS, dataset: Any = None) -> bytes:
    """The comparison as a .pptx file (bytes)."""
    buf = io.BytesIO()
    presentation(cmp, lang=lang, limit=limit, dataset=dataset).save(buf)
    return buf.getvalue()


__all__ = ["pptx_bytes", "presentation", "set_font", "clean", "ROWS_PER_SLIDE"]
