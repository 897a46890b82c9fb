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
    monkeypatch.setattr(fonts, "font_dirs", lambda *a, **k: [])
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    assert fonts.find_cjk_font() is None
    with pytest.raises(fonts.MissingFontError, match="fonts-noto-cjk"):
        fonts.require_cjk_font(platform="linux")


@pytest.mark.parametrize("platform,name,where", [
    ("win32", "msyh.ttc", "Windows/Fonts"),                       # Microsoft YaHei, system-wide
    ("win32", "NotoSansSC-Regular.otf", "AppData/Local/Microsoft/Windows/Fonts"),   # per-user install
    ("darwin", "PingFang.ttc", "Library/Fonts"),
    ("darwin", "Hiragino Sans GB.ttc", "Library/Fonts/sub"),
    ("linux", "SourceHanSansSC-Regular.otf", ".local/share/fonts/adobe"),
])
def test_finds_the_platforms_cjk_fonts(monkeypatch, tmp_path, platform, name, where):
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    monkeypatch.setattr(fonts.Path, "home", classmethod(lambda cls: tmp_path))
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    dirs = [d for d in fonts.font_dirs(platform) if str(d).startswith(str(tmp_path))]   # only the fake machine
    assert fonts.find_cjk_font(platform, dirs) is None
    (tmp_path / where).mkdir(parents=True)
    (tmp_path / where / name).write_bytes(b"font")
    assert fonts.find_cjk_font(platform, dirs) == tmp_path / where / name


@pytest.mark.parametrize("platform,hint", [("win32", "Microsoft YaHei"), ("darwin", "PingFang"),
                                           ("linux", "apt-get install -y fonts-noto-cjk")])
def test_the_error_names_what_to_install_on_that_system(monkeypatch, platform, hint):
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    with pytest.raises(fonts.MissingFontError, match=hint):
        fonts.require_cjk_font(platform=platform, dirs=[])


def test_svg_names_a_fallback_list():
    out = fonts.with_font_fallback('<svg><text font-family="Noto Sans CJK SC">人才</text></svg>')
    assert "Microsoft YaHei" in out and "PingFang SC" in out and out.count("font-family=") == 1


def test_exports_refuse_to_draw_without_font(monkeypatch):
    monkeypatch.setattr(fonts, "font_dirs", lambda *a, **k: [])
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
