"""``talentsim fit`` on the shipped data (skipped until data/observations.csv exists)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data" / "observations.csv"
pytestmark = pytest.mark.skipif(not DATA.exists(), reason="data/observations.csv not there yet")


def _run(*args):
    from typer.testing import CliRunner

    from talentsim.cli import app

    res = CliRunner().invoke(app, list(args))
    assert res.exit_code == 0, res.output
    return res.output


def test_fit_high_level_talent():
    out = _run("fit", "tianhe.high_level_talent")
    assert "Families tried" in out and "skipped" in out
    assert "Families' choice (comparison only): pooled-prior" in out
    assert "Growth law used by the engine (people, type prior only + target as trend signal)" in out
    assert re.search(r"median [\d,.]+ 人; 80 % \[[\d,.]+, [\d,.]+\]; 95 % \[[\d,.]+, [\d,.]+\]", out)
    m = re.search(r"P\(target >= 1,500 人 in 2025\) = (0\.\d+)", out)
    assert m and 0.05 < float(m.group(1)) < 0.95


def test_fit_explain_prints_prior_only():
    out = _run("fit", "--explain")
    for kind in ("people", "share", "rate", "organisations", "money", "count", "other"):
        assert f"Type prior '{kind}'" in out
    assert "borrowed prior" in out and "five-year episodes" in out and "Regional correlation" in out
    assert "Families tried" not in out


def test_fit_explain_names_the_reference_class_of_talent_total():
    out = _run("fit", "tianhe.talent_total", "--explain")
    assert "Reference class: Type prior 'people'" in out
    assert re.search(r"\d+ five-year episodes from \d+ series", out)
    assert "Own history: one usable year (2020: 96 万人)" in out
    assert re.search(r"Median path: 96 -> [\d.]+ 万人 in 2025", out)
    assert re.search(r"needs \+1\.8\d %/yr, which [\d.]+% of the \d+ five-year episodes of people reached", out)


def test_growth_laws_cover_every_indicator_with_a_base_value():
    import forecast
    from forecast.data import load_dataset

    ds = load_dataset()
    laws = forecast.growth_laws(dataset=ds)
    assert set(laws) | set(laws.skipped) == set(ds.indicators["id"])
    share = laws["guangdong.high_skill_share"]
    from forecast.targets import usable_history

    n = len(usable_history(ds.observations, "guangdong.high_skill_share"))
    assert n >= 2
    assert share.scale == "logit" and share.kind == "share" and share.basis.startswith(f"own history ({n} points)")
