"""``talentsim export`` writes all four outputs; one end-to-end run on the shipped presets."""

from __future__ import annotations

import importlib
import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from typer.testing import CliRunner

from talentsim.cli import app
from tests.scenarios.synthetic import make_setup

runner = CliRunner()
# the module, not the ``scenarios.compare`` function that the package re-exports under that name
compare_module = importlib.import_module("scenarios.compare")


@pytest.fixture
def synthetic(monkeypatch, tmp_path):
    """Run the CLI on the synthetic region: the command's ``compare`` gets ``setup=make_setup()``."""
    real = compare_module.compare

    def fake(scs, **kw):
        return real([s.model_copy(update={"region": "syn"}) for s in scs], setup=make_setup(), **kw)

    monkeypatch.setattr(compare_module, "compare", fake)
    return tmp_path


def test_export_writes_all_four(synthetic):
    from scenarios import load_preset

    out = synthetic
    args = ["export", "plan", "high-funding", "--xlsx", str(out / "a.xlsx"), "--pptx", str(out / "a.pptx"),
            "--html", str(out / "r" / "a.html"), "--png-dir", str(out / "charts"), "--paths", "300", "--lang", "en"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    wb = load_workbook(out / "a.xlsx")
    assert wb.sheetnames == ["Argument", "Summary", "Plan as a whole", "Scenarios", "Quantiles", "Assumptions", "Sources"]
    assert len(Presentation(out / "a.pptx").slides) >= 5
    assert load_preset("plan").name_en in (out / "r" / "a.html").read_text(encoding="utf-8")
    assert (out / "charts" / "comparison.png").exists() and (out / "charts" / "comparison.svg").exists()
    assert str(out / "a.xlsx") in res.output


def test_export_needs_an_output(synthetic):
    res = runner.invoke(app, ["export", "plan"])
    assert res.exit_code == 2 and "nothing to export" in res.output


def test_export_rejects_unknown_language(synthetic):
    res = runner.invoke(app, ["export", "plan", "--xlsx", str(synthetic / "a.xlsx"), "--lang", "fr"])
    assert res.exit_code == 2


def test_export_reports_an_unknown_preset(synthetic):
    res = runner.invoke(app, ["export", "no-such-preset", "--xlsx", str(synthetic / "a.xlsx")])
    assert res.exit_code == 2 and "unknown preset" in res.output


def test_end_to_end_on_the_shipped_presets(tmp_path):
    from scenarios import load_preset
    from scenarios.baseline import region_setup

    sc = load_preset("plan")
    region_setup(sc.region, sc.horizon, sc.data_dir)   # must build: a broken setup fails here, never skips
    args = ["export", "plan", "high-funding", "--xlsx", str(tmp_path / "a.xlsx"), "--pptx", str(tmp_path / "a.pptx"),
            "--paths", "500"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    cmp = compare_module.compare([load_preset("plan"), load_preset("high-funding")], paths=500)
    ws = load_workbook(io.BytesIO((tmp_path / "a.xlsx").read_bytes()))["概要"]
    rows = list(ws.iter_rows(values_only=True))
    col = rows[0].index(f"达标概率: {load_preset('high-funding').name_zh}")
    t = cmp.table().set_index("id")
    got = {r[0]: r[col] for r in rows[1:]}
    assert got["tianhe.high_level_talent"] == pytest.approx(t.loc["tianhe.high_level_talent", "p_hit[high-funding]"],
                                                            abs=1e-6)
    sources = list(load_workbook(tmp_path / "a.xlsx")["数据来源"].iter_rows(values_only=True))
    assert any(r[0] == "tianhe.talent_total" and r[2] and r[3] for r in sources[1:])
    assert len(Presentation(tmp_path / "a.pptx").slides) >= 8
