"""The shipped data is found through the package, and every package folder is in the wheel."""

from __future__ import annotations

import tomllib
from pathlib import Path

from forecast.data import TABLES, load_dataset, shipped_dir

REPO = Path(__file__).resolve().parents[2]


def test_every_package_folder_is_listed_in_pyproject():
    cfg = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(cfg["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for top in ("forecast", "scenarios", "talentsim")
             for p in (REPO / top).rglob("__init__.py")}
    assert found - listed == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"
    assert cfg["package-dir"]["forecast.shipped"] == "data"


def test_shipped_dir_is_the_repository_data_folder_in_a_checkout():
    assert shipped_dir().resolve() == (REPO / "data").resolve()
    for t in TABLES.values():
        assert (shipped_dir() / t.filename).is_file()


def test_shipped_data_loads_without_the_environment_variable(monkeypatch):
    monkeypatch.delenv("TALENTSIM_DATA", raising=False)
    ds = load_dataset()
    assert len(ds.indicators) > 100 and Path(ds.source) == shipped_dir()
