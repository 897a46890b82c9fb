"""What ``talentsim extract`` does: read, extract, write the candidates and the region folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

import csv
import os
import re
from collections import Counter
from pathlib import Path

from forecast.extract.candidate import CANDIDATE_COLUMNS
from forecast.extract.extract import ExtractResult, extract_text
from forecast.extract.mapping import Mapped, to_region, write_region
from forecast.extract.read import ExtractError, read_path

if TYPE_CHECKING:
    from forecast.extract.candidate import Candidate


def region_slug(path: str | os.PathLike, region: str | None = None) -> str:
    """The region slug for ids: ``region`` if given and valid, else the file name's ASCII, else ``extracted``."""
    for cand in (region, Path(path).stem.lower()):
        if cand:
            slug = re.sub(r"[^a-z0-9_]+", "_", cand.lower()).strip("_")
            slug = re.sub(r"^[^a-z]+", "", slug)
            if slug:
                return slug[:40]
    return "extracted"


def write_candidates(result: ExtractResult, path: str | os.PathLike) -> Path:
    """Every candidate row, before any mapping (UTF-8 with BOM so spreadsheet programs read the Chinese)."""
    p = Path(path)
    with open(p, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, CANDIDATE_COLUMNS)
        w.writeheader()
        for c in result.candidates:
            w.writerow({k: ("" if v is None else v) for k, v in c.row().items()})
    return p


def run_extract(path: str | os.PathLike, *, out: str | os.PathLike | None = None,
                candidates: str | os.PathLike | None = None, region: str | None = None,
                doc_year: int | None = None, force: bool = False) -> tuple[ExtractResult, Mapped | None, str]:
    """Read and extract one document, write what was asked; return the result, the mapping and a summary."""
    for target in (out, candidates):
        if target is not None and Path(target).exists() and not force and \
                (Path(target).is_file() or any(Path(target).glob("*.csv"))):
            raise ExtractError("out_exists", f"{target} already exists; give --force to replace it")
    text = read_path(path)
    result = extract_text(text, name=os.fspath(path), doc_year=doc_year)
    if candidates is not None:
        write_candidates(result, candidates)
    if not result.candidates:
        return result, None, f"{Path(path).name}: empty proposal: {result.reason}"
    mapped = to_region(result.candidates, region_slug(path, region), Path(path).name)
    if out is not None:
        write_region(mapped, out)
    return result, mapped, summary(path, result, mapped)


def summary(path: str | os.PathLike, result: ExtractResult, mapped: Mapped) -> str:
    """A few lines: what was found, what was kept, what was left out and why."""
    n = len(result.candidates)
    tables = sum(1 for c in result.candidates if c.source == "table")
    kinds = Counter(c.kind for c in result.candidates)
    why = Counter(reason for _, reason in mapped.skipped)
    lines = [f"{Path(path).name}: {n} candidate rows ({tables} from tables, {n - tables} from sentences; "
             f"{kinds['target']} targets, {kinds['outcome']} outcomes, {kinds['base']} bases); document year "
             f"{result.doc_year}, outcomes up to {result.ref_year}",
             f"region folder: {len(mapped.indicators)} indicators "
             f"({int((mapped.indicators['target_status'] == 'stated').sum()) if len(mapped.indicators) else 0} "
             f"with a target), {len(mapped.observations)} observations"]
    lines += [f"left out {k}: {v}" for k, v in why.most_common()]
    return "\n".join(lines)


#: years a five-year plan ends (or a longer vision reaches): a figure for one of them is a plan figure
PLAN_YEARS = frozenset(range(2005, 2051, 5))


def plan_statements(text: str, name: str = "") -> list:
    """The candidates of a document that belong to five-year plans: a figure for a plan year
    (2015, 十四五 → 2025, 到2035年 …), a 年均 rate or a cumulative total; what the outcome-base
    build scripts print for a person to confirm."""
    res = extract_text(text, name=name)
    return [c for c in res.candidates if c.year in PLAN_YEARS or c.per_year or c.total]


def statement_line(c: Candidate) -> str:
    """One candidate as a line to read: ``line: name value unit comparator year kind | quote``."""
    flags = "".join(f for f, on in ((" 年均", c.per_year), (" 累计", c.total), (" 力争", c.strive)) if on)
    high = f"-{c.value_high:g}" if c.value_high is not None else ""
    return (f"{c.line}: {c.indicator_zh} {c.value:g}{high} {c.unit} {c.comparator} {c.year} {c.kind}{flags} | "
            f"{c.quote[:300]}")


__all__ = ["run_extract", "write_candidates", "region_slug", "summary", "plan_statements", "statement_line",
           "PLAN_YEARS"]
