"""forecast.fit takes a history indexed by int years, dates or annual periods, and refuses the rest."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecast import fit
from forecast.series import as_history

YEARS = [2016, 2017, 2018, 2019, 2020]
VALUES = [70.0, 75.0, 81.0, 88.0, 96.0]


def _int():
    return pd.Series(VALUES, index=YEARS)


def _dates():
    return pd.Series(VALUES, index=pd.to_datetime([f"{y}-12-31" for y in YEARS]))


def _periods():
    return pd.Series(VALUES, index=pd.period_range("2016", periods=5, freq="Y"))


def _frame():
    return pd.DataFrame({"value": VALUES}, index=YEARS)


@pytest.mark.parametrize("make", [_int, _dates, _periods, _frame], ids=["int", "datetime", "period", "frame"])
def test_accepted_forms_give_years_and_the_same_fit(make):
    years, values = as_history(make())
    assert years.tolist() == YEARS and values.tolist() == VALUES
    ref = fit(_int(), families=["exponential"])
    got = fit(make(), families=["exponential"])
    assert got.chosen == ref.chosen
    assert got.law("x").base_year == 2020 and got.law("x").drift_loc == pytest.approx(ref.law("x").drift_loc)


def test_datetime_index_is_not_read_as_nanoseconds():
    years, _ = as_history(_dates())
    assert years.max() < 3000        # as float ns since 1970 it would be ~1.6e18


def test_monthly_periods_are_refused():
    s = pd.Series(VALUES, index=pd.period_range("2020-01", periods=5, freq="M"))
    with pytest.raises(ValueError, match="not years"):
        fit(s)


def test_two_dates_in_one_year_are_refused():
    s = pd.Series([1.0, 2.0, 3.0], index=pd.to_datetime(["2020-01-01", "2020-06-30", "2021-01-01"]))
    with pytest.raises(ValueError, match=r"more than one value for the years \[2020\]"):
        fit(s)


@pytest.mark.parametrize("bad, match", [
    (pd.Series(VALUES, index=list("abcde")), r"index has dtype (object|str)"),
    (pd.DataFrame({"a": VALUES, "b": VALUES}, index=YEARS), "DataFrame with 2 columns"),
    (VALUES, "history is a list"),
    (np.array(VALUES), "history is a ndarray"),
])
def test_other_inputs_are_refused_with_what_was_expected(bad, match):
    with pytest.raises(TypeError, match=match) as info:
        fit(bad)
    assert "indexed by year" in str(info.value)
