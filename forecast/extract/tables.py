"""Indicator tables: markdown (and docx tables, read as markdown), tab- or space-separated rows (PDF text), and the
flattened tables of converted Word files (one cell per line, a blank line between rows).

A table is read when a header row names year columns (2020年, 2025年目标, 基数 …); each row
then gives a base (first year) and a target (a later year) with the row's unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from forecast.extract.candidate import Candidate
from forecast.extract.numbers import find_mentions, normalize

_YEAR_HEAD = re.compile(r"((?:19|20)\d\d)\s*年?")
_NAME_HEAD = re.compile(r"指\s*标(?!\s*属\s*性)|名\s*称|项\s*目|内\s*容")
_MISSING = re.compile(r"^\s*(?:\[略\]|略|—+|-+|/|／|\s*)\s*$")


@dataclass
class Table:
    """Rows of cells, each with the line it starts on."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)


def find_tables(lines: list[str]) -> list[Table]:
    """Markdown tables, tab-separated blocks and flattened one-cell-per-line blocks (1-based lines)."""
    out: list[Table] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.lstrip().startswith("|") and ln.count("|") >= 3:
            i = _markdown(lines, i, out)
        elif ln.startswith("\t"):
            i = _flattened(lines, i, out)
        elif ln.count("\t") >= 2:
            i = _tabbed(lines, i, out)
        elif _SPACED_HEAD.search(ln) and len(_YEAR_HEAD.findall(normalize(ln))) >= 2:
            i = _spaced(lines, i, out)
        else:
            i += 1
    return out


_SPACED_HEAD = re.compile(r"^\s*(?:序号\s+)?(?:指\s*标|项\s*目|主要指标)\s+")


def _spaced(lines: list[str], i: int, out: list[Table]) -> int:
    """A table whose cells are separated by spaces (text taken from a PDF): a header naming the
    indicator and year columns, then rows of at least three cells."""
    t = Table()
    head = re.sub(r"(\d{4})\s+年", r"\1年", re.sub(r"指\s+标", "指标", lines[i])).split()
    t.rows.append((i + 1, head))
    t.lines.add(i + 1)
    i += 1
    while i < len(lines) and len(lines[i].split()) >= 3 and re.search(r"\d", lines[i]):
        t.rows.append((i + 1, lines[i].split()))
        t.lines.add(i + 1)
        i += 1
    out.append(t)
    return i


def _markdown(lines: list[str], i: int, out: list[Table]) -> int:
    t = Table()
    while i < len(lines) and lines[i].lstrip().startswith("|"):
        cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
        t.lines.add(i + 1)
        if not all(re.fullmatch(r":?-{2,}:?|", c) for c in cells):
            t.rows.append((i + 1, cells))
        i += 1
    out.append(t)
    return i


def _tabbed(lines: list[str], i: int, out: list[Table]) -> int:
    t = Table()
    while i < len(lines) and lines[i].count("\t") >= 2:
        t.rows.append((i + 1, [c.strip() for c in lines[i].split("\t")]))
        t.lines.add(i + 1)
        i += 1
    out.append(t)
    return i


def _flattened(lines: list[str], i: int, out: list[Table]) -> int:
    t, cells, start, blank = Table(), [], i + 1, False
    while i < len(lines):
        ln = lines[i]
        if ln.startswith("\t"):
            if not cells:
                start = i + 1
            cells.append(ln[1:].strip())
            blank = False
        elif not ln.strip():
            if cells:
                t.rows.append((start, cells))
                cells = []
            elif blank:
                break
            blank = True
        elif cells and len(ln) < 80 and "。" not in ln:
            cells[-1] = (cells[-1] + " " + ln.strip()).strip()
        else:
            break
        t.lines.add(i + 1)
        i += 1
    if cells:
        t.rows.append((start, cells))
    out.append(t)
    return i


def _roles(header: list[str], ref_year: int | None) -> tuple[int | None, int | None, list[tuple[int, int, str]]]:
    """(name column, unit column, [(column, year, base|target)]) of a header row."""
    name_col = next((j for j, c in enumerate(header) if _NAME_HEAD.search(c) and "属性" not in c), None)
    unit_col = next((j for j, c in enumerate(header) if re.sub(r"\s", "", c) in ("单位", "计量单位")), None)
    years = []
    for j, c in enumerate(header):
        m = _YEAR_HEAD.search(normalize(c))
        if m and j != name_col:
            years.append((j, int(m.group(1)), c))
    out = []
    for n, (j, y, c) in enumerate(years):
        if "基" in c or "现状" in c or "实际" in c:
            kind = "base"
        elif "目标" in c or "预期" in c:
            kind = "target"
        elif len(years) > 1:    # a plan table: the first year is the base, later years are targets
            kind = "base" if n == 0 else "target"
        else:
            kind = "base" if ref_year is not None and y <= ref_year else "target"
        out.append((j, y, kind))
    return name_col, unit_col, out


def table_candidates(table: Table, ref_year: int | None) -> list[Candidate]:
    """One candidate per (row, year column) with a value; rows without a name are group headings."""
    hdr_at = next((k for k, (_, cells) in enumerate(table.rows[:4])
                   if sum(1 for c in cells if _YEAR_HEAD.search(normalize(c))) >= 1
                   and any(_NAME_HEAD.search(c) for c in cells)), None)
    if hdr_at is None:
        return []
    header = table.rows[hdr_at][1]
    name_col, unit_col, years = _roles(header, ref_year)
    if name_col is None or not years:
        return []
    out: list[Candidate] = []
    for line, cells in table.rows[hdr_at + 1:]:
        if len(cells) < len(header):
            cells = [""] * (len(header) - len(cells)) + cells
        elif len(cells) > len(header):          # a spaced row whose name held spaces
            k = len(cells) - len(header)
            cells = cells[:name_col] + [" ".join(cells[name_col:name_col + k + 1])] + cells[name_col + k + 1:]
        name = re.sub(r"\s+", "", cells[name_col])
        if not name or re.fullmatch(r"[一二三四五六七八九十]+、.*", name) and not any(cells[j] for j, _, _ in years):
            continue
        unit = re.sub(r"\s+", "", cells[unit_col]) if unit_col is not None and unit_col < len(cells) else ""
        quote = " ".join(c for c in cells[name_col:] if c)
        for j, year, kind in years:
            c = _cell(cells[j] if j < len(cells) else "", name, unit, year, kind, quote, line)
            if c:
                out.append(c)
    return out


def _cell(text: str, name: str, unit: str, year: int, kind: str, quote: str, line: int) -> Candidate | None:
    if _MISSING.match(text):
        return None
    ms = find_mentions(normalize(text).replace(" ", ""), bare=True)
    if not ms:
        return None
    m = ms[0]
    comp = {"≥": ">=", ">": ">=", "超过": ">=", "≤": "<=", "<": "<="}.get(m.pre, "")
    if not comp:
        comp = "about" if m.post in ("左右",) or m.pre == "约" else "<=" if m.post in ("以下", "以内") else \
            ">=" if kind == "target" or m.post == "以上" else "="
    per_year = "年均" in name or "年均" in text
    return Candidate(name, unit or m.unit, m.value, comp, year, kind, per_year, quote, line, m.value_high,
                     False, m.bracketed, "table")


__all__ = ["Table", "find_tables", "table_candidates"]
