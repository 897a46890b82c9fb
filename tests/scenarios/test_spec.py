"""Scenario files: bad input gets a clear error naming file and field; saving never clobbers."""

from __future__ import annotations

import numpy as np
import pytest

from scenarios.levers import LEVERS
from scenarios.spec import (Scenario, ScenarioError, load_preset, load_scenario, preset_names, save_scenario)

BAD = {
    "unknown_lever.yaml": ("name: a\nlevers:\n  fundng_cny: 1\n", ["levers.fundng_cny", "unknown key"]),
    "negative_funding.yaml": ("name: a\nlevers:\n  funding_cny_100m_per_year: -2\n",
                              ["levers.funding_cny_100m_per_year", "greater than or equal to 0"]),
    "prob_above_one.yaml": ("name: a\nlevers:\n  additionality_share: 1.5\n",
                            ["levers.additionality_share", "less than or equal to 1"]),
    "nan.yaml": ("name: a\nlevers:\n  inflow_10k_per_year: .nan\n", ["levers.inflow_10k_per_year", "finite"]),
    "string.yaml": ("name: a\nlevers:\n  inflow_10k_per_year: lots\n", ["levers.inflow_10k_per_year", "valid number"]),
    "python_tag.yaml": ("name: !!python/object/apply:os.system ['echo pwned']\n", ["not valid safe YAML", "python/object"]),
    "empty.yaml": ("", ["empty"]),
    "list.yaml": ("- name: a\n", ["expected a mapping"]),
    "unknown_top.yaml": ("name: a\nfunding: 3\n", ["funding", "unknown key"]),
    "bad_override.yaml": ("name: a\noverrides:\n  tianhe.x: {growth_pct_per_year: 900}\n",
                          ["overrides.tianhe.x.growth_pct_per_year"]),
    "syntax.yaml": ("name: [a\n", ["line", "not valid safe YAML"]),
}


@pytest.mark.parametrize("fname", sorted(BAD))
def test_bad_scenario_file_names_file_and_field(tmp_path, fname):
    text, needles = BAD[fname]
    path = tmp_path / fname
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    msg = str(err.value)
    assert str(path) in msg
    for needle in needles:
        assert needle in msg, msg


def test_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f"name: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(ScenarioError):
        load_scenario(path)
    assert not marker.exists()


def test_presets_load_and_roundtrip(tmp_path):
    assert {"baseline", "plan", "high-funding", "low-inflow", "shock"} <= set(preset_names())
    for name in preset_names():
        sc = load_preset(name)
        p = save_scenario(sc, tmp_path / f"{name}.yaml")
        assert load_scenario(p) == sc


def test_save_never_overwrites_a_different_scenario(tmp_path):
    path = tmp_path / "mine.yaml"
    a = Scenario(name="mine").with_levers(funding_cny_100m_per_year=2.0)
    save_scenario(a, path)
    before = path.read_bytes()
    b = a.with_levers(funding_cny_100m_per_year=3.0)
    with pytest.raises(ScenarioError, match="different scenario"):
        save_scenario(b, path)
    assert path.read_bytes() == before
    save_scenario(a, path)  # the same scenario again is fine
    save_scenario(b, path, overwrite=True)
    assert load_scenario(path) == b


def test_lever_ranges_are_the_schema_ranges():
    for key, lv in LEVERS.items():
        assert lv.low <= lv.default <= lv.high, key
        with pytest.raises(ScenarioError, match=key):
            Scenario(name="x").with_levers(**{key: lv.high + (1 if lv.integer else 1.0)})


def test_lever_defaults_match_the_documents_figures():
    """Funding's fallback is Tianhe's 13th-FYP level; the cost median and spread span the documents'
    per-person figures (Haizhu's 13.4 and Tianjin's 60 万元 as the 90 % range)."""
    from forecast.data import load_programmes
    from scenarios.baseline import historic_funding

    prog = load_programmes()
    funding, source = historic_funding(prog, "tianhe")
    assert LEVERS["funding_cny_100m_per_year"].default == pytest.approx(funding)
    assert "6亿元" in source
    p = prog.set_index("id")["cost_per_person_10k_cny"]
    lo_doc, hi_doc = p["haizhu.innovation_talent_first_batch"], p["tianjin.young_scientist"]
    assert LEVERS["cost_per_talent_cny_10k"].default == pytest.approx(np.sqrt(lo_doc * hi_doc), abs=0.5)
    assert LEVERS["cost_log_sd"].default == pytest.approx(np.log(hi_doc / lo_doc) / (2 * 1.645), abs=0.01)
    per_person = prog["cost_per_person_10k_cny"].dropna()
    lo, hi = LEVERS["cost_per_talent_cny_10k"].low, LEVERS["cost_per_talent_cny_10k"].high
    assert ((per_person >= lo) & (per_person <= hi)).all()  # the range covers every priced instrument


@pytest.mark.parametrize("name", ["plan\u200b", "pl\u200fan", "pl\u00adan", "\ufeffplan", "plan\u200d"])
def test_names_with_invisible_characters_are_refused(name):
    """"plan" and "plan\\u200b" look the same on the shared page (issue 21)."""
    from scenarios.errors import ScenarioError

    with pytest.raises((ScenarioError, ValueError), match="invisible characters"):
        Scenario(name=name)
    assert Scenario(name="人才 计划 2030").name == "人才 计划 2030"
