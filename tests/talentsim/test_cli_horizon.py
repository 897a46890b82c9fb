"""The command line on any horizon: the scorecard, seed regions that cannot run say why and what works,
``fit --to-year`` before the base, ``simulate`` headers naming the target and data years."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from talentsim.cli import app

runner = CliRunner()
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "horizon"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    from forecast.data import TABLES, data_dir

    out = tmp_path_factory.mktemp("data")
    for f in FIXTURE.glob("*.csv"):
        shutil.copy(f, out / f.name)
    tables = {t.filename for t in TABLES.values()}
    for f in data_dir().glob("*.csv"):            # the reference class and outcome base beside the tables
        if f.name not in tables:
            shutil.copy(f, out / f.name)
    return out


def test_scorecard_says_met_and_not_published(folder):
    res = runner.invoke(app, ["scorecard", "--data-dir", str(folder), "--now", "2026", "--paths", "1000", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    status = {r["id"]: r["status"] for r in out["targets"]}
    assert status == {"oldtown.talent_total": "met", "oldtown.high_level_talent": "not_published"}
    assert out["summary"]["judged"] == 1 and all(r["as_of"] == 2020 for r in out["targets"])
    text = runner.invoke(app, ["scorecard", "--data-dir", str(folder), "--now", "2026", "--paths", "1000"]).output
    assert "met" in text and "not published" in text
    later = runner.invoke(app, ["scorecard", "--data-dir", str(folder), "--now", "2031", "--paths", "1000",
                                "--region", "newtown", "--json"])
    assert {r["status"] for r in json.loads(later.output)["targets"]} == {"not_published"}
    bad = runner.invoke(app, ["scorecard", "--data-dir", str(folder), "--region", "nosuch"])
    assert bad.exit_code == 2 and "not in the data" in bad.output


def _yaml(tmp_path: Path, region: str, data_dir: str | None = None) -> Path:
    p = tmp_path / f"{region}.yaml"
    p.write_text(f"name: {region}\nregion: {region}\npaths: 1000\n"
                 + (f"data_dir: {data_dir}\n" if data_dir else ""), encoding="utf-8")
    return p


def test_a_2030_region_simulates_to_2030_as_of_2025(folder, tmp_path):
    res = runner.invoke(app, ["simulate", str(_yaml(tmp_path, "newtown", str(folder))), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["target_years"] == [2030] and out["as_of"] == 2025
    two = json.loads(runner.invoke(app, ["simulate", str(_yaml(tmp_path, "twoyear", str(folder))), "--json"]).output)
    assert two["target_years"] == [2027, 2030]
    assert {r["id"]: r["target_year"] for r in two["indicators"]} == {"twoyear.talent_total": 2027,
                                                                      "twoyear.skilled_workers": 2030}
    text = runner.invoke(app, ["simulate", str(_yaml(tmp_path, "newtown", str(folder)))]).output
    assert "targets 2030 · data as of 2025" in text


@pytest.mark.parametrize("region, why, works", [
    ("liwan", "no indicator has a base value before 2022", "talentsim programme555"),
    ("haizhu", "no numeric target with a target year", "talentsim data check"),
    ("tianjin", "no numeric target with a target year", "data view")])
def test_a_seed_region_that_cannot_run_says_why_and_what_works(tmp_path, region, why, works):
    res = runner.invoke(app, ["simulate", str(_yaml(tmp_path, region))])
    assert res.exit_code == 2 and why in res.output and works in res.output, res.output
    assert "Traceback" not in res.output


def test_fit_before_the_base_year_says_so_and_defaults_to_the_target_year():
    early = runner.invoke(app, ["fit", "tianhe.high_level_talent", "--to-year", "2000"])
    assert early.exit_code == 0 and "no projection to 2000: it is not after the base year 2020" in early.output
    assert "2000 projection" not in early.output
    default = runner.invoke(app, ["fit", "tianhe.high_level_talent"])
    assert "2025 projection" in default.output     # the indicator's own target year, from the data


def test_a_sweep_without_a_horizon_runs_each_region_to_its_own_years(folder, tmp_path):
    import pandas as pd

    grid = tmp_path / "grid.yaml"
    grid.write_text(f"name: horizons\npaths: 400\nregions:\n  data: {folder}\nscenarios: [baseline]\n"
                    "levers:\n  inflow_10k_per_year: [0, 1]\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    res = runner.invoke(app, ["sweep", str(grid), "--out", str(out), "--workers", "1"])
    assert res.exit_code == 0, res.output
    table = pd.read_parquet(out)
    assert table.groupby("region")["horizon"].first().to_dict() == {"newtown": 2030, "oldtown": 2025,
                                                                    "twoyear": 2030}
    again = runner.invoke(app, ["sweep", str(grid), "--out", str(out), "--workers", "1"])
    assert again.exit_code == 0 and "0 cells computed" in again.output     # resumed: every cell reused
