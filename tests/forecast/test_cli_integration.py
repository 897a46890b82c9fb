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
    assert "Chosen: pooled-prior" in out
    assert "drift" in out
    assert re.search(r"median [\d,]+ 人; 80 % \[[\d,]+, [\d,]+\]; 95 % \[[\d,]+, [\d,]+\]", out)
    m = re.search(r"P\(target >= 1,500 人 in 2025\) = (0\.\d+)", out)
    assert m and 0.05 < float(m.group(1)) < 0.95  # five facts cannot justify near-certainty


def test_fit_explain_prints_prior_only():
    out = _run("fit", "--explain")
    assert "Pooled prior (stock)" in out and "EXCLUDED" in out and "source:" in out
    assert "Leave-one-out" in out
    assert "Families tried" not in out


def test_growth_laws_cover_every_indicator_with_a_base_value():
    import forecast
    from forecast.data import load_dataset

    ds = load_dataset()
    laws = forecast.growth_laws(dataset=ds)
    assert set(laws) | set(laws.skipped) == set(ds.indicators["id"])
    share = laws["guangdong.high_skill_share"]
    assert share.scale == "logit" and share.model == "exponential"
