"""Issue 15, data files: bounded before parsing, nothing lost without a word, values in range.

Through the doors a user uses: ``read_table`` (the app's uploads) and ``talentsim data
check`` (CLI). Hostile workbooks are built on the fly (``hostile_files``).
"""

from __future__ import annotations

import csv
import io
import resource
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forecast.data import DataError, load_dataset, read_table
from talentsim.cli import app

from . import hostile_files as hf

OBS = ["id", "year", "value", "status", "preferred", "source", "quote"]
SAMPLE = Path(__file__).resolve().parents[2] / "notebooks" / "sample" / "example_region"
runner = CliRunner()


def _obs_rows(n: int) -> list[list[object]]:
    return [OBS] + [[f"myregion.x{i}", 2020, i + 1, "observed", "true", "plan.txt", f"第{i}行"] for i in range(n)]


def _csv(rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def _refused(data: bytes, name: str, table: str = "observations") -> str:
    with pytest.raises(DataError) as err:
        read_table(data, table, name=name)
    return str(err.value)


def test_workbook_inflating_to_hundreds_of_mb_is_refused_before_parsing():
    bomb = hf.inflating(OBS, 200)
    assert len(bomb) < 2 * 1024 * 1024  # under the app's upload limit
    before, t0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter()
    msg = _refused(bomb, "bomb.xlsx")
    assert time.perf_counter() - t0 < 2.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KB
    assert "bomb.xlsx" in msg and "unpacks to 200 MB" in msg


def test_8000_duplicate_id_year_rows_give_a_short_report():
    rows = [OBS] + [["myregion.x", 2020, 1, "observed", "true", "plan.txt", "q"]] * 8000
    err_text = _refused(_csv(rows), "dup.csv")
    assert len(err_text) < 20_000, len(err_text)
    assert err_text.startswith("8001 data problems") or "more problems" in err_text
    assert "and 7,995 more" in err_text  # at most five line numbers quoted


def test_csv_with_100000_extra_columns_is_refused_quickly():
    wide = ",".join(OBS + [f"x{i}" for i in range(100_000)]) + "\nmyregion.x,2020,1,observed,true,s,q\n"
    t0 = time.perf_counter()
    msg = _refused(wide.encode(), "wide.csv")
    assert time.perf_counter() - t0 < 2.0
    assert "wide.csv:1" in msg and "100,007 cells in one row" in msg


def test_csv_longer_than_the_row_bound_is_refused():
    assert "more than 50,000 rows" in _refused(_csv(_obs_rows(50_001)), "long.csv")


def test_xlsx_whose_dimension_understates_its_size_loads_every_row():
    df = read_table(hf.understated_dimension(_obs_rows(5)), "observations", name="dim.xlsx")
    assert len(df) == 5


def test_stray_quote_that_swallows_lines_is_reported_by_data_check(tmp_path):
    for f in SAMPLE.glob("*.csv"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    obs = tmp_path / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rsplit(",", 1)[0] + ',"stray quote opens here'   # last cell starts a quoted field
    obs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["data", "check", "--data-dir", str(tmp_path)])
    assert res.exit_code == 1, res.output
    assert "observations.csv:3" in res.output and "stray quote" in res.output
    assert "OK: all tables valid" not in res.output


@pytest.mark.parametrize("table, column, value", [
    ("programmes", "amount", "-2.5"), ("programmes", "amount", "1e300"), ("programmes", "period_years", "-5"),
    ("programmes", "growth_min_pct_per_year", "-150"), ("growth_facts", "growth_pct", "-150"),
    ("indicators", "target_value", "150"), ("indicators", "target_value", "-3"),
])
def test_negative_or_absurd_values_are_refused(tmp_path, table, column, value):
    src = {"programmes": "programmes.csv", "growth_facts": "growth_facts.csv", "indicators": "indicators.csv"}[table]
    with open(SAMPLE / src, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    col = rows[0].index(column)
    if table == "indicators":  # the share indicator for 150, a people stock for -3
        want = "share" if value == "150" else "people"
        r = next(i for i, row in enumerate(rows[1:], 1) if row[rows[0].index("type")] == want)
    else:
        r = 1
    rows[r][col] = value
    msg = _refused(_csv(rows), src, table)
    assert f"{src}:{r + 1}: {column}" in msg and "outside the possible range" in msg


def test_share_observation_above_100_is_refused(tmp_path):
    for f in SAMPLE.glob("*.csv"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    ind = list(csv.reader(open(tmp_path / "indicators.csv", encoding="utf-8", newline="")))
    share_id = next(r[0] for r in ind[1:] if r[ind[0].index("type")] == "share")
    obs = list(csv.reader(open(tmp_path / "observations.csv", encoding="utf-8", newline="")))
    obs[1 + next(i for i, r in enumerate(obs[1:]) if r[0] == share_id)][2] = "150"
    (tmp_path / "observations.csv").write_bytes(_csv(obs))
    with pytest.raises(DataError, match="share"):
        load_dataset(tmp_path)


@pytest.mark.parametrize("formula, cached, external, needle", [
    ("C2*2", None, False, "formula without a saved result"),
    ("[1]Sheet1!A1", "42", True, "another workbook"),
])
def test_xlsx_external_link_and_formula_without_cached_value_are_flagged(formula, cached, external, needle):
    book = hf.with_formula(_obs_rows(3), "C3", formula, cached, external=external)
    msg = _refused(book, "f.xlsx")
    assert "f.xlsx[observations]:3" in msg and "cell C3" in msg and needle in msg


def test_data_check_on_xlsx_with_an_xml_entity_bomb_reports_it(tmp_path):
    book = tmp_path / "bomb.xlsx"
    book.write_bytes(hf.entity_bomb(_obs_rows(2)))
    res = runner.invoke(app, ["data", "check", "--data-dir", str(book)])
    assert res.exit_code == 1 and res.exception is None or isinstance(res.exception, SystemExit)
    assert "bomb.xlsx" in res.output and "cannot read the Excel workbook" in res.output


def test_csv_with_cr_only_line_endings_loads():
    rows = _obs_rows(4)
    data = _csv(rows).replace(b"\n", b"\r")
    assert len(read_table(data, "observations", name="mac.csv")) == 4


@pytest.mark.parametrize("ch", ["\x07", "\x0b", "\x1f", "\uffff"])
def test_control_or_non_xml_character_in_an_uploaded_indicator_name_is_refused(ch):
    with open(SAMPLE / "indicators.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index("name_zh")] = f"人才{ch}总量"
    msg = _refused(_csv(rows), "indicators.csv", "indicators")
    assert "indicators.csv:2: name_zh" in msg and "control or invisible" in msg
