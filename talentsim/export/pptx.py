"""PowerPoint deck of a comparison (python-pptx), 16:9, that argues its case.

Slides: title; the argument (per scenario what it changes, from the effective lever values,
and what that does, differences in P(hit) with model ranges; the plan as a whole with model
ranges); targets at risk, what it would take (the solver's funding with its range), what the
numbers rest on and what is left out with the reason (:mod:`talentsim.export.story`);
assumptions (levers the scenarios set, levers that do nothing in this region with the reason);
overview (indicators the scenarios move, then one folded table of those they do not, each
probability with its model range); one slide per indicator the scenarios move or that is at
risk (fan chart, scenarios with identical paths in one panel, beside P(hit) with its range,
required vs projected growth and what it rests on); every simulated indicator in native,
editable bar charts split across slides; the region's joint attainment; sources and method
(seed, paths, software version, data hash, legend). Every slide has a title
placeholder, speaker notes, and every picture alt text; the slide builders are in
:mod:`talentsim.export.slides`. Every run names an East-Asian font so Chinese renders.

This module holds the layout helpers every slide builder uses (fonts, text boxes, tables,
pictures, the slide size); :mod:`talentsim.export.deck` assembles the deck from the builders.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any, Optional

from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from talentsim.export.fonts import FONT_FAMILY

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide
    from pptx.text.text import TextFrame, _Run

ROWS_PER_SLIDE = 12
W, HT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
GREY = RGBColor(0x55, 0x55, 0x55)
HEAD = RGBColor(0x1F, 0x3A, 0x5F)
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: object) -> str:
    """Text safe for slide XML (control characters removed)."""
    return _CTRL.sub("", str(text))


def set_font(run: _Run, *, size: Optional[float] = None, bold: bool = False, colour: Optional[RGBColor] = None) -> None:
    """Latin and East-Asian typeface on one run, so Chinese renders in PowerPoint and LibreOffice."""
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


Line = str | tuple[str, dict]


def fill(tf: TextFrame, lines: list[Line] | str, *, size: float, bold: bool = False,
         colour: Optional[RGBColor] = None) -> None:
    """Replace a text frame's text; a line may be ``(text, {"bold":…, "colour":…, "size":…})``."""
    tf.word_wrap = True
    lines = [lines] if isinstance(lines, str) else lines
    for k, line in enumerate(lines):
        text, style = (line, {}) if isinstance(line, str) else line
        p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
        for r in list(p.runs):
            r._r.getparent().remove(r._r)
        run = p.add_run()
        run.text = clean(text)
        set_font(run, size=style.get("size", size), bold=style.get("bold", bold), colour=style.get("colour", colour))
        if style.get("space"):
            p.space_before = Pt(style["space"])


def textbox(slide: Slide, left: float, top: float, width: float, height: float, lines: list[Line] | str, *, size: float,
            bold: bool = False,
            colour: Optional[RGBColor] = None) -> Any:
    box = slide.shapes.add_textbox(int(left), int(top), int(width), int(height))
    fill(box.text_frame, lines, size=size, bold=bold, colour=colour)
    return box


def new_slide(prs: Presentation, title: str, notes: str, *, size: float = 26) -> Any:
    """A "Title Only" slide: the title goes in the title placeholder (outline view, screen
    readers), moved to the 16:9 frame; ``notes`` become the speaker notes."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    ph = slide.shapes.title
    ph.left, ph.top, ph.width, ph.height = MARGIN, Inches(0.25), W - 2 * MARGIN, Inches(0.8)
    fill(ph.text_frame, title, size=size, bold=True, colour=HEAD)
    ph.text_frame.paragraphs[0].alignment = 1  # left
    slide.notes_slide.notes_text_frame.text = clean(notes)
    return slide


def table(slide: Slide, rows: list[list[str]], *, top: float, widths: list[float], size: float = 12,
          colours: Optional[list[list[Optional[RGBColor]]]] = None, row_h: float = 0.36,
          head_h: Optional[float] = None, left: float | None=None, width: float | None=None) -> Any:
    """A table scaled to ``width`` (default: the slide width inside the margins)."""
    n_rows, n_cols = len(rows), len(rows[0])
    width = width or (W - 2 * MARGIN)
    scale = (width / Emu(Inches(1))) / sum(widths)
    shape = slide.shapes.add_table(n_rows, n_cols, int(left if left is not None else MARGIN), int(top),
                                   int(Inches(sum(widths) * scale)), int(Inches(row_h * n_rows)))
    tbl = shape.table
    for j, w in enumerate(widths):
        tbl.columns[j].width = int(Inches(w * scale))
    for i, row in enumerate(rows):
        tbl.rows[i].height = Inches(head_h if (i == 0 and head_h) else row_h)
        for j, text in enumerate(row):
            cell = tbl.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(0.06)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            colour = colours[i][j] if colours and i > 0 else None
            fill(cell.text_frame, text, size=size, bold=(i == 0 or colour is not None), colour=colour)
    return tbl


def picture(slide: Slide, png: bytes, alt: str, *, left: float, top: float, max_w: float, max_h: float) -> Any:
    """Picture scaled into the box, centred horizontally, with alt text (``descr``)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        w_px, h_px = im.size
    ratio = min(max_w / w_px, max_h / h_px)
    w, h = int(w_px * ratio), int(h_px * ratio)
    pic = slide.shapes.add_picture(io.BytesIO(png), int(left + (max_w - w) / 2), int(top), w, h)
    c_nv_pr = pic._element.nvPicPr.cNvPr
    c_nv_pr.set("descr", clean(alt))
    c_nv_pr.set("name", clean(alt)[:60])
    return pic


__all__ = ["set_font", "clean", "fill", "textbox", "new_slide", "table", "picture",
           "ROWS_PER_SLIDE"]
