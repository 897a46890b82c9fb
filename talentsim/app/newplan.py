"""A new plan typed in: the planner's indicator table -> the data layout, checked and saved.

The "new plan" view edits one table, a row per indicator (:data:`COLUMNS`), and optionally
the region's talent-funding history (:data:`FUNDING_COLUMNS`: year and 亿元). This module
turns them into the ``indicators``/``observations`` (and ``programmes``: one total-over-one-year
row per funded year, which ``scenarios.baseline.historic_funding`` averages for the funding
lever, as for a shipped region) tables of the ``data/`` layout, runs them through the same
reader and checks as an upload (``upload.load_upload`` -> ``forecast.data.dataset_from_tables``),
and maps every problem back to the editor's table, row and column. A plan is saved as a region
folder (the editor tables plus the data tables), written atomically and never over an
existing one unless asked. No Streamlit here.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import pandas as pd

from forecast.data.schema import HORIZON_MAX, HORIZON_MIN
from forecast.data.units import SUGGESTED_TYPE
from talentsim.app import upload
from talentsim.messages import t

#: the editor's columns, in order (labels come from the catalogue: ``plan_col:<name>``)
COLUMNS = ("key", "name_zh", "name_en", "unit", "type", "base_year", "base_value", "earlier", "target_year",
           "target_op", "target_value", "funded", "total", "part_of", "quote")
#: ``quote``: the source sentence (filled by "from a document", talentsim.app.fromdoc); empty = a typed row
#: ``funded``: persons the region's talent fund pays for (programme selectees: channel ``selectees``,
#: data/README.md), the indicators the funding levers move; empty = the upload's default channel.
#: ``total``: the region's talent total, where the net-inflow lever arrives (channel ``talent_total``).
#: ``part_of``: the key of the row this indicator is part of (a ``part_of`` relation, coef 1 by
#: definition, in ``relations.csv``): the levers' people reaching it count in that total too.
_FLAGS = ("funded", "total")
#: the funding-history editor's columns: year, and the talent funding that year in 亿元
FUNDING_COLUMNS = ("year", "amount")
#: the first funding year and the last target year a plan may have: the years a simulation may run to
MIN_YEAR, MAX_YEAR = HORIZON_MIN, HORIZON_MAX
SOURCE = "typed-plan"
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_EARLIER_RE = re.compile(r"^\s*(\d{4})\s*[:：=]\s*(-?[\d.,]+)\s*$")


@dataclass(frozen=True)
class CellProblem:
    """A problem in the editor table: 1-based row (None for the whole plan), column, English
    message, and the code and fields that word it in the page's language (``upload.problem_text``)."""

    row: Optional[int]
    column: str
    message: str
    code: str = ""
    fields: tuple[tuple[str, Any], ...] = ()
    table: str = "plan"   #: "plan" (the indicator table) or "funding" (the funding history)


def _cell(row: Optional[int], column: str, code: str, /, *, table: str = "plan", **fields: Any) -> CellProblem:
    """A problem found here, worded by the catalogue's ``dataerr:<code>``."""
    return CellProblem(row, column, t(f"dataerr:{code}", "en", **fields), code, tuple(fields.items()), table)


def _line_breaks(df: pd.DataFrame, table: str) -> list[CellProblem]:
    """Cells holding several lines (several values pasted into one cell): one problem each,
    named by the cell (the CSV reader would otherwise see one cell swallow the lines after it)."""
    return [_cell(row, str(col), "plan_lines", value=_text(v).replace("\r", " ").replace("\n", " "), table=table)
            for row, (_, r) in enumerate(df.iterrows(), start=1) for col, v in r.items()
            if isinstance(v, str) and ("\n" in v or "\r" in v)]


def plan_years(now: Optional[int] = None) -> tuple[int, int]:
    """(base year, target year) of the five-year plan being written ``now`` (default: this year,
    ``scenarios.scorecard.current_year``): the last year ending a plan period (2020, 2025, ...)
    before ``now``, and five years on. In 2026: (2025, 2030), the 15th plan."""
    from scenarios.scorecard import current_year

    now = current_year() if now is None else int(now)
    base = (now - 1) // 5 * 5
    return base, base + 5


def blank_funding(rows: int = 5, last_year: Optional[int] = None) -> pd.DataFrame:
    """A funding history to fill in (optional: without it the funding levers do nothing): the
    ``rows`` years up to ``last_year`` (default: the plan's base year), amounts empty (text, as in
    :func:`blank_template`)."""
    last_year = plan_years()[0] if last_year is None else last_year
    return _cells(pd.DataFrame({"year": [str(last_year - rows + 1 + i) for i in range(rows)], "amount": [""] * rows},
                               columns=list(FUNDING_COLUMNS)))


def _funding_rows(region: str, funding: Optional[pd.DataFrame]
                  ) -> tuple[list[list[str]], dict, list[CellProblem]]:
    """Programme rows (one per funded year: a total over one year, in 亿元), where each came from,
    and the problems of the years (the amounts are checked by the programmes schema)."""
    from forecast.data import TABLES

    cols = [c.name for c in TABLES["programmes"].columns]
    rows, where, problems = [cols], {}, []
    if funding is None or funding.empty:
        return rows, where, problems
    funding = funding.reindex(columns=list(FUNDING_COLUMNS))
    used = funding[[_text(a) != "" or _text(b) != "" for a, b in zip(funding["year"], funding["amount"])]]
    problems += _line_breaks(used, "funding")
    for row, (_, r) in enumerate(used.iterrows(), start=1):
        year, amount = _number(r["year"]), _number(r["amount"])
        if not (year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR):
            problems.append(_cell(row, "year", "plan_funding_year", value=year, min=MIN_YEAR, max=MAX_YEAR, table="funding"))
        elif f"{region}.talent_funding_{year}" in {x[0] for x in rows[1:]}:
            problems.append(_cell(row, "year", "plan_key_twice", value=year, table="funding"))
        vals = {"id": f"{region}.talent_funding_{year if year.isdigit() else row}", "region": region,
                "name_zh": f"人才专项资金（{year}年，规划录入）", "name_en": f"Talent funding {year} (typed plan)",
                "amount": amount, "amount_unit": "亿元", "amount_basis": "total", "period_years": "1",
                "source": SOURCE, "quote": f"{year}: {amount} 亿元"}
        rows.append([vals.get(c, "") for c in cols])
        where[("programmes.csv", len(rows))] = (row, {"id": "year", "name_zh": "year", "quote": "year",
                                                      "amount": "amount", "period_years": "year"})
    return rows, where, problems


def default_type(unit: str) -> str:
    """The indicator type a unit suggests when the planner leaves it empty."""
    return SUGGESTED_TYPE.get(unit, "count")   # the units table, data/units.csv


def blank_template(rows: int = 5, base_year: Optional[int] = None, target_year: Optional[int] = None) -> pd.DataFrame:
    """A blank table of the plan being written (:func:`plan_years`: in 2026 the 15th plan, base 2025,
    targets 2030), everything else to type.

    Empty cells are "" rather than None: the grid writes a missing value as the English word
    "None", also on the Chinese page (values are typed as text and checked by the schema). For
    the same reason the unit and type start at the plans' most common ones (万人, people)."""
    base_year = plan_years()[0] if base_year is None else base_year
    target_year = plan_years()[1] if target_year is None else target_year
    df = pd.DataFrame({"key": [f"indicator_{i + 1}" for i in range(rows)], "name_zh": [""] * rows,
                       "name_en": [""] * rows, "unit": ["万人"] * rows, "type": ["people"] * rows,
                       "base_year": [base_year] * rows, "base_value": [""] * rows, "earlier": [""] * rows,
                       "target_year": [target_year] * rows, "target_op": [">="] * rows,
                       "target_value": [""] * rows, "funded": [False] * rows, "total": [False] * rows,
                       "part_of": [""] * rows, "quote": [""] * rows}, columns=list(COLUMNS))
    return _cells(df)


def _cells(df: pd.DataFrame) -> pd.DataFrame:
    """The typed columns as plain objects (a cell may hold text or a pasted number)."""
    return df.astype({c: object for c in df.columns if c not in ("base_year", "target_year", *_FLAGS)})


def _filled(df: pd.DataFrame) -> pd.DataFrame:
    """The rows the planner used (a row with no name and no values is a spare row)."""
    used = df[["name_zh", "name_en", "base_value", "target_value"]].apply(
        lambda c: c.notna() & (c.astype(str).str.strip() != ""), axis=0).any(axis=1)
    return df[used]


def _text(v) -> str:
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) or pd.isna(v) else str(v).strip()


def _number(v) -> str:
    s = _text(v)
    if s.endswith(".0") and s[:-2].lstrip("-").isdigit():
        s = s[:-2]
    return s


def to_tables(region: str, df: pd.DataFrame, funding: Optional[pd.DataFrame] = None
              ) -> tuple[list[tuple[str, bytes]], dict, list[CellProblem]]:
    """The editor tables as ``indicators.csv`` / ``observations.csv`` (/ ``programmes.csv``) bytes.

    Returns (files, where, problems): ``where[(file, line)] = (row, {data column: editor column})``
    places a reader problem back in the editor (``programmes.csv``: the funding history);
    ``problems`` are those found here (ids, earlier values).
    """
    from forecast.data import TABLES

    problems: list[CellProblem] = _line_breaks(_filled(df), "plan")
    ind_cols = [c.name for c in TABLES["indicators"].columns]
    obs_cols = [c.name for c in TABLES["observations"].columns]
    ind, obs, where = [ind_cols], [obs_cols], {}
    seen: set[str] = set()
    for row, (_, r) in enumerate(_filled(df).iterrows(), start=1):
        key = _text(r["key"]).lower() or f"indicator_{row}"
        if not _KEY_RE.match(key):
            problems.append(_cell(row, "key", "plan_key"))
        if key in seen:
            problems.append(_cell(row, "key", "plan_key_twice", value=key))
        seen.add(key)
        ident = f"{region}.{key}"
        op = _text(r["target_op"]) or ">="
        target, tyear = _number(r["target_value"]), _number(r["target_year"])
        if tyear and tyear.isdigit() and int(tyear) > MAX_YEAR:
            problems.append(_cell(row, "target_year", "plan_year_max", max=MAX_YEAR))
        vals = {"id": ident, "region": region, "name_zh": _text(r["name_zh"]) or _text(r["name_en"]),
                "name_en": _text(r["name_en"]), "unit": _text(r["unit"]), "category": "",
                "type": _text(r["type"]) or default_type(_text(r["unit"])), "measure": "level",
                "higher_is_better": "false" if op.startswith("<") else "true", "target_year": tyear,
                "target_value": target, "target_op": op if target else "",
                "target_status": "stated" if target else "none", "source": SOURCE,
                "channel": ("selectees" if _flag(r, "funded") else "talent_total" if _flag(r, "total") else ""),
                "quote": _text(r.get("quote"))
                or f"{_text(r['name_zh']) or _text(r['name_en'])} {op} {target} ({tyear})", "note": ""}
        ind.append([vals.get(c, "") for c in ind_cols])
        where[("indicators.csv", len(ind))] = (row, {"id": "key", "region": "key", "name_zh": "name_zh",
                                                     "target_status": "target_value", "higher_is_better": "target_op"})
        points = [(_number(r["base_year"]), _number(r["base_value"]), "base")]
        for part in filter(None, re.split(r"[;；\n]", _text(r["earlier"]))):
            m = _EARLIER_RE.match(part)
            if m is None:
                problems.append(_cell(row, "earlier", "plan_earlier", value=part.strip()))
                continue
            points.append((m.group(1), m.group(2).replace(",", ""), "earlier"))
        for year, value, col in points:
            quote = _text(r.get("quote")) if col == "base" else ""
            obs.append([{"id": ident, "year": year, "value": value, "status": "observed", "source": SOURCE,
                         "quote": quote or f"{vals['name_zh']} {year}: {value}"}.get(c, "") for c in obs_cols])
            where[("observations.csv", len(obs))] = (row, {"year": f"{col}_year" if col == "base" else col,
                                                           "value": f"{col}_value" if col == "base" else col})
    files = [("indicators.csv", _csv(ind)), ("observations.csv", _csv(obs))]
    rel, rel_where, rel_problems = _relation_rows(region, _filled(df), seen)
    problems += rel_problems
    if len(rel) > 1:
        files.append(("relations.csv", _csv(rel)))
        where.update(rel_where)
    prg, prg_where, prg_problems = _funding_rows(region, funding)
    problems += prg_problems
    if len(prg) > 1:
        files.append(("programmes.csv", _csv(prg)))
        where.update(prg_where)
    return files, where, problems


def _flag(r: pd.Series, column: str) -> bool:
    return _text(r.get(column)).lower() in ("true", "1", "yes")


def _relation_rows(region: str, df: pd.DataFrame, keys: set[str]) -> tuple[list[list], dict, list[CellProblem]]:
    """``relations.csv`` rows from the ``part_of`` column: child = the row, parent = the key it names."""
    from forecast.data import TABLES

    cols = [c.name for c in TABLES["relations"].columns]
    rows, where, problems = [cols], {}, []
    for row, (_, r) in enumerate(df.iterrows(), start=1):
        parent = _text(r.get("part_of")).lower()
        if not parent:
            continue
        key = _text(r["key"]).lower() or f"indicator_{row}"
        if parent not in keys:
            problems.append(_cell(row, "part_of", "plan_part_of", value=parent))
            continue
        vals = {"id": f"{region}.{key}_in_{parent}"[:200], "region": region, "kind": "part_of",
                "child": f"{region}.{key}", "parent": f"{region}.{parent}", "coef": "1", "basis": "definition",
                "source": SOURCE, "quote": f"{key} ⊂ {parent}"}
        rows.append([vals.get(c, "") for c in cols])
        where[("relations.csv", len(rows))] = (row, {"child": "part_of", "parent": "part_of", "kind": "part_of",
                                                     "id": "part_of"})
    return rows, where, problems


def _csv(rows: list[list]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def check_plan(region: str, df: pd.DataFrame, funding: Optional[pd.DataFrame] = None
               ) -> tuple[Optional[upload.UploadState], list[CellProblem]]:
    """Validate the editor tables as an upload; the loaded state, or the problems by cell."""
    region = region.strip().lower()
    if not _KEY_RE.match(region):
        return None, [_cell(None, "region", "plan_region")]
    if _filled(df).empty:
        return None, [_cell(None, "table", "plan_empty")]
    files, where, problems = to_tables(region, df, funding)
    if problems:
        return None, problems
    state, raw = upload.load_upload(files, None)   # each region to its own last target year
    if state is not None:  # the page names the plan by its region, not by the generated files
        state = dataclasses.replace(state, name=region)
    out = []
    for p in raw:
        row, cols = where.get((p.file, p.line), (None, {}))
        out.append(CellProblem(row, cols.get(p.column or "", p.column or ""), p.message, p.code, p.fields,
                               "funding" if p.file == "programmes.csv" else "plan"))
    return state, out


def plans_dir(saved: Path) -> Path:
    return Path(saved) / "plans"


def saved_plans(saved: Path) -> list[str]:
    """Region ids of the plans saved under ``saved``."""
    d = plans_dir(saved)
    return sorted(p.name for p in d.iterdir() if (p / "plan.csv").is_file()) if d.is_dir() else []


def save_plan(saved: Path, region: str, df: pd.DataFrame, funding: Optional[pd.DataFrame] = None, *,
              overwrite: bool = False) -> Path:
    """Write the plan as a region folder (plan.csv = the editor table, funding.csv = the funding
    history if any; indicators.csv, observations.csv and programmes.csv = the data layout),
    atomically. Raises FileExistsError rather than overwrite."""
    files, _, problems = to_tables(region, df, funding)
    if problems:
        raise ValueError(problems[0].message)
    target = plans_dir(saved) / region
    if target.exists() and not overwrite:
        raise FileExistsError(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{region}-", dir=target.parent))
    try:
        df.reindex(columns=list(COLUMNS)).to_csv(tmp / "plan.csv", index=False, encoding="utf-8")
        if any(name == "programmes.csv" for name, _ in files):
            funding.reindex(columns=list(FUNDING_COLUMNS)).to_csv(tmp / "funding.csv", index=False, encoding="utf-8")
        for name, data in files:
            (tmp / name).write_bytes(data)
        old = None
        if target.exists():
            old = target.with_name(f".{region}-old-{os.getpid()}")
            os.replace(target, old)
        os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def load_plan(saved: Path, region: str) -> pd.DataFrame:
    """The editor table of a saved plan."""
    if not _KEY_RE.match(region):
        raise ValueError(f"not a plan id: {region!r}")
    df = pd.read_csv(plans_dir(saved) / region / "plan.csv", dtype=str, keep_default_na=False)
    df = df.reindex(columns=list(COLUMNS), fill_value="").fillna("")
    for col in ("base_year", "target_year"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    for flag in _FLAGS:   # "" in a plan saved before the column
        df[flag] = df[flag].astype(str).str.lower().isin(("true", "1"))
    return _cells(df)


def load_funding(saved: Path, region: str) -> pd.DataFrame:
    """The funding history of a saved plan (empty when it was saved without one)."""
    if not _KEY_RE.match(region):
        raise ValueError(f"not a plan id: {region!r}")
    path = plans_dir(saved) / region / "funding.csv"
    if not path.is_file():
        return blank_funding()
    return _cells(pd.read_csv(path, dtype=str, keep_default_na=False).reindex(columns=list(FUNDING_COLUMNS)).fillna(""))


__all__ = ["COLUMNS", "FUNDING_COLUMNS", "MIN_YEAR", "MAX_YEAR", "CellProblem", "plan_years", "blank_template", "blank_funding", "to_tables",
           "check_plan", "saved_plans", "save_plan", "load_plan", "load_funding"]
