"""Problems found in a dataset, and the one exception that carries them all.

Every problem has a ``code`` and its ``fields`` (the file's own words: values, columns,
lines) besides its English ``message``: :data:`MESSAGES` holds the English wording of each
code, and the product shell writes the same problem in other languages from the code
(talentsim's catalogue, section ``dataerrors``) without parsing English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence


@dataclass(frozen=True)
class Problem:
    """One validation problem.

    Attributes
    ----------
    file : name of the file (``book.xlsx[Sheet]`` for a workbook sheet).
    line : 1-based line in the CSV counting the header (data row *i* is line *i + 2*),
        or the sheet row number for ``.xlsx``; ``None`` when the problem is not about a row.
    column : column name, or ``None``.
    message : what was found and what was expected (English).
    code : key of :data:`MESSAGES` ("" for a message written directly), and
    fields : the values its wording is filled with, as (name, value) pairs.
    """

    file: str
    line: int | None
    column: str | None
    message: str
    code: str = ""
    fields: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        # a message quotes the offending cell; a hostile cell must not make it huge
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", self.message[:MAX_MESSAGE] + "…")
        if len(self.file) > 300:
            object.__setattr__(self, "file", self.file[:300] + "…")

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class DataError(ValueError):
    """Raised when a dataset does not load.

    ``.problems`` lists the first ``MAX_PROBLEMS`` problems in file and line order and, if
    there were more, one last problem counting the rest; ``.total`` counts them all. A
    file with 20,000 bad rows gives a readable message, not a gigabyte one.
    """

    def __init__(self, problems: Iterable[Problem]):
        ordered = sorted(problems, key=lambda p: (p.message.startswith(_REST), p.file,
                                                  p.line if p.line is not None else -1, p.column or ""))
        self.total = sum(_count(p) for p in ordered)
        self.problems: list[Problem] = cap_problems(ordered)
        head = f"{self.total} data problem{'s' if self.total != 1 else ''}:"
        super().__init__("\n".join([head, *("  " + str(p) for p in self.problems)]))


MAX_PROBLEMS = 50     #: problems listed in one report; the rest are counted
MAX_MESSAGE = 500     #: characters of one problem's message
_REST = "... and "


#: English wording of every problem code; ``{fields}`` as passed to :func:`problem`
MESSAGES: dict[str, str] = {
    # reading a file (reader.py, limits.py, load.py)
    "zip_not_xlsx": "this is a zip archive but not an Excel .xlsx workbook; expected a CSV file or an .xlsx workbook",
    "file_png": "this file is a PNG image, not data; expected a CSV file or an .xlsx workbook",
    "file_pdf": "this file is a PDF document, not data; expected a CSV file or an .xlsx workbook",
    "file_jpeg": "this file is a JPEG image, not data; expected a CSV file or an .xlsx workbook",
    "file_gif": "this file is a GIF image, not data; expected a CSV file or an .xlsx workbook",
    "file_xls": "this file is an old binary Excel/Office file (.xls/.doc); save it as .xlsx or CSV, not data; "
                "expected a CSV file or an .xlsx workbook",
    "file_gzip": "this file is a gzip archive, not data; expected a CSV file or an .xlsx workbook",
    "file_7z": "this file is a 7z archive, not data; expected a CSV file or an .xlsx workbook",
    "file_rar": "this file is a RAR archive, not data; expected a CSV file or an .xlsx workbook",
    "nul_bytes": "the file contains NUL bytes: it is binary (or UTF-16), not a CSV; expected a UTF-8 or GBK CSV "
                 "file or an .xlsx workbook",
    "bad_encoding": "cannot decode the file as UTF-8 or GB18030/GBK; save it as UTF-8 CSV (or .xlsx)",
    "not_text": "the file is not text (many control characters); expected a CSV file or an .xlsx workbook",
    "csv_unreadable": "not readable as CSV ({detail})",
    "too_many_cells": "{n} cells in one row (at most {max}); remove the extra columns",
    "too_many_rows": "more than {max} rows; split the file or remove rows that are not data",
    "xlsx_unreadable": "cannot read the Excel workbook ({kind}: {detail}); expected a valid .xlsx file",
    "xlsx_bad_zip": "not a readable .xlsx workbook ({kind})",
    "xlsx_parts": "workbook refused before reading: it holds {n} parts (at most {max})",
    "xlsx_size": "workbook refused before reading: it unpacks to {mb} MB (at most {max} MB); a plan dataset is "
                 "far smaller — remove unused sheets, rows or formatting",
    "xlsx_sheets": "workbook refused before reading: it has {n} sheets (at most {max})",
    "sheets_ambiguous": "several sheets look like the {table} table ({sheets}); keep one",
    "no_sheets": "the workbook has no sheets",
    "swallowed_one": 'a quote (") opens a cell here that runs on to line {to_line}: {n} line became part of one '
                     "cell; remove the stray quote or close it",
    "swallowed_many": 'a quote (") opens a cell here that runs on to line {to_line}: {n} lines became part of one '
                      "cell; remove the stray quote or close it",
    "formula_external": "cell {cell} takes its value from another workbook (external link {formula}); type the "
                        "value itself",
    "formula_unsaved": "cell {cell} holds a formula without a saved result ({formula}); open and save the file in "
                       "Excel, or type the value",
    "cannot_read": "cannot read the file: {detail}",
    "single_file_xlsx": "a single-file dataset must be an .xlsx workbook with one sheet per table; for CSV use a folder",
    "no_sheet_for": "no sheet holds the {table} table; expected a sheet with columns {columns}",
    "file_not_found": "file not found in {folder}; the folder needs {indicators} and {observations}",
    "no_such_path": "no such folder or .xlsx file",
    "table_missing": "the {table} table is missing; expected the columns {columns}",
    # the header and the cells (cells.py, schema.py)
    "empty_file": "the file is empty (no header row); expected the {table} columns {columns}",
    "duplicate_column": "column '{column}' appears more than once in the header",
    "missing_column": "missing required column '{column}'; the {table} table needs columns {columns}",
    "missing_column_kind": "missing required column '{column}'; the {table} table needs columns {columns} (the old "
                           "'kind' column stock/ratio is replaced by 'type': people, share, rate, organisations, "
                           "money, count or other; see data/README.md)",
    "missing_column_plain": "missing required column '{column}'",
    "not_year": "'{value}' is not a year; expected a four-digit year such as 2025",
    "too_large": "{value} is outside the possible range; expected a number of magnitude at most {max} in the "
                 "document's unit (a talent count, a money amount in 亿元 or a share: no real figure is larger)",
    "too_long": "{column} is {n} characters long; at most {max} (a name is shown on every chart and slide)",
    "not_number": "'{value}' is not a number; expected a plain number such as 96 or 8.89",
    "not_number_unit": "'{value}' is not a number; expected a plain number such as 96 or 8.89 (write the unit in "
                       "the indicator's unit column, and ranges in *_low/*_high)",
    "bool_empty": "empty cell; expected true or false",
    "not_bool": "'{value}' is not true/false; expected true or false",
    "bad_comparator": "comparator '{value}' is not allowed; expected one of {allowed}",
    "bad_comparator_ge": "comparator '{value}' is not allowed; expected one of {allowed} (did you mean '>='?)",
    "bad_comparator_le": "comparator '{value}' is not allowed; expected one of {allowed} (did you mean '<='?)",
    "bad_unit": "unknown unit '{value}'; expected one of {allowed} (keep the document's unit; extend "
                "forecast.data.UNITS if a document really uses another)",
    "not_allowed": "'{value}' is not an allowed {column}; expected one of {allowed}",
    "bad_region": "'{value}' is not a region like 'tianhe' (lower-case ascii, digits, _)",
    "bad_id": "'{value}' is not an id like 'region.slug' (lower-case ascii snake_case, one dot)",
    "year_range": "year {value} is outside {low}–{high}",
    "empty_cell": "empty {column}; a value is required",
    "empty_quote": "empty {column}; a value is required (every row needs the verbatim sentence it comes from)",
    "wrong_type": "column has the wrong type ({check}); expected {expected}",
    "check_failed": "{check} failed for {value}",
    # the rows (rules.py)
    "duplicate_id": "duplicate id '{value}'; ids must be unique in {table_file}",
    "duplicate_region": "region '{value}' has more than one row; one row per region",
    "duplicate_region_name": "the name '{value}' belongs to more than one region ({others}); give each region its "
                             "own name (the picker is searched by name)",
    "region_not_listed": "region '{value}' has no row in {table_file} (name_zh, name_en, level, plan)",
    "region_mismatch": "region '{region}' does not match the id prefix of '{id}'",
    "stated_no_value": "target_status is 'stated' but there is no target_value (or target_low/target_high); expected "
                       "the stated number",
    "stated_no_op": "target_status is 'stated' but target_op is empty; expected one of {allowed}",
    "target_not_empty": "target_status is '{status}' but a target value is given; a redacted or absent target must "
                        "be empty (never 0)",
    "band": "target_band_pct {value} needs target_op '=' (an 'about' target) and a value in 0..50 (per cent either "
            "side)",
    "target_low_high": "target_low {low} is above target_high {high}",
    "target_year_low": "target_year_low {low} is after target_year {year}",
    "redacted_value": "status is 'redacted' but value is {value}; a redacted value must be empty (missing, never 0)",
    "empty_value": "status is '{status}' but value is empty; expected a number (use status 'redacted' for withheld "
                   "figures)",
    "derived_note": "a derived value needs a note with the arithmetic",
    "only_row_preferred": "the only row for ({id}, {year}) must have preferred=true",
    "duplicate_year": "duplicate ({id}, {year}) (lines {lines}) without a note; keep two values for one year only "
                      "when every row has a note saying which figure disagrees",
    "preferred_count": "({id}, {year}) has {n} rows (lines {lines}) and {n_pref} marked preferred; expected exactly "
                       "one preferred=true",
    "amount_unit": "an amount needs an amount_unit (万元 or 亿元)",
    "low_above_high": "{low_col} {low} is above {high_col} {high}",
    "to_year": "to_year {to} is not after from_year {from_}",
    "control_chars": "contains control or invisible characters ({chars}); expected plain text",
    "range_share": "{value} is outside the possible range of a share (0–100 %)",
    "range_nonneg": "{value} is outside the possible range of a {type} figure (not negative)",
    "range_amount": "{value} is outside the possible range of an amount (> 0 and below 10^9)",
    "range_period": "{value} is outside the possible range of a period in years (> 0)",
    "range_persons": "{value} is outside the possible range of a number of persons (> 0)",
    "range_growth": "{value} is outside the possible range of a growth rate (above -100 %)",
    "growth_rate_unit": "a growth_rate indicator is a growth rate in %; unit {value} is not %",
    "relation_self": "a relation links '{id}' to itself; child and parent must differ",
    "relation_share": "{value} is outside the possible range of a share (0–1) for part_of / sector_of",
    "relation_elasticity": "{value} is outside the accepted range of an elasticity (0–5) for numerator_of / "
                           "denominator_of",
    "relation_coef_range": "coef {value} lies outside its range coef_low {low} – coef_high {high}",
    "relation_sector_sum": "the sectors of '{parent}' have {column} adding up to {total} (lines {lines}); shares of "
                           "one parent add up to at most 1",
    "relation_cycle": "'{id}' is, through part_of / sector_of relations, part of itself",
    "relation_twice": "'{child}' is related to '{parent}' a second time in the same role; one relation per pair "
                      "(part_of or sector_of, numerator_of, denominator_of), or its people count twice",
    "relation_types": "{kind} needs {want} as parent and a people stock as child; '{child}' is {child_type}, "
                      "'{parent}' is {parent_type}",
    "unknown_obs_id": "observation id '{value}' is not in {table_file}",
    "unknown_ref": "{column} '{value}' is not in {table_file}",
    "more_problems": "... and {n} more problems (fix the ones above and check again)",
}


def problem(file: str, line: int | None, column: str | None, code: str, /, **fields: object) -> Problem:
    """A Problem worded by :data:`MESSAGES` ``[code]``; a cell's text in ``fields`` is cut to 200
    characters (a hostile cell must not make a message huge)."""
    fields = {k: (v[:200] + "…" if isinstance(v, str) and len(v) > 200 else v) for k, v in fields.items()}
    return Problem(file, line, column, MESSAGES[code].format(**fields), code, tuple(fields.items()))


def _count(p: Problem) -> int:
    """1, or the number of problems a "... and N more" line stands for."""
    if p.message.startswith(_REST):
        try:
            return int(p.message[len(_REST):].split(" ", 1)[0].replace(",", ""))
        except ValueError:
            return 1
    return 1


def cap_problems(problems: Sequence[Problem]) -> list[Problem]:
    """The first ``MAX_PROBLEMS`` problems and, if there are more, one line counting the rest."""
    rest = sum(_count(p) for p in problems[MAX_PROBLEMS:])
    if not rest:
        return list(problems)
    files = sorted({p.file for p in problems[MAX_PROBLEMS:]})
    return [*problems[:MAX_PROBLEMS],
            problem(", ".join(files[:3]) + (" ..." if len(files) > 3 else ""), None, None, "more_problems",
                    n=f"{rest:,}")]

