"""Excel workbook of a comparison (openpyxl): summary, quantiles, assumptions, sources.

Every string goes through :func:`safe_text` before it reaches a cell, so a scenario name
such as ``=HYPERLINK("http://x","y")`` is shown as text, never run as a formula
(CSV/formula injection, OWASP).
"""

from __future__ import annotations

import io
import math
import re
from typing import TYPE_CHECKING, Any, Optional

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from forecast.text import clean_text
from scenarios.compare import Comparison
from scenarios.levers import LEVERS
from talentsim.export import facts, story, tables
from talentsim.export.tables import header as H
from talentsim.messages import t
from talentsim.messages.numbers import COUNT_UNITS

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset
    from openpyxl.worksheet.worksheet import Worksheet

#: First characters that make Excel, LibreOffice or Sheets read a cell as a formula or command.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
_PCT = "0.0%"
_HEAD_FILL = PatternFill("solid", fgColor="DDE6F3")


def sheet_name(key: str, lang: str) -> str:
    """Worksheet title from the message catalogue's exports section (``sheet_<key>``)."""
    return t(f"sheet_{key}", lang)


def safe_text(value: str) -> str:
    """Text for CSV-like targets that have no cell types: a leading ``= + - @``, tab or CR gets
    a ``'`` prefix. Workbook cells use :func:`put` instead (no visible apostrophe)."""
    value = clean_text(value, multiline=True)  # openpyxl refuses control characters (IllegalCharacterError)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def risky(text: str) -> bool:
    """Text a spreadsheet would run as a formula or command (starts with ``= + - @``, tab, CR, LF)."""
    return text.startswith(FORMULA_PREFIXES)


def _round(x: float, sig: int = 6) -> float:
    """Float noise of float32 paths (1.989999771 -> 1.99) removed; 6 significant digits kept."""
    return float(f"{x:.{sig}g}")


def cell_value(value: object) -> Any:
    """What goes into a cell: numbers as numbers (NaN -> empty, 6 significant digits), text as text."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return _round(float(value)) if math.isfinite(float(value)) else None
    return clean_text(str(value), multiline=True)  # openpyxl refuses control characters


def put(ws: Worksheet, row: int, col: int, value: object, fmt: Optional[str] = None) -> Any:
    """Write one cell. Text that could run as a formula is stored as a string cell with
    ``quotePrefix`` (Excel shows it as typed, no visible apostrophe, never evaluates it)."""
    v = cell_value(value)
    c = ws.cell(row=row, column=col)
    c.value = v
    if isinstance(v, str):
        c.data_type = "s"
        if risky(v):
            c.quotePrefix = True
    elif fmt:
        c.number_format = fmt
    return c


def unit_format(unit: str) -> str:
    """Number format for values in ``unit``: whole counts for people, firms, items; one decimal
    for %; up to three decimals otherwise (万人, 亿元, rates)."""
    if unit in COUNT_UNITS:
        return "#,##0"
    return "0.0" if unit == "%" else "#,##0.0##"


def _write(ws, columns: list[tuple[str, str, Optional[str]]], df: pd.DataFrame, *,
           widths: dict[int, float] | None = None, formats: Optional[list[str]] = None) -> None:
    """One table per sheet: header row + data; ``columns`` = (frame column, header, number format),
    a format ``"unit"`` means the row's unit format (``formats[i]``). Sets print setup."""
    for j, (_, head, _) in enumerate(columns, start=1):
        c = put(ws, 1, j, head)
        c.font = Font(bold=True)
        c.fill = _HEAD_FILL
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for i, rec in enumerate(df.to_dict("records"), start=2):
        for j, (col, _, fmt) in enumerate(columns, start=1):
            put(ws, i, j, rec[col], formats[i - 2] if fmt == "unit" and formats else fmt)
    ws.freeze_panes = ws.cell(row=2, column=2)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{1 + max(len(df), 1)}"
    for j, (col, head, _) in enumerate(columns, start=1):
        if widths and j in widths:
            w = widths[j]
        else:
            texts = [head] + [str(v) for v in df[col].head(200)]
            w = min(60, max(8, max(_display_width(t) for t in texts) + 2))
        ws.column_dimensions[get_column_letter(j)].width = w
    print_setup(ws)


def print_setup(ws: Worksheet) -> None:
    """Landscape A4, fit to one page wide, header row repeated on every printed page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _display_width(text: str) -> int:
    """Columns a text needs: CJK characters are about twice as wide as Latin ones."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _summary(wb: Workbook, cmp: Comparison, lang: str, obs: pd.DataFrame) -> None:
    ws = wb.create_sheet(sheet_name("summary", lang))
    scen = facts.names(cmp, lang)
    f = facts.indicator_facts(cmp, obs, lang)
    tbl = cmp.table().set_index("id")
    s0 = tables.summary_of(cmp.sims[0]).set_index("id")
    f["unit_text"] = [facts.unit_text(u, lang) for u in f["unit"]]
    f["target_value"] = [s0.loc[i, "target_value"] for i in f["id"]]
    f["base_value"] = [s0.loc[i, "base_value"] for i in f["id"]]
    pp = t("deck_pp", lang)
    cols = [("id", H("id", lang), None), ("name", H("name", lang), None), ("unit_text", H("unit", lang), None),
            ("target", H("target", lang), None), ("target_value", H("value", lang), "unit"),
            ("target_year", H("target_year", lang), "0"), ("base_year", H("base_year", lang), "0"),
            ("base_value", H("base", lang), "unit"), ("points", t("xlsx_points", lang), "0"),
            ("basis", t("deck_rests_on", lang), None), ("required", f"{t('deck_required', lang)} {t('xlsx_growth_unit', lang)}", "+0.0;-0.0;0.0")]
    for k, n in enumerate(scen):
        cols += [(f"p{k}", f"{H('p_hit', lang)}: {n}", _PCT), (f"se{k}", f"{H('p_hit_se', lang)}: {n}", _PCT),
                 (f"lo{k}", f"{t('xlsx_model_lo', lang)}: {n}", _PCT), (f"hi{k}", f"{t('xlsx_model_hi', lang)}: {n}", _PCT),
                 (f"proj{k}", f"{t('deck_projected', lang)}: {n} {t('xlsx_growth_unit', lang)}", "+0.0;-0.0;0.0")]
    for k, (raw, n) in enumerate(zip(cmp.names[1:], scen[1:]), start=1):
        f[f"d{k}"] = [tbl.loc[i, f"diff[{raw}]"] * 100 for i in f["id"]]
        f[f"dse{k}"] = [tbl.loc[i, f"diff_se[{raw}]"] * 100 for i in f["id"]]
        cols += [(f"d{k}", f"Δ {n} − {scen[0]} ({pp})", "+0.0;-0.0;0.0"), (f"dse{k}", f"{H('diff_se', lang)}: {n} ({pp})", "0.0")]
    _write(ws, cols, f, widths={2: 36, 10: 40}, formats=[unit_format(u) for u in f["unit"]])


def _argument(wb: Workbook, cmp: Comparison, lang: str, dataset: Any, obs: pd.DataFrame) -> None:
    """The first sheet: the argument that heads the deck and the HTML report."""
    ws = wb.active
    ws.title = sheet_name("argument", lang)
    a = story.for_export(cmp, lang) if dataset is None else \
        story.argument(cmp, facts.indicator_facts(cmp, obs, lang), lang)
    rows = pd.DataFrame([{"kind": t(k, lang), "text": x} for k, x in story.lines(a, lang)])
    _write(ws, [("kind", t("xlsx_what", lang), None), ("text", t("story_title", lang), None)], rows,
           widths={1: 30, 2: 140})


def _region(wb: Workbook, cmp: Comparison, lang: str) -> None:
    ws = wb.create_sheet(sheet_name("region", lang))
    reg = cmp.region_table()
    reg["name"] = facts.names(cmp, lang)
    reg["p_all_lo"], reg["p_all_hi"] = zip(*(s.p_all_range for s in cmp.sims))
    reg["e_lo"], reg["e_hi"] = zip(*(s.expected_met_range for s in cmp.sims))
    cols = [("name", H("scenario", lang), None), ("targets", H("targets", lang), "0"),
            ("expected_met", H("expected_met", lang), "0.00"), ("e_lo", t("xlsx_model_lo", lang), "0.00"),
            ("e_hi", t("xlsx_model_hi", lang), "0.00"), ("p_all", H("p_all", lang), _PCT),
            ("p_all_se", H("p_all_se", lang), _PCT), ("p_all_lo", t("xlsx_model_lo", lang), _PCT),
            ("p_all_hi", t("xlsx_model_hi", lang), _PCT)]
    _write(ws, cols, reg)


def _scenarios(wb: Workbook, cmp: Comparison, lang: str, dataset: Any) -> None:
    import talentsim

    ws = wb.create_sheet(sheet_name("scenarios", lang))
    fr = tables.scenario_facts(cmp)
    fr["scenario"] = facts.names(cmp, lang)
    fr["description"] = [facts.description_here(s, lang) for s in cmp.sims]
    fr["region"] = [facts.region_name(r, lang, s.scenario.data_dir) for r, s in zip(fr["region"], cmp.sims)]
    fr["version"] = talentsim.__version__
    fr["data_hash"] = facts.data_hash(cmp, dataset)
    cols = [(k, H(k, lang), fmt) for k, fmt in (("scenario", None), ("description", None), ("region", None),
                                                 ("horizon", "0"), ("as_of", "0"), ("seed", "0"), ("paths", "#,##0"),
                                                 ("override", None))]
    cols += [("version", t("xlsx_version", lang), None), ("data_hash", t("xlsx_data_hash", lang), None)]
    _write(ws, cols, fr, widths={2: 70})


def _quantiles(wb: Workbook, cmp: Comparison, lang: str) -> None:
    ws = wb.create_sheet(sheet_name("quantiles", lang))
    q = tables.quantiles(cmp)
    q["scenario"] = q["scenario"].map(dict(zip(cmp.names, facts.names(cmp, lang))))
    q["unit_text"] = [facts.unit_text(u, lang) for u in q["unit"]]
    qcols = [c for c in q.columns if re.fullmatch(r"q\d\d", c)]
    cols = [("scenario", H("scenario", lang), None), ("id", H("id", lang), None),
            ("name_zh" if lang == "zh" else "name_en", H("name", lang), None), ("unit_text", H("unit", lang), None),
            ("year", H("year", lang), "0")] + [(c, t("xlsx_quantile", lang, q=int(c[1:])), "unit") for c in qcols]
    _write(ws, cols, q, widths={3: 36}, formats=[unit_format(u) for u in q["unit"]])


def _assumptions(wb: Workbook, cmp: Comparison, lang: str) -> None:
    ws = wb.create_sheet(sheet_name("assumptions", lang))
    a = tables.assumptions(cmp)
    eff = facts.lever_effects(cmp)
    scen = facts.names(cmp, lang)
    a["unit_text"] = [facts.unit_text(u, lang) for u in a["unit"]]
    a["effect"] = [t(eff[k], lang) if eff.get(k) else t("deck_acts", lang) for k in a["key"]]
    nm = "name_zh" if lang == "zh" else "name_en"
    cols = [("key", H("key", lang), None), (nm, H("lever", lang), None), ("unit_text", H("unit", lang), None),
            ("default", H("default", lang), "General")]
    cols += [(raw, n, "General") for raw, n in zip(cmp.names, scen)]
    # the levers' source notes are written in English (with the documents' Chinese quotes): the
    # Chinese workbook gives each lever's explanation instead, in Chinese
    a["help"] = [LEVERS[k].help_zh if lang == "zh" else LEVERS[k].source for k in a["key"]]
    cols += [("effect", t("deck_effect", lang), None),
             ("help", t("head_description", lang) if lang == "zh" else H("source", lang), None)]
    a = pd.concat([a, _schedule_rows(cmp, lang, nm)], ignore_index=True)
    _write(ws, cols, a, widths={2: 30, len(cols) - 1: 40, len(cols): 80})


def _schedule_rows(cmp: Comparison, lang: str, nm: str) -> pd.DataFrame:
    """Assumption rows of the scenarios' yearly budgets (one row a year) and sector inflows (one
    row a sector), each scenario's value or blank where it sets none; none without schedules."""
    from talentsim.levertext import schedules_of

    sched = [schedules_of(sim.scenario, sim.setup) for sim in cmp.sims]
    years = sorted({int(y) for budget, _ in sched for y in budget})
    sectors = list(dict.fromkeys(i for _, inflow in sched for i, v in inflow.items() if v))
    names = dict(zip(cmp.sims[0].setup.indicators["id"], cmp.sims[0].setup.indicators[nm]))
    rows = []
    for key, label, unit, pick, help_key in (
            [(f"budget:{y}", t("xlsx_budget_year", lang, year=y), "亿元", (0, y), "sch_budget_cell") for y in years]
            + [(f"sector_inflow:{i}", t("xlsx_sector_inflow", lang, name=names.get(i, i)), "万人/年", (1, i),
                "sch_sector_cell") for i in sectors]):
        rec = {"key": key, nm: label, "unit_text": facts.unit_text(unit, lang), "default": None,
               "effect": t("deck_acts", lang), "help": t(help_key, lang)}
        for sim, s in zip(cmp.sims, sched):
            rec[sim.scenario.name] = s[pick[0]].get(pick[1])
        rows.append(rec)
    return pd.DataFrame(rows)


def _sources(wb: Workbook, cmp: Comparison, lang: str, obs: pd.DataFrame) -> None:
    ws = wb.create_sheet(sheet_name("sources", lang))
    s = tables.sources(cmp, obs, lang)
    cols = [("id", H("id", lang), None), ("kind", H("kind", lang), None), ("document", t("xlsx_document", lang), None),
            ("file", H("file", lang), None), ("quote", H("quote", lang), None)]
    _write(ws, cols, s, widths={1: 36, 2: 26, 3: 50, 4: 26, 5: 100})
    for row in ws.iter_rows(min_row=2, min_col=5, max_col=5):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")


def workbook(cmp: Comparison, *, lang: str = "zh", dataset: Dataset | None = None) -> Workbook:
    """The openpyxl workbook: one table per sheet (summary, region, scenarios, quantiles,
    assumptions, sources), printable landscape, one page wide."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    obs = tables.load_observations(cmp, dataset)
    wb = Workbook()
    _argument(wb, cmp, lang, dataset, obs)
    _summary(wb, cmp, lang, obs)
    _region(wb, cmp, lang)
    _scenarios(wb, cmp, lang, dataset)
    _quantiles(wb, cmp, lang)
    _assumptions(wb, cmp, lang)
    _sources(wb, cmp, lang, obs)
    return wb


def xlsx_bytes(cmp: Comparison, *, lang: str = "zh", dataset: Dataset | None = None) -> bytes:
    """The comparison as an .xlsx file (bytes, for a download button or ``Path.write_bytes``)."""
    buf = io.BytesIO()
    workbook(cmp, lang=lang, dataset=dataset).save(buf)
    return buf.getvalue()


__all__ = ["xlsx_bytes", "workbook", "safe_text", "cell_value", "put", "risky", "unit_format", "print_setup", "sheet_name", "FORMULA_PREFIXES"]
