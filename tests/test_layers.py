"""Imports point one way: forecast -> scenarios -> talentsim -> app.py.

Walks every module's import statements (ast, so nothing is executed) and fails on an
import against the flow, on Streamlit outside the app's views, and on an export or app
library in the engine (the engine must install without the ``app``/``export`` extras).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("forecast", "scenarios", "talentsim")

#: package -> top-level modules it must never import
FORBIDDEN: dict[str, set[str]] = {
    "forecast": {"scenarios", "talentsim", "streamlit", "vl_convert", "pptx", "dask", "distributed"},
    "scenarios": {"talentsim", "streamlit", "vl_convert", "pptx", "dask", "distributed"},
    "talentsim": set(),
}
STREAMLIT_ALLOWED = ("talentsim/app/", "app.py")


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_point_one_way(package: str) -> None:
    bad = [f"{p.relative_to(ROOT)} imports {m}"
           for p in _files(package) for m in sorted(imported_modules(p) & FORBIDDEN[package])]
    assert not bad, "imports against the flow:\n" + "\n".join(bad)


def test_only_the_app_imports_streamlit() -> None:
    files = [p for pkg in PACKAGES for p in _files(pkg)] + [ROOT / "app.py"]
    bad = [str(p.relative_to(ROOT)) for p in files
           if "streamlit" in imported_modules(p)
           and not str(p.relative_to(ROOT)).startswith(STREAMLIT_ALLOWED)]
    assert not bad, "streamlit imported outside the app: " + ", ".join(bad)


def test_the_checker_sees_imports(tmp_path: Path) -> None:
    """The walker itself: it must find plain, dotted, from- and nested imports."""
    f = tmp_path / "m.py"
    f.write_text("import a.b\nfrom c.d import e\ndef f():\n    import streamlit as st\nfrom . import rel\n")
    assert imported_modules(f) == {"a", "c", "streamlit"}
