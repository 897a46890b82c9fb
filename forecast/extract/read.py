"""A document's text from .txt / .md / .docx (python-docx, tables as markdown rows) / .pdf (pypdf,
text layer only), within bounds checked before parsing: an upload cannot tie up the server.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from forecast.data.limits import MAX_UNCOMPRESSED, MAX_ZIP_ENTRIES

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024   #: a 300-page plan PDF is about 5 MB
MAX_PDF_PAGES = 500
MIN_CHARS_PER_PAGE = 20                 #: fewer on average: a scan without a text layer
MAX_TEXT_CHARS = 500_000                #: characters of text read from one document (a plan: < 200,000)
MAX_LINES = 20_000                      #: lines of text (a plan: < 5,000)
KINDS = (".txt", ".md", ".docx", ".pdf")


class ExtractError(ValueError):
    """A document that cannot be read; ``code`` names the catalogue message, ``fields`` fill it."""

    def __init__(self, code: str, message: str, **fields: object):
        super().__init__(message)
        self.code, self.fields = code, fields


def read_path(path: str | os.PathLike) -> str:
    """Text of a document on disk; its size is checked before a byte is read."""
    p = Path(path)
    size = p.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise ExtractError("doc_too_big", f"{p.name}: {size / 2**20:,.1f} MB; documents up to "
                           f"{MAX_DOCUMENT_BYTES // 2**20} MB are read", mb=round(size / 2**20, 1),
                           max=MAX_DOCUMENT_BYTES // 2**20)
    return read_bytes(p.read_bytes(), p.name)


def read_bytes(data: bytes, name: str) -> str:
    """Text of a document given as bytes; the kind is decided by its first bytes, then its name."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ExtractError("doc_too_big", f"{name}: {len(data) / 2**20:,.1f} MB; documents up to "
                           f"{MAX_DOCUMENT_BYTES // 2**20} MB are read", mb=round(len(data) / 2**20, 1),
                           max=MAX_DOCUMENT_BYTES // 2**20)
    if not data.strip():
        raise ExtractError("doc_empty", f"{name}: the file is empty")
    if data[:4] == b"%PDF":
        text = _pdf(data, name)
    elif data[:2] == b"PK":
        text = _docx(data, name)
    elif data[:4] == b"\xd0\xcf\x11\xe0":
        raise ExtractError("doc_old_word", f"{name}: an old binary Word file (.doc); save it as .docx or PDF")
    else:
        text = _text(data, name)
    if not text.strip():
        raise ExtractError("doc_no_text", f"{name}: no text found in the document")
    if len(text) > MAX_TEXT_CHARS:
        raise ExtractError("doc_too_long", f"{name}: {len(text):,} characters of text; documents up to "
                           f"{MAX_TEXT_CHARS:,} characters are read", n=len(text), max=MAX_TEXT_CHARS)
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise ExtractError("doc_too_many_lines", f"{name}: {lines:,} lines of text; documents up to "
                           f"{MAX_LINES:,} lines are read", n=lines, max=MAX_LINES)
    return text


def _text(data: bytes, name: str) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ExtractError("doc_not_text", f"{name}: not a text, Word (.docx) or PDF file")
    bad = sum(1 for ch in text[:100_000] if ord(ch) < 32 and ch not in "\t\r\n")
    if bad > 20:
        raise ExtractError("doc_not_text", f"{name}: not a text, Word (.docx) or PDF file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _docx(data: bytes, name: str) -> str:
    """Paragraphs and tables in document order; a table row becomes ``| a | b |``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise ExtractError("doc_bad_zip", f"{name}: not a readable .docx (a damaged zip archive)") from None
    if "word/document.xml" not in names:
        raise ExtractError("doc_not_docx", f"{name}: a zip archive but not a Word .docx document")
    total = sum(i.file_size for i in infos)
    if len(infos) > MAX_ZIP_ENTRIES or total > MAX_UNCOMPRESSED:
        raise ExtractError("doc_inflates", f"{name}: its parts unpack to {total / 2**20:,.0f} MB in {len(infos):,} "
                           f"parts; at most {MAX_UNCOMPRESSED // 2**20} MB are read",
                           mb=round(total / 2**20), max=MAX_UNCOMPRESSED // 2**20)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged part
        raise ExtractError("doc_not_docx", f"{name}: not a readable .docx ({type(exc).__name__})") from None
    out: list[str] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(child, doc).text)
        elif tag == "tbl":
            for row in Table(child, doc).rows:
                cells = [" ".join(c.text.split()).replace("|", "/") for c in row.cells]
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
    return "\n".join(out)


def _pdf(data: bytes, name: str) -> str:
    import logging

    import pypdf
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractError("doc_pdf_encrypted", f"{name}: the PDF is encrypted")
        n = len(reader.pages)
        if n > MAX_PDF_PAGES:
            raise ExtractError("doc_pdf_pages", f"{name}: {n:,} pages; at most {MAX_PDF_PAGES} are read",
                               n=n, max=MAX_PDF_PAGES)
        pages = [(p.extract_text() or "") for p in reader.pages]
    except ExtractError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractError("doc_bad_pdf", f"{name}: not a readable PDF ({type(exc).__name__})") from None
    text = "\n".join(pages)
    if len(text.strip()) < MIN_CHARS_PER_PAGE * max(1, n):
        raise ExtractError("doc_pdf_scanned", f"{name}: the PDF has no text layer (a scan?); "
                           "run OCR first or paste the text", n=n)
    return text


__all__ = ["ExtractError", "read_path", "read_bytes", "MAX_DOCUMENT_BYTES", "MAX_PDF_PAGES", "MAX_TEXT_CHARS", "MAX_LINES", "KINDS"]
