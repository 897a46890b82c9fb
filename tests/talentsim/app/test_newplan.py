"""A new plan typed in: editor table -> data layout, problems on the offending cell, atomic save."""

from __future__ import annotations

import pandas as pd
import pytest

from talentsim.app import newplan


def typed() -> pd.DataFrame:
    df = newplan.blank_template()
    df.loc[0, ["name_zh", "name_en", "base_value", "target_value", "earlier"]] = [
        "人才资源总量", "Talent total", 100, 120, "2020:90; 2022:95"]
    df.loc[0, "unit"] = "万人"
    df.loc[1, ["name_zh", "name_en", "unit", "base_value", "target_value"]] = ["高层次人才", "High-level talent", "人",
                                                                              1500, 2000]
    df.loc[1, "funded"] = True    # district programme selectees: the talent fund pays for them
    return df


def test_blank_template_is_a_15th_plan():
    df = newplan.blank_template()
    assert set(df["base_year"]) == {2025} and set(df["target_year"]) == {2030}
    assert list(df.columns) == list(newplan.COLUMNS)
    state, problems = newplan.check_plan("my_district", df)
    assert state is None and problems and problems[0].column == "table"


def test_typed_plan_loads_and_simulates_to_2030():
    import scenarios

    state, problems = newplan.check_plan("my_district", typed())
    assert problems == [] and state.regions == ["my_district"]
    obs = state.dataset.observations
    assert sorted(obs[obs["id"] == "my_district.indicator_1"]["year"]) == [2020, 2022, 2025]
    sc = scenarios.Scenario(name="t", region="my_district", horizon=2030, paths=2000)
    from scenarios.baseline import setup_from_dataset

    sim = scenarios.simulate(sc, setup=setup_from_dataset(state.dataset, "my_district", 2030))
    p = sim.summary().set_index("id")["p_hit"]
    assert 0 <= p["my_district.indicator_1"] <= 1


@pytest.mark.parametrize("row, column, value, where", [
    (1, "base_value", "abc", "base_value"),
    (0, "earlier", "2020 96", "earlier"),
    (0, "key", "Bad Key", "key"),
    (1, "target_year", newplan.MAX_YEAR + 1, "target_year"),    # past the last year a simulation may run to
])
def test_a_bad_cell_is_named_by_row_and_column(row, column, value, where):
    df = typed().astype({column: object})
    df.loc[row, column] = value
    state, problems = newplan.check_plan("my_district", df)
    assert state is None
    assert (row + 1, where) in {(p.row, p.column) for p in problems}, problems


def test_save_is_atomic_and_never_overwrites_unasked(tmp_path):
    path = newplan.save_plan(tmp_path, "my_district", typed())
    assert {p.name for p in path.iterdir()} == {"plan.csv", "indicators.csv", "observations.csv"}
    assert newplan.saved_plans(tmp_path) == ["my_district"]
    with pytest.raises(FileExistsError):
        newplan.save_plan(tmp_path, "my_district", typed())
    df = typed()
    df.loc[1, "target_value"] = 2500
    newplan.save_plan(tmp_path, "my_district", df, overwrite=True)
    back = newplan.load_plan(tmp_path, "my_district")
    assert float(back.loc[1, "target_value"]) == 2500
    assert newplan.check_plan("my_district", back)[1] == []
    assert [p.name for p in (tmp_path / "plans").iterdir()] == ["my_district"]  # no temp folders left


def _funding(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(newplan.FUNDING_COLUMNS)).astype({"year": object, "amount": object})


def test_blank_template_then_a_funding_history_gives_the_funding_lever_its_figure_and_moves_probabilities():
    """Issue 12 item 8: blank 15th-plan template -> two indicators -> funding history (亿元 a year)
    -> the funding lever starts from the history's mean and raises the probabilities."""
    import scenarios
    from scenarios.baseline import setup_from_dataset

    state, problems = newplan.check_plan("my_district", typed(), newplan.blank_funding())
    assert problems == [] and state.setups["my_district"].historic_funding is None   # no amounts: no lever
    state, problems = newplan.check_plan("my_district", typed(), _funding([[2023, 0.8], [2024, 1.0], [2025, 1.2]]))
    assert problems == []
    setup = setup_from_dataset(state.dataset, "my_district", 2030)
    assert setup.historic_funding == pytest.approx(1.0)                             # (0.8 + 1.0 + 1.2) / 3
    assert "2025: 1.2 亿元" in setup.funding_source
    sc = scenarios.Scenario(name="t", region="my_district", horizon=2030, paths=4000)
    base = scenarios.simulate(sc, setup=setup).summary().set_index("id")["p_hit"]
    more = scenarios.simulate(sc.with_levers(funding_cny_100m_per_year=5.0), setup=setup).summary()
    more = more.set_index("id")["p_hit"]
    assert more["my_district.indicator_2"] > base["my_district.indicator_2"] + 0.02, (base, more)


@pytest.mark.parametrize("row, column, value", [(2, "amount", "一亿"), (1, "year", "20x3"), (3, "amount", -1)])
def test_a_bad_funding_cell_is_named_by_its_row_and_column_in_the_funding_table(row, column, value):
    rows = [[2023, 0.8], [2024, 1.0], [2025, 1.2]]
    rows[row - 1][newplan.FUNDING_COLUMNS.index(column)] = value
    state, problems = newplan.check_plan("my_district", typed(), _funding(rows))
    assert state is None
    assert ("funding", row, column) in {(p.table, p.row, p.column) for p in problems}, problems


def test_a_saved_plan_reopens_with_its_funding_history(tmp_path):
    funding = _funding([[2024, 1.0], [2025, 1.5]])
    path = newplan.save_plan(tmp_path, "my_district", typed(), funding)
    assert {"funding.csv", "programmes.csv"} <= {p.name for p in path.iterdir()}
    back = newplan.load_funding(tmp_path, "my_district")
    assert back["amount"].tolist() == ["1.0", "1.5"]
    state, problems = newplan.check_plan("my_district", newplan.load_plan(tmp_path, "my_district"), back)
    assert problems == [] and state.setups["my_district"].historic_funding == pytest.approx(1.25)


def test_several_values_pasted_into_one_cell_are_named_on_that_cell():
    """A paste that lands in an open cell editor puts several lines in one cell; that cell is named,
    not a CSV quoting problem further down."""
    funding = _funding([["2024", "0.8\n1.0\n1.2"], ["2025", "1.0"]])
    state, problems = newplan.check_plan("my_district", typed(), funding)
    assert state is None
    assert [(p.table, p.row, p.column, p.code) for p in problems] == [("funding", 1, "amount", "plan_lines")]
