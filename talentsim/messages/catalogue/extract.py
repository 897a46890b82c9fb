"""Catalogue section: reading a plan document into proposed indicator rows (the new-plan view's
"from a document" panel, ``talentsim.app.fromdoc``). Keys: ``extract_`` for the panel,
``extract_err:<code>`` for the codes of ``forecast.extract.read.ExtractError`` (``{name}`` is the file)."""

from __future__ import annotations

SECTION: dict[str, tuple[str, str]] = {
    "extract_title": ("从文件读取指标", "From a document"),
    "extract_intro": ("上传规划文件（.txt、.md、.docx 或带文字层的 .pdf）或粘贴其文字，系统列出其中的量化指标，"
                      "由您勾选、修改后再加入下方表格；每行都附原文句子。",
                      "Upload the plan (.txt, .md, .docx, or a .pdf with a text layer) or paste its text: the page "
                      "lists the quantified indicators it finds; tick and edit them before they go into the table "
                      "below. Every row keeps its source sentence."),
    "extract_upload": ("规划文件", "Plan document"),
    "extract_paste": ("或粘贴文字", "Or paste the text"),
    "extract_read": ("读取", "Read"),
    "extract_found": ("找到 {n} 个指标（{targets} 个有目标值）；请核对后勾选。",
                      "{n} indicators found ({targets} with a target); check them, then tick."),
    "extract_empty": ("未找到指标：{reason}", "No indicators found: {reason}"),
    "extract_accept": ("加入勾选的行", "Add the ticked rows"),
    "extract_added": ("已加入 {n} 行；请检查表格后点击“检查并模拟”。",
                      "{n} rows added; check the table, then press Check and simulate."),
    "extract_none_ticked": ("没有勾选任何行。", "No row is ticked."),
    "extract_col:use": ("采用", "Use"),
    "extract_col:name_zh": ("指标", "Indicator"),
    "extract_col:unit": ("单位", "Unit"),
    "extract_col:type": ("类型", "Type"),
    "extract_col:base_year": ("基期年份", "Base year"),
    "extract_col:base_value": ("基期值", "Base value"),
    "extract_col:target_year": ("目标年份", "Target year"),
    "extract_col:target_op": ("比较", "Comparison"),
    "extract_col:target_value": ("目标值", "Target"),
    "extract_col:confidence": ("可信度", "Confidence"),
    "extract_col:quote": ("原文", "Source sentence"),
    "extract_col:line": ("行", "Line"),
    "plan_col:quote": ("原文", "Source sentence"),
    "extract_err:doc_too_big": ("{name}：文件 {mb} MB，最多读取 {max} MB", "{name}: {mb} MB; documents up to {max} MB are read"),
    "extract_err:doc_empty": ("{name}：文件是空的", "{name}: the file is empty"),
    "extract_err:doc_old_word": ("{name}：这是旧版 Word 文件（.doc），请另存为 .docx 或 PDF",
                                 "{name}: an old binary Word file (.doc); save it as .docx or PDF"),
    "extract_err:doc_no_text": ("{name}：文件中没有文字", "{name}: no text found in the document"),
    "extract_err:doc_too_long": ("{name}：文字有 {n} 个字符，最多读取 {max} 个",
                                 "{name}: {n} characters of text; documents up to {max} characters are read"),
    "extract_err:doc_too_many_lines": ("{name}：文字有 {n} 行，最多读取 {max} 行",
                                       "{name}: {n} lines of text; documents up to {max} lines are read"),
    "extract_err:doc_not_text": ("{name}：不是文本、Word（.docx）或 PDF 文件",
                                 "{name}: not a text, Word (.docx) or PDF file"),
    "extract_err:doc_bad_zip": ("{name}：无法读取的 .docx（压缩包已损坏）",
                                "{name}: not a readable .docx (a damaged zip archive)"),
    "extract_err:doc_not_docx": ("{name}：不是可读取的 Word .docx 文件", "{name}: not a readable Word .docx document"),
    "extract_err:doc_inflates": ("{name}：解压后达 {mb} MB，最多读取 {max} MB",
                                 "{name}: its parts unpack to {mb} MB; at most {max} MB are read"),
    "extract_err:doc_pdf_encrypted": ("{name}：PDF 已加密", "{name}: the PDF is encrypted"),
    "extract_err:doc_pdf_pages": ("{name}：PDF 有 {n} 页，最多读取 {max} 页",
                                  "{name}: {n} pages; at most {max} are read"),
    "extract_err:doc_bad_pdf": ("{name}：无法读取的 PDF", "{name}: not a readable PDF"),
    "extract_err:doc_pdf_scanned": ("{name}：PDF 没有文字层（可能是扫描件），请先做文字识别或粘贴文字",
                                    "{name}: the PDF has no text layer (a scan?); run OCR first or paste the text"),
    "extract_err:out_exists": ("{name}：已存在", "{name}: already exists"),
}

__all__ = ["SECTION"]
