"""The baseline probabilities against real plan outcomes (data/outcomes.csv), leave-one-plan-out.

Fails if the score regresses: the baseline must beat "always 0.5" and "trend only" on
both Brier and log score, and the PIT of the outcomes must stay flat within sampling
error (chi-square p > 0.05 over five bins).
"""

from __future__ import annotations

import numpy as np
import pytest

from forecast.validate_outcomes import backtest_outcomes, fit_signal, scores


@pytest.fixture(scope="module")
def bt():
    return backtest_outcomes()


def test_baseline_beats_both_references(bt):
    t = bt.table.set_index("forecast")
    base = t.iloc[0]
    assert base.name.startswith("baseline")
    for ref in ("always 0.5", "trend only (type prior alone)"):
        assert base["brier"] < t.loc[ref, "brier"], (ref, t)
        assert base["log_score"] < t.loc[ref, "log_score"], (ref, t)
    assert base["brier"] <= 0.21 and base["log_score"] <= 0.60      # regression guard (0.196 / 0.572 when written)


def test_pit_is_flat_and_enough_rows(bt):
    assert bt.pit_pvalue > 0.05, bt.pit_counts
    assert len(bt.rows) >= 40 and bt.rows["plan_id"].nunique() >= 8 and (~bt.rows["met"]).sum() >= 5


def test_scores_closed_forms():
    s = scores(np.array([0.5, 0.5]), np.array([True, False]))
    assert s["brier"] == pytest.approx(0.25) and s["log_score"] == pytest.approx(np.log(2))


def test_signal_fit_recovers_a_known_bias():
    rng = np.random.default_rng(3)
    n = 400
    m, D = np.full(n, 0.05), np.full(n, 0.03 ** 2)
    g = m + 0.03 * rng.standard_normal(n)                     # true drifts
    need = g - 0.02 + 0.01 * rng.standard_normal(n)           # targets 2 %/yr below trend, noise 0.01
    realised = g + 0.005 * rng.standard_normal(n)
    sig = fit_signal(need, realised, m, D, np.full(n, 0.005 ** 2))
    assert sig.bias == pytest.approx(0.02, abs=0.004) and sig.noise_sd == pytest.approx(0.01, abs=0.004)


def test_cli_backtest_outcomes_json():
    import json

    from typer.testing import CliRunner

    from talentsim.cli import app

    res = CliRunner().invoke(app, ["backtest", "--outcomes", "--json"])
    assert res.exit_code == 0, res.output
    j = json.loads(res.output)
    assert j["n"] >= 40 and {"brier", "log_score"} <= set(j["scores"][0])
