"""data/relations.csv: shares recomputed from the sourced base values; bad rows refused, in both languages."""

from __future__ import annotations

import csv

import pytest

from forecast.data import validate_dataset

UNIT = {"万人": 1e4, "人": 1.0, "名": 1.0}


def test_base_value_shares_are_the_ratio_of_the_sourced_bases(shipped):
    rel, obs, ind = shipped.relations, shipped.observations, shipped.indicators
    value = {(i, int(y)): v for i, y, v, p in zip(obs["id"], obs["year"], obs["value"], obs["preferred"]) if p}
    unit = dict(zip(ind["id"], ind["unit"]))
    rows = rel[rel["basis"] == "base_values"]
    assert len(rows) >= 6
    for r in rows.itertuples():
        y = int(r.base_year)
        share = value[(r.child, y)] * UNIT[unit[r.child]] / (value[(r.parent, y)] * UNIT[unit[r.parent]])
        assert r.coef == pytest.approx(share, abs=6e-5), r.id
        assert r.coef_low <= r.coef <= r.coef_high


def test_every_assumption_has_a_range(shipped):
    rel = shipped.relations
    for r in rel[rel["basis"] == "assumption"].itertuples():
        assert r.coef_low < r.coef_high, f"{r.id}: an assumption needs a range"
        assert "ASSUMPTION" in r.note


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def test_bad_relations_are_refused_with_their_codes(data_copy):
    base = {"region": "tianhe", "basis": "assumption", "base_year": "", "source": "x.txt", "quote": "q",
            "note": "n", "coef_low": "", "coef_high": ""}
    rows = [
        {**base, "id": "tianhe.self", "kind": "part_of", "child": "tianhe.talent_total",
         "parent": "tianhe.talent_total", "coef": "1"},
        {**base, "id": "tianhe.big", "kind": "sector_of", "child": "tianhe.ict_employment",
         "parent": "tianhe.talent_total", "coef": "1.5"},
        {**base, "id": "tianhe.sum1", "kind": "sector_of", "child": "tianhe.trade_employment",
         "parent": "tianhe.talent_total", "coef": "0.9"},
        {**base, "id": "tianhe.outside", "kind": "part_of", "child": "tianhe.high_level_talent",
         "parent": "tianhe.talent_total", "coef": "0.5", "coef_low": "0.6", "coef_high": "0.9"},
        {**base, "id": "tianhe.type", "kind": "numerator_of", "child": "tianhe.talent_total",
         "parent": "tianhe.hr_service_firms", "coef": "1"},
        {**base, "id": "tianhe.nosuch", "kind": "part_of", "child": "tianhe.nosuch",
         "parent": "tianhe.talent_total", "coef": "1"},
        {**base, "id": "tianhe.loop1", "kind": "part_of", "child": "tianhe.academicians",
         "parent": "tianhe.hr_services_staff", "coef": "1"},
        {**base, "id": "tianhe.loop2", "kind": "part_of", "child": "tianhe.hr_services_staff",
         "parent": "tianhe.academicians", "coef": "1"},
        {**base, "id": "tianhe.twice", "kind": "sector_of", "child": "tianhe.high_level_talent",
         "parent": "tianhe.talent_total", "coef": "0.01"},
    ]
    _write(data_copy / "relations.csv", rows)
    codes = {p.code for p in validate_dataset(data_copy)}
    assert {"relation_self", "relation_share", "relation_sector_sum", "relation_coef_range", "relation_types",
            "unknown_ref", "relation_cycle", "relation_twice"} <= codes


def test_relation_messages_exist_in_both_languages():
    from forecast.data.errors import MESSAGES
    from talentsim.messages.catalogue.dataerrors import ZH

    codes = [c for c in MESSAGES if c.startswith("relation_")]
    assert len(codes) == 8
    for c in codes:
        assert c in ZH and set(_fields(ZH[c])) == set(_fields(MESSAGES[c])), c


def _fields(text: str) -> list[str]:
    import string

    return [f for _, f, _, _ in string.Formatter().parse(text) if f]
