"""A typed plan declares its talent total and what is part of it: inflow and funding then reach them."""

from __future__ import annotations

import pandas as pd

from talentsim.app import newplan


def _plan(part_of: str = "talent_total") -> pd.DataFrame:
    df = newplan.blank_template(rows=2)
    df.loc[0, ["key", "name_zh", "base_value", "target_value", "total"]] = ["talent_total", "人才总量", "30", "36", True]
    df.loc[1, ["key", "name_zh", "unit", "base_value", "target_value", "funded", "part_of"]] = [
        "high_level", "高层次人才", "人", "600", "900", True, part_of]
    return df


def test_typed_total_and_part_of_reach_the_levers():
    from scenarios.reach import lever_reach

    state, problems = newplan.check_plan("my_district", _plan())
    assert not problems, [p.message for p in problems]
    assert len(state.dataset.relations) == 1
    setup = next(iter(state.setups.values())) if isinstance(state.setups, dict) else state.setups[0]
    reach = lever_reach(setup)
    assert reach["inflow_10k_per_year"] == ["my_district.talent_total"]
    assert set(reach["programme_places_per_year"]) == {"my_district.talent_total", "my_district.high_level"}


def test_part_of_an_unknown_row_is_placed_on_its_cell():
    _, problems = newplan.check_plan("my_district", _plan("nosuch"))
    assert [(p.row, p.column, p.code) for p in problems] == [(2, "part_of", "plan_part_of")]


def test_a_plan_saved_before_the_columns_opens(tmp_path):
    df = _plan().drop(columns=["total", "part_of"])
    d = tmp_path / "plans" / "old"
    d.mkdir(parents=True)
    df.to_csv(d / "plan.csv", index=False)
    back = newplan.load_plan(tmp_path, "old")
    assert list(back["total"]) == [False, False] and list(back["part_of"]) == ["", ""]
