"""Typing raw cells: text to numbers, years and booleans, each bad cell a Problem with its line."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

from forecast.data.errors import Problem
from forecast.data.reader import Raw
from forecast.data.schema import _Col, _Table

_NUM_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_TRUE = {"true", "t", "yes", "y", "1", "是", "真"}
_FALSE = {"false", "f", "no", "n", "0", "否", "假"}


def parse_float(text: str) -> float | None:
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
        v = parse_float(c)
        ok = v is not None and math.isfinite(v) and (not year or float(v).is_integer())
        if not ok:
            expected = ("a year; expected a four-digit year such as 2025" if year else
                        f"a number; expected a plain number such as 96 or 8.89{_num_hint(c)}")
            problems.append(Problem(file, ln, col.name, f"'{c}' is not {expected}"))
        out.append((int(v) if year else v) if ok else (pd.NA if year else np.nan))
    return pd.Series(out, index=lines, dtype="Int64" if year else "float64")


#: Hints for columns that replaced an older one: (missing column, old column present) -> hint.
_RENAMED = {("type", True): " (the old 'kind' column stock/ratio is replaced by 'type': people, share, rate, "
                            "organisations, money, count or other; see data/README.md)"}


def type_table(table: _Table, raw: Raw, file: str) -> tuple[pd.DataFrame, list[Problem]]:
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
                                f"{', '.join(table.required)}" + _RENAMED.get((c, "kind" in header), "")))
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

