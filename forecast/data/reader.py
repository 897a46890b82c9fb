"""One reader for every table file: sniff (CSV/TSV or .xlsx), decode (UTF-8 or GBK), split into rows,
and find which sheet holds which table by its columns (never by sheet name or position).

The dataset loader and the app's uploads both read through here; :func:`headers` and
:func:`table_of` take the ``(name, bytes)`` an upload widget gives.
"""

from __future__ import annotations

import csv
import io
import math
import os
import zipfile
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, Union

from forecast.data.errors import DataError, problem
from forecast.data.limits import MAX_COLUMNS, MAX_ROWS, bounded_rows, check_workbook_zip, formula_problems, \
    swallowed_lines

if TYPE_CHECKING:
    from forecast.data.schema import _Table

#: header, header line, [(line, cells)]
Raw = tuple[list[str], int, list[tuple[int, list[str]]]]
Source = Union[str, os.PathLike, bytes, bytearray, BinaryIO]

#: Words in a file name that say which table a CSV holds, when its columns do not.
TABLE_WORDS = {
    "indicators": ("indicator", "指标"),
    "observations": ("observation", "观测", "历史"),
    "programmes": ("programme", "program", "项目", "资金"),
    "growth_facts": ("growth", "增长"),
    "relations": ("relation", "关系", "driver", "驱动"),
}

#: first bytes -> the problem code naming what the file is (``forecast.data.errors.MESSAGES``)
_MAGIC = {
    b"\x89PNG": "file_png", b"%PDF": "file_pdf", b"\xff\xd8\xff": "file_jpeg", b"GIF8": "file_gif",
    b"\xd0\xcf\x11\xe0": "file_xls", b"\x1f\x8b": "file_gzip", b"7z\xbc\xaf": "file_7z", b"Rar!": "file_rar",
}


def sniff(data: bytes, name: str) -> Literal["csv", "xlsx"]:
    """Decide whether *data* is a CSV text or an xlsx workbook; raise DataError otherwise."""
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if "xl/workbook.xml" in zf.namelist():
                    return "xlsx"
        except zipfile.BadZipFile:
            pass
        raise DataError([problem(name, None, None, "zip_not_xlsx")])
    for magic, code in _MAGIC.items():
        if data.startswith(magic):
            raise DataError([problem(name, None, None, code)])
    return "csv"


def decode(data: bytes, name: str) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM) first, else the likelier of GB18030 (covers
    GBK) and Big5 (traditional characters: Taiwan, Hong Kong, older Guangdong files). Both decode
    each other's bytes without error, so charset-normalizer judges which reads as language."""
    if b"\x00" in data:
        raise DataError([problem(name, None, None, "nul_bytes")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _legacy_chinese(data)
    if text is None:
        raise DataError([problem(name, None, None, "bad_encoding")])
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n") or 0xE000 <= ord(ch) <= 0xF8FF)
    if bad > max(2, len(text) // 200):
        raise DataError([problem(name, None, None, "not_text")])
    return text


def _legacy_chinese(data: bytes) -> str | None:
    """``data`` decoded as GB18030 or Big5, whichever charset-normalizer finds more coherent; None if neither."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is not None:
        return str(best)
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return None


def csv_rows(text: str, name: str = "upload") -> Raw:
    """Split CSV (or TSV) text into a header and (line, cells) rows; line numbers count physical lines.

    Old-Mac (CR-only) line ends are read as line ends. Raises DataError past the row and
    column bounds, and when a stray quote has run lines together into one cell (the
    rows would otherwise be lost without a word).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header: list[str] | None = None
    header_line = 1
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise DataError([problem(name, start, None, "csv_unreadable", detail=str(exc))]) from None
        if len(cells) > MAX_COLUMNS:
            raise DataError([problem(name, start, None, "too_many_cells", n=f"{len(cells):,}", max=MAX_COLUMNS)])
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header, header_line = [c.strip() for c in cells], start
        else:
            rows.append((start, cells))
            if len(rows) > MAX_ROWS:
                raise DataError([problem(name, start, None, "too_many_rows", max=f"{MAX_ROWS:,}")])
    swallowed = swallowed_lines(rows, name)
    if swallowed:
        raise DataError(swallowed)
    return header or [], header_line, rows


def _cell_text(v: Any, number_format: str = "General") -> str:
    """A workbook cell as the text a CSV would hold; a percent-formatted number (shown 33.4 %,
    stored 0.334) is written as the percent it shows, the unit the data keeps shares in."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)) and "%" in str(number_format or "") and math.isfinite(v):
        return f"{v * 100:.12g}"
    if isinstance(v, float):
        if math.isfinite(v) and v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    return str(v)


def xlsx_sheets(data: bytes, name: str) -> dict[str, Raw]:
    """Read every sheet of a workbook into (header, rows); row numbers are sheet rows.

    The zip's inflated size is checked before any XML is parsed; each sheet's stated
    ``<dimension>`` is ignored (read-only mode would trust it and drop rows); formula
    cells without a saved result and values linked from other workbooks are problems.
    """
    import openpyxl

    check_workbook_zip(data, name)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds of errors on bad files
        raise DataError([problem(name, None, None, "xlsx_unreadable", kind=exc.__class__.__name__,
                                 detail=str(exc)[:200])]) from None
    sheets: dict[str, Raw] = {}
    try:
        for ws in wb.worksheets:
            ws.reset_dimensions()
            header: list[str] | None = None
            header_line = 1
            rows: list[tuple[int, list[str]]] = []
            for r, values in bounded_rows(ws.iter_rows(), label(name, ws.title)):
                cells = [_cell_text(getattr(c, "value", None), getattr(c, "number_format", "General"))
                         for c in values]
                if not any(c.strip() for c in cells):
                    continue
                if header is None:
                    header, header_line = [c.strip() for c in cells], r
                    while header and not header[-1]:
                        header.pop()
                else:
                    rows.append((r, cells))
            sheets[ws.title] = (header or [], header_line, rows)
    except DataError:
        raise
    except Exception as exc:  # noqa: BLE001 - XML errors (entity bombs, broken markup) surface while iterating
        raise DataError([problem(name, None, None, "xlsx_unreadable", kind=exc.__class__.__name__,
                                 detail=str(exc)[:200])]) from None
    finally:
        wb.close()
    flagged = formula_problems(data, name, sheets)
    if flagged:
        raise DataError(flagged)
    return sheets


def as_bytes(src: Source) -> tuple[bytes, str]:
    if isinstance(src, (bytes, bytearray)):
        return bytes(src), "upload"
    if hasattr(src, "read"):
        data = src.read()  # type: ignore[union-attr]
        if isinstance(data, str):
            data = data.encode("utf-8")
        return data, Path(getattr(src, "name", "upload")).name
    p = Path(src)  # type: ignore[arg-type]
    return p.read_bytes(), p.name


def pick_sheet(sheets: dict[str, Raw], table: _Table, name: str) -> tuple[str, Raw]:
    """Find the sheet holding *table* by its columns (not by sheet name or position)."""
    hits = [t for t, (h, _, _) in sheets.items() if set(table.required) <= set(h)]
    if len(hits) > 1:
        # prefer sheets that do not also look like another table with more required columns
        scored = sorted(hits, key=lambda t: -len(set(sheets[t][0]) & set(table.names)))
        best = len(set(sheets[scored[0]][0]) & set(table.names))
        hits = [t for t in scored if len(set(sheets[t][0]) & set(table.names)) == best]
    if len(hits) == 1:
        return hits[0], sheets[hits[0]]
    if len(hits) > 1:
        raise DataError([problem(name, None, None, "sheets_ambiguous", table=table.name, sheets=", ".join(hits))])
    # none has all required columns: report against the closest sheet
    if not sheets:
        raise DataError([problem(name, None, None, "no_sheets")])
    best = max(sheets, key=lambda t: len(set(sheets[t][0]) & set(table.names)))
    return best, sheets[best]


def _delimiter(text: str) -> str:
    """Tab when the header line has tabs and no commas (a TSV export), else comma."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    return "\t" if "\t" in first and "," not in first else ","


def read_sheets(name: str, data: bytes) -> dict[str, Raw]:
    """Every table-like part of a file: ``{sheet: raw}`` for a workbook, ``{"": raw}`` for a CSV/TSV.

    Raises DataError when the file is not a CSV/TSV text or an .xlsx workbook, or cannot be decoded.
    """
    if sniff(data, name) == "xlsx":
        return xlsx_sheets(data, name)
    return {"": csv_rows(decode(data, name), name)}


def label(name: str, sheet: str) -> str:
    """How problems name a part of a file: ``book.xlsx[Sheet]`` or the file name."""
    return f"{name}[{sheet}]" if sheet else name


def is_workbook(data: bytes) -> bool:
    """True when *data* is an .xlsx workbook (without raising for anything else)."""
    try:
        return sniff(data, "upload") == "xlsx"
    except DataError:
        return False


def headers(name: str, data: bytes) -> dict[str, list[str]]:
    """Sheet (``""`` for a CSV) -> header row; ``{}`` when the file cannot be read
    (the loader reports why when it reads the file)."""
    try:
        return {s: raw[0] for s, raw in read_sheets(name, data).items()}
    except DataError:
        return {}


def tables_in(header: list[str]) -> list[str]:
    """Tables whose required columns all appear in *header*."""
    from forecast.data.schema import TABLES

    return [k for k, tb in TABLES.items() if set(tb.required) <= set(header)]


def table_of(name: str, data: bytes) -> str | None:
    """Which table a CSV holds: by its columns first, then by words in its file name; None if unclear."""
    from forecast.data.schema import TABLES

    header = set(next(iter(headers(name, data).values()), []))
    full = tables_in(list(header))
    if len(full) == 1:
        return full[0]
    stem = PurePath(name).stem.lower()
    for key, words in TABLE_WORDS.items():
        if any(w in stem for w in words):
            return key
    if full:
        return max(full, key=lambda k: len(header & set(TABLES[k].names)))
    overlap = {k: len(header & set(tb.names)) for k, tb in TABLES.items()}
    best = max(overlap, key=overlap.get)
    return best if overlap[best] >= 2 else None
