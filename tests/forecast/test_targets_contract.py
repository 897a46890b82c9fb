"""The documented promises of ``forecast.targets`` that test_targets.py leaves open.

Written for the survivors of ``benchmarks/mutation.py forecast/targets.py``: the shape of an
empty history, the file-order tie rule over many rows, the dtypes, and ``target_of``'s
reading of an indicators.csv row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecast.targets import target_met, target_of, usable_history


@pytest.mark.parametrize("obs", [None, pd.DataFrame(), pd.DataFrame({"year": [2020], "value": [1.0]})])
def test_no_usable_rows_give_an_empty_year_value_frame(obs):
    # no table, an empty table, or a table without the "id" column: nothing usable, same shape
    h = usable_history(obs, "a.x")
    assert list(h.columns) == ["year", "value"] and h.empty
    assert h["year"].dtype.kind == "i" and h["value"].dtype.kind == "f"


def test_ties_keep_the_preferred_row_else_the_first_in_file_order_over_many_rows():
    # 60 years, each three times; some years have one preferred row, others none
    rng = np.random.default_rng(7)
    years = np.repeat(np.arange(1960, 2020), 3)
    rows = pd.DataFrame({"id": "a.x", "year": years, "value": np.arange(years.size, dtype=float)})
    pref = np.zeros(years.size, dtype=object)
    pref[:] = None
    for k in range(0, years.size, 3):
        pick = rng.integers(-1, 3)          # -1: no preferred row in this year
        if pick >= 0:
            pref[k + pick] = True
    rows["preferred"] = pref
    rows = rows.sample(frac=1.0, random_state=3).reset_index(drop=True)   # file order != year order
    expect = {}
    for _, r in rows.iterrows():            # the rule, spelled out row by row
        y, is_pref = int(r["year"]), r["preferred"] is True
        if y not in expect or (is_pref and not expect[y][1]):
            expect[y] = (r["value"], is_pref)
    h = usable_history(rows, "a.x")
    assert h["year"].tolist() == sorted(expect)
    assert h["value"].tolist() == [expect[y][0] for y in sorted(expect)]


def test_columns_are_kept_without_additions_and_year_int_value_float():
    rows = pd.DataFrame({"id": ["a.x", "a.x"], "year": [2021.0, 2020.0], "value": [3, 2], "note": ["n1", "n0"]})
    h = usable_history(rows, "a.x")
    assert list(h.columns) == ["id", "year", "value", "note"]
    assert list(h.index) == [0, 1]
    assert h["year"].dtype.kind == "i" and h["value"].dtype.kind == "f"
    assert h["year"].tolist() == [2020, 2021] and h["note"].tolist() == ["n0", "n1"]


def _row(**kw):
    base = {"target_op": ">=", "target_value": "", "target_low": None, "target_high": float("nan"),
            "target_band_pct": "", "higher_is_better": ""}
    return pd.Series({**base, **kw})


def test_target_of_reads_numbers_and_leaves_missing_bounds_out():
    t = target_of(_row(target_op="=", target_value="500", target_low="450", target_high=550.0, target_band_pct="10"))
    assert t == {"op": "=", "target": 500.0, "low": 450.0, "high": 550.0, "band_pct": 10.0, "more_is_better": False}
    t = target_of(_row(target_value=7.5))
    assert t["op"] == ">=" and t["target"] == 7.5 and t["low"] is None and t["high"] is None
    assert np.isnan(t["band_pct"])                      # empty band: target_met falls back to ±5 %
    assert np.isnan(target_of(_row(target_value="n/a"))["target"])
    assert np.isnan(target_of({"target_op": "<="})["target"])    # a plain dict, columns absent


@pytest.mark.parametrize("hib, more", [(True, True), (np.bool_(True), True), (False, False), ("true", True),
                                       (" TRUE ", True), ("1", True), ("yes", True), ("false", False),
                                       ("0", False), ("", False), (None, False), (float("nan"), False)])
def test_target_of_reads_higher_is_better_as_written_in_a_csv(hib, more):
    assert target_of(_row(higher_is_better=hib))["more_is_better"] is more


def test_target_of_feeds_target_met():
    # an "about 500, 450–550" stock where more is welcome: 600 is not a miss, 440 is
    t = target_of(_row(target_op="=", target_value=500, target_low=450, target_high=550, higher_is_better="true"))
    assert target_met([600.0, 440.0], **t).tolist() == [True, False]
    t = target_of(_row(target_op="=", target_value=500))
    assert target_met([524.0, 526.0], **t).tolist() == [True, False]   # default band ±5 %


@pytest.mark.parametrize("op, expect", [("≤", [True, True, False]), ("＜", [True, False, False]),
                                        ("≥", [False, True, True]), ("＞", [False, False, True])])
def test_full_width_and_math_comparators_read_like_ascii(op, expect):
    assert target_met([1.0, 2.0, 3.0], op=op, target=2.0).tolist() == expect


def test_about_with_one_bound_only_uses_the_band_around_the_target():
    # a range needs both ends; with only one the ±band reading applies
    assert target_met([104.0, 106.0], op="=", target=100.0, low=90.0).tolist() == [True, False]
    assert target_met([104.0, 106.0], op="=", target=100.0, high=110.0).tolist() == [True, False]


def test_the_band_is_a_percentage_of_the_target_edges_included():
    # band_pct 10 on 500: 450..550 inclusive; 549.9 in, 550.1 out
    assert target_met([549.9, 550.1, 450.0], op="=", target=500.0, band_pct=10.0).tolist() == [True, False, True]
    # more is welcome: only the lower edge, and the edge itself meets it (500 - 5 % = 475)
    assert target_met([475.0, 474.9, 900.0], op="=", target=500.0, more_is_better=True).tolist() == [True, False, True]
