"""Builders for hostile or broken workbooks (issue 15), made on the fly: no binaries in git.

Each returns the bytes of an .xlsx a user could upload. The tests and
``benchmarks/bench_upload_bounds.py`` share them.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Callable

import openpyxl


def workbook(rows: list[list[object]], title: str = "observations") -> bytes:
    """A plain workbook with one sheet holding ``rows`` (first row = header)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def patch(data: bytes, part: str, edit: Callable[[bytes], bytes], extra: dict[str, bytes] | None = None) -> bytes:
    """Rewrite one part of a workbook's zip (and add ``extra`` parts)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, edit(body) if info.filename == part else body)
        for name, body in (extra or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def inflating(header: list[str], uncompressed_mb: int = 400) -> bytes:
    """A workbook of about 1 MB whose sheet XML inflates to ``uncompressed_mb`` MB of rows."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    block = row * (1024 * 1024 // len(row))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook([header]))) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename != SHEET:
                dst.writestr(info.filename, src.read(info))
                continue
            body = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:F9999999"/>', src.read(info))
            head, tail = body.split(b"</sheetData>", 1)
            with dst.open(SHEET, "w", force_zip64=True) as fh:
                fh.write(head)
                for _ in range(uncompressed_mb):
                    fh.write(block)
                fh.write(b"</sheetData>" + tail)
    return out.getvalue()


def understated_dimension(rows: list[list[object]]) -> bytes:
    """A workbook whose ``<dimension>`` claims only the first two rows (read-only mode trusts it)."""
    return patch(workbook(rows), SHEET, lambda b: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B2"/>', b))


def with_formula(rows: list[list[object]], cell: str, formula: str, cached: str | None,
                 external: bool = False) -> bytes:
    """A workbook whose ``cell`` holds ``formula`` with (or without) a saved result."""
    wb = workbook(rows)
    value = b"" if cached is None else b"<v>" + cached.encode() + b"</v>"
    new = b'<c r="' + cell.encode() + b'"><f>' + formula.encode() + b"</f>" + value + b"</c>"

    def edit(body: bytes) -> bytes:
        return re.sub(rb'<c r="' + cell.encode() + rb'"[^>]*?(/>|>.*?</c>)', new, body, count=1, flags=re.S)

    extra = {}
    if external:
        extra["xl/externalLinks/externalLink1.xml"] = (
            b'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><externalBook/></externalLink>')
    return patch(wb, SHEET, edit, extra)


def entity_bomb(rows: list[list[object]]) -> bytes:
    """A workbook whose sheet XML declares nested entities ("billion laughs": 10^9 characters)."""
    ents = [b'<!ENTITY a "aaaaaaaaaa">'] + [
        b"<!ENTITY " + bytes([98 + i]) + b' "' + (b"&" + bytes([97 + i]) + b";") * 10 + b'">' for i in range(8)]
    dtd = b"<!DOCTYPE worksheet [" + b"".join(ents) + b"]>"

    def edit(body: bytes) -> bytes:
        return dtd + body.replace(b"</row>", b'<c r="Z1" t="inlineStr"><is><t>&i;</t></is></c></row>', 1)

    return patch(workbook(rows), SHEET, edit)
