"""Excel workbook of a comparison (openpyxl): summary, quantiles, assumptions, sources.

Every string goes through :func:`safe_text` before it reaches a cell, so a scenario name
such as ``=HYPERLINK("http://x","y")`` is shown as text, never run as a formula
(CSV/formula injection, OWASP).
"""

from __future__ import annotations

import io
import math
from datetime import date
from typing import Any, Optional

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from scenarios.compare import Comparison
from talentsim.export import tables
from talentsim.export.tables import header as H
from talentsim.messages import t

#: First characters that make Excel, LibreOffice or Sheets read a cell as a formula or command.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
_PCT = "0.0%"
_HEAD_FILL = PatternFill("solid", fgColor="DDE6F3")


def sheet_name(key: str, lang: str) -> str:
    """Worksheet title from the message catalogue's exports section (``sheet_<key>``)."""
    return t(f"sheet_{key}", lang)


def safe_text(value: str) -> str:
    """Text that a spreadsheet shows as typed: a leading ``= + - @``, tab or CR gets a ``'`` prefix."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def cell_value(value: Any) -> Any:
    """What goes into a cell: numbers as numbers (NaN -> empty), every string made safe."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(float(value)) else None
    return safe_text(str(value))


def _write(ws, columns: list[tuple[str, str, Optional[str]]], df: pd.DataFrame, *, widths: dict[int, float] | None = None,
           start_row: int = 1) -> None:
    """Header row + data; ``columns`` = (frame column, header text, number format or None)."""
    for j, (_, head, _) in enumerate(columns, start=1):
        c = ws.cell(row=start_row, column=j, value=cell_value(head))
        c.font = Font(bold=True)
        c.fill = _HEAD_FILL
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for i, rec in enumerate(df.to_dict("records"), start=start_row + 1):
        for j, (col, _, fmt) in enumerate(columns, start=1):
            c = ws.cell(row=i, column=j, value=cell_value(rec[col]))
            if fmt:
                c.number_format = fmt
    ws.freeze_panes = ws.cell(row=start_row + 1, column=2)
    ws.auto_filter.ref = f"A{start_row}:{get_column_letter(len(columns))}{start_row + max(len(df), 1)}"
    for j, (col, head, _) in enumerate(columns, start=1):
        if widths and j in widths:
            w = widths[j]
        else:
            texts = [head] + [str(v) for v in df[col].head(200)]
            w = min(60, max(8, max(_display_width(t) for t in texts) + 2))
        ws.column_dimensions[get_column_letter(j)].width = w


def _display_width(text: str) -> int:
    """Columns a text needs: CJK characters are about twice as wide as Latin ones."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _summary(wb: Workbook, cmp: Comparison, lang: str) -> None:
    ws = wb.active
    ws.title = sheet_name("summary", lang)
    table = tables.overview(cmp)
    names = cmp.names
    cols = [("id", H("id", lang), None), ("name_zh", H("name_zh", lang), None), ("name_en", H("name_en", lang), None),
            ("unit", H("unit", lang), None), ("target", H("target", lang), None),
            ("target_op", "op", None), ("target_value", H("value", lang), "#,##0.###"),
            ("target_year", H("target_year", lang), "0"), ("base_year", H("base_year", lang), "0"),
            ("base_value", H("base", lang), "#,##0.###"), ("model", H("model", lang), None)]
    for n in names:
        cols.append((f"p_hit[{n}]", f"{H('p_hit', lang)} {n}", _PCT))
        cols.append((f"p_hit_se[{n}]", f"{H('p_hit_se', lang)} {n}", _PCT))
    for n in names[1:]:
        cols.append((f"diff[{n}]", f"{H('diff', lang)} {n} − {names[0]}", _PCT))
        cols.append((f"diff_se[{n}]", f"{H('diff_se', lang)} {n}", _PCT))
    _write(ws, cols, table, widths={2: 36, 3: 40})
    # below the table: the region's joint attainment per scenario
    facts = tables.scenario_facts(cmp)
    r0 = len(table) + 3
    _write_block(ws, r0, [H("scenario", lang), H("targets", lang), H("expected_met", lang), H("p_all", lang),
                          H("p_all_se", lang)],
                 [[f["scenario"], f["targets"], f["expected_met"], f["p_all"], f["p_all_se"]] for f in facts.to_dict("records")],
                 formats=[None, "0", "0.00", _PCT, _PCT])
    note = t("xlsx_note", lang, paths=f"{cmp.sims[0].n_paths:,}", seed=cmp.sims[0].scenario.seed, ref=names[0],
             date=f"{date.today():%Y-%m-%d}")
    ws.cell(row=r0 + len(facts) + 2, column=1, value=cell_value(note))


def _write_block(ws, r0: int, head: list[str], rows: list[list[Any]], formats: list[Optional[str]]) -> None:
    for j, h in enumerate(head, start=1):
        c = ws.cell(row=r0, column=j, value=cell_value(h))
        c.font = Font(bold=True)
        c.fill = _HEAD_FILL
    for i, row in enumerate(rows, start=r0 + 1):
        for j, (v, fmt) in enumerate(zip(row, formats), start=1):
            c = ws.cell(row=i, column=j, value=cell_value(v))
            if fmt:
                c.number_format = fmt


def _quantiles(wb: Workbook, cmp: Comparison, lang: str) -> None:
    ws = wb.create_sheet(sheet_name("quantiles", lang))
    q = tables.quantiles(cmp)
    qcols = [c for c in q.columns if c.startswith("q")]
    cols = [("scenario", H("scenario", lang), None), ("id", H("id", lang), None),
            ("name_zh" if lang == "zh" else "name_en", H("name", lang), None), ("unit", H("unit", lang), None),
            ("year", H("year", lang), "0")] + [(c, f"P{c[1:]}", "#,##0.###") for c in qcols]
    _write(ws, cols, q, widths={3: 36})


def _assumptions(wb: Workbook, cmp: Comparison, lang: str) -> None:
    ws = wb.create_sheet(sheet_name("assumptions", lang))
    a = tables.assumptions(cmp)
    cols = [("key", H("key", lang), None), ("name_zh", H("name_zh", lang), None), ("name_en", H("name_en", lang), None),
            ("group", H("group", lang), None), ("unit", H("unit", lang), None), ("default", H("default", lang), "General")]
    cols += [(n, n, "General") for n in cmp.names]
    cols += [("source", H("source", lang), None)]
    _write(ws, cols, a, widths={len(cols): 80})
    facts = tables.scenario_facts(cmp)
    keys = ["scenario", "description", "region", "horizon", "seed", "paths", "override"]
    r0 = len(a) + 3
    _write_block(ws, r0, [H(k, lang) for k in keys], [[f[k] for k in keys] for f in facts.to_dict("records")],
                 formats=[None, None, None, "0", "0", "#,##0", None])


def _sources(wb: Workbook, cmp: Comparison, lang: str, dataset: Any) -> None:
    ws = wb.create_sheet(sheet_name("sources", lang))
    s = tables.sources(cmp, tables.load_observations(cmp, dataset))
    cols = [("id", H("id", lang), None), ("kind", H("kind", lang), None), ("file", H("file", lang), None),
            ("quote", H("quote", lang), None)]
    _write(ws, cols, s, widths={1: 36, 2: 26, 3: 26, 4: 100})
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")


def workbook(cmp: Comparison, *, lang: str = "zh", dataset: Any = None) -> Workbook:
    """The openpyxl workbook (sheets: summary, quantiles, assumptions, sources)."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    wb = Workbook()
    _summary(wb, cmp, lang)
    _quantiles(wb, cmp, lang)
    _assumptions(wb, cmp, lang)
    _sources(wb, cmp, lang, dataset)
    return wb


def xlsx_bytes(cmp: Comparison, *, lang: str = "zh", dataset: Any = None) -> bytes:
    """The comparison as an .xlsx file (bytes, for a download button or ``Path.write_bytes``)."""
    buf = io.BytesIO()
    workbook(cmp, lang=lang, dataset=dataset).save(buf)
    return buf.getvalue()


__all__ = ["xlsx_bytes", "workbook", "safe_text", "cell_value", "sheet_name", "FORMULA_PREFIXES"]
