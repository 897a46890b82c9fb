"""Indicator ``type`` and ``channel``: closed lists, the one ratio helper, and the README's counts."""

from __future__ import annotations

import re

import pytest

from forecast.data import CHANNELS, TYPES, DataError, is_ratio, load_dataset
from tests.data.conftest import DATA
from tests.data.test_loader import _read, _set, _write


def test_is_ratio_is_share_or_rate():
    assert [t for t in TYPES if is_ratio(t)] == ["share", "rate"]


def test_every_row_has_a_type_and_channel_from_the_lists(shipped):
    ind = shipped.indicators
    assert set(ind["type"]) <= set(TYPES) and set(ind["channel"]) <= set(CHANNELS)
    # every % is a share, every share is in %; numerators are ratios; people channels are people levels
    pct = ind["measure"] != "growth_rate"        # a growth rate is in % whatever its quantity's type
    assert set(ind.loc[pct & (ind["unit"] == "%"), "type"]) == {"share"}
    assert set(ind.loc[ind["type"] == "share", "unit"]) == {"%"}
    assert ind.loc[ind["channel"] == "numerator", "type"].map(is_ratio).all()
    people = ind[ind["channel"] == "people"]
    assert (people["type"] == "people").all() and (people["measure"] == "level").all()
    assert (ind.loc[ind["channel"] == "selectees", "type"] == "people").all()


def test_readme_counts_match_the_data(shipped):
    text = (DATA / "README.md").read_text(encoding="utf-8")
    head = "| region | people | share | rate | organisations | money | count | other | channel people | talent_total "
    block = text[text.index(head):].split("\n\n")[0].splitlines()[2:]
    ind = shipped.indicators
    assert len(block) == ind["region"].nunique()
    for line in block:
        region, *nums = [c.strip() for c in line.strip("|").split("|")]
        r = ind[ind["region"] == region]
        want = [int((r["type"] == t).sum()) for t in TYPES] + [int((r["channel"] == c).sum()) for c in CHANNELS]
        assert [int(n) for n in nums] == want, region


def test_unknown_type_is_reported_with_line(data_copy):
    line = _set(data_copy / "indicators.csv", "tianhe.talent_total", "type", "stock")
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    p = next(p for p in info.value.problems if p.column == "type")
    assert p.line == line and "people" in p.message and "'stock'" in p.message


def test_old_kind_column_gets_a_hint(data_copy):
    path = data_copy / "indicators.csv"
    header, rows = _read(path)
    header[header.index("type")] = "kind"
    _write(path, header, rows)
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    assert any(p.column == "type" and re.search(r"'kind' column .* replaced by 'type'", p.message)
               for p in info.value.problems)


def test_channel_column_is_optional(data_copy):
    path = data_copy / "indicators.csv"
    header, rows = _read(path)
    k = header.index("channel")
    _write(path, header[:k] + header[k + 1:], [r[:k] + r[k + 1:] for r in rows])
    ds = load_dataset(data_copy)
    assert ds.indicators["channel"].isna().all()
