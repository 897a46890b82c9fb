"""The backtest report on real plan outcomes, leave-one-region-out (``talentsim backtest --outcomes``).

Replaces the leave-one-plan-out checks of the retired target signal (Brier <= 0.21 on
outcomes.csv). Fast tests run the report on the legacy ``outcomes.csv`` alone; the
acceptance thresholds of issue 25 on the whole outcome base are ``slow``.
"""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from forecast.calibration.report import FORECASTS, outcome_report
from forecast.calibration.scores import auc, scores
from forecast.data import DATA_DIR


@pytest.fixture(scope="module")
def legacy_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("legacy")
    for f in ("outcomes.csv", "kept_out.csv"):
        shutil.copy(DATA_DIR / f, d / f)
    return d


def test_scores_closed_forms():
    s = scores(np.array([0.5, 0.5]), np.array([True, False]), base=np.array([0.5, 0.5]))
    assert s["brier"] == pytest.approx(0.25) and s["log_score"] == pytest.approx(np.log(2))
    assert s["skill"] == pytest.approx(0.0)
    assert auc(np.array([0.9, 0.8, 0.1]), np.array([True, False, False])) == pytest.approx(1.0)
    assert auc(np.array([0.1, 0.8, 0.9]), np.array([True, False, False])) == pytest.approx(0.0)


def test_report_has_every_reference_and_leaves_regions_out(legacy_dir):
    rep = outcome_report(legacy_dir)
    assert set(rep.table["forecast"]) == set(FORECASTS)
    assert len(rep.rows) >= 30 and not rep.rows["kept_out"].any()
    assert {"all", "five_year"} <= set(rep.table["subset"])
    half = rep.table[(rep.table["subset"] == "all") & (rep.table["forecast"] == "always 0.5")].iloc[0]
    assert half["brier"] == pytest.approx(0.25)
    assert "leave-one-region-out" in rep.text()


def test_cli_backtest_outcomes_json(legacy_dir):
    from typer.testing import CliRunner

    from talentsim.cli import app

    res = CliRunner().invoke(app, ["backtest", "--outcomes", "--json", "--data-dir", str(legacy_dir)])
    assert res.exit_code == 0, res.output
    j = json.loads(res.output)
    assert j["n"] >= 30 and {"brier", "log_score", "skill", "auc", "cal_slope"} <= set(j["scores"][0])
