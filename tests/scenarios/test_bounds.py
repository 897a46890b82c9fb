"""Issue 15: path counts and programme inputs are bounded; no value silently changes results."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from forecast.data import load_dataset
from scenarios import load_preset, simulate
from scenarios.programme555 import MAX_PATHS_555, from_data, simulate_555
from scenarios.spec import MAX_PATHS, ScenarioError, scenario_from_dict


@pytest.fixture(scope="module")
def ds():
    return load_dataset(None)


def _p555(ds, paths: int = 40_000, **over) -> float:
    return simulate_555(from_data(ds.programmes, ds.indicators, **over), paths=paths,
                        seed=1).p_within_5


def test_programme555_growth_just_below_zero_gives_the_same_answer_as_zero(ds):
    """`--growth -0.001` gave 0 % where growth 0 gave 74 % (``max(g, 1e-12)``)."""
    at_zero = _p555(ds, growth_pct_per_year=0.0)
    assert 0.5 < at_zero < 0.95
    assert _p555(ds, growth_pct_per_year=-0.001) == pytest.approx(at_zero, abs=0.005)
    assert _p555(ds, growth_pct_per_year=0.001) == pytest.approx(at_zero, abs=0.005)


@pytest.mark.parametrize("over, field", [
    ({"cost_per_talent_cny_10k": 0.0}, "cost_per_talent_cny_10k"),
    ({"growth_pct_per_year": -150.0}, "growth_pct_per_year"),
    ({"total_cny_100m": -2.5}, "total_cny_100m"),
    ({"total_cny_100m": 1e300}, "total_cny_100m"),
    ({"horizon_years_low": -5}, "horizon_years_low"),
    ({"person_share": float("nan")}, "person_share"),
])
def test_programme555_cost_zero_negative_or_absurd_inputs_are_refused(ds, over, field):
    with pytest.raises(ValueError, match=field):
        from_data(ds.programmes, ds.indicators, **over)


@pytest.mark.parametrize("paths", [0, MAX_PATHS_555 + 1, 10**9])
def test_programme555_paths_1e9_is_refused_before_allocating(ds, paths):
    with pytest.raises(ValueError, match="paths must be"):
        simulate_555(from_data(ds.programmes, ds.indicators), paths=paths)


@pytest.mark.parametrize("paths", [0, -1, MAX_PATHS + 1, 1_000_000_000_000])
def test_simulate_paths_1e12_is_refused_before_running(paths):
    with pytest.raises(ScenarioError, match="paths must be between 1 and 5,000,000"):
        simulate(load_preset("plan"), paths=paths)


@pytest.mark.parametrize("field, value", [("paths", MAX_PATHS + 1), ("horizon", 2061), ("horizon", 10**9)])
def test_schema_bounds_paths_and_horizon(field, value):
    with pytest.raises(ScenarioError, match=field):
        scenario_from_dict({"name": "x", field: value})


def test_solve_at_the_schemas_largest_path_count_fits_in_memory():
    """`solve --paths 5000000` (a count the schema allows) needed more than 4 GB."""
    code = ("import resource; from typer.testing import CliRunner; from talentsim.cli import app;"
            "r = CliRunner().invoke(app, ['solve', 'plan', '--indicator', 'tianhe.high_level_talent', "
            f"'--paths', '{MAX_PATHS}']); print(r.exit_code); print(r.output);"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    lines = out.stdout.strip().splitlines()
    assert lines[0] == "0", out.stdout + out.stderr
    assert "200,000 of the 5,000,000 paths" in out.stdout
    assert int(lines[-1]) < 1_000_000  # KB: under 1 GB


def test_indicator_whose_target_year_is_before_its_base_or_after_the_horizon_is_listed_with_the_reason():
    """Such indicators vanished from the results and from P(all) without a note."""
    from types import SimpleNamespace

    import pandas as pd

    from scenarios.baseline import setup_from_dataset
    from tests.scenarios.synthetic import make_setup

    syn = make_setup()
    ind = syn.indicators.copy()
    ind.loc[ind["id"] == "syn.industry", "target_year"] = 2018.0    # before its 2020 base year
    ind.loc[ind["id"] == "syn.share", "target_year"] = 2035.0       # after the 2025 horizon
    ds = SimpleNamespace(indicators=ind, programmes=pd.DataFrame(), source="synthetic")
    setup = setup_from_dataset(ds, "syn", 2025, {law.indicator_id: law for law in syn.laws})
    assert "syn.industry" not in setup.ids and "syn.share" not in setup.ids
    assert "before its base year 2020" in setup.skipped["syn.industry"]
    assert "after the horizon 2025" in setup.skipped["syn.share"]
    sim = simulate(load_preset("plan").model_copy(update={"region": "syn"}), paths=200, setup=setup)
    assert set(sim.skipped) == {"syn.industry", "syn.share"}
    assert np.isfinite(sim.p_all[0])


def test_fast_growing_indicator_56_to_560_in_two_years_does_not_break_sensitivity():
    """The tornado's growth probe used the user-facing Override range and raised a raw pydantic error."""
    import dataclasses

    from scenarios.sensitivity import tornado
    from tests.scenarios.synthetic import make_setup

    syn = make_setup()
    fast = dataclasses.replace(syn.laws[1], drift_loc=float(np.log(np.sqrt(10.0))))  # x10 in two years
    setup = dataclasses.replace(syn, laws=(syn.laws[0], fast, *syn.laws[2:]))
    sc = load_preset("plan").model_copy(update={"region": "syn"})
    out = tornado(sc, "syn.high_level", paths=2000, setup=setup)
    row = out.set_index("lever").loc["baseline_growth"]
    assert row["high"] > 100 and 0 <= row["p_low"] <= row["p_high"] <= 1


@pytest.mark.parametrize("value, unit, kind, why", [("0", "万人", "people", "log"), ("100", "%", "share", "logit")])
def test_a_region_that_cannot_run_says_why_for_its_indicator(tmp_path, value, unit, kind, why):
    """A single-indicator region with a 0 or 100 % value used to hide the reason behind "no indicator
    has a base value" (issue 21)."""
    from forecast.data import load_dataset
    from scenarios.baseline import setup_from_dataset

    (tmp_path / "indicators.csv").write_text(
        "id,region,name_zh,unit,type,measure,higher_is_better,target_year,target_value,target_op,target_status,"
        f"source,quote\nr.x,r,指标,{unit},{kind},level,true,2025,50,>=,stated,plan.txt,指标达到50\n", encoding="utf-8")
    (tmp_path / "observations.csv").write_text(
        f"id,year,value,status,source,quote\nr.x,2020,{value},observed,plan.txt,指标为{value}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"r\.x: .*{why}"):
        setup_from_dataset(load_dataset(tmp_path), "r", 2025)
