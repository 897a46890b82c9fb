"""Write a comparison's exports to files: the one call behind ``talentsim export`` and
``ts.export_comparison``::

    from talentsim.export import ExportFiles, export_comparison
    export_comparison(cmp, ExportFiles(xlsx="out.xlsx", pptx="out.pptx", html="out.html", png_dir="charts/"))
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from scenarios.compare import Comparison
from talentsim.export.fonts import require_cjk_font
from talentsim.export.html import html_text
from talentsim.export.images import Renders, atomic_write, refuse_special, save_charts
from talentsim.export.deck import pptx_bytes
from talentsim.export.xlsx import xlsx_bytes

if TYPE_CHECKING:
    from forecast.data import Dataset

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class ExportFiles:
    """Where the exports of one comparison go; an export left at None is not made.

    xlsx, pptx, html : output files (parent folders are created).
    png_dir : folder for chart images in ``formats`` (any of ``"png"``, ``"svg"``).
    """

    xlsx: Optional[PathLike] = None
    pptx: Optional[PathLike] = None
    html: Optional[PathLike] = None
    png_dir: Optional[PathLike] = None
    formats: tuple[str, ...] = ("png", "svg")

    def __post_init__(self) -> None:
        bad = [f for f in self.formats if f not in ("png", "svg")]
        if bad:
            raise ValueError(f"chart formats are png and svg; got {', '.join(map(repr, bad))}")

    @property
    def empty(self) -> bool:
        return all(p is None for p in (self.xlsx, self.pptx, self.html, self.png_dir))


def export_comparison(cmp: Comparison, files: ExportFiles, *, lang: str = "zh", dataset: Optional[Dataset] = None,
                      overwrite: bool = False,
                      progress: Optional[Callable[[str, int, int], None]] = None) -> list[Path]:
    """Write the exports of ``cmp`` that ``files`` asks for; return the paths written.

    Parameters
    ----------
    files : where each export goes (:class:`ExportFiles`; an export without a path is skipped).
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
    xlsx, pptx, html, png_dir, formats = files.xlsx, files.pptx, files.html, files.png_dir, files.formats
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


__all__ = ["ExportFiles", "export_comparison"]
