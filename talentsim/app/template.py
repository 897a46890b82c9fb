"""Upload templates: the indicators and observations tables with the columns the loader reads
(``forecast.data.TABLES``) and two example rows of a made-up district, as CSV or one workbook,
with the example text and the notes sheet in the page's language. Uploaded unchanged, a
template loads (tests/talentsim/app/test_workflow.py); nothing here imports Streamlit."""

from __future__ import annotations

import io
from functools import lru_cache

import pandas as pd

#: columns of each table in the template: the required ones, plus the optional English name and note
_OPTIONAL = {"indicators": ("name_en", "category", "note"), "observations": ("note",)}

_EXAMPLE = {
    "zh": {"name_zh": ("人才资源总量", "高层次人才"), "source": "我区人才发展规划.docx",
           "quote": ("到{t}年人才资源总量达到30万人", "到{t}年高层次人才达到800人"),
           "obs_quote": ("{b}年全区人才资源总量25万人", "{b}年高层次人才600人"),
           "note": "示例行：替换为本地区的指标，每个数字附上原文句子。"},
    "en": {"name_zh": ("人才资源总量", "高层次人才"), "source": "our_talent_plan.docx",
           "quote": ("到{t}年人才资源总量达到30万人", "到{t}年高层次人才达到800人"),
           "obs_quote": ("{b}年全区人才资源总量25万人", "{b}年高层次人才600人"),
           "note": "Example row: replace with your region's indicators, each number with its sentence."},
}

_NOTES = {
    "zh": [("表", "说明"), ("indicators", "每行一个指标：编号（地区.指标）、名称、单位、类型、目标年份、目标值、比较符、来源文件与原文。"),
           ("observations", "每行一个观测值：指标编号、年份、数值、状态（observed 等）、来源文件与原文。"),
           ("列名", "列名为程序读取用的英文名，请勿修改；可选列可以留空。")],
    "en": [("table", "what to write"), ("indicators", "one indicator a row: id (region.indicator), names, unit, type, "
                                        "target year and value, comparator, source file and its sentence."),
           ("observations", "one observed value a row: indicator id, year, value, status (observed, ...), source "
                            "file and its sentence."),
           ("columns", "the column names are those the loader reads: keep them; optional columns may stay empty.")],
}


#: the example's base and target year: a loader that sets every upload up for 2025 reads them
#: (with per-region horizons the example may move to the plan being written, 2025 -> 2030)
BASE_YEAR, TARGET_YEAR = 2020, 2025


def template_tables(lang: str) -> dict[str, pd.DataFrame]:
    """The two tables with the loader's columns and two example rows written in ``lang``."""
    from forecast.data import TABLES

    ex = _EXAMPLE["zh" if lang == "zh" else "en"]
    ids = ("my_district.talent_total", "my_district.high_level_talent")
    ind = {"id": ids, "region": ("my_district",) * 2, "name_zh": ex["name_zh"],
           "name_en": ("Talent total", "High-level talent"), "unit": ("万人", "人"), "category": ("人才规模",) * 2,
           "type": ("people",) * 2, "measure": ("level",) * 2, "higher_is_better": ("true",) * 2,
           "target_year": (str(TARGET_YEAR),) * 2, "target_value": ("30", "800"), "target_op": (">=",) * 2,
           "target_status": ("stated",) * 2, "source": (ex["source"],) * 2, "quote": tuple(q.format(t=TARGET_YEAR) for q in ex["quote"]),
           "note": (ex["note"],) * 2}
    obs = {"id": ids, "year": (str(BASE_YEAR),) * 2, "value": ("25", "600"), "status": ("observed",) * 2,
           "source": (ex["source"],) * 2, "quote": tuple(q.format(b=BASE_YEAR) for q in ex["obs_quote"]), "note": (ex["note"],) * 2}
    out = {}
    for key, rows in (("indicators", ind), ("observations", obs)):
        cols = [c.name for c in TABLES[key].columns if c.required or c.name in _OPTIONAL[key]]
        out[key] = pd.DataFrame({c: list(rows.get(c, ("", ""))) for c in cols}, columns=cols)
    return out


@lru_cache(maxsize=8)
def csv_bytes(table: str, lang: str) -> bytes:
    """One table as UTF-8 CSV with a byte-order mark (Excel opens it with the Chinese intact)."""
    return template_tables(lang)[table].to_csv(index=False).encode("utf-8-sig")


@lru_cache(maxsize=4)
def xlsx_bytes(lang: str) -> bytes:
    """Both tables as sheets of one workbook, and a notes sheet in ``lang``."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for key, df in template_tables(lang).items():
            df.to_excel(xw, sheet_name=key, index=False)
        notes = _NOTES["zh" if lang == "zh" else "en"]
        pd.DataFrame(notes[1:], columns=list(notes[0])).to_excel(xw, sheet_name="说明" if lang == "zh" else "notes",
                                                                 index=False)
    return buf.getvalue()


__all__ = ["template_tables", "csv_bytes", "xlsx_bytes"]
