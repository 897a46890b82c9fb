"""Cell-wise check of the two flattened tables: every number sits in the right column of its row.

The quote test proves a number occurs in its quote; after whitespace is removed "96 105"
also contains 9, 10 and 61. Here Tianhe's 表1 (000: one cell per tab-led line, a cell may
wrap onto untabbed lines, rows end at a blank line) and Guangdong's 专栏1 (002: one row per
line, cells tab-separated) are parsed into rows of (category, name, unit, 2020, 2025) and
each row is compared with indicators.csv (unit, comparator, target) and observations.csv
(the 2020 base).
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from .conftest import SEEDS, squash

OPS = {"＞": ">", "≥": ">=", ">": ">", ">=": ">="}


def _doc(prefix: str) -> str:
    files = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip(f"seed document {prefix}_*.txt not found in {SEEDS}")
    return files[0].read_text(encoding="utf-8")


def tianhe_table1() -> list[list[str]]:
    """Rows of 表1 as [category, name, unit, base, target] strings (category '' = as above)."""
    text = _doc("000")
    lines = text[text.index("表1 天河区"):].splitlines()[1:]
    rows, cells = [], []
    for line in lines:
        if not line.strip() and not line.startswith("\t"):
            if cells:
                rows.append(cells)
            cells = []
            if len(rows) > 1 and len(rows[-1]) != 5:
                rows.pop()
                break
            continue
        if line.startswith("\t"):
            cells.append(line[1:].strip())
        elif cells:
            cells[-1] += line.strip()
    header, *body = rows
    assert header[:3] == ["类别", "主要指标", "单位"], header
    return body


def guangdong_column1() -> list[list[str]]:
    """Rows of 专栏1 as [number, name, unit, 2020, 2025, attribute]."""
    text = _doc("002")
    block = text[text.index("专栏1"):text.index("注：[]内为五年累计数")]
    rows = [ln.split("\t") for ln in block.splitlines() if ln.split("\t")[0].strip().isdigit()]
    assert all(len(r) == 6 for r in rows), rows
    return rows


def _number(cell: str) -> tuple[str, float]:
    """(comparator or '', value) of a cell such as '96', '[96.4]', '＞110', '≥20'; NaN for [略]."""
    c = cell.strip().strip("[]")
    if c == "略":
        return "", np.nan
    m = re.fullmatch(r"(＞|≥|>=|>)?\s*([0-9.]+)", c)
    assert m, f"not a number cell: {cell!r}"
    return OPS.get(m.group(1) or "", ""), float(m.group(2))


def _indicator(ind, region: str, name: str):
    key = squash(name).rstrip("*")
    hit = ind[(ind["region"] == region) & ind["name_zh"].map(lambda n: squash(str(n)).rstrip("*") == key)]
    assert len(hit) == 1, f"{region}: table row {name!r} matches {len(hit)} indicators (expected exactly one)"
    return hit.iloc[0]


def _base(obs, ind_id: str, year: int = 2020) -> float:
    o = obs[(obs["id"] == ind_id) & (obs["year"] == year)]
    if "preferred" in o and len(o) > 1:
        o = o[o["preferred"].astype(bool)]
    return float(o["value"].iloc[0]) if len(o) else np.nan


def _check(row, unit, base_cell, target_cell, obs) -> list[str]:
    bad = []
    if row["unit"] != unit:
        bad.append(f"{row['id']}: unit {row['unit']!r}, table says {unit!r}")
    op, tv = _number(target_cell)
    if np.isfinite(tv):
        if float(row["target_value"]) != tv:
            bad.append(f"{row['id']}: target {row['target_value']} but the target column says {tv:g}")
        if op and row["target_op"] != op:
            bad.append(f"{row['id']}: comparator {row['target_op']!r}, table says {op!r}")
    elif row["target_status"] != "redacted":
        bad.append(f"{row['id']}: the table withholds the target ([略]) but target_status is {row['target_status']!r}")
    _, bv = _number(base_cell)
    have = _base(obs, row["id"])
    if np.isfinite(bv) != np.isfinite(have) or (np.isfinite(bv) and have != bv):
        bad.append(f"{row['id']}: 2020 base {have:g} but the 2020 column says {base_cell!r}")
    return bad


def test_tianhe_table1_cells_sit_in_their_columns(shipped):
    rows = tianhe_table1()
    assert len(rows) == 16  # the seeds README: 16 indicators
    bad, category = [], ""
    for cat, name, unit, base, target in rows:
        category = cat or category
        row = _indicator(shipped.indicators, "tianhe", name)
        if squash(str(row["category"])).rstrip("*") != squash(category).rstrip("*"):
            bad.append(f"{row['id']}: category {row['category']!r}, table says {category!r}")
        bad += _check(row, unit, base, target, shipped.observations)
    assert not bad, "\n".join(bad)


def test_guangdong_column1_cells_sit_in_their_columns(shipped):
    rows = guangdong_column1()
    assert [int(r[0]) for r in rows] == list(range(1, 16))
    bad = []
    for _, name, unit, base, target, _attr in rows:
        row = _indicator(shipped.indicators, "guangdong", name)
        bad += _check(row, unit, base, target, shipped.observations)
        if base.startswith("[") and base != "[略]" and row["measure"] != "five_year_total":
            bad.append(f"{row['id']}: [ ] marks a five-year total but measure is {row['measure']!r}")
    assert not bad, "\n".join(bad)


def test_the_parser_would_catch_a_number_in_the_wrong_column(shipped):
    """Swap base and target of the first row: the check must complain about both."""
    cat, name, unit, base, target = tianhe_table1()[0]
    row = _indicator(shipped.indicators, "tianhe", name)
    bad = _check(row, unit, target, base, shipped.observations)
    assert any("target" in b for b in bad) and any("2020 base" in b for b in bad)
