"""The reference class's file, ``data/reference_growth.csv``: where it is, its columns, and its check.

Long format, one row per (series, year): ``series_id, family, type, region, region_zh,
level, year, value, unit, status, source, quote, note``.  ``status`` is ``observed`` or
``break`` (a change of definition or survey coverage, not growth).  This is the data
layer's part (read and validate, like the plan tables, and part of ``talentsim data
check``); the growth episodes formed from it live in :mod:`forecast.reference`.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd

from forecast.data.errors import DataError, Problem
from forecast.data.schema import TYPES

STATUSES: tuple[str, ...] = ("observed", "break")
LEVELS: tuple[str, ...] = ("national", "province", "city", "district")
COLUMNS: tuple[str, ...] = ("series_id", "family", "type", "region", "region_zh", "level", "year", "value",
                            "unit", "status", "source", "quote", "note")
REQUIRED: tuple[str, ...] = ("series_id", "family", "type", "region", "year", "value", "status", "source", "quote")
FILE = "reference_growth.csv"


def reference_path(data_dir: Path | str | None = None) -> Path:
    """``reference_growth.csv`` in ``data_dir`` if it is there, else the shipped one."""
    from forecast.data.load import DATA_DIR   # here: reading the closed lists needs no loader

    if data_dir is not None and (Path(data_dir) / FILE).exists():
        return Path(data_dir) / FILE
    return Path(DATA_DIR) / FILE


def check_reference(path: Path | str) -> tuple[pd.DataFrame, list]:
    """Read and validate a reference file; returns (frame, problems).

    Problems name file, line (header = line 1) and column: a missing column, a row
    without source or quote, an unknown type or status, a non-numeric, zero or negative
    value on a log scale, a share outside 0-100, a duplicated (series_id, year).
    """
    path = Path(path)
    name = path.name
    problems: list = []
    with open(path, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        return pd.DataFrame(columns=COLUMNS), [Problem(name, None, None, "empty file; expected a header row")]
    head = [h.strip() for h in rows[0]]
    missing = [c for c in REQUIRED if c not in head]
    if missing:
        return pd.DataFrame(columns=COLUMNS), [Problem(name, 1, c, "column missing") for c in missing]
    recs, lines = [], []
    seen: dict[tuple[str, int], int] = {}
    for ln, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        r = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(head)}
        rec = _check_row(r, name, ln, seen, problems)
        if rec is not None:
            recs.append(rec)
            lines.append(ln)
    df = pd.DataFrame(recs, columns=COLUMNS)
    df["line"] = lines
    return df, problems


def _check_row(r: dict[str, str], name: str, ln: int, seen: dict[tuple[str, int], int],
               problems: list) -> dict | None:
    """One row of the file as a record, or None when it has a problem (added to ``problems``;
    ``seen``: (series_id, year) -> line, for duplicates)."""
    bad = False
    for c in ("series_id", "family", "region", "source", "quote"):
        if not r.get(c):
            problems.append(Problem(name, ln, c, "empty; every reference row needs it"))
            bad = True
    if r["type"] not in TYPES:
        problems.append(Problem(name, ln, "type", f"unknown type {r['type']!r}; expected one of {TYPES}"))
        bad = True
    if r["status"] not in STATUSES:
        problems.append(Problem(name, ln, "status", f"{r['status']!r}; expected one of {STATUSES}"))
        bad = True
    try:
        year = int(float(r["year"]))
    except ValueError:
        problems.append(Problem(name, ln, "year", f"{r['year']!r} is not a year"))
        return None
    try:
        value = float(r["value"])
    except ValueError:
        problems.append(Problem(name, ln, "value", f"{r['value']!r} is not a number"))
        return None
    if not math.isfinite(value) or value <= 0:
        problems.append(Problem(name, ln, "value", f"{r['value']} cannot be put on a log scale; "
                                "expected a positive number"))
        bad = True
    elif r["type"] == "share" and value >= 100:
        problems.append(Problem(name, ln, "value", f"share {value} must lie strictly inside 0-100 %"))
        bad = True
    key = (r["series_id"], year)
    if key in seen:
        problems.append(Problem(name, ln, "year", f"duplicated episode: {r['series_id']} {year} "
                                f"already on line {seen[key]}"))
        bad = True
    seen[key] = ln
    return None if bad else {**{c: r.get(c, "") for c in COLUMNS}, "year": year, "value": value}


def load_reference(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The validated reference panel (``DataError`` listing every problem otherwise)."""
    df, problems = check_reference(reference_path(data_dir))
    if problems:
        raise DataError(problems)
    return df


__all__ = ["FILE", "COLUMNS", "REQUIRED", "STATUSES", "LEVELS", "reference_path", "check_reference", "load_reference"]
