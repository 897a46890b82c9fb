"""Find a CJK font on Linux, Windows or macOS, register it with vl-convert, and fail loudly
only when none exists.

vl-convert, LibreOffice and PowerPoint draw Chinese labels with whatever font the system
offers; without one they draw empty boxes (tofu) and nothing complains. Every PNG/SVG/PPTX
export calls :func:`require_cjk_font` first: it searches the usual font folders of the
platform for the faces below (Noto/Source Han, Microsoft YaHei/SimHei, PingFang/Hiragino/
Heiti…), registers the folder with vl-convert, and otherwise stops with a message naming
what to install on that system. SVG and HTML name a fallback list (:data:`FONT_STACK`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Optional

#: Debian/Ubuntu package that ships Noto Sans CJK (``tasks.py`` installs it with apt-get).
DEBIAN_PACKAGE = "fonts-noto-cjk"
#: The family slides and charts name first; viewers fall back along :data:`FONT_STACK`.
FONT_FAMILY = "Noto Sans CJK SC"
FONT_STACK = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
              "Hiragino Sans GB", "Heiti SC", "SimHei", "WenQuanYi Micro Hei", "sans-serif")

#: Font files that cover simplified Chinese, best first (file names as the vendors ship them).
CJK_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf",
             "NotoSansCJK-Regular.otf", "NotoSansCJKsc-Regular.ttf", "NotoSansSC-Regular.ttf",
             "NotoSansSC-VariableFont_wght.ttf", "SourceHanSansSC-Regular.otf", "SourceHanSans-Regular.ttc",
             "msyh.ttc", "msyh.ttf", "simhei.ttf", "Deng.ttf", "simsun.ttc",
             "PingFang.ttc", "Hiragino Sans GB.ttc", "Hiragino Sans GB W3.ttc", "STHeiti Light.ttc",
             "STHeiti Medium.ttc", "wqy-microhei.ttc", "wqy-zenhei.ttc")

#: What to install, per platform, when nothing is found.
INSTALL_HINT = {
    "linux": f"install the package {DEBIAN_PACKAGE!r} (Debian/Ubuntu: sudo apt-get install -y {DEBIAN_PACKAGE}; "
             "Fedora: sudo dnf install google-noto-sans-cjk-fonts; `python tasks.py` does it for you) or put "
             "NotoSansCJK-Regular.ttc in ~/.local/share/fonts",
    "win32": "add the Windows optional feature 'Chinese (Simplified) Supplemental Fonts' (Settings > Apps > "
             "Optional features), which brings Microsoft YaHei, or install Noto Sans SC from fonts.google.com",
    "darwin": "install Noto Sans SC from fonts.google.com (Font Book), or restore the system font PingFang SC",
}


class MissingFontError(RuntimeError):
    """No CJK font is installed: exported Chinese labels would render as empty boxes."""


def font_dirs(platform: Optional[str] = None, env: Optional[dict] = None, home: Optional[Path] = None) -> list[Path]:
    """The usual font folders of ``platform`` (``sys.platform`` by default), searched in order."""
    platform = platform or sys.platform
    env = os.environ if env is None else env
    home = home or Path.home()
    if platform.startswith("win"):
        windir = Path(env.get("WINDIR") or env.get("SystemRoot") or r"C:\Windows")
        local = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"), Path("/Library/Fonts"),
                home / "Library" / "Fonts",
                Path("/System/Library/AssetsV2/com_apple_MobileAsset_Font7")]
    dirs = [Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/noto-cjk"),
            Path("/usr/share/fonts/google-noto-cjk"), Path("/usr/share/fonts/truetype/noto"),
            Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
    xdg = env.get("XDG_DATA_HOME")
    dirs += [Path(xdg) / "fonts"] if xdg else []
    return dirs + [home / ".local/share/fonts", home / ".fonts"]


def _from_dirs(dirs: list[Path]) -> Optional[Path]:
    """First CJK font file in ``dirs`` (each folder and, for broad roots, two levels below)."""
    wanted = {n.lower(): rank for rank, n in enumerate(CJK_FILES)}
    best: tuple[int, Optional[Path]] = (len(wanted), None)
    for folder in dirs:
        if not folder.is_dir():
            continue
        for depth in ("*", "*/*", "*/*/*"):
            try:
                for hit in folder.glob(depth):
                    rank = wanted.get(hit.name.lower())
                    if rank is not None and rank < best[0] and hit.is_file():
                        best = (rank, hit)
            except OSError:
                continue
        if best[1] is not None:
            return best[1]
    return None


def _from_fontconfig() -> Optional[Path]:
    exe = shutil.which("fc-list")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, ":lang=zh", "file", "family"], capture_output=True, text=True,
                             timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = [line.split(":", 1)[0].strip() for line in out.splitlines() if ":" in line]
    ranked = sorted(files, key=lambda f: ("Sans" not in f, "Regular" not in f, f))
    return Path(ranked[0]) if ranked else None


_FOUND: dict[str, Optional[Path]] = {}


def find_cjk_font(platform: Optional[str] = None, dirs: Optional[list[Path]] = None) -> Optional[Path]:
    """Path of an installed font that covers simplified Chinese, or None.

    Searches the platform's font folders (:func:`font_dirs`) for :data:`CJK_FILES`, then, on
    Linux, asks ``fc-list :lang=zh`` for any font covering Chinese.
    """
    platform = platform or sys.platform
    hit = _from_dirs(dirs if dirs is not None else font_dirs(platform))
    if hit is None and not platform.startswith("win") and platform != "darwin":
        hit = _from_fontconfig()
    return hit


def register_with_vl_convert(path: Path) -> None:
    """Let vl-convert (charts to SVG/PNG) use the folder holding ``path`` (once per folder)."""
    folder = str(path.parent)
    if folder in _FOUND:
        return
    try:
        import vl_convert as vlc

        vlc.register_font_directory(folder)
    except Exception:  # vl-convert missing or too old: it still uses the system fonts
        pass
    _FOUND[folder] = path


def require_cjk_font(platform: Optional[str] = None, dirs: Optional[list[Path]] = None) -> Path:
    """The CJK font's path (registered with vl-convert); raises :class:`MissingFontError`
    naming what to install on this platform."""
    platform = platform or sys.platform
    path = find_cjk_font(platform, dirs)
    if path is None:
        key = "win32" if platform.startswith("win") else "darwin" if platform == "darwin" else "linux"
        raise MissingFontError("no Chinese (CJK) font found, so exported charts and slides would show empty "
                               f"boxes instead of Chinese labels. To fix it, {INSTALL_HINT[key]}.")
    if dirs is None and platform == sys.platform:
        register_with_vl_convert(path)
    return path


_FAMILY_ATTR = re.compile(r'font-family="[^"]*"')


def with_font_fallback(svg: str) -> str:
    """SVG whose text names the whole :data:`FONT_STACK`, so a viewer without Noto picks
    Microsoft YaHei, PingFang or another CJK face instead of boxes."""
    stack = ", ".join(f"'{f}'" if " " in f else f for f in FONT_STACK)
    return _FAMILY_ATTR.sub(f'font-family="{stack}"', svg)


__all__ = ["find_cjk_font", "require_cjk_font", "font_dirs", "with_font_fallback", "register_with_vl_convert",
           "MissingFontError", "DEBIAN_PACKAGE", "FONT_FAMILY", "FONT_STACK", "CJK_FILES", "INSTALL_HINT"]
