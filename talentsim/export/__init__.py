"""Exports of one scenario comparison: Excel, PowerPoint, PNG/SVG charts, HTML report.

The app's download buttons call the ``*_bytes``/``html_text`` functions; the CLI's
``talentsim export`` calls :func:`export_comparison`::

    from scenarios import compare, load_preset
    from talentsim.export import export_comparison, xlsx_bytes
    cmp = compare([load_preset("plan"), load_preset("high-funding")], paths=20_000)
    export_comparison(cmp, xlsx="out.xlsx", pptx="out.pptx", html="out.html", png_dir="charts/")

Every export that draws Chinese (PNG, SVG, PPTX, HTML charts) first checks that a CJK
font is installed (``fonts.require_cjk_font``) and fails with the package name if not.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Optional

from scenarios.compare import Comparison
from talentsim.export.fonts import MissingFontError, find_cjk_font, require_cjk_font
from talentsim.export.html import html_text
from talentsim.export.images import Renders, atomic_write, refuse_special, save_charts
from talentsim.export.deck import pptx_bytes
from talentsim.export.xlsx import safe_text, xlsx_bytes

PathLike = str | os.PathLike[str]


def export_comparison(cmp: Comparison, *, xlsx: Optional[PathLike] = None, pptx: Optional[PathLike] = None,
                      html: Optional[PathLike] = None, png_dir: Optional[PathLike] = None, lang: str = "zh",
                      formats: tuple[str, ...] = ("png", "svg"), dataset: Any = None,
                      overwrite: bool = False,
                      progress: Optional[Callable[[str, int, int], None]] = None) -> list[Path]:
    """Write the requested exports of ``cmp``; return the paths written.

    Parameters
    ----------
    xlsx, pptx, html : output files (parent folders are created); None skips.
    png_dir : folder for chart images in ``formats``; None skips.
    lang : ``"zh"`` or ``"en"``.
    dataset : loaded dataset for history points and sources (default: the scenario's data).
    overwrite : replace existing files; otherwise an existing target is an error and
        nothing is written.
    progress : called as ``progress(step, done, total)`` after each step (the CLI's progress bar).

    Each chart is rendered once (:class:`images.Renders`) and reused by the slides, the HTML
    report and the chart folder. Files are written to a temporary name, then renamed.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    for option, target in (("xlsx", xlsx), ("pptx", pptx), ("html", html)):
        if target is not None:
            refuse_special(Path(target), option)
        if target is not None and Path(target).exists() and not overwrite:
            raise FileExistsError(f"--{option} {target} already exists; add --force to replace it")
    if png_dir is not None and Path(png_dir).exists() and not Path(png_dir).is_dir():
        raise ValueError(f"--png-dir {png_dir} is a file; give a folder")
    need_charts = pptx is not None or png_dir is not None or html is not None
    if need_charts:
        require_cjk_font()  # fail before writing anything
    steps: list[tuple[str, Callable[[], Any]]] = []
    renders: list[Renders] = []
    written: list[Path] = []

    def charts() -> Renders:
        if not renders:
            renders.append(Renders(cmp, lang=lang, dataset=dataset))
        return renders[0]

    def write(target: PathLike, data: Callable[[], bytes]) -> Callable[[], None]:
        def run() -> None:
            p = Path(target)
            p.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(p, data())
            written.append(p)
        return run

    if need_charts:
        r = charts()
        for key in ["comparison"] + r.key_ids:
            if key != "comparison" or html is not None or png_dir is not None:   # slides draw it natively
                steps.append((f"chart {key}", lambda key=key: r.png(key)))
    if xlsx is not None:
        steps.append(("xlsx", write(xlsx, lambda: xlsx_bytes(cmp, lang=lang, dataset=dataset))))
    if pptx is not None:
        steps.append(("pptx", write(pptx, lambda: pptx_bytes(cmp, lang=lang, dataset=dataset, renders=charts()))))
    if html is not None:
        steps.append(("html", write(html, lambda: html_text(cmp, lang=lang, dataset=dataset,
                                                            renders=charts()).encode("utf-8"))))
    if png_dir is not None:
        steps.append(("charts", lambda: written.extend(save_charts(cmp, png_dir, formats, lang=lang,
                                                                   renders=charts(), overwrite=overwrite))))
    for k, (name, run) in enumerate(steps, start=1):
        run()
        if progress is not None:
            progress(name, k, len(steps))
    return written


__all__ = ["export_comparison", "xlsx_bytes", "pptx_bytes", "html_text", "save_charts", "safe_text",
           "find_cjk_font", "require_cjk_font", "MissingFontError"]
