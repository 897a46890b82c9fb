"""The ``growth_rate`` measure: validation, its law (identity scale, transient shocks), the engine
on a fixture region (FICTIONAL numbers), and the closed form of a 年均 target's probability."""

from __future__ import annotations

import csv
import math
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from forecast.data import DataError, load_dataset
from forecast.growth_rate import average_rate_sd, growth_rate_law, load_prior
from forecast.law import GrowthLaw
from scenarios.engine import Setup
from scenarios.simulate import simulate
from scenarios.spec import Scenario

HERE = Path(__file__).parent
REGION = HERE / "growth_region"
DATA = HERE.parents[1] / "data"


def _cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _setup(sd: float, base: float, target: float, *, start: float | None, ty: int = 2030, loc: float = 0.0) -> Setup:
    ind = pd.DataFrame({"id": ["z.rate"], "region": "z", "name_zh": "增长", "name_en": "growth", "unit": "%",
                        "category": "经济", "type": "money", "channel": "none", "measure": "growth_rate",
                        "higher_is_better": True, "target_year": [float(ty)], "target_value": [target],
                        "target_op": [">="], "period_start": [start]})
    law = GrowthLaw("z.rate", "identity", 2025, base, loc, 0.0, np.inf, sd, "test")
    return Setup(ind, (law,), np.arange(2025, 2031), 2030, None, "")


@pytest.mark.parametrize("start, years", [(2026.0, 5), (None, 1)])
def test_average_target_matches_the_normal_cdf(start, years):
    """Zero drift, known shock sd: the mean of the yearly rates over the period is normal with sd
    sd/sqrt(years) (transient shocks), so P(avg >= t) has a closed form; a yearly target uses one year."""
    sd, base, target = 1.5, 5.2, 5.6
    sim = simulate(Scenario(name="cf", region="z", horizon=2030, paths=40_000), setup=_setup(sd, base, target,
                                                                                             start=start))
    want = 1.0 - _cdf((target - base) / average_rate_sd(sd, years))
    assert abs(sim.p_hit[0] - want) < 4 * sim.p_hit_se[0] + 1e-3, (sim.p_hit[0], want)
    # and the spread of the compared value is sd / sqrt(years), not the random walk's
    assert sim.final("z.rate").std() == pytest.approx(average_rate_sd(sd, years), rel=0.03)


def test_a_random_walk_would_fail_the_closed_form():
    """The check above can fail: summed shocks give a 2030 rate with sd ~ sd*sqrt(5), far wider."""
    sim = simulate(Scenario(name="cf", region="z", horizon=2030, paths=20_000), setup=_setup(1.5, 5.2, 5.6, start=None))
    assert sim.final("z.rate").std() < 1.5 * 1.2


def test_drift_moves_the_level_of_growth():
    sim = simulate(Scenario(name="d", region="z", horizon=2030, paths=8_000),
                   setup=_setup(1.0, 5.0, 5.0, start=None, loc=-0.3))
    assert np.median(sim.final("z.rate")) == pytest.approx(5.0 - 0.3 * 5, abs=0.05)


def test_fixture_region_laws_and_levers():
    ds = load_dataset(REGION)
    import forecast

    law = forecast.growth_law("grow.gdp_growth_avg", dataset=ds)
    assert (law.scale, law.kind, law.base_year, law.base_value) == ("identity", "growth", 2025, 5.2)
    assert "calibrated" in law.basis          # the engine reads the calibrated law of the target
    prior = load_prior()
    from forecast.baseline import history

    raw = growth_rate_law("grow.gdp_growth_avg", history("grow.gdp_growth_avg", ds), prior)
    assert raw.drift_df == prior.drift_df and raw.drift_scale < prior.drift_scale   # own points narrow the drift
    sc = Scenario(name="grow", region="grow", horizon=2030, data_dir=str(REGION), paths=4_000)
    base = simulate(sc)
    pushed = simulate(sc.with_levers(inflow_10k_per_year=5.0, attrition_pct_per_year=3.0))
    i, j = base.ids.index("grow.gdp_growth_avg"), base.ids.index("grow.talent_total")
    np.testing.assert_array_equal(base.values[:, :, i], pushed.values[:, :, i])   # context: levers do not act
    assert not np.array_equal(base.values[:, :, j], pushed.values[:, :, j])        # a talent stock moves


def test_one_point_uses_the_prior():
    prior = load_prior()
    law = growth_rate_law("x.g", pd.Series([6.0], index=[2025]), prior)
    assert (law.drift_loc, law.drift_scale, law.shock_sd) == (prior.drift_loc, prior.drift_scale, prior.shock_sd)
    with pytest.raises(ValueError, match="no realised rate"):
        growth_rate_law("x.g", pd.Series([], dtype=float), prior)


def _copy(tmp_path: Path) -> Path:
    d = tmp_path / "grow"
    shutil.copytree(REGION, d)
    return d


def _edit(path: Path, row_id: str, **cells: str) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["id"] == row_id:
            r.update(cells)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_validation_accepts_negative_rates_and_refuses_other_units(tmp_path):
    d = _copy(tmp_path)
    _edit(d / "indicators.csv", "grow.gdp_growth_2026", target_value="-3")   # 下降3% is a growth rate of -3
    load_dataset(d)
    _edit(d / "indicators.csv", "grow.gdp_growth_2026", unit="万人")
    with pytest.raises(DataError, match="growth_rate indicator"):
        load_dataset(d)
    _edit(d / "indicators.csv", "grow.gdp_growth_2026", unit="%", target_value="-120")
    with pytest.raises(DataError, match="growth rate"):
        load_dataset(d)


def test_prior_file_is_what_the_history_gives():
    """data/growth_rate_prior.csv is computed from data/growth_rate_history.csv (no number typed in)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("grp", DATA / "build" / "growth_rate_prior.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    with (DATA / "growth_rate_history.csv").open(encoding="utf-8") as f:
        hist = list(csv.DictReader(f))
    assert [int(r["year"]) for r in hist] == list(mod.YEARS)
    want = {r["parameter"]: float(r["value"]) for r in mod.prior_rows(hist)}
    got = load_prior()
    assert {k: getattr(got, k) for k in want} == pytest.approx(want, abs=1e-9)


def test_history_quotes_are_in_the_corpus():
    import os

    git_dir = os.environ.get("TALENTSIM_GOV_CORPUS", "/work/.mirror/lawtext+gov/repo")
    if not Path(git_dir).exists():
        pytest.skip(f"corpus lawtext/gov not present at {git_dir} (set TALENTSIM_GOV_CORPUS)")
    with (DATA / "growth_rate_history.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            text = subprocess.run(["git", "--git-dir", git_dir, "show", f"{r['corpus_commit']}:{r['source']}"],
                                  check=True, capture_output=True, text=True).stdout
            flat = " ".join(text.split())
            assert r["quote"] in flat, r["source"]
            assert r["quote"].endswith(f"比上年增长{r['value']}%"), r["quote"]
