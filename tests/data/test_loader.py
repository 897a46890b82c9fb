"""Loaders: bad input is reported with file, line and column; other encodings and workbooks load."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from forecast import data as fd
from forecast.data import DataError, Problem, check_report, load_dataset, read_table
from talentsim.cli import app

from .conftest import DATA


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    path.write_bytes(buf.getvalue().encode(encoding))


def _set(path: Path, row_id: str, column: str, value: str) -> int:
    """Set one cell of the first row whose id is *row_id*; return its line number."""
    header, rows = _read(path)
    for i, r in enumerate(rows):
        if r[0] == row_id:
            r[header.index(column)] = value
            _write(path, header, rows)
            return i + 2
    raise KeyError(row_id)


def _load_fails(path) -> DataError:
    result = None
    with pytest.raises(DataError) as info:
        result = load_dataset(path)
    assert result is None  # nothing half-loaded comes back
    assert info.value.problems and all(isinstance(p, Problem) for p in info.value.problems)
    return info.value


def _has(err: DataError, file: str, line: int | None, column: str | None, *words: str) -> Problem:
    for p in err.problems:
        if p.file == file and p.line == line and p.column == column and all(w in p.message for w in words):
            assert f"{file}:{line}: {column}: " in str(err) if line is not None else file in str(err)
            return p
    raise AssertionError(f"no problem {file}:{line}:{column} {words} in\n{err}")


# ------------------------------------------------------------------ one bad input each
def test_missing_column(data_copy):
    header, rows = _read(data_copy / "indicators.csv")
    k = header.index("unit")
    _write(data_copy / "indicators.csv", [h for i, h in enumerate(header) if i != k],
           [[c for i, c in enumerate(r) if i != k] for r in rows])
    err = _load_fails(data_copy)
    _has(err, "indicators.csv", 1, "unit", "missing required column 'unit'")


@pytest.mark.parametrize("bad", ["九十六", "96万", "96-105", "n/a"])
def test_non_numeric_value(data_copy, bad):
    line = _set(data_copy / "observations.csv", "tianhe.talent_total", "value", bad)
    err = _load_fails(data_copy)
    p = _has(err, "observations.csv", line, "value", f"'{bad}' is not a number")
    assert "Traceback" not in p.message


def test_unknown_unit(data_copy):
    line = _set(data_copy / "indicators.csv", "tianhe.high_level_talent", "unit", "万个")
    err = _load_fails(data_copy)
    _has(err, "indicators.csv", line, "unit", "unknown unit '万个'")


def test_comparator_arrow_is_rejected_by_name(data_copy):
    line = _set(data_copy / "indicators.csv", "tianhe.talent_total", "target_op", "=>")
    err = _load_fails(data_copy)
    _has(err, "indicators.csv", line, "target_op", "'=>'", ">=")


def test_unflagged_duplicate_id_year(data_copy):
    path = data_copy / "observations.csv"
    header, rows = _read(path)
    first = next(r for r in rows if r[0] == "tianhe.talent_total")
    dup = list(first)
    dup[header.index("value")], dup[header.index("note")], dup[header.index("preferred")] = "95", "", "false"
    rows.append(dup)
    _write(path, header, rows)
    err = _load_fails(data_copy)
    _has(err, "observations.csv", len(rows) + 1, "id", "duplicate (tianhe.talent_total, 2020)", "note")


def test_two_preferred_rows_are_rejected(data_copy):
    path = data_copy / "observations.csv"
    header, rows = _read(path)
    for r in rows:
        if r[0] == "tianhe.finance_employment":
            r[header.index("preferred")] = "true"
    _write(path, header, rows)
    err = _load_fails(data_copy)
    assert any(p.column == "preferred" and "exactly one" in p.message for p in err.problems)


@pytest.mark.parametrize("payload, what", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
    (bytes(range(1, 256)) * 16, "decode"),  # random-ish binary without NUL bytes
    (None, "zip"),
])
def test_not_csv_or_excel(data_copy, payload, what):
    if payload is None:  # a zip archive that is not an xlsx workbook
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("readme.txt", "hello")
        payload = buf.getvalue()
    (data_copy / "indicators.csv").write_bytes(payload)
    err = _load_fails(data_copy)
    p = _has(err, "indicators.csv", None, None)
    assert what in p.message and "CSV" in p.message
    with pytest.raises(DataError) as info:
        read_table(payload, "indicators", name="upload.csv")
    assert info.value.problems[0].file == "upload.csv"


def test_redacted_value_must_be_empty(data_copy):
    line = _set(data_copy / "observations.csv", "guangdong.high_level_talent", "value", "0")
    err = _load_fails(data_copy)
    _has(err, "observations.csv", line, "value", "redacted", "never 0")


def test_year_out_of_range_and_unknown_id(data_copy):
    l1 = _set(data_copy / "observations.csv", "tianhe.talent_total", "year", "1899")
    l2 = _set(data_copy / "observations.csv", "tianhe.high_level_talent", "id", "tianhe.nope")
    err = _load_fails(data_copy)
    _has(err, "observations.csv", l1, "year", "1899", "1990")
    _has(err, "observations.csv", l2, "id", "'tianhe.nope' is not in indicators.csv")


def test_empty_quote(data_copy):
    line = _set(data_copy / "indicators.csv", "tianhe.talent_total", "quote", "")
    err = _load_fails(data_copy)
    _has(err, "indicators.csv", line, "quote", "empty quote")


def test_all_problems_collected(data_copy):
    _set(data_copy / "indicators.csv", "tianhe.talent_total", "unit", "万个")
    _set(data_copy / "indicators.csv", "tianhe.high_level_talent", "target_op", "=>")
    _set(data_copy / "observations.csv", "tianhe.talent_total", "value", "九十六")
    err = _load_fails(data_copy)
    assert {(p.file, p.column) for p in err.problems} >= {
        ("indicators.csv", "unit"), ("indicators.csv", "target_op"), ("observations.csv", "value")}


# ------------------------------------------------------------------ encodings and workbooks
USER_IND = [
    ["id", "region", "name_zh", "name_en", "unit", "category", "type", "measure", "higher_is_better",
     "target_year", "target_value", "target_op", "target_status", "source", "quote"],
    ["foshan.talent_total", "foshan", "人才资源总量", "Total talent", "万人", "人才规模", "people", "level", "true",
     "2025", "120", ">=", "stated", "佛山规划.txt", "到2025年，人才资源总量达120万人"],
]
USER_OBS = [
    ["id", "year", "value", "status", "preferred", "source", "quote", "note"],
    ["foshan.talent_total", "2020", "100", "observed", "true", "佛山规划.txt", "人才资源总量100万人", "统计口径：大专及以上"],
]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_encodings_load(tmp_path, encoding):
    _write(tmp_path / "indicators.csv", USER_IND[0], USER_IND[1:], encoding)
    _write(tmp_path / "observations.csv", USER_OBS[0], USER_OBS[1:], encoding)
    ds = load_dataset(tmp_path)
    assert ds.indicators["name_zh"].tolist() == ["人才资源总量"]
    assert ds.observations["note"].tolist() == ["统计口径：大专及以上"]
    assert ds.programmes.empty and ds.growth_facts.empty  # optional tables absent
    assert list(ds.programmes.columns)[:3] == ["id", "region", "name_zh"]


def test_shipped_data_in_gb18030_loads_identically(data_copy, shipped):
    for f in data_copy.glob("*.csv"):
        f.write_bytes(f.read_text(encoding="utf-8").encode("gb18030"))
    ds = load_dataset(data_copy)
    pd.testing.assert_frame_equal(ds.indicators, shipped.indicators)
    pd.testing.assert_frame_equal(ds.observations, shipped.observations)


def test_read_table_from_bytes_path_and_buffer(tmp_path):
    _write(tmp_path / "obs.csv", USER_OBS[0], USER_OBS[1:], "gbk")
    raw = (tmp_path / "obs.csv").read_bytes()
    for src in (raw, io.BytesIO(raw), tmp_path / "obs.csv", str(tmp_path / "obs.csv")):
        df = read_table(src, "observations", name="obs.csv")
        assert df["value"].tolist() == [100.0] and df["preferred"].tolist() == [True]


def _workbook(tables: dict[str, list[list]], cover: bool = True) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "说明"
    if cover:
        ws.append(["This workbook holds a talent plan dataset."])
    for title, rows in tables.items():
        sh = wb.create_sheet(title)
        for r in rows:
            sh.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _typed(rows: list[list[str]]) -> list[list]:
    """Spreadsheet-like cells: numbers as numbers, empty as None."""
    out = [rows[0]]
    for r in rows[1:]:
        cells = []
        for c in r:
            try:
                cells.append(float(c) if "." in c else int(c))
            except ValueError:
                cells.append(c or None)
        out.append(cells)
    return out


def test_xlsx_data_on_second_sheet(tmp_path):
    data = _workbook({"Tabelle": _typed(USER_OBS)})
    df = read_table(data, "observations", name="upload.xlsx")
    assert df["year"].tolist() == [2020] and df["value"].tolist() == [100.0]


def test_xlsx_whole_dataset_any_sheet_names_and_order(tmp_path, shipped):
    tables = {}
    for name in ("observations", "growth_facts", "indicators", "programmes"):  # not the CSV order
        header, rows = _read(DATA / f"{name}.csv")
        tables[f"表{len(tables) + 1}"] = _typed([header, *rows])
    path = tmp_path / "plan.xlsx"
    path.write_bytes(_workbook(tables))
    ds = load_dataset(path)
    pd.testing.assert_frame_equal(ds.indicators, shipped.indicators)
    pd.testing.assert_frame_equal(ds.observations, shipped.observations)
    pd.testing.assert_frame_equal(ds.programmes, shipped.programmes)


def test_xlsx_problem_names_sheet_row_and_column(tmp_path):
    rows = _typed(USER_OBS)
    rows[1][2] = "九十六"
    data = _workbook({"数据": [[None], *rows]})  # a blank first row: header on sheet row 2
    with pytest.raises(DataError) as info:
        read_table(data, "observations", name="up.xlsx")
    p = info.value.problems[0]
    assert (p.file, p.line, p.column) == ("up.xlsx[数据]", 3, "value")


# ------------------------------------------------------------------ report, env var, CLI
def test_check_report_counts(shipped):
    text, ok = check_report(DATA)
    assert ok and "OK" in text
    for region in ("tianhe", "haizhu", "guangdong", "tianjin", "liwan"):
        assert region in text
    assert "disagreements" in text and "redacted" in text


def test_env_var_overrides_data_dir(monkeypatch, tmp_path):
    _write(tmp_path / "indicators.csv", USER_IND[0], USER_IND[1:])
    _write(tmp_path / "observations.csv", USER_OBS[0], USER_OBS[1:])
    monkeypatch.setenv("TALENTSIM_DATA", str(tmp_path))
    assert fd.load_indicators()["id"].tolist() == ["foshan.talent_total"]


def test_cli_data_check_exit_codes(data_copy):
    runner = CliRunner()
    ok = runner.invoke(app, ["data", "check", "--data-dir", str(DATA)])
    assert ok.exit_code == 0, ok.output
    assert "tianhe" in ok.output
    _set(data_copy / "indicators.csv", "tianhe.talent_total", "target_op", "=>")
    bad = runner.invoke(app, ["data", "check", "--data-dir", str(data_copy)])
    assert bad.exit_code == 1, bad.output
    assert "indicators.csv:2: target_op:" in bad.output and "'=>'" in bad.output


def test_missing_folder_reported(tmp_path):
    text, ok = check_report(tmp_path / "nowhere")
    assert not ok and "no such folder" in text


def test_xlsx_missing_columns_named_on_the_closest_sheet(tmp_path):
    ind = [r[:4] + r[5:] for r in USER_IND]  # drop the unit column
    path = tmp_path / "plan.xlsx"
    path.write_bytes(_workbook({"obs": _typed(USER_OBS), "ind": _typed(ind)}))
    err = _load_fails(path)
    _has(err, "plan.xlsx[ind]", 1, "unit", "missing required column 'unit'")
    assert not any("is not in" in p.message for p in err.problems)  # no noise from cross-checks


def test_dataset_from_tables_checks_ids_and_names_the_line():
    from forecast.data import DataError, dataset_from_tables, empty_table, load_dataset

    ds = load_dataset()
    obs = ds.observations.copy()
    obs.loc[3, "id"] = "tianhe.not_an_indicator"
    with pytest.raises(DataError) as err:
        dataset_from_tables({"indicators": ds.indicators, "observations": obs},
                            files={"observations": "mine.csv", "indicators": "ind.csv"})
    p = err.value.problems[0]
    assert (p.file, p.line, p.column) == ("mine.csv", 5, "id") and "ind.csv" in p.message
    with pytest.raises(DataError, match="observations table is missing"):
        dataset_from_tables({"indicators": ds.indicators})
    ok = dataset_from_tables({"indicators": ds.indicators, "observations": ds.observations})
    assert ok.programmes.empty and list(ok.programmes.columns) == list(empty_table("programmes").columns)
