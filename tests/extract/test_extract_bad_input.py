"""Hostile and useless documents: each is a clear error (ExtractError with a code, exit code 2 on the
command line) or an empty proposal with its reason, and none takes more than a few seconds."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from forecast.extract import extract_file, extract_text
from forecast.extract.read import MAX_DOCUMENT_BYTES, ExtractError, read_bytes, read_path


def _fails(code: str, fn, *args):
    t0 = time.perf_counter()
    with pytest.raises(ExtractError) as e:
        fn(*args)
    assert e.value.code == code, str(e.value)
    assert time.perf_counter() - t0 < 5
    return str(e.value)


def test_empty_file(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_bytes(b"")
    assert "empty" in _fails("doc_empty", read_path, p)
    p.write_bytes(b" \n\n \t")
    _fails("doc_empty", read_path, p)


def test_fifty_megabytes_refused_before_reading(tmp_path):
    p = tmp_path / "big.txt"
    with open(p, "wb") as f:          # sparse: 50 MB on paper, nothing written
        f.truncate(50 * 1024 * 1024)
    msg = _fails("doc_too_big", read_path, p)
    assert "50.0 MB" in msg and f"{MAX_DOCUMENT_BYTES // 2**20} MB" in msg
    _fails("doc_too_big", read_bytes, b"0" * (MAX_DOCUMENT_BYTES + 1), "big.txt")


def test_scanned_pdf_without_text_layer():
    pypdf = pytest.importorskip("pypdf")
    w = pypdf.PdfWriter()
    for _ in range(3):
        w.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    w.write(buf)
    assert "no text layer" in _fails("doc_pdf_scanned", read_bytes, buf.getvalue(), "scan.pdf")


def _pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose content stream prints ``text`` (ASCII) in Helvetica."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_pdf_with_a_text_layer_is_read():
    pytest.importorskip("pypdf")
    text = read_bytes(_pdf_with_text("The plan reaches its targets by the year 2025 in every district of the region."),
                      "plan.pdf")
    assert "2025" in text


def test_docx_whose_parts_inflate():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b" " * (40 * 1024 * 1024) + b"/>")   # 40 MB unpacked
    data = buf.getvalue()
    assert len(data) < 200_000
    assert "unpack" in _fails("doc_inflates", read_bytes, data, "bomb.docx")


def test_other_zip_garbage_and_old_word():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<x/>")
    _fails("doc_not_docx", read_bytes, buf.getvalue(), "book.xlsx")
    _fails("doc_bad_zip", read_bytes, b"PK\x03\x04 not really a zip", "x.docx")
    _fails("doc_old_word", read_bytes, b"\xd0\xcf\x11\xe0" + b"\0" * 100, "x.doc")
    _fails("doc_not_text", read_bytes, bytes(range(256)) * 10, "x.bin")


def test_too_many_lines():
    _fails("doc_too_many_lines", read_bytes, b"a\n" * 30_000, "lines.txt")


def test_no_indicators_is_an_empty_proposal_with_its_reason(tmp_path):
    p = tmp_path / "letter.txt"
    p.write_text("各位代表：现在，我代表市人民政府向大会报告工作，请予审议。", encoding="utf-8")
    res = extract_file(p)
    assert res.candidates == [] and "no quantified indicator statement" in res.reason


def test_adversarial_text_stays_fast():
    t0 = time.perf_counter()
    for text in ("2025年5%" * 8000, "增长" * 40000 + "5%", "\t" + "\n\t".join(["1"] * 5000), "引进50名" * 8000):
        extract_text(text, name="x")
    assert time.perf_counter() - t0 < 5


def test_cli_errors_and_empty_proposal(tmp_path):
    from typer.testing import CliRunner

    from talentsim.cli import app

    empty, none = tmp_path / "empty.txt", tmp_path / "none.txt"
    empty.write_bytes(b"")
    none.write_text("没有数字的文件。", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(empty)])
    assert r.exit_code == 2 and "error: empty.txt: the file is empty" in r.output
    r = CliRunner().invoke(app, ["extract", str(none)])
    assert r.exit_code == 1 and "empty proposal" in r.output
