"""Typing raw cells: text to numbers, years and booleans, each bad cell a Problem with its line."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

from forecast.data.errors import Problem, problem
from forecast.data.limits import MAX_ABS_VALUE
from forecast.data.reader import Raw
from forecast.data.schema import _Col, _Table

_NUM_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_TRUE = {"true", "t", "yes", "y", "1", "是", "真"}
_FALSE = {"false", "f", "no", "n", "0", "否", "假"}


def parse_float(text: str) -> float | None:
    """A plain number; thousands separators and a trailing % ("33.4%" is 33.4: shares are kept in %)."""
    t = text.strip().replace("\u00a0", "")
    if t.endswith(("%", "％")):
        t = t[:-1].rstrip()
    if _THOUSANDS_RE.match(t):
        t = t.replace(",", "")
    if not _NUM_RE.match(t):
        return None
    return float(t)


def _num_code(text: str) -> str:
    """``not_number``, or ``not_number_unit`` for a number written with a unit or a range."""
    if re.search(r"[0-9]", text) and re.search(r"[^0-9.,+\-eE\s]", text):
        return "not_number_unit"
    return "not_number"


def _numeric_column(col: _Col, lines: list[int], cells: list[str], file: str,
                    problems: list[Problem]) -> pd.Series:
    """Parse a float or year column; every bad cell becomes a Problem naming line and column."""
    year = col.type == "year"
    out: list[Any] = []
    for ln, c in zip(lines, cells):
        if not c:
            out.append(pd.NA if year else np.nan)
            continue
        v = parse_float(c)
        ok = v is not None and math.isfinite(v) and (not year or float(v).is_integer())
        if ok and not year and abs(v) > MAX_ABS_VALUE:
            problems.append(problem(file, ln, col.name, "too_large", value=c, max=f"{MAX_ABS_VALUE:.0e}"))
            ok = False
        elif not ok:
            problems.append(problem(file, ln, col.name, "not_year" if year else _num_code(c), value=c))
        out.append((int(v) if year else v) if ok else (pd.NA if year else np.nan))
    return pd.Series(out, index=lines, dtype="Int64" if year else "float64")


#: Columns that replaced an older one: (missing column, old column present) -> the problem code with the hint.
_RENAMED = {("type", True): "missing_column_kind"}


def type_table(table: _Table, raw: Raw, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Turn raw cells into a typed frame indexed by line number; collect cell problems."""
    header, header_line, rows = raw
    problems: list[Problem] = []
    if not header:
        return pd.DataFrame(), [problem(file, None, None, "empty_file", table=table.name,
                                        columns=", ".join(table.required))]
    dup = {h for h in header if h and header.count(h) > 1}
    for h in sorted(dup):
        problems.append(problem(file, header_line, h, "duplicate_column", column=h))
    missing = [c for c in table.required if c not in header]
    for c in missing:
        problems.append(problem(file, header_line, c, _RENAMED.get((c, "kind" in header), "missing_column"),
                                column=c, table=table.name, columns=", ".join(table.required)))
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
                    problems.append(problem(file, ln, col.name, "bool_empty"))
                    bs.append(False)
                elif lc in _TRUE:
                    bs.append(True)
                elif lc in _FALSE:
                    bs.append(False)
                else:
                    problems.append(problem(file, ln, col.name, "not_bool", value=c))
                    bs.append(False)
            data[col.name] = pd.Series(bs, index=lines, dtype="bool")
    extra = [h for h in header if h and h not in table.names]
    for h in extra:  # user columns are kept, as text
        i = pos[h]
        data[h] = pd.Series([(cells[i].strip() if i < len(cells) and cells[i].strip() else None)
                             for _, cells in rows], index=lines, dtype="str")
    return pd.DataFrame(data, index=pd.Index(lines, dtype="int64")), problems

