"""Excel export: sheets, the simulation's numbers, formats, and formula-injection safety."""

from __future__ import annotations

import io

import numpy as np
import pytest
from openpyxl import load_workbook

from talentsim.export import xlsx_bytes
from talentsim.export.xlsx import FORMULA_PREFIXES, safe_text, sheet_name
from scenarios.levers import LEVERS
from tests.talentsim.export.conftest import EVIL_DESC, EVIL_NAME, HTML_NAME


@pytest.fixture(scope="module")
def wb(cmp):
    return load_workbook(io.BytesIO(xlsx_bytes(cmp, lang="en")))


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1", "-2+3", "\tx", "\n=1"])
def test_safe_text_neutralises_formula_prefixes(text):
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("text, shown", [("\rx", "x"), ("a\x07b", "ab"), ("\x1b=1", "'=1"), ("x\uffff", "x")])
def test_safe_text_drops_characters_a_workbook_cannot_hold(text, shown):
    assert safe_text(text) == shown


@pytest.mark.parametrize("text", ["plan", "基准", "", "1=1", " =x"])
def test_safe_text_leaves_plain_text(text):
    assert safe_text(text) == text


def _rows(ws):
    rows = list(ws.iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_sheets(cmp):
    for lang in ("zh", "en"):
        wb = load_workbook(io.BytesIO(xlsx_bytes(cmp, lang=lang)))
        assert wb.sheetnames == [sheet_name(k, lang) for k in ("summary", "quantiles", "assumptions", "sources")]


def test_summary_numbers_equal_the_simulation(cmp, wb):
    ws = wb["Summary"]
    head, rows = _rows(ws)
    t = cmp.table()
    col = {h: j for j, h in enumerate(head)}
    by_id = {r[0]: r for r in rows[: len(t)]}
    assert list(by_id) == list(t["id"])
    ref = cmp.names[0]
    for _, r in t.iterrows():
        got = by_id[r["id"]]
        assert got[col["Unit"]] == r["unit"]
        for n in cmp.names:
            want = r[f"p_hit[{n}]"]
            cell = got[col[f"P(hit) {n}"]]
            assert (cell is None) if np.isnan(want) else cell == pytest.approx(want)
        for n in cmp.names[1:]:
            d, se = r[f"diff[{n}]"], r[f"diff_se[{n}]"]
            if np.isfinite(d):
                assert got[col[f"Δ {n} − {ref}"]] == pytest.approx(d)
                assert got[col[f"Δ SE {n}"]] == pytest.approx(se)
    # the funding lever moves the high-level talent indicator in the synthetic region
    assert by_id["syn.high_level"][col[f"Δ {cmp.names[1]} − {ref}"]] > 0
    assert by_id["syn.talent_total"][col["Target"]] == "≥105 (2025)"
    # probability cells are formatted as percentages, the header is frozen
    assert ws.cell(row=2, column=col[f"P(hit) {ref}"] + 1).number_format == "0.0%"
    assert ws.freeze_panes == "B2"
    assert ws.column_dimensions["B"].width >= 20


def test_region_block(cmp, wb):
    values = [c for row in wb["Summary"].iter_rows(values_only=True) for c in row]
    for s in cmp.sims:
        assert s.p_all[0] in values or any(isinstance(v, float) and v == pytest.approx(s.p_all[0]) for v in values)


def test_quantiles_sheet(cmp, wb):
    head, rows = _rows(wb["Quantiles"])
    assert head[:5] == ("Scenario", "Indicator id", "Indicator", "Unit", "Year")
    q = cmp.sims[1].quantiles().set_index(["id", "year"])
    name = safe_text(cmp.names[1])
    got = [r for r in rows if r[0] == name and r[1] == "syn.high_level" and r[4] == 2025]
    assert len(got) == 1
    assert got[0][head.index("P50")] == pytest.approx(q.loc[("syn.high_level", 2025), "q50"])
    assert len(rows) == sum(len(s.quantiles()) for s in cmp.sims)


def test_assumptions_sheet(cmp, wb):
    head, rows = _rows(wb["Assumptions"])
    assert {"Key", "Unit", "Source", "Name (Chinese)", "Name (English)"} <= set(head)
    lever_rows = {r[0]: r for r in rows if r and r[0] in LEVERS}
    assert set(lever_rows) == set(LEVERS)
    f = lever_rows["funding_cny_100m_per_year"]
    assert f[head.index(safe_text(cmp.names[1]))] == 3.0
    assert f[head.index(cmp.names[0])] == pytest.approx(LEVERS["funding_cny_100m_per_year"].default)
    assert f[head.index("Unit")] == "亿元/年"
    assert "13th-FYP" in f[head.index("Source")]


def test_sources_sheet_has_the_funding_source(wb):
    head, rows = _rows(wb["Sources"])
    assert head == ("Indicator id", "Kind", "Source file", "Quote")
    assert any(r[0] == "funding_cny_100m_per_year" and r[3] == "synthetic" for r in rows)


def test_no_cell_is_a_formula(wb):
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value!r}"
                if isinstance(c.value, str):
                    texts.append(c.value)
                    assert not c.value.startswith(FORMULA_PREFIXES), f"{ws.title}!{c.coordinate}: {c.value!r}"
    assert "'" + EVIL_NAME in texts and "'" + EVIL_DESC in texts and "'" + HTML_NAME in texts
