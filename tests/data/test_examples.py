"""The shipped province example is exactly what its builder makes from reference_growth.csv."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "provinces"


def _builder():
    spec = importlib.util.spec_from_file_location("build_provinces", ROOT / "data" / "examples" / "build_provinces.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_province_example_is_rebuilt_identically(tmp_path):
    _builder().build(ROOT / "data" / "reference_growth.csv", tmp_path)
    for name in ("indicators.csv", "observations.csv"):
        assert (tmp_path / name).read_bytes() == (EXAMPLE / name).read_bytes(), name


def test_province_example_values_are_the_reference_values():
    ref = pd.read_csv(ROOT / "data" / "reference_growth.csv")
    obs = pd.read_csv(EXAMPLE / "observations.csv")
    fte = obs[obs["id"] == "guangdong.rd_fte"].set_index("year")["value"]
    src = ref[ref["series_id"] == "techme.rd_fte.guangdong"].set_index("year")["value"]
    assert (fte * 1e4).round().eq(src.loc[fte.index]).all()            # 万人 = 人年 / 10^4
    ind = pd.read_csv(EXAMPLE / "indicators.csv").set_index("id")
    assert ind.loc["guangdong.rd_fte", "target_value"] == float(f"{src[2023] / 1e4 * 1.1 ** 5:.3g}")
