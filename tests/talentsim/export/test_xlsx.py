"""Excel export: sheets, the simulation's numbers, formats, and formula-injection safety."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from openpyxl import load_workbook

from talentsim.export import xlsx_bytes
from talentsim.export.xlsx import FORMULA_PREFIXES, safe_text, sheet_name
from talentsim.export.tables import header as H
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
        keys = ("argument", "summary", "region", "scenarios", "quantiles", "assumptions", "sources")
        assert wb.sheetnames == [sheet_name(k, lang) for k in keys]
        for ws in wb.worksheets:   # one table per sheet, printable: landscape, one page wide, header repeated
            assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
            assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
            rows = list(ws.iter_rows(values_only=True))
            assert all(any(v is not None for v in r) for r in rows), f"{ws.title}: blank row inside the sheet"


def test_summary_numbers_equal_the_simulation(cmp, wb):
    ws = wb["Summary"]
    head, rows = _rows(ws)
    t = cmp.table().dropna(subset=[f"p_hit[{cmp.names[0]}]"])
    col = {h: j for j, h in enumerate(head)}
    by_id = {r[0]: r for r in rows}
    assert list(by_id) == list(t["id"])
    ref = cmp.names[0]
    for _, r in t.iterrows():
        got = by_id[r["id"]]
        for n in cmp.names:
            assert got[col[f"P(hit): {n}"]] == pytest.approx(r[f"p_hit[{n}]"], abs=1e-6)
        for n in cmp.names[1:]:   # differences in percentage points
            assert got[col[f"Δ {n} − {ref} (pp)"]] == pytest.approx(r[f"diff[{n}]"] * 100, abs=1e-4)
            assert got[col[f"Δ SE: {n} (pp)"]] == pytest.approx(r[f"diff_se[{n}]"] * 100, abs=1e-4)
    assert by_id["syn.high_level"][col[f"Δ {cmp.names[1]} − {ref} (pp)"]] > 0
    assert by_id["syn.talent_total"][col["Target"]] == "≥ 1.05 million people"  # 105 万人, as the page writes it
    assert {"Growth the target needs (%/yr; percentage points/yr for shares)", "History points", "Rests on"} <= set(head)
    assert ws.cell(row=2, column=col[f"P(hit): {ref}"] + 1).number_format == "0.0%"
    assert ws.freeze_panes == "B2"


def test_region_sheet(cmp, wb):
    head, rows = _rows(wb["Plan as a whole"])
    assert [r[head.index("P(all met)")] for r in rows] == pytest.approx([s.p_all[0] for s in cmp.sims], abs=1e-6)


def test_quantiles_sheet(cmp, wb):
    head, rows = _rows(wb["Quantiles"])
    assert head[:5] == ("Scenario", "Indicator id", "Indicator", "Unit", "Year")
    assert "50 % quantile" in head and "5 % quantile" in head and not any(str(h).startswith("P0") for h in head)
    q = cmp.sims[1].quantiles().set_index(["id", "year"])
    got = [r for r in rows if r[0] == cmp.names[1] and r[1] == "syn.high_level" and r[4] == 2025]
    assert len(got) == 1
    assert got[0][head.index("50 % quantile")] == pytest.approx(q.loc[("syn.high_level", 2025), "q50"], rel=1e-5)
    assert len(rows) == sum(len(s.quantiles().dropna(subset=["q50"])) for s in cmp.sims)


def test_assumptions_sheet(cmp, wb):
    head, rows = _rows(wb["Assumptions"])
    assert {"Key", "Unit", "Source", "Effect here"} <= set(head)
    lever_rows = {r[0]: r for r in rows if r and r[0] in LEVERS}
    assert set(lever_rows) == set(LEVERS)
    f = lever_rows["funding_cny_100m_per_year"]
    assert f[head.index(cmp.names[1])] == 3.0
    assert f[head.index(cmp.names[0])] == pytest.approx(LEVERS["funding_cny_100m_per_year"].default)
    assert f[head.index("Unit")] == "100M CNY/yr"
    assert "13th-FYP" in f[head.index("Source")]


def test_sources_sheet_has_the_funding_source(wb):
    head, rows = _rows(wb["Sources"])
    assert head == ("Indicator id", "Kind", "Document", "Source file", "Quote")
    assert any(r[0] == "funding_cny_100m_per_year" and r[4] == "synthetic" for r in rows)


def test_chinese_workbook_names_documents_by_title_and_speaks_chinese():
    """Shipped Tianhe: sources are document titles from data/sources.csv, not hashed file names;
    units, lever notes and reasons for what is not simulated are in Chinese."""
    from scenarios import load_preset
    from scenarios.baseline import region_setup
    from scenarios.compare import compare
    from talentsim.export import tables

    region_setup("tianhe", 2025, None)          # must build: a broken setup fails here, never skips
    cmp = compare([load_preset("baseline"), load_preset("plan")], paths=200)
    wb = load_workbook(io.BytesIO(xlsx_bytes(cmp, lang="zh")))
    head, rows = _rows(wb["数据来源"])
    doc, kind, quote = head.index("文件标题"), head.index(H("kind", "zh")), head.index(H("quote", "zh"))
    titles = {r[doc] for r in rows if r[doc]}
    assert tables.document_title("000_d2ee3df187537bd1.txt", None, "zh") in titles
    assert not any(re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", x) for x in titles)
    skipped = [r[quote] for r in rows if r[kind] == "未模拟"]
    assert skipped and not any(re.search(r"[A-Za-z]{3,}", x) for x in skipped)
    head, rows = _rows(wb["假设"])
    units = {r[head.index(H("unit", "zh"))] for r in rows}
    assert not units & {"share", "log", "logit"}
    assert not any("fallback" in str(c) for r in rows for c in r)


def test_no_cell_is_a_formula_and_no_apostrophe_shows(wb):
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value!r}"
                if isinstance(c.value, str):
                    texts.append(c.value)
                    assert not c.value.startswith("'"), f"{ws.title}!{c.coordinate}: visible apostrophe {c.value!r}"
                    assert c.quotePrefix == c.value.startswith(FORMULA_PREFIXES), f"{ws.title}!{c.coordinate}"
    assert EVIL_NAME in texts and EVIL_DESC in texts and HTML_NAME in texts


def test_formula_text_stays_text_in_the_file(cmp):
    """The saved XML holds the name as a string, never as a <f> formula element."""
    import zipfile

    z = zipfile.ZipFile(io.BytesIO(xlsx_bytes(cmp, lang="en")))
    sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any(b"<f>" in z.read(n) for n in sheets)
