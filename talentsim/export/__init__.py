"""Exports of one scenario comparison: Excel, PowerPoint, PNG/SVG charts, HTML report.

The app's download buttons call the ``*_bytes``/``html_text`` functions; the CLI's
``talentsim export`` calls :func:`export_comparison`::

    from scenarios import compare, load_preset
    from talentsim.export import ExportFiles, export_comparison, xlsx_bytes
    cmp = compare([load_preset("plan"), load_preset("high-funding")], paths=20_000)
    export_comparison(cmp, ExportFiles(xlsx="out.xlsx", pptx="out.pptx", html="out.html", png_dir="charts/"))

(:func:`export_comparison` lives in ``files.py``.)

Every export that draws Chinese (PNG, SVG, PPTX, HTML charts) first checks that a CJK
font is installed (``fonts.require_cjk_font``) and fails with the package name if not.
"""

from __future__ import annotations

from talentsim.export.deck import pptx_bytes
from talentsim.export.files import ExportFiles, export_comparison
from talentsim.export.fonts import MissingFontError, find_cjk_font, require_cjk_font
from talentsim.export.html import html_text
from talentsim.export.images import save_charts
from talentsim.export.xlsx import safe_text, xlsx_bytes

__all__ = ["export_comparison", "ExportFiles", "xlsx_bytes", "pptx_bytes", "html_text", "save_charts", "safe_text",
           "find_cjk_font", "require_cjk_font", "MissingFontError"]
