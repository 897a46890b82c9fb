"""The one reader: CSV/TSV/xlsx, UTF-8/GBK, tables found by their columns; used by uploads."""

from __future__ import annotations

import io

import pytest

from forecast.data import DataError, read_table
from forecast.data.reader import headers, is_workbook, read_sheets, table_of
from tests.data.test_loader import USER_IND, USER_OBS


def _text(rows, sep=","):
    return "\n".join(sep.join(r) for r in rows) + "\n"


def test_tsv_reads_like_csv():
    tsv = _text(USER_OBS, "\t").encode("gbk")
    assert read_sheets("obs.tsv", tsv)[""][0] == USER_OBS[0]
    df = read_table(tsv, "observations", name="obs.tsv")
    assert df["note"].tolist() == ["统计口径：大专及以上"]


def test_table_of_uses_columns_before_file_names():
    data = _text(USER_IND).encode("utf-8")
    assert table_of("whatever.csv", data) == "indicators"
    assert table_of("观测.csv", _text([["id", "year"], ["a.b", "2020"]]).encode("gbk")) == "observations"
    assert table_of("notes.csv", b"a,b\n1,2\n") is None


def test_workbook_headers_per_sheet():
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet A"
    for r in USER_OBS:
        wb.active.append(r)
    ws = wb.create_sheet("指标")
    for r in USER_IND:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    assert is_workbook(data) and not is_workbook(b"id,year\n")
    assert headers("book.xlsx", data) == {"Sheet A": USER_OBS[0], "指标": USER_IND[0]}


def test_not_data_is_refused_with_what_it_is():
    assert headers("x.png", b"\x89PNG....") == {}
    with pytest.raises(DataError, match="PNG image"):
        read_sheets("x.png", b"\x89PNG....")


def test_percent_cells_are_read_as_the_percent_they_show():
    """Excel keeps 33.4 % as 0.334 with a percent format; the data keeps shares in % (issue 21)."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(USER_OBS[0])
    ws.append([USER_OBS[1][0], 2020, 0.334, *USER_OBS[1][3:]])
    ws.cell(row=2, column=3).number_format = "0.0%"
    ws.append([USER_OBS[1][0], 2021, 35.1, *USER_OBS[1][3:]])          # a plain number stays as it is
    buf = io.BytesIO()
    wb.save(buf)
    df = read_table(buf.getvalue(), "observations", name="obs.xlsx")
    assert df["value"].tolist() == [pytest.approx(33.4, abs=1e-12), 35.1]


def test_percent_typed_in_a_csv_is_the_number_written():
    rows = [USER_OBS[0], [USER_OBS[1][0], "2020", "33.4%", *USER_OBS[1][3:]]]
    df = read_table(_text(rows).encode("utf-8"), "observations", name="obs.csv")
    assert df["value"].tolist() == [33.4]


@pytest.mark.parametrize("value", ["1e100", "-2e13", "1e39"])
def test_values_beyond_any_real_figure_are_refused_with_the_bound(value):
    rows = [USER_OBS[0], [USER_OBS[1][0], "2020", value, *USER_OBS[1][3:]]]
    with pytest.raises(DataError, match=r"outside the possible range.*at most 1e\+12") as e:
        read_table(_text(rows).encode("utf-8"), "observations", name="obs.csv")
    assert "obs.csv:2: value" in str(e.value)


def test_a_name_longer_than_any_real_one_is_refused():
    """Export time grew 0.75 ms per character of one indicator name; names are bounded at load (issue 21)."""
    from forecast.data.schema import MAX_NAME_CHARS

    rows = [list(r) for r in USER_IND]
    col = rows[0].index("name_zh")
    rows[1][col] = "人" * (MAX_NAME_CHARS + 1)
    with pytest.raises(DataError, match=r"name_zh is 201 characters long; at most 200"):
        read_table(_text(rows).encode("utf-8"), "indicators", name="ind.csv")


def test_big5_files_read_as_traditional_chinese():
    """Big5 bytes also decode as GB18030, into nonsense; they were refused or garbled (issue 21)."""
    rows = [USER_OBS[0], ["foshan.talent_total", "2020", "100", "observed", "true", "佛山規劃.txt",
                          "人才資源總量100萬人", "統計口徑：大專及以上學歷"]]
    df = read_table(_text(rows).encode("big5"), "observations", name="obs.csv")
    assert df["quote"].tolist() == ["人才資源總量100萬人"] and df["note"].tolist() == ["統計口徑：大專及以上學歷"]
    gbk = read_table(_text(USER_OBS).encode("gbk"), "observations", name="obs.csv")
    assert gbk["note"].tolist() == ["统计口径：大专及以上"]
