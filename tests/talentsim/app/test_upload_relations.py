"""An upload declares its own driver structure: relations.csv beside indicators.csv and observations.csv."""

from __future__ import annotations


from talentsim.app.upload import load_upload

from .conftest import to_csv, user_tables

REL = [["id", "region", "kind", "child", "parent", "coef", "coef_low", "coef_high", "basis", "source", "quote"],
       ["myregion.hl_in_total", "myregion", "part_of", "myregion.high_level_talent", "myregion.talent_total",
        "1", "", "", "definition", "my_plan.txt", "高层次人才计入人才资源总量"]]


def _with_channels(ind: list[list[str]]) -> list[list[str]]:
    out = [ind[0] + ["channel"]]
    for row, ch in zip(ind[1:], ["talent_total", "selectees"]):
        out.append(row + [ch])
    return out


def test_uploaded_relations_carry_the_levers():
    from scenarios.reach import lever_reach

    ind, obs = user_tables()
    state, problems = load_upload([("indicators.csv", to_csv(_with_channels(ind))), ("observations.csv", to_csv(obs)),
                                   ("relations.csv", to_csv(REL))])
    assert not problems, [str(p) for p in problems]
    assert len(state.dataset.relations) == 1
    setup = next(iter(state.setups.values())) if isinstance(state.setups, dict) else state.setups[0]
    reach = lever_reach(setup)
    # no funding history: programme places reach high-level talent and, by the relation, the total
    assert reach["programme_places_per_year"] == ["myregion.talent_total", "myregion.high_level_talent"]
    assert reach["inflow_10k_per_year"] == ["myregion.talent_total"]


def test_a_bad_uploaded_relation_is_refused_with_its_line():
    ind, obs = user_tables()
    bad = [REL[0], REL[1][:5] + ["1.5"] + REL[1][6:]]
    _, problems = load_upload([("indicators.csv", to_csv(ind)), ("observations.csv", to_csv(obs)),
                               ("my_relations.csv", to_csv(bad))])
    assert any(p.code == "relation_share" and p.line == 2 for p in problems), [str(p) for p in problems]
