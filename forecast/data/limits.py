"""Bounds on uploaded data files, checked before or while parsing so one upload cannot
tie up a shared server, and checks for rows a file lost without saying so.

A small .xlsx can inflate to hundreds of MB of sheet XML; a CSV can carry 100,000
columns or 20,000 duplicate rows; one stray quote can swallow the rest of a CSV into a
single cell. The reader calls these functions; each raises or returns ``Problem`` s that
name the file and the line.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any, Iterable, Iterator, Sequence

from forecast.data.errors import MAX_PROBLEMS, DataError, Problem, cap_problems, problem

MAX_UNCOMPRESSED = 32 * 1024 * 1024  #: bytes of XML inside one workbook (a real dataset: < 2 MB)
MAX_ZIP_ENTRIES = 500
MAX_SHEETS = 30
MAX_ROWS = 50_000                    #: data rows in one table (the shipped data: a few hundred)
MAX_COLUMNS = 200                    #: cells in one row (the widest table has about 20 columns)
MAX_LINES_SHOWN = 5                  #: line numbers quoted in one problem
#: Largest magnitude of a number in a data file, in the document's unit (万人, 亿元, 件, %): a
#: trillion is far above any real regional figure and far inside float32's range (3.4e38), where
#: a target of 1e100 once read as 98.5 % with NaN quantiles.
MAX_ABS_VALUE = 1e12

_EXTERNAL = re.compile(r"\[\d+\]")   # a formula reference into another workbook: ='[1]Sheet1'!A1


def check_workbook_zip(data: bytes, name: str) -> None:
    """Refuse a workbook whose zip inflates beyond the bounds, before any XML is parsed.

    The declared sizes are an upper bound of what is read: Python's zipfile stops a member
    at its declared size, so a lying header cannot smuggle more.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise DataError([problem(name, None, None, "xlsx_bad_zip", kind=type(exc).__name__)]) from None
    total = sum(i.file_size for i in infos)
    sheets = sum(1 for i in infos if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml"))
    why = None
    if len(infos) > MAX_ZIP_ENTRIES:
        why = problem(name, None, None, "xlsx_parts", n=f"{len(infos):,}", max=f"{MAX_ZIP_ENTRIES:,}")
    elif total > MAX_UNCOMPRESSED:
        why = problem(name, None, None, "xlsx_size", mb=f"{total / 2**20:,.0f}", max=MAX_UNCOMPRESSED // 2**20)
    elif sheets > MAX_SHEETS:
        why = problem(name, None, None, "xlsx_sheets", n=sheets, max=MAX_SHEETS)
    if why:
        raise DataError([why])


def _empty(cell: Any) -> bool:
    """An empty value, or a workbook cell object whose value is empty."""
    v = getattr(cell, "value", cell)
    return v is None or v == ""


def bounded_rows(rows: Iterable[Sequence[Any]], name: str, *, start: int = 1) -> Iterator[tuple[int, list[Any]]]:
    """``(row number, cells)`` with trailing empty cells dropped; DataError past the bounds."""
    for r, values in enumerate(rows, start=start):
        if r - start >= MAX_ROWS + 1:
            raise DataError([problem(name, r, None, "too_many_rows", max=f"{MAX_ROWS:,}")])
        cells = list(values)
        while cells and _empty(cells[-1]):
            cells.pop()
        if len(cells) > MAX_COLUMNS:
            raise DataError([problem(name, r, None, "too_many_cells", n=f"{len(cells):,}", max=MAX_COLUMNS)])
        yield r, cells


def swallowed_lines(rows: Iterable[tuple[int, list[str]]], name: str) -> list[Problem]:
    """Cells that span several lines: a stray quote made the lines after it one cell.

    ``rows`` are (first physical line, cells). Real plan data has no line breaks inside
    cells, so every such cell is reported with the lines it swallowed.
    """
    out = []
    for line, cells in rows:
        for cell in cells:
            n = cell.count("\n") + cell.count("\r")
            if n:
                out.append(problem(name, line, None, "swallowed_many" if n > 1 else "swallowed_one",
                                   to_line=line + n, n=n))
                break
    return out


def line_list(lines: Sequence[int]) -> str:
    """``"2, 3, 4, 5, 6 and 7,995 more"``: at most ``MAX_LINES_SHOWN`` line numbers."""
    shown = ", ".join(str(x) for x in lines[:MAX_LINES_SHOWN])
    rest = len(lines) - MAX_LINES_SHOWN
    return f"{shown} and {rest:,} more" if rest > 0 else shown


def formula_problems(data: bytes, name: str, sheets: dict[str, Any]) -> list[Problem]:
    """Formula cells whose value cannot be trusted: no saved result, or a link to another workbook.

    ``sheets`` maps sheet -> (header, header line, [(row, cell texts)]) as read with
    ``data_only`` (an empty text is a formula without a saved result). Only workbooks
    whose sheet XML holds a formula (``<f``) are read a second time, for the formulas.
    """
    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        has_formula = any(b"<f>" in zf.read(i) or b"<f " in zf.read(i) for i in zf.infolist()
                          if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml"))
    if not has_formula:
        return []
    out = []
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        for ws in wb.worksheets:
            ws.reset_dimensions()
            header, header_line, rows = sheets.get(ws.title, ([], 0, []))
            cached = dict(rows) | {header_line: header}
            where = f"{name}[{ws.title}]"
            for r, row in bounded_rows(ws.iter_rows(values_only=True), where):
                for c, v in enumerate(row, start=1):
                    if not (isinstance(v, str) and v.startswith("=")):
                        continue
                    cell = f"{openpyxl.utils.get_column_letter(c)}{r}"
                    saved = cached.get(r, [])
                    if _EXTERNAL.search(v):
                        code = "formula_external"
                    elif c > len(saved) or not str(saved[c - 1]).strip():
                        code = "formula_unsaved"
                    else:
                        continue
                    out.append(problem(where, r, None, code, cell=cell, formula=v[:60]))
    finally:
        wb.close()
    return cap_problems(out)


__all__ = ["MAX_UNCOMPRESSED", "MAX_ROWS", "MAX_COLUMNS", "MAX_PROBLEMS", "MAX_LINES_SHOWN", "MAX_SHEETS",
           "check_workbook_zip", "bounded_rows", "swallowed_lines", "line_list", "cap_problems",
           "formula_problems"]
