"""Issue 15: a control or non-XML character in any chart text must not abort the process.

vl-convert panics in Rust (the process aborts, a Streamlit server with it) on U+0007,
U+000B, U+001F, U+FFFF and friends. The renderer is driven in a child process so that a
regression shows as a failed test rather than a dead test runner.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from talentsim.export.fonts import find_cjk_font

BAD = ["\x00", "\x07", "\x0b", "\x1b", "\x1f", "\ufffe", "\uffff", "\U0001ffff"]

_CHILD = r"""
import sys, altair as alt, pandas as pd
from talentsim.export.images import to_png, to_svg
bad = [chr(int(c, 16)) for c in sys.argv[1:]]
for ch in bad:
    df = pd.DataFrame({"name": [f"指标{ch}一", "b"], "p": [0.3, 0.7]})
    chart = alt.Chart(df, title=f"情景{ch}名").mark_bar().encode(x=alt.X("name:N", title=f"x{ch}"), y="p:Q")
    svg = to_svg(chart)
    png = to_png(chart)
    assert svg.startswith("<svg") and png[:4] == b"\x89PNG"
print("rendered", len(bad))
"""


@pytest.mark.skipif(find_cjk_font() is None, reason="no CJK font installed")
def test_control_or_non_xml_character_in_a_chart_label_does_not_abort_the_renderer():
    codes = [f"{ord(c):x}" for c in BAD]
    out = subprocess.run([sys.executable, "-c", _CHILD, *codes], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert f"rendered {len(BAD)}" in out.stdout


def test_control_character_in_an_uploaded_indicator_name_does_not_break_the_xlsx_export():
    """`--xlsx` gave an IllegalCharacterError traceback for a name holding U+0007."""
    import io

    import openpyxl

    from scenarios import Scenario, compare
    from talentsim.export import xlsx_bytes
    from tests.scenarios.synthetic import make_setup

    setup = make_setup()
    setup.indicators.loc[0, ["name_zh", "name_en"]] = ["人才\x07总量\x1f", "Talent\x0btotal\uffff"]
    cmp = compare([Scenario(name="a", region="syn", paths=200)], setup=setup)
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(cmp, lang="en")))
    text = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "Talenttotal" in text and "\x07" not in text
