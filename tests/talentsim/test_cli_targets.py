"""``talentsim targets REGION``: table in both languages, JSON, probabilities, proposals, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from talentsim.cli import app
from talentsim.messages import t

runner = CliRunner()
REGION = Path(__file__).resolve().parents[1] / "scenarios" / "growth_region"
OUTCOMES = Path(__file__).resolve().parents[1] / "scenarios" / "outcome_fixture"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_in_the_language_asked(lang):
    r = runner.invoke(app, ["targets", "tianhe", "--paths", "2000", "--lang", lang])
    assert r.exit_code == 0, r.output
    for p in (50, 80, 90):
        assert t("tgt_col_t", lang, p=p) in r.output
    other = "en" if lang == "zh" else "zh"
    assert t("tgt_col_t", other, p=80) not in r.output
    assert t("region_tianhe", lang) in r.output.splitlines()[0]


def test_json_probabilities_and_a_proposal_on_a_growth_rate_region():
    args = ["targets", "grow", "--data-dir", str(REGION), "--outcomes-dir", str(OUTCOMES), "--paths", "4000",
            "--prob", "0.8", "--prob", "95", "--propose", "grow.gdp_growth_avg=6", "--json"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    rows = {x["id"]: x for x in json.loads(r.output)}
    g = rows["grow.gdp_growth_avg"]
    assert set(g) >= {"t80", "t95", "p_proposed", "ambition_pct", "hit_rate_at_least"} and "t50" not in g
    assert g["proposed"] == 6 and g["target_year"] == 2030 and g["average"] is True   # horizon from the data
    assert g["t95"] < g["t80"] and g["p_proposed"] < g["p_stated"]
    # need (6 - 5.2) / 5 = 0.16 pp a year: above 3 of the fixture's 5 growth targets
    assert g["need"] == pytest.approx(0.16) and g["ambition_pct"] == 60.0


@pytest.mark.parametrize("args, says", [
    (["--prob", "1.5e2"], "--prob"), (["--prob", "0"], "--prob"), (["--propose", "x"], "--propose"),
    (["--propose", "tianhe.nope=3"], "tianhe.nope"), (["--lang", "fr"], "--lang")])
def test_refusals_are_one_line_errors(args, says):
    r = runner.invoke(app, ["targets", "tianhe", "--paths", "1000", *args])
    assert r.exit_code == 2 and says in r.output and "Traceback" not in r.output


def test_unknown_region_names_the_available_ones():
    r = runner.invoke(app, ["targets", "atlantis", "--paths", "1000"])
    assert r.exit_code == 2 and "atlantis" in r.output
