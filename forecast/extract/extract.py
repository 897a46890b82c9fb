"""Text → candidate rows: tables first, then the sentences of every line no table used."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from forecast.extract.candidate import Candidate
from forecast.extract.numbers import has_lost_dashes, normalize
from forecast.extract.read import read_path
from forecast.extract.sentences import _Context, extract_line
from forecast.extract.tables import find_tables, table_candidates
from forecast.extract.years import guess_doc_year, reference_year


#: a line that may hold a number or set the year context (digits, Chinese numerals, 今年/去年 …)
_MAYBE = re.compile(r"[0-9０-９〇零一二两三四五六七八九十百千]|今年|去年|上年|明年|翻番")


@dataclass
class ExtractResult:
    """The candidates of one document, the years used to read it, and why it is empty if it is."""

    candidates: list[Candidate] = field(default_factory=list)
    doc_year: int | None = None
    ref_year: int | None = None
    reason: str = ""


def extract_text(text: str, *, name: str = "", doc_year: int | None = None,
                 ref_year: int | None = None) -> ExtractResult:
    """Every quantified statement in ``text`` (lines numbered from 1).

    ``doc_year`` (the year the document was issued) is read from ``name`` (``2021.md``) or
    the text when not given; ``ref_year`` is the last year of outcomes (a plan's base year,
    the year before a work report).
    """
    doc_year = doc_year or guess_doc_year(text, name)
    ref_year = ref_year or reference_year(text, doc_year, name)
    lines = text.split("\n")
    out: list[Candidate] = []
    used: set[int] = set()
    for t in find_tables(lines):
        cands = table_candidates(t, ref_year)
        if cands:
            out.extend(cands)
            used |= t.lines
    lost = has_lost_dashes(normalize(text))
    ctx = _Context(doc_year, ref_year, default_year=ref_year)
    for no, line in enumerate(lines, start=1):
        if no in used or not _MAYBE.search(line):
            continue
        out.extend(extract_line(line, normalize(line), no, ctx, lost_dashes=lost))
    out.sort(key=lambda c: c.line)
    reason = "" if out else "no quantified indicator statement (a number with a unit after a name) was found"
    return ExtractResult(out, doc_year, ref_year, reason)


def extract_file(path: str | os.PathLike, **kw) -> ExtractResult:
    """:func:`extract_text` of a .txt/.md/.docx/.pdf file (ExtractError when it cannot be read)."""
    return extract_text(read_path(path), name=os.fspath(path), **kw)


__all__ = ["ExtractResult", "extract_text", "extract_file"]
