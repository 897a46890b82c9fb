"""Imports point one way: forecast -> scenarios -> talentsim -> app.py, with no circle inside a package.

The contracts live in ``.importlinter`` and are checked by import-linter (layers, no import
circle between sibling modules, no app or export library in the engine, Streamlit only in the
app). A small ast walk stays as a second, independent check of the package direction.
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


def test_import_contracts_hold() -> None:
    """``lint-imports`` on ``.importlinter``: every contract kept (its report is shown on failure)."""
    import subprocess
    import sys

    exe = Path(sys.executable).with_name("lint-imports")
    res = subprocess.run([str(exe), "--config", str(ROOT / ".importlinter"), "--no-cache"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, (res.stdout + res.stderr)[-3000:]


def test_the_checker_sees_imports(tmp_path: Path) -> None:
    """The walker itself: it must find plain, dotted, from- and nested imports."""
    f = tmp_path / "m.py"
    f.write_text("import a.b\nfrom c.d import e\ndef f():\n    import streamlit as st\nfrom . import rel\n")
    assert imported_modules(f) == {"a", "c", "streamlit"}
