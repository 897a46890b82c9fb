"""The deck of a comparison: a 16:9 presentation assembled from the slide builders
(:mod:`talentsim.export.slides`) with the layout helpers of :mod:`talentsim.export.pptx`.
Kept apart from both so that the builders and the helpers never import each other in a circle."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, Optional

from pptx import Presentation

from scenarios.compare import Comparison
from talentsim.export import slides
from talentsim.export.fonts import require_cjk_font
from talentsim.export.pptx import HT, W
from talentsim.indicators import KEY_INDICATORS

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset
    from talentsim.export.images import Renders


def presentation(cmp: Comparison, *, lang: str = "zh", limit: Optional[int] = KEY_INDICATORS,
                 dataset: Dataset | None = None,
                 renders: Renders | None = None) -> Any:
    """The python-pptx ``Presentation`` (see the module docstring for the slides)."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    require_cjk_font()
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, HT
    slides.build(prs, cmp, lang=lang, limit=limit, dataset=dataset, renders=renders)
    return prs


def pptx_bytes(cmp: Comparison, *, lang: str = "zh", limit: Optional[int] = KEY_INDICATORS,
               dataset: Dataset | None = None,
               renders: Renders | None = None) -> bytes:
    """The comparison as a .pptx file (bytes)."""
    buf = io.BytesIO()
    presentation(cmp, lang=lang, limit=limit, dataset=dataset, renders=renders).save(buf)
    return buf.getvalue()



__all__ = ["pptx_bytes", "presentation"]
