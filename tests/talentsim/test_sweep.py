"""Sweeps: serial == 2 Dask processes, a cell == simulate alone, resume, clear errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scenarios.simulate import simulate
from talentsim.sweep_run import SERIAL, Cluster, SweepError, sweep, write_table
from talentsim.sweep_grid import GridError, parse_grid

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"

GRID = f"""
name: test
paths: 3000
seed: 11
regions:
  data: {DATA}
  include: [tianhe]
scenarios: [baseline, plan]
levers:
  funding_cny_100m_per_year: [1.2, 3.0]
  inflow_10k_per_year: [0, 1.5]
"""


@pytest.fixture(scope="module")
def grid_file(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("grid") / "grid.yaml"
    p.write_text(GRID, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def serial(grid_file):
    return sweep(grid_file, cluster=SERIAL)


def test_table_is_tidy_and_complete(serial):
    t = serial.table
    assert serial.computed == 8 and serial.reused == 0
    cells = t.groupby(["scenario", "funding_cny_100m_per_year", "inflow_10k_per_year"]).ngroups
    assert cells == 8 and len(t) == 8 * t["indicator"].nunique()
    for col in ["region", "indicator", "p_hit", "p_hit_se", "p05", "p50", "p95", "expected_met", "p_all", "seed",
                "paths"]:
        assert col in t.columns
    # the levers do something: more inflow never lowers the talent total's probability
    tot = t[t["indicator"] == "tianhe.talent_total"].set_index(["scenario", "funding_cny_100m_per_year",
                                                                "inflow_10k_per_year"])["p_hit"]
    assert (tot.xs(1.5, level=2) >= tot.xs(0.0, level=2)).all() and (tot.xs(1.5, level=2) > tot.xs(0.0, level=2)).any()


def test_a_cell_equals_simulate_of_that_cell_alone(serial):
    from scenarios.spec import load_preset

    sc = load_preset("plan").with_levers(funding_cny_100m_per_year=3.0, inflow_10k_per_year=1.5)
    sim = simulate(sc, paths=3000, seed=11)
    t = serial.table
    rows = t[(t["scenario"] == "plan") & (t["funding_cny_100m_per_year"] == 3.0) & (t["inflow_10k_per_year"] == 1.5)]
    assert list(rows["indicator"]) == list(sim.ids)
    np.testing.assert_array_equal(rows["p_hit"].to_numpy(), sim.p_hit)
    np.testing.assert_array_equal(rows["p_hit_se"].to_numpy(), sim.p_hit_se)
    np.testing.assert_array_equal(rows["p50"].to_numpy(), sim.summary()["p50"].to_numpy())
    assert rows["p_all"].iloc[0] == sim.p_all[0] and rows["expected_met"].iloc[0] == sim.expected_met


def test_two_local_dask_workers_give_the_serial_table_exactly(grid_file, serial, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0", memory_limit="1GiB") as cluster, \
            distributed.Client(cluster) as client:
        res = sweep(grid_file, cluster=Cluster(client=client), out=tmp_path / "r.parquet")
    assert res.workers == 2 and res.computed == 8
    pd.testing.assert_frame_equal(res.table, serial.table, check_exact=True)
    # and what went to disk reads back as the same table
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "r.parquet"), serial.table, check_exact=True)


def test_rerun_with_half_the_output_computes_only_the_missing_half(grid_file, serial, tmp_path):
    out = tmp_path / "half.parquet"
    t = serial.table
    keep = t["funding_cny_100m_per_year"] == 1.2          # 4 of the 8 cells
    write_table(t[keep].reset_index(drop=True), out)
    res = sweep(grid_file, out=out, cluster=SERIAL)
    assert (res.computed, res.reused) == (4, 4)
    pd.testing.assert_frame_equal(res.table, t, check_exact=True)
    again = sweep(grid_file, out=out, cluster=SERIAL)
    assert (again.computed, again.reused) == (0, 8)


def test_an_edited_scenario_is_recomputed_not_reused(tmp_path, serial):
    sc = tmp_path / "mine.yaml"
    sc.write_text("name: mine\nseed: 11\nlevers:\n  attrition_pct_per_year: 0.5\n", encoding="utf-8")
    grid = tmp_path / "g.yaml"
    grid.write_text(GRID.replace("[baseline, plan]", "[mine.yaml]"), encoding="utf-8")
    first = sweep(grid, out=tmp_path / "o.parquet", cluster=SERIAL)
    sc.write_text("name: mine\nseed: 11\nlevers:\n  attrition_pct_per_year: 2.0\n", encoding="utf-8")
    second = sweep(grid, out=tmp_path / "o.parquet", cluster=SERIAL)
    assert first.computed == 4 and second.computed == 4 and second.reused == 0
    assert len(second.table) == len(first.table)           # the stale cells are replaced, not duplicated


@pytest.mark.parametrize("text, field", [
    ("regions: {data: x}\nscenarios: [plan]\nlevers: {funding: [1]}\n", "unknown lever 'funding'"),
    ("regions: {data: x}\nscenarios: [plan]\nlevers: {funding_cny_100m_per_year: [1, 99]}\n",
     "funding_cny_100m_per_year[1] = 99 is outside [0, 10]"),
    ("regions: {data: x}\nscenarios: [plan]\ncolour: red\n", "unknown key 'colour'"),
    ("regions: {data: x, folders: y}\nscenarios: [plan]\n", "exactly one of 'data'"),
    ("regions: {data: x}\nscenarios: []\n", "scenarios"),
    ("regions: {data: x}\nscenarios: [plan]\nlevers: {shock_year: [2022.5]}\n", "whole number"),
    ("regions: {data: x}\nscenarios: [plan]\npaths: 5000000\nlevers:\n"
     f"  inflow_10k_per_year: {list(range(10))}\n  attrition_pct_per_year: {list(range(-5, 11))}\n"
     f"  cost_log_sd: {[round(0.05 * i, 2) for i in range(31)]}\n", "path-cells per sweep"),
    ("regions: {data: x}\nscenarios: [plan]\nlevers:\n"
     f"  funding_cny_100m_per_year: {[i / 10 for i in range(101)]}\n"
     f"  inflow_10k_per_year: {[i / 10 for i in range(-50, 101)]}\n  attrition_pct_per_year: {list(range(-5, 11))}\n",
     "at most 200,000 per sweep"),
    ("regions: !!python/object:os.system {}\n", "not valid safe YAML"),
])
def test_bad_grid_files_name_the_field(text, field):
    with pytest.raises(GridError, match="grid.yaml") as exc:
        parse_grid(text, source="grid.yaml")
    assert field in str(exc.value)


def test_unknown_region_and_scenario_are_named(tmp_path):
    grid = tmp_path / "g.yaml"
    grid.write_text(GRID.replace("[tianhe]", "[tianhe, atlantis]"), encoding="utf-8")
    with pytest.raises(GridError, match="regions.include: not in the data: atlantis"):
        sweep(grid, cluster=SERIAL)
    grid.write_text(GRID.replace("[baseline, plan]", "[baseline, nosuch]"), encoding="utf-8")
    with pytest.raises(GridError, match=r"scenarios\[1\]: unknown preset 'nosuch'"):
        sweep(grid, cluster=SERIAL)


def test_unreachable_scheduler_is_a_clear_error(grid_file):
    pytest.importorskip("distributed")
    with pytest.raises(SweepError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1 within 2 s"):
        sweep(grid_file, cluster=Cluster(scheduler="tcp://127.0.0.1:1", timeout=2))


def test_cli_sweep_writes_parquet_and_exits_2_on_a_dead_scheduler(grid_file, tmp_path):
    cli = [sys.executable, "-m", "talentsim.cli", "sweep", str(grid_file)]
    ok = subprocess.run(cli + ["--out", str(tmp_path / "c.parquet"), "--workers", "1", "--paths", "1000"],
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert "8 cells computed" in ok.stdout
    t = pd.read_parquet(tmp_path / "c.parquet")
    assert set(t["paths"]) == {1000} and set(t["seed"]) == {11}
    bad = subprocess.run(cli + ["--out", str(tmp_path / "d.parquet"), "--scheduler", "tcp://127.0.0.1:1",
                                "--timeout", "2"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "tcp://127.0.0.1:1" in bad.stderr
    assert not (tmp_path / "d.parquet").exists()


def test_output_that_is_not_a_sweep_table_is_never_overwritten(grid_file, tmp_path):
    out = tmp_path / "other.parquet"
    pd.DataFrame({"x": [1, 2]}).to_parquet(out)
    with pytest.raises(SweepError, match="not a sweep table"):
        sweep(grid_file, out=out, cluster=SERIAL)
    assert list(pd.read_parquet(out).columns) == ["x"]



def test_shipped_province_example_loads_and_its_grid_is_valid():
    from forecast.data import load_dataset
    from talentsim.sweep_grid import grid_scenarios, load_grid, region_datasets

    example = ROOT / "data" / "examples" / "provinces"
    ds = load_dataset(example)
    assert ds.indicators["region"].nunique() == 31
    assert ds.indicators["note"].str.contains("FICTIONAL TARGET").all()
    grid, base = load_grid("provinces")                    # a shipped grid, by name
    assert region_datasets(grid, base) == [example.resolve()]
    assert {sc.horizon for _, sc in grid_scenarios(grid, base)} == {2028}
    assert 31 * len(grid.scenarios) * grid.n_points >= 1000


def test_province_example_sweeps_on_two_regions(tmp_path):
    grid = tmp_path / "p.yaml"
    grid.write_text(f"horizon: 2028\npaths: 2000\nregions:\n  data: {ROOT / 'data/examples/provinces'}\n"
                    "  include: [xizang, guangdong]\nscenarios: [baseline]\n"
                    "levers:\n  inflow_10k_per_year: [0, 2]\n", encoding="utf-8")
    t = sweep(grid, cluster=SERIAL).table.set_index(["region", "inflow_10k_per_year", "indicator"])["p_hit"]
    # inflow reaches R&D staff (a 万人 stock) and not patents; 2 万 a year is large for Xizang (0.18 万 in 2023)
    assert t[("xizang", 2.0, "xizang.rd_fte")] > t[("xizang", 0.0, "xizang.rd_fte")]
    assert t[("xizang", 2.0, "xizang.invention_patents_valid")] == t[("xizang", 0.0, "xizang.invention_patents_valid")]


def _die(*args, **kwargs):
    import os

    os._exit(1)                    # a worker process that dies mid-task (as on an out-of-memory kill)


def test_a_dead_worker_is_a_clear_error(grid_file, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    import dask

    import talentsim.sweep_dask as sweep_dask

    monkeypatch.setattr(sweep_dask, "run_batch", _die)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                     dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        with pytest.raises(SweepError, match=r"a Dask worker died while simulating region 'tianhe' \(scheduler tcp://"):
            sweep(grid_file, cluster=Cluster(client=client), out=tmp_path / "x.parquet")


def test_a_sweep_after_the_data_changed_recomputes_instead_of_reusing(tmp_path):
    """The cell key covers the data's content: a changed target is recomputed (it once reused 0.745
    where 0.324 was right; issue 21)."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.md", "*.py", "build", "examples"))
    grid = tmp_path / "g.yaml"
    grid.write_text(GRID.replace(str(DATA), str(data)).replace("[baseline, plan]", "[plan]"), encoding="utf-8")
    first = sweep(grid, out=tmp_path / "o.parquet", cluster=SERIAL)
    ind = data / "indicators.csv"
    text = ind.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("tianhe.talent_total,"))
    ind.write_text(text.replace(row, row.replace(",2025,105,>=,", ",2025,135,>=,")), encoding="utf-8")
    second = sweep(grid, out=tmp_path / "o.parquet", cluster=SERIAL)
    assert (second.computed, second.reused) == (4, 0) and len(second.table) == len(first.table)
    p = lambda t: t[t["indicator"] == "tianhe.talent_total"]["p_hit"].to_numpy()  # noqa: E731
    assert (p(second.table) < p(first.table)).all()


def test_another_sweep_into_the_same_file_is_refused_unless_told(grid_file, serial, tmp_path):
    out = tmp_path / "o.parquet"
    write_table(serial.table, out)
    with pytest.raises(SweepError, match="another sweep.*--other-rows keep"):
        sweep(grid_file, out=out, cluster=SERIAL, seed=12)
    pd.testing.assert_frame_equal(pd.read_parquet(out), serial.table)      # nothing lost
    both = sweep(grid_file, out=out, cluster=SERIAL, seed=12, other_rows="keep")
    assert both.computed == 8 and set(pd.read_parquet(out)["seed"]) == {11, 12}
    only = sweep(grid_file, out=out, cluster=SERIAL, seed=13, other_rows="drop")
    assert set(pd.read_parquet(out)["seed"]) == {13} and only.computed == 8


def test_an_output_under_a_regular_file_fails_before_computing(grid_file, tmp_path, monkeypatch):
    import talentsim.sweep_run as sr

    (tmp_path / "afile").write_text("x")
    monkeypatch.setattr(sr, "run_batch", lambda *a, **k: pytest.fail("computed before checking the output"))
    with pytest.raises(SweepError, match="cannot write here"):
        sweep(grid_file, out=tmp_path / "afile" / "o.parquet", cluster=SERIAL)


def test_a_second_sweep_writing_the_same_file_is_refused_while_the_first_runs(grid_file, tmp_path):
    out = tmp_path / "o.parquet"
    (tmp_path / ".o.parquet.lock").write_text(str(os.getppid()))         # a live process holds it
    with pytest.raises(SweepError, match="another sweep .* is writing"):
        sweep(grid_file, out=out, cluster=SERIAL)
    (tmp_path / ".o.parquet.lock").write_text("999999999")               # a dead one: taken over
    assert sweep(grid_file, out=out, cluster=SERIAL).computed == 8
    assert not (tmp_path / ".o.parquet.lock").exists()
