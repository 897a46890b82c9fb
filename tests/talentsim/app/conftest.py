"""Shared helpers for the app tests: a fresh AppTest and a small user region in the data/ layout."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
APP = str(ROOT / "app.py")
HL = "tianhe.high_level_talent"
FUNDING = "lever_funding_cny_100m_per_year"

IND_COLS = ["id", "region", "name_zh", "name_en", "unit", "category", "type", "measure", "higher_is_better",
            "target_year", "target_value", "target_op", "target_status", "source", "quote"]
OBS_COLS = ["id", "year", "value", "status", "source", "quote"]


def wkey(at, key: str) -> str:
    """Widget key of a language-independent choice ``key`` (see talentsim.app.views.common.choice)."""
    return f"_w_{key}_{at.session_state['lang']}"


@pytest.fixture
def app(tmp_path, monkeypatch):
    """A function returning a fresh, not yet run AppTest whose saved scenarios live in tmp_path."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TALENTSIM_SAVED_DIR", str(tmp_path / "saved"))

    def make(**query):
        at = AppTest.from_file(APP, default_timeout=120)
        for k, v in query.items():
            at.query_params[k] = v
        return at

    return make


def user_tables() -> tuple[list[list[str]], list[list[str]]]:
    """A small made-up region ("myregion") with two indicators, one observation each."""
    ind = [IND_COLS,
           ["myregion.talent_total", "myregion", "人才资源总量", "Talent total", "万人", "人才规模", "people", "level",
            "true", "2025", "30", ">=", "stated", "my_plan.txt", "人才资源总量达到30万人"],
           ["myregion.high_level_talent", "myregion", "高层次人才", "High-level talent", "人", "人才规模", "people",
            "level", "true", "2025", "800", ">=", "stated", "my_plan.txt", "高层次人才达到800人"]]
    obs = [OBS_COLS,
           ["myregion.talent_total", "2020", "25", "observed", "my_plan.txt", "2020年人才资源总量25万人"],
           ["myregion.high_level_talent", "2020", "600", "observed", "my_plan.txt", "高层次人才600人"]]
    return ind, obs


def to_csv(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode(encoding)


def to_xlsx(sheets: dict[str, list[list]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
