"""``data/units.csv`` read by ``forecast.data.units``: its facts hold together, and a broken row is refused."""

from __future__ import annotations

import pytest

from forecast.data.units import (BASE_UNIT, COLUMNS, COUNT_UNITS, PEOPLE_UNITS, PERSON_UNITS, ROUNDING, SCALE_UP,
                                 SUGGESTED_TYPE, TABLE, UNITS, load_units)

HEAD = ",".join(COLUMNS)


def test_every_unit_of_the_data_has_its_precision_and_suggested_type():
    assert UNITS and set(UNITS) == set(ROUNDING) == set(SUGGESTED_TYPE)
    assert all(r.in_data for u, r in TABLE.items() if u in UNITS)


def test_the_facts_of_one_unit_agree():
    assert set(PERSON_UNITS) <= set(PEOPLE_UNITS)                        # a stock of persons counts people
    assert all(SUGGESTED_TYPE[u] == "people" for u in PEOPLE_UNITS if u in UNITS)
    assert all(ROUNDING[u] == 1 for u in COUNT_UNITS if u in UNITS)      # counted one by one: whole numbers
    for u, (big, factor, _) in SCALE_UP.items():                         # 12 万人 is 120,000 人
        assert big in TABLE and factor > 1
        assert u not in PERSON_UNITS or big not in PERSON_UNITS or \
            PERSON_UNITS[u] / PERSON_UNITS[big] == pytest.approx(factor)
    for u, (base, factor) in BASE_UNIT.items():
        assert factor in (1e4, 1e8) and (u.startswith("万") or u.startswith("亿"))
    assert PERSON_UNITS["万人"] == pytest.approx(1e-4) and ROUNDING["%"] == 0.1


@pytest.mark.parametrize("row, says", [
    ("人,true,maybe,1,true,1,,,,,,people", "people"),
    ("人,true,true,one,true,1,,,,,,people", "persons"),
    ("人,true,true,-1,true,1,,,,,,people", "persons"),
    ("人,true,true,1,true,,,,,,,people", "precision"),
    ("人,true,true,1,true,1,,,,,,", "precision"),
    ("人,true,true,1,true,1,,,万人,10000,,people", "base"),
])
def test_a_broken_row_is_refused_naming_its_line_and_column(tmp_path, row, says):
    p = tmp_path / "units.csv"
    p.write_text(f"{HEAD}\n万人,true,true,0.0001,false,0.1,人,10000,,,,people\n{row}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"units.csv line 3, {says}"):
        load_units(p)


def test_a_unit_listed_twice_or_a_wrong_header_is_refused(tmp_path):
    p = tmp_path / "units.csv"
    p.write_text(f"{HEAD}\n人,true,true,1,true,1,,,,,,people\n人,true,true,1,true,1,,,,,,people\n", encoding="utf-8")
    with pytest.raises(ValueError, match="listed twice"):
        load_units(p)
    p.write_text("unit,in_data\n人,true\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns must be"):
        load_units(p)
