"""Dataset layer: load, type and validate the plan tables in ``data/``.

Four tables, one CSV each (or one sheet each of an ``.xlsx`` workbook):

``indicators``    one row per indicator: unit, category, target and the quote it comes from.
``observations``  one row per (indicator, year) value: observed, derived or redacted.
``programmes``    funding programmes and per-person instruments (optional for users).
``growth_facts``  stated growth rates over a period, e.g. "+32% on 2015" (optional).

Every loader types the cells itself (so a bad cell is reported with its line and
column, never as a pandas traceback), validates each table with a pandera schema
(``lazy=True``: all problems are collected), runs the row rules and cross-table
checks, and either returns complete frames or raises one :class:`DataError` that
lists every problem.  The data dictionary is ``data/README.md``.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Literal, Union

import numpy as np
import pandas as pd
import pandera.pandas as pa

__all__ = [
    "DATA_DIR",
    "UNITS",
    "AMOUNT_UNITS",
    "COMPARATORS",
    "KINDS",
    "MEASURES",
    "TARGET_STATUSES",
    "OBS_STATUSES",
    "QUALIFIERS",
    "AMOUNT_BASES",
    "PERSONS_BASES",
    "GROWTH_STATUSES",
    "TABLES",
    "Problem",
    "DataError",
    "Dataset",
    "data_dir",
    "load_indicators",
    "load_observations",
    "load_programmes",
    "load_growth_facts",
    "load_dataset", "dataset_from_tables", "empty_table",
    "read_table",
    "validate_dataset",
    "check_report",
]

#: Repository ``data/`` folder; the ``TALENTSIM_DATA`` environment variable overrides it.
DATA_DIR: Path = Path(os.environ.get("TALENTSIM_DATA") or Path(__file__).resolve().parents[1] / "data")

#: Closed list of indicator units, as the documents write them.
UNITS: tuple[str, ...] = (
    "万人", "人", "%", "人年/万人", "家", "件", "万件", "亿元", "万元", "万人次", "个", "名", "位", "所", "套",
    "张", "场", "人次", "人/千人", "万平方米", "项", "工作日",
)
#: Units of programme amounts.
AMOUNT_UNITS: tuple[str, ...] = ("万元", "亿元")
#: Target comparators: the document's ＞ is ``>``, ≥ / 达到 / 以上 are ``>=``; ``=`` means "about/exactly".
COMPARATORS: tuple[str, ...] = (">=", ">", "<=", "=")
KINDS: tuple[str, ...] = ("stock", "ratio")
MEASURES: tuple[str, ...] = ("level", "annual_flow", "five_year_total", "period_total")
TARGET_STATUSES: tuple[str, ...] = ("stated", "redacted", "none")
OBS_STATUSES: tuple[str, ...] = ("observed", "derived", "redacted")
QUALIFIERS: tuple[str, ...] = ("approx", "more_than", "at_least", "at_most")
AMOUNT_BASES: tuple[str, ...] = ("total", "per_person", "per_person_year", "per_award")
PERSONS_BASES: tuple[str, ...] = ("total", "per_year", "per_round")
GROWTH_STATUSES: tuple[str, ...] = ("stated", "derived")

YEAR_MIN, YEAR_MAX = 1990, 2100
_ID_RE = r"^[a-z][a-z0-9_]*\.[a-z0-9_]+$"
_REGION_RE = r"^[a-z][a-z0-9_]*$"

ColType = Literal["str", "float", "year", "bool"]


@dataclass(frozen=True)
class _Col:
    name: str
    type: ColType
    required: bool = True      # the column must be present in the file
    nullable: bool = False     # a cell may be empty
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class _Table:
    name: str
    filename: str
    columns: tuple[_Col, ...]
    optional_file: bool = False

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _s(name: str, **kw: Any) -> _Col:
    return _Col(name, "str", **kw)


def _f(name: str, **kw: Any) -> _Col:
    return _Col(name, "float", nullable=True, **kw)


def _y(name: str, **kw: Any) -> _Col:
    return _Col(name, "year", **kw)


_SRC = (_s("source"), _s("quote"), _s("note", required=False, nullable=True))

#: Table layouts: column name, type, whether the column is required and whether cells may be empty.
TABLES: dict[str, _Table] = {
    "indicators": _Table("indicators", "indicators.csv", (
        _s("id", pattern=_ID_RE), _s("region", pattern=_REGION_RE), _s("name_zh"),
        _s("name_en", required=False, nullable=True), _s("unit", allowed=UNITS),
        _s("category", required=False, nullable=True), _s("kind", allowed=KINDS),
        _s("measure", allowed=MEASURES), _Col("higher_is_better", "bool"),
        _y("target_year", nullable=True), _f("target_value"),
        _s("target_op", nullable=True, allowed=COMPARATORS),
        _f("target_low", required=False), _f("target_high", required=False),
        _y("target_year_low", required=False, nullable=True), _y("period_start", required=False, nullable=True),
        _s("target_status", allowed=TARGET_STATUSES), *_SRC)),
    "observations": _Table("observations", "observations.csv", (
        _s("id", pattern=_ID_RE), _y("year"), _f("value"), _s("status", allowed=OBS_STATUSES),
        _Col("preferred", "bool", required=False), _s("qualifier", required=False, nullable=True, allowed=QUALIFIERS),
        *_SRC)),
    "programmes": _Table("programmes", "programmes.csv", (
        _s("id", pattern=_ID_RE), _s("region", pattern=_REGION_RE), _s("name_zh"),
        _s("name_en", required=False, nullable=True), _f("amount"),
        _s("amount_unit", nullable=True, allowed=AMOUNT_UNITS), _f("amount_low", required=False),
        _f("amount_high", required=False), _s("amount_basis", allowed=AMOUNT_BASES),
        _f("period_years", required=False), _f("period_years_low", required=False),
        _f("period_years_high", required=False), _f("persons", required=False), _f("persons_low", required=False),
        _f("persons_high", required=False),
        _s("persons_basis", required=False, nullable=True, allowed=PERSONS_BASES),
        _f("growth_min_pct_per_year", required=False), _f("cost_per_person_10k_cny", required=False),
        *_SRC), optional_file=True),
    "growth_facts": _Table("growth_facts", "growth_facts.csv", (
        _s("id", pattern=_ID_RE), _s("region", pattern=_REGION_RE),
        _s("indicator_id", required=False, nullable=True, pattern=_ID_RE), _s("name_zh"),
        _s("name_en", required=False, nullable=True), _y("from_year"), _y("to_year"), _Col("growth_pct", "float"),
        _s("status", required=False, nullable=True, allowed=GROWTH_STATUSES), *_SRC), optional_file=True),
}


# --------------------------------------------------------------------------- errors
@dataclass(frozen=True)
class Problem:
    """One validation problem.

    Attributes
    ----------
    file : name of the file (``book.xlsx[Sheet]`` for a workbook sheet).
    line : 1-based line in the CSV counting the header (data row *i* is line *i + 2*),
        or the sheet row number for ``.xlsx``; ``None`` when the problem is not about a row.
    column : column name, or ``None``.
    message : what was found and what was expected.
    """

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class DataError(ValueError):
    """Raised when a dataset does not load; ``.problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = sorted(
            problems, key=lambda p: (p.file, p.line if p.line is not None else -1, p.column or ""))
        n = len(self.problems)
        head = f"{n} data problem{'s' if n != 1 else ''}:"
        super().__init__("\n".join([head, *("  " + str(p) for p in self.problems)]))


@dataclass(frozen=True, eq=False)
class Dataset:
    """A validated dataset: the four tables and where they came from."""

    indicators: pd.DataFrame
    observations: pd.DataFrame
    programmes: pd.DataFrame
    growth_facts: pd.DataFrame
    source: str = field(default="")


# --------------------------------------------------------------------------- raw reading
_Raw = tuple[list[str], int, list[tuple[int, list[str]]]]  # header, header line, [(line, cells)]
Source = Union[str, os.PathLike, bytes, bytearray, BinaryIO]


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """Resolve the data folder: *path*, else ``$TALENTSIM_DATA``, else the repository ``data/``."""
    if path is not None:
        return Path(path)
    env = os.environ.get("TALENTSIM_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[1] / "data"


_resolve_dir = data_dir  # the loaders' ``data_dir`` parameter shadows the function name


_MAGIC = {
    b"\x89PNG": "a PNG image", b"%PDF": "a PDF document", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old binary Excel/Office file (.xls/.doc); save it as .xlsx or CSV",
    b"\x1f\x8b": "a gzip archive", b"7z\xbc\xaf": "a 7z archive", b"Rar!": "a RAR archive",
}


def _sniff(data: bytes, name: str) -> Literal["csv", "xlsx"]:
    """Decide whether *data* is a CSV text or an xlsx workbook; raise DataError otherwise."""
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if "xl/workbook.xml" in zf.namelist():
                    return "xlsx"
        except zipfile.BadZipFile:
            pass
        raise DataError([Problem(name, None, None, "this is a zip archive but not an Excel .xlsx workbook; "
                                                   "expected a CSV file or an .xlsx workbook")])
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise DataError([Problem(name, None, None, f"this file is {what}, not data; "
                                                       "expected a CSV file or an .xlsx workbook")])
    return "csv"


def _decode(data: bytes, name: str) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM) first, then GB18030 (covers GBK)."""
    if b"\x00" in data:
        raise DataError([Problem(name, None, None, "the file contains NUL bytes: it is binary (or UTF-16), "
                                                   "not a CSV; expected a UTF-8 or GBK CSV file or an .xlsx workbook")])
    text = None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise DataError([Problem(name, None, None, "cannot decode the file as UTF-8 or GB18030/GBK; "
                                                   "save it as UTF-8 CSV (or .xlsx)")])
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n") or 0xE000 <= ord(ch) <= 0xF8FF)
    if bad > max(2, len(text) // 200):
        raise DataError([Problem(name, None, None, "the file is not text (many control characters); "
                                                   "expected a CSV file or an .xlsx workbook")])
    return text


def _read_csv_text(text: str) -> _Raw:
    """Split CSV text into a header and (line, cells) rows; line numbers count physical lines."""
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    header_line = 1
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header, header_line = [c.strip() for c in cells], start
        else:
            rows.append((start, cells))
    return header or [], header_line, rows


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isfinite(v) and v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    return str(v)


def _read_xlsx_sheets(data: bytes, name: str) -> dict[str, _Raw]:
    """Read every sheet of a workbook into (header, rows); row numbers are sheet rows."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds of errors on bad files
        raise DataError([Problem(name, None, None, f"cannot open the Excel workbook ({exc.__class__.__name__}: {exc}); "
                                                   "expected a valid .xlsx file")]) from None
    sheets: dict[str, _Raw] = {}
    try:
        for ws in wb.worksheets:
            header: list[str] | None = None
            header_line = 1
            rows: list[tuple[int, list[str]]] = []
            for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in values]
                if not any(c.strip() for c in cells):
                    continue
                if header is None:
                    header, header_line = [c.strip() for c in cells], r
                    while header and not header[-1]:
                        header.pop()
                else:
                    rows.append((r, cells))
            sheets[ws.title] = (header or [], header_line, rows)
    finally:
        wb.close()
    return sheets


def _as_bytes(src: Source) -> tuple[bytes, str]:
    if isinstance(src, (bytes, bytearray)):
        return bytes(src), "upload"
    if hasattr(src, "read"):
        data = src.read()  # type: ignore[union-attr]
        if isinstance(data, str):
            data = data.encode("utf-8")
        return data, Path(getattr(src, "name", "upload")).name
    p = Path(src)  # type: ignore[arg-type]
    return p.read_bytes(), p.name


def _pick_sheet(sheets: dict[str, _Raw], table: _Table, name: str) -> tuple[str, _Raw]:
    """Find the sheet holding *table* by its columns (not by sheet name or position)."""
    hits = [t for t, (h, _, _) in sheets.items() if set(table.required) <= set(h)]
    if len(hits) > 1:
        # prefer sheets that do not also look like another table with more required columns
        scored = sorted(hits, key=lambda t: -len(set(sheets[t][0]) & set(table.names)))
        best = len(set(sheets[scored[0]][0]) & set(table.names))
        hits = [t for t in scored if len(set(sheets[t][0]) & set(table.names)) == best]
    if len(hits) == 1:
        return hits[0], sheets[hits[0]]
    if len(hits) > 1:
        raise DataError([Problem(name, None, None, f"several sheets look like the {table.name} table "
                                                   f"({', '.join(hits)}); keep one")])
    # none has all required columns: report against the closest sheet
    if not sheets:
        raise DataError([Problem(name, None, None, "the workbook has no sheets")])
    best = max(sheets, key=lambda t: len(set(sheets[t][0]) & set(table.names)))
    return best, sheets[best]


# --------------------------------------------------------------------------- typing & schema
_NUM_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_TRUE = {"true", "t", "yes", "y", "1", "是", "真"}
_FALSE = {"false", "f", "no", "n", "0", "否", "假"}


def _parse_float(text: str) -> float | None:
    t = text.strip().replace("\u00a0", "")
    if _THOUSANDS_RE.match(t):
        t = t.replace(",", "")
    if not _NUM_RE.match(t):
        return None
    return float(t)


def _num_hint(text: str) -> str:
    if re.search(r"[0-9]", text) and re.search(r"[^0-9.,+\-eE\s]", text):
        return " (write the unit in the indicator's unit column, and ranges in *_low/*_high)"
    return ""


def _numeric_column(col: _Col, lines: list[int], cells: list[str], file: str,
                    problems: list[Problem]) -> pd.Series:
    """Parse a float or year column; every bad cell becomes a Problem naming line and column."""
    year = col.type == "year"
    out: list[Any] = []
    for ln, c in zip(lines, cells):
        if not c:
            out.append(pd.NA if year else np.nan)
            continue
        v = _parse_float(c)
        ok = v is not None and math.isfinite(v) and (not year or float(v).is_integer())
        if not ok:
            expected = ("a year; expected a four-digit year such as 2025" if year else
                        f"a number; expected a plain number such as 96 or 8.89{_num_hint(c)}")
            problems.append(Problem(file, ln, col.name, f"'{c}' is not {expected}"))
        out.append((int(v) if year else v) if ok else (pd.NA if year else np.nan))
    return pd.Series(out, index=lines, dtype="Int64" if year else "float64")


def _type_table(table: _Table, raw: _Raw, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Turn raw cells into a typed frame indexed by line number; collect cell problems."""
    header, header_line, rows = raw
    problems: list[Problem] = []
    if not header:
        return pd.DataFrame(), [Problem(file, None, None, f"the file is empty (no header row); expected the "
                                                          f"{table.name} columns {', '.join(table.required)}")]
    dup = {h for h in header if h and header.count(h) > 1}
    for h in sorted(dup):
        problems.append(Problem(file, header_line, h,
                                f"column '{h}' appears more than once in the header"))
    missing = [c for c in table.required if c not in header]
    for c in missing:
        problems.append(Problem(file, header_line, c,
                                f"missing required column '{c}'; the {table.name} table needs columns "
                                f"{', '.join(table.required)}"))
    if missing or dup:
        return pd.DataFrame(), problems
    pos = {h: i for i, h in enumerate(header) if h}
    lines = [ln for ln, _ in rows]
    data: dict[str, Any] = {}
    for col in table.columns:
        i = pos.get(col.name)
        cells = [(cells[i].strip() if i is not None and i < len(cells) else "") for _, cells in rows]
        if col.type == "str":
            data[col.name] = pd.Series([c if c else None for c in cells], index=lines, dtype="str")
        elif col.type in ("float", "year"):
            data[col.name] = _numeric_column(col, lines, cells, file, problems)
        else:  # bool
            bs: list[bool] = []
            for ln, c in zip(lines, cells):
                lc = c.lower()
                if not c and col.name == "preferred":
                    bs.append(True)
                elif not c:
                    problems.append(Problem(file, ln, col.name, "empty cell; expected true or false"))
                    bs.append(False)
                elif lc in _TRUE:
                    bs.append(True)
                elif lc in _FALSE:
                    bs.append(False)
                else:
                    problems.append(Problem(file, ln, col.name, f"'{c}' is not true/false; expected true or false"))
                    bs.append(False)
            data[col.name] = pd.Series(bs, index=lines, dtype="bool")
    extra = [h for h in header if h and h not in table.names]
    for h in extra:  # user columns are kept, as text
        i = pos[h]
        data[h] = pd.Series([(cells[i].strip() if i < len(cells) and cells[i].strip() else None)
                             for _, cells in rows], index=lines, dtype="str")
    return pd.DataFrame(data, index=pd.Index(lines, dtype="int64")), problems


def _schema(table: _Table) -> pa.DataFrameSchema:
    cols: dict[str, pa.Column] = {}
    for c in table.columns:
        checks = []
        if c.allowed is not None:
            checks.append(pa.Check.isin(list(c.allowed), error=f"allowed:{c.name}"))
        if c.pattern is not None:
            checks.append(pa.Check.str_matches(c.pattern, error=f"pattern:{c.name}"))
        if c.type == "year":
            checks.append(pa.Check.in_range(YEAR_MIN, YEAR_MAX, error=f"year:{c.name}"))
        if c.type == "str" and not c.nullable:
            checks.append(pa.Check.str_length(min_value=1, error=f"empty:{c.name}"))
        dtype = {"str": "str", "float": "float64", "year": "Int64", "bool": "bool"}[c.type]
        cols[c.name] = pa.Column(dtype, checks=checks, nullable=c.nullable, required=c.required)
    return pa.DataFrameSchema(cols, strict=False, coerce=False, name=table.name)


_KNOWN_MESSAGES = {
    "target_op": lambda v: (f"comparator '{v}' is not allowed; expected one of {', '.join(COMPARATORS)}"
                            + (" (did you mean '>='?)" if v == "=>" else " (did you mean '<='?)" if v == "=<" else "")),
    "unit": lambda v: (f"unknown unit '{v}'; expected one of {' '.join(UNITS)} "
                       "(keep the document's unit; extend forecast.data.UNITS if a document really uses another)"),
}


def _schema_problems(err: pa.errors.SchemaErrors, file: str) -> list[Problem]:
    out: list[Problem] = []
    fc = err.failure_cases
    for _, r in fc.iterrows():
        col = r["column"] if isinstance(r["column"], str) else None
        check = str(r["check"])
        val = r["failure_case"]
        idx = r["index"]
        line = int(idx) if idx is not None and not (isinstance(idx, float) and math.isnan(idx)) else None
        if check.startswith("allowed:") and col in _KNOWN_MESSAGES:
            msg = _KNOWN_MESSAGES[col](val)
        elif check.startswith("allowed:"):
            allowed = next(c.allowed for t in TABLES.values() for c in t.columns if c.name == col and c.allowed)
            msg = f"'{val}' is not an allowed {col}; expected one of {', '.join(allowed or ())}"
        elif check.startswith("pattern:"):
            what = "a region like 'tianhe' (lower-case ascii, digits, _)" if col == "region" else \
                "an id like 'region.slug' (lower-case ascii snake_case, one dot)"
            msg = f"'{val}' is not {what}"
        elif check.startswith("year:"):
            msg = f"year {val} is outside {YEAR_MIN}–{YEAR_MAX}"
        elif check.startswith("empty:") or check == "not_nullable":
            msg = f"empty {col}; a value is required" + (
                " (every row needs the verbatim sentence it comes from)" if col == "quote" else "")
        elif check == "column_in_dataframe":
            col = str(val)
            msg = f"missing required column '{val}'"
        elif check.startswith("dtype("):
            msg = f"column has the wrong type ({check}); expected {val}"
        else:
            msg = f"{check} failed for {val!r}"
        out.append(Problem(file, line, col, msg))
    return out


def _is_missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _row_rules(table: _Table, df: pd.DataFrame, file: str) -> list[Problem]:
    """Rules that involve several columns of one row, or several rows of one table."""
    P: list[Problem] = []
    if df.empty:
        return P
    # unique ids (observations: unique (id, year) unless flagged)
    if table.name != "observations":
        dup = df["id"][df["id"].duplicated(keep=False)]
        for ln, v in dup.items():
            P.append(Problem(file, int(ln), "id", f"duplicate id '{v}'; ids must be unique in {table.filename}"))
    if "region" in df and "id" in df:
        for ln, (i, reg) in df[["id", "region"]].iterrows():
            if isinstance(i, str) and isinstance(reg, str) and "." in i and i.split(".", 1)[0] != reg:
                P.append(Problem(file, int(ln), "region", f"region '{reg}' does not match the id prefix of '{i}'"))
    if table.name == "indicators":
        for ln, r in df.iterrows():
            st, tv, lo, hi = r["target_status"], r["target_value"], r.get("target_low"), r.get("target_high")
            has_value = not _is_missing(tv) or not _is_missing(lo) or not _is_missing(hi)
            if st == "stated":
                if not has_value:
                    P.append(Problem(file, int(ln), "target_value", "target_status is 'stated' but there is no "
                                     "target_value (or target_low/target_high); expected the stated number"))
                if _is_missing(r["target_op"]):
                    P.append(Problem(file, int(ln), "target_op", "target_status is 'stated' but target_op is empty; "
                                     f"expected one of {', '.join(COMPARATORS)}"))
            elif st in ("redacted", "none") and has_value:
                P.append(Problem(file, int(ln), "target_value", f"target_status is '{st}' but a target value is "
                                 "given; a redacted or absent target must be empty (never 0)"))
            if not _is_missing(lo) and not _is_missing(hi) and lo > hi:
                P.append(Problem(file, int(ln), "target_low", f"target_low {lo:g} is above target_high {hi:g}"))
            ylo = r.get("target_year_low")
            if not _is_missing(ylo) and not _is_missing(r["target_year"]) and ylo > r["target_year"]:
                P.append(Problem(file, int(ln), "target_year_low",
                                 f"target_year_low {ylo} is after target_year {r['target_year']}"))
    elif table.name == "observations":
        for ln, r in df.iterrows():
            st, v = r["status"], r["value"]
            if st == "redacted" and not _is_missing(v):
                P.append(Problem(file, int(ln), "value", f"status is 'redacted' but value is {v:g}; a redacted "
                                 "value must be empty (missing, never 0)"))
            if st in ("observed", "derived") and _is_missing(v):
                P.append(Problem(file, int(ln), "value", f"status is '{st}' but value is empty; expected a number "
                                 "(use status 'redacted' for withheld figures)"))
            if st == "derived" and _is_missing(r.get("note")):
                P.append(Problem(file, int(ln), "note", "a derived value needs a note with the arithmetic"))
        keyed = df.assign(_line=df.index)
        for (i, y), g in keyed.groupby(["id", "year"], sort=False, dropna=False):
            if len(g) == 1:
                if not bool(g["preferred"].iloc[0]):
                    P.append(Problem(file, int(g["_line"].iloc[0]), "preferred",
                                     f"the only row for ({i}, {y}) must have preferred=true"))
                continue
            lines = ", ".join(str(x) for x in g["_line"])
            if g["note"].isna().any():
                for ln in g["_line"][g["note"].isna()]:
                    P.append(Problem(file, int(ln), "id", f"duplicate ({i}, {y}) (lines {lines}) without a note; "
                                     "keep two values for one year only when every row has a note saying "
                                     "which figure disagrees"))
            n_pref = int(g["preferred"].sum())
            if n_pref != 1:
                P.append(Problem(file, int(g["_line"].iloc[0]), "preferred",
                                 f"({i}, {y}) has {len(g)} rows (lines {lines}) and {n_pref} marked preferred; "
                                 "expected exactly one preferred=true"))
    elif table.name == "programmes":
        for ln, r in df.iterrows():
            if not _is_missing(r["amount"]) and _is_missing(r["amount_unit"]):
                P.append(Problem(file, int(ln), "amount_unit", "an amount needs an amount_unit (万元 or 亿元)"))
            for a, b in (("amount_low", "amount_high"), ("period_years_low", "period_years_high"),
                         ("persons_low", "persons_high")):
                if a in r and b in r and not _is_missing(r[a]) and not _is_missing(r[b]) and r[a] > r[b]:
                    P.append(Problem(file, int(ln), a, f"{a} {r[a]:g} is above {b} {r[b]:g}"))
    elif table.name == "growth_facts":
        for ln, r in df.iterrows():
            if not _is_missing(r["from_year"]) and not _is_missing(r["to_year"]) and r["from_year"] >= r["to_year"]:
                P.append(Problem(file, int(ln), "to_year", f"to_year {r['to_year']} is not after from_year "
                                 f"{r['from_year']}"))
    return P


def _empty(table: _Table) -> pd.DataFrame:
    dt = {"str": "str", "float": "float64", "year": "Int64", "bool": "bool"}
    return pd.DataFrame({c.name: pd.Series([], dtype=dt[c.type]) for c in table.columns})


def _finish(table: _Table, df: pd.DataFrame) -> pd.DataFrame:
    """Add absent optional columns, order columns, drop the line index."""
    for c in table.columns:
        if c.name not in df:
            dt = {"str": "str", "float": "float64", "year": "Int64", "bool": "bool"}[c.type]
            df[c.name] = pd.Series([None] * len(df) if c.type != "bool" else [True] * len(df),
                                   index=df.index, dtype=dt)
    order = table.names + [c for c in df.columns if c not in table.names]
    return df[order].reset_index(drop=True)


def _load_raw(table: _Table, raw: _Raw, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    df, problems = _type_table(table, raw, file)
    if df.empty and problems:
        return df, problems
    if df.empty:
        return _empty(table).set_index(pd.Index([], dtype="int64")), problems
    bad_cells = {(p.line, p.column) for p in problems}  # report each bad cell once
    try:
        _schema(table).validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        problems += [p for p in _schema_problems(err, file) if (p.line, p.column) not in bad_cells]
    problems += [p for p in _row_rules(table, df, file) if (p.line, p.column) not in bad_cells]
    return df, problems


def _table_from_source(table: _Table, src: Source, name: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    try:
        data, default_name = _as_bytes(src)
    except OSError as exc:
        return pd.DataFrame(), [Problem(str(name or src), None, None, f"cannot read the file: {exc.strerror or exc}")]
    name = name or default_name
    try:
        kind = _sniff(data, name)
        if kind == "xlsx":
            sheets = _read_xlsx_sheets(data, name)
            sheet, raw = _pick_sheet(sheets, table, name)
            return _load_raw(table, raw, f"{name}[{sheet}]")
        return _load_raw(table, _read_csv_text(_decode(data, name)), name)
    except DataError as err:
        return pd.DataFrame(), err.problems


# --------------------------------------------------------------------------- public loaders
def read_table(file_or_buffer: Source, table: str, *, name: str) -> pd.DataFrame:
    """Read and validate one uploaded table (CSV or XLSX; path, bytes or file object).

    Parameters
    ----------
    file_or_buffer : path, ``bytes``/``bytearray`` or a binary file object (e.g. ``BytesIO``).
    table : one of ``indicators``, ``observations``, ``programmes``, ``growth_facts``.
    name : file name used in problem messages (e.g. the uploaded file's name).

    Returns
    -------
    pandas.DataFrame
        The typed table (cross-table checks are not run; use :func:`load_dataset`).

    Raises
    ------
    DataError
        Listing every problem, with file, line and column.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    spec = TABLES[table]
    df, problems = _table_from_source(spec, file_or_buffer, name)
    if problems:
        raise DataError(problems)
    return _finish(spec, df)


def _cross_checks(ind: pd.DataFrame, obs: pd.DataFrame, gf: pd.DataFrame, files: dict[str, str]) -> list[Problem]:
    P: list[Problem] = []
    if "id" not in ind:  # the indicators table itself did not load; its problems are reported
        return P
    known = set(ind["id"].dropna())
    if "id" in obs:
        for ln, i in obs["id"].items():
            if isinstance(i, str) and i not in known:
                P.append(Problem(files["observations"], int(ln), "id",
                                 f"observation id '{i}' is not in {files['indicators']}"))
    if "indicator_id" in gf:
        for ln, i in gf["indicator_id"].items():
            if isinstance(i, str) and i not in known:
                P.append(Problem(files["growth_facts"], int(ln), "indicator_id",
                                 f"indicator_id '{i}' is not in {files['indicators']}"))
    return P


def _load_all(path: str | os.PathLike | None) -> tuple[Dataset, list[Problem]]:
    """Load every table from a folder or workbook; return frames (possibly partial) and problems."""
    root = data_dir(path)
    frames: dict[str, pd.DataFrame] = {}
    files: dict[str, str] = {}
    problems: list[Problem] = []
    if root.is_file():
        name = root.name
        try:
            data = root.read_bytes()
            if _sniff(data, name) != "xlsx":
                raise DataError([Problem(name, None, None, "a single-file dataset must be an .xlsx workbook with "
                                                           "one sheet per table; for CSV use a folder")])
            sheets = _read_xlsx_sheets(data, name)
        except DataError as err:
            return _empty_dataset(str(root)), err.problems
        matched = {t.name: [s for s, (h, _, _) in sheets.items() if set(t.required) <= set(h)]
                   for t in TABLES.values()}
        claimed = {s for hits in matched.values() for s in hits}
        for t in TABLES.values():
            hits = matched[t.name]
            files[t.name] = name
            if not hits and t.optional_file:
                frames[t.name] = _empty(t).set_index(pd.Index([], dtype="int64"))
                continue
            # with no matching sheet, the closest unclaimed one is checked so its missing columns are named
            pool = {s: sheets[s] for s in (hits or [s for s in sheets if s not in claimed])}
            if not pool:
                problems.append(Problem(name, None, None, f"no sheet holds the {t.name} table; expected a sheet "
                                                          f"with columns {', '.join(t.required)}"))
                frames[t.name] = pd.DataFrame()
                continue
            try:
                sheet, raw = _pick_sheet(pool, t, name)
            except DataError as err:
                problems += err.problems
                frames[t.name] = pd.DataFrame()
                continue
            files[t.name] = f"{name}[{sheet}]"
            frames[t.name], p = _load_raw(t, raw, files[t.name])
            problems += p
    elif root.is_dir():
        for t in TABLES.values():
            f = root / t.filename
            files[t.name] = t.filename
            if not f.exists():
                if t.optional_file:
                    frames[t.name] = _empty(t).set_index(pd.Index([], dtype="int64"))
                else:
                    problems.append(Problem(t.filename, None, None, f"file not found in {root}; the folder needs "
                                                                    f"{TABLES['indicators'].filename} and "
                                                                    f"{TABLES['observations'].filename}"))
                    frames[t.name] = pd.DataFrame()
                continue
            frames[t.name], p = _table_from_source(t, f, t.filename)
            problems += p
    else:
        return _empty_dataset(str(root)), [Problem(str(root), None, None, "no such folder or .xlsx file")]
    ind, obs, gf = frames["indicators"], frames["observations"], frames["growth_facts"]
    if not ind.empty or not obs.empty:
        problems += _cross_checks(ind, obs, gf, files)
    ds = Dataset(**{k: (_finish(TABLES[k], v) if not v.empty or len(v.columns) else _empty(TABLES[k]))
                    for k, v in frames.items()}, source=str(root))
    return ds, problems


def empty_table(table: str) -> pd.DataFrame:
    """A typed, empty frame of one table (``indicators``, ``observations``, ...)."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    return _empty(TABLES[table])


def dataset_from_tables(tables: dict[str, pd.DataFrame], *, files: dict[str, str] | None = None,
                        source: str = "<tables>") -> Dataset:
    """Assemble tables already read with :func:`read_table` (e.g. uploads) into a Dataset.

    Runs the cross-table checks (every observation id is an indicator) and fills absent
    optional tables with empty ones. ``files`` names each table's file for messages;
    line numbers assume ``read_table``'s frames (row i is file line i + 2).

    Raises
    ------
    DataError listing every problem; nothing is returned half-assembled.
    """
    missing = [k for k in ("indicators", "observations") if k not in tables]
    if missing:
        raise DataError([Problem(source, None, None, f"the {k} table is missing; expected the columns "
                                                     f"{', '.join(TABLES[k].required)}") for k in missing])
    names = {k: (files or {}).get(k, f"{k}.csv") for k in TABLES}
    frames = {k: tables.get(k, _empty(TABLES[k])) for k in TABLES}
    lined = {k: v.set_axis(pd.RangeIndex(2, len(v) + 2)) for k, v in frames.items()}
    problems = _cross_checks(lined["indicators"], lined["observations"], lined["growth_facts"], names)
    if problems:
        raise DataError(problems)
    return Dataset(**{k: v.reset_index(drop=True) for k, v in frames.items()}, source=source)


def _empty_dataset(source: str) -> Dataset:
    return Dataset(*(_empty(t) for t in TABLES.values()), source=source)


def load_dataset(path: str | os.PathLike | None = None) -> Dataset:
    """Load and validate a whole dataset.

    Parameters
    ----------
    path : a folder in the ``data/`` layout (``indicators.csv``, ``observations.csv`` and
        optionally ``programmes.csv``, ``growth_facts.csv``), or an ``.xlsx`` workbook whose
        sheets hold the tables (found by their columns, whatever the sheet names or order).
        Default: :func:`data_dir`.

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        Listing every problem in every table; nothing is returned half-loaded.
    """
    ds, problems = _load_all(path)
    if problems:
        raise DataError(problems)
    return ds


def validate_dataset(path: str | os.PathLike | None = None) -> list[Problem]:
    """Return the list of problems of a dataset (empty when it is valid)."""
    return _load_all(path)[1]


def load_indicators(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Validated ``indicators`` table (the whole dataset is checked). See :func:`load_dataset`."""
    return load_dataset(data_dir).indicators


def load_observations(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Validated ``observations`` table (the whole dataset is checked). See :func:`load_dataset`."""
    return load_dataset(data_dir).observations


def load_programmes(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Validated ``programmes`` table (empty when the dataset has none). See :func:`load_dataset`."""
    return load_dataset(data_dir).programmes


def load_growth_facts(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Validated ``growth_facts`` table (empty when the dataset has none). See :func:`load_dataset`."""
    return load_dataset(data_dir).growth_facts


# --------------------------------------------------------------------------- report
def _counts(ds: Dataset) -> pd.DataFrame:
    ind, obs, prg, gf = ds.indicators, ds.observations, ds.programmes, ds.growth_facts
    obs = obs.assign(region=obs["id"].str.split(".").str[0])
    groups = obs.groupby(["id", "year"])["id"].transform("size")
    obs = obs.assign(_dup=groups > 1)
    regions = sorted(set(ind["region"].dropna()) | set(obs["region"].dropna()) | set(prg["region"].dropna())
                     | set(gf["region"].dropna()))
    rows = []
    for r in regions:
        i, o = ind[ind["region"] == r], obs[obs["region"] == r]
        rows.append({
            "region": r,
            "indicators": len(i),
            "observations": len(o),
            "targets": int((i["target_status"] == "stated").sum()),
            "redacted": int((o["status"] == "redacted").sum() + (i["target_status"] == "redacted").sum()),
            "derived": int((o["status"] == "derived").sum()),
            "disagreements": int(o.loc[o["_dup"], ["id", "year"]].drop_duplicates().shape[0]),
            "programmes": int((prg["region"] == r).sum()),
            "growth_facts": int((gf["region"] == r).sum()),
        })
    t = pd.DataFrame(rows, columns=["region", "indicators", "observations", "targets", "redacted", "derived",
                                    "disagreements", "programmes", "growth_facts"])
    if len(t):
        total = t.drop(columns="region").sum()
        t.loc[len(t)] = ["TOTAL", *total.tolist()]
    return t


def check_report(data_dir: str | os.PathLike | None = None) -> tuple[str, bool]:
    """Validate a dataset and build a printable report.

    Returns
    -------
    (text, ok)
        Per-region counts of indicators, observations, stated targets, redacted values
        (observations and targets), derived values, disagreements (an (id, year) with more
        than one flagged row), programmes and growth facts; on failure, every problem.
    """
    root = _resolve_dir(data_dir)
    ds, problems = _load_all(root)
    lines = [f"talentsim data check: {root}"]
    if problems:
        lines.append(f"FAILED: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
        lines += ["  " + str(p) for p in DataError(problems).problems]
        return "\n".join(lines), False
    lines.append("OK: all tables valid")
    lines.append("")
    lines.append(_counts(ds).to_string(index=False))
    lines.append("")
    lines.append("targets = indicators with target_status 'stated'; redacted = observations + targets withheld "
                 "([略]); disagreements = (id, year) pairs kept twice with a note, one preferred.")
    return "\n".join(lines), True
