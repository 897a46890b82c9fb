"""The scenario-discovery chart and its place in the front door."""

from __future__ import annotations

import re

import pytest

import talentsim as ts
from talentsim.charts import discovery_chart


@pytest.fixture(scope="module")
def found():
    return ts.discover(ts.load_preset("high-funding"), "tianhe.high_level_talent", samples=120, paths=1_000)


def _data(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


def test_in_the_front_door() -> None:
    assert {"discover", "Discovery", "discovery_chart"} <= set(ts.__all__)
    assert ts.discover.__module__ == "scenarios.discovery"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_shows_trajectory_and_every_assumption_in_its_language(found, lang) -> None:
    spec = discovery_chart(found, lang=lang).to_dict()
    rows = _data(spec)
    traj = max((rows for rows in spec["datasets"].values() if rows and "chosen" in rows[0]), key=len)
    assert [r["step"] for r in traj] == list(found.trajectory["step"])
    names = {r["name"] for r in rows if "box_text" in r}
    want = found.table()["name_zh" if lang == "zh" else "name_en"]
    assert names == set(want)
    title = " ".join(spec["title"]["text"] + spec["title"]["subtitle"])
    if lang == "zh":
        assert "哪些假设" in title and not re.search(r"[A-Za-z]{4,}", title)
    else:
        assert "Which assumptions" in title and not re.search(r"[\u4e00-\u9fff]", title)
    chosen = [r for r in traj if r["chosen"]]
    assert len(chosen) == 1 and chosen[0]["step"] == found.chosen


def test_bar_colours_follow_restriction_and_quasi_p(found) -> None:
    rows = {r["assumption"]: r for r in _data(discovery_chart(found, lang="en").to_dict()) if "box_text" in r}
    for r in found.table().itertuples():
        want = "#9e9e9e" if not r.restricted else ("#c62828" if r.quasi_p < 0.05 else "#ef9a9a")
        assert rows[r.assumption]["colour"] == want
