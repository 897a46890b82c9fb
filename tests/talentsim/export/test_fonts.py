"""The CJK font is installed, found, required, and really used by vl-convert."""

from __future__ import annotations

import io

import altair as alt
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from talentsim.charts import FONT
from talentsim.export import fonts
from talentsim.export.images import to_png


def test_cjk_font_is_installed():
    # Deliberately a failure, not a skip: without the font every export shows empty boxes.
    path = fonts.find_cjk_font()
    assert path is not None and path.is_file(), (
        f"no CJK font: install the Debian package {fonts.DEBIAN_PACKAGE} (python tasks.py does it)")
    assert fonts.require_cjk_font() == path


def test_missing_font_fails_loudly_naming_the_package(monkeypatch):
    monkeypatch.setattr(fonts, "FONT_DIRS", ())
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    assert fonts.find_cjk_font() is None
    with pytest.raises(fonts.MissingFontError, match="fonts-noto-cjk"):
        fonts.require_cjk_font()


def test_exports_refuse_to_draw_without_font(monkeypatch):
    monkeypatch.setattr(fonts, "FONT_DIRS", ())
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")
    with pytest.raises(fonts.MissingFontError):
        to_png(chart)


def _title_band(title: str) -> np.ndarray:
    chart = (alt.Chart(pd.DataFrame({"x": [0, 1], "y": [0, 1]})).mark_line().encode(x="x:Q", y="y:Q")
             .properties(width=300, height=100, title=title)
             .configure(font=FONT).configure_title(font=FONT, fontSize=28, anchor="start"))
    img = np.asarray(Image.open(io.BytesIO(to_png(chart, scale=1))).convert("L"), dtype=np.int16)
    return img[:45, :]  # the title sits above the plot


def test_vl_convert_draws_chinese_glyphs():
    """Chinese titles are drawn with real glyphs, not tofu.

    Without a CJK font a renderer draws every missing character as the same .notdef box
    (or nothing at all). So two different Chinese titles of equal length would produce
    identical pixels. We check (1) the title band has ink compared with an empty title,
    and (2) "人才规划" and "资金增长" differ, and both differ from the tofu-like "□□□□".
    """
    blank = _title_band("")
    a, b, tofu = _title_band("人才规划"), _title_band("资金增长"), _title_band("□□□□")
    assert (np.abs(a - blank) > 60).sum() > 200, "the Chinese title left the title area blank"
    assert (np.abs(a - b) > 60).sum() > 200, "two different Chinese titles render identically: boxes"
    assert (np.abs(a - tofu) > 60).sum() > 200, "the Chinese title looks like placeholder boxes"
