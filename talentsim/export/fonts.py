"""Find the CJK font that exported charts and slides need, and fail loudly without it.

vl-convert and LibreOffice/PowerPoint draw Chinese labels with whatever font the system
offers for ``Noto Sans CJK SC``; without one they draw empty boxes (tofu) and nothing
complains. Every PNG/SVG/PPTX export calls :func:`require_cjk_font` first, so a machine
without the font stops with a message naming the Debian package instead.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Optional

#: Debian/Ubuntu package that ships Noto Sans CJK (``tasks.py`` installs it with apt-get).
DEBIAN_PACKAGE = "fonts-noto-cjk"
FONT_FAMILY = "Noto Sans CJK SC"

#: Where Debian, fontconfig and users usually put the font; searched in this order.
FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)
_NAMES = ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf",
          "NotoSansCJK-Regular.otf", "NotoSansCJKsc-Regular.ttf")


class MissingFontError(RuntimeError):
    """No CJK font is installed: exported Chinese labels would render as empty boxes."""


def _from_dirs() -> Optional[Path]:
    for folder in FONT_DIRS:
        if not folder.is_dir():
            continue
        for name in _NAMES:
            hit = folder / name
            if hit.is_file():
                return hit
        if folder.name in ("fonts", ".fonts"):  # the broad roots: search one level of subfolders too
            for name in _NAMES:
                for hit in folder.glob(f"*/{name}"):
                    return hit
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


def find_cjk_font() -> Optional[Path]:
    """Path of an installed font that covers simplified Chinese, or None.

    Looks for Noto Sans CJK in the usual Debian/fontconfig folders first, then asks
    ``fc-list :lang=zh`` (if fontconfig is installed) for any font covering Chinese.
    """
    return _from_dirs() or _from_fontconfig()


def require_cjk_font() -> Path:
    """The CJK font's path; raises :class:`MissingFontError` naming the package to install."""
    path = find_cjk_font()
    if path is None:
        raise MissingFontError(
            f"no Chinese (CJK) font found, so exported charts and slides would show empty boxes "
            f"instead of Chinese labels. Install the Debian package {DEBIAN_PACKAGE!r} "
            f"(sudo apt-get install -y {DEBIAN_PACKAGE}; `python tasks.py` does it for you), "
            f"or put {FONT_FAMILY} in ~/.local/share/fonts.")
    return path


__all__ = ["find_cjk_font", "require_cjk_font", "MissingFontError", "DEBIAN_PACKAGE", "FONT_FAMILY"]
