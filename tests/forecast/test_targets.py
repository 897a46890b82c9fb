"""One usable-history rule and one target comparison, shared by every layer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecast.targets import target_met, usable_history

OBS = pd.DataFrame({
    "id": ["a.x"] * 6 + ["a.y"],
    "year": [2015, 2016, 2016, 2017, 2018, 2019, 2016],
    "value": [1.0, 2.0, 2.5, np.nan, 4.0, 5.0, 9.0],
    "status": ["derived", "observed", "observed", "observed", "redacted", "observed", "observed"],
    "preferred": [True, None, True, True, True, False, True],
    "source": "s", "quote": "q", "note": "n",
})


def test_usable_history_drops_nan_and_redacted_and_keeps_preferred():
    h = usable_history(OBS, "a.x")
    assert h["year"].tolist() == [2015, 2016, 2019]
    assert h["value"].tolist() == [1.0, 2.5, 5.0]      # 2016: the preferred row, whose twin has preferred empty
    assert h["status"].tolist() == ["derived", "observed", "observed"]
    assert h["year"].dtype.kind == "i" and h["value"].dtype.kind == "f"


def test_usable_history_of_nothing_is_empty():
    assert usable_history(OBS, "a.z").empty
    assert usable_history(None, "a.x").empty


def test_every_caller_uses_the_same_points():
    from forecast.baseline import history
    from talentsim.app.display import history_points
    from talentsim.export.tables import history as export_history

    class DS:
        observations = OBS
    want = usable_history(OBS, "a.x")
    assert history("a.x", DS()).to_dict() == dict(zip(want["year"], want["value"]))
    assert history_points(OBS, "a.x")[["year", "value"]].equals(want[["year", "value"]])
    assert export_history(OBS, "a.x")[["year", "value"]].equals(want[["year", "value"]])


@pytest.mark.parametrize("op, expect", [(">=", [False, True, True]), (">", [False, False, True]),
                                        ("<=", [True, True, False]), ("<", [True, False, False]),
                                        ("≥", [False, True, True]), ("＞", [False, False, True])])
def test_target_met_comparators(op, expect):
    assert target_met([9.0, 10.0, 11.0], op=op, target=10.0).tolist() == expect


def test_about_means_within_five_percent_or_the_range():
    assert target_met([94.9, 95.0, 105.0, 105.1], op="=", target=100.0).tolist() == [False, True, True, False]
    assert target_met([2.9, 3.0, 4.0, 4.1], op="=", target=np.nan, low=3, high=4).tolist() == [False, True, True, False]


def test_target_met_broadcasts_per_column_targets_and_rejects_unknown_ops():
    v = np.array([[1.0, 5.0], [3.0, 7.0]])
    assert target_met(v, op=">=", target=np.array([2.0, 6.0])).tolist() == [[False, False], [True, True]]
    with pytest.raises(ValueError, match="=>"):
        target_met(v, op="=>", target=1.0)
