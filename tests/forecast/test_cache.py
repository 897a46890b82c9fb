"""Disk cache of datasets and growth laws: faithful, keyed on content, and never stale."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from forecast.cache import cached_dataset, cached_growth_laws, fingerprint
from forecast.data import load_dataset, shipped_dir

TABLES = ("indicators", "observations", "programmes", "growth_facts")


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("TALENTSIM_CACHE_DIR", str(d))
    return d


@pytest.fixture()
def data_copy(tmp_path):
    dst = tmp_path / "data"
    shutil.copytree(shipped_dir(), dst, ignore=shutil.ignore_patterns("*.md", "*.py"))
    return dst


def test_a_cached_dataset_equals_a_fresh_load(cache):
    fresh = load_dataset()
    cached_dataset()                              # writes the entry
    assert len(list(cache.glob("dataset-*.json"))) == 1
    hit = cached_dataset()                        # reads it back
    for t in TABLES:
        pd.testing.assert_frame_equal(getattr(hit, t), getattr(fresh, t))


def test_cached_laws_equal_fresh_fits(cache):
    import forecast

    ds = load_dataset()
    ids = ["tianhe.talent_total", "tianhe.high_skill_share", "tianhe.new_teachers"]
    key = fingerprint()
    first = cached_growth_laws(ids, ds, key)
    again = cached_growth_laws(ids, ds, key)
    fresh = forecast.growth_laws(ids, dataset=ds)
    assert dict(again) == dict(first) == dict(fresh)
    assert again.skipped == fresh.skipped and "tianhe.new_teachers" in again.skipped
    stored = json.loads(next(cache.glob("laws-*.json")).read_text(encoding="utf-8"))
    assert set(stored["laws"]) == {"tianhe.talent_total", "tianhe.high_skill_share"}


def test_the_key_follows_the_bytes(data_copy):
    before = fingerprint(data_copy)
    assert fingerprint(data_copy) == before
    f = data_copy / "observations.csv"
    f.write_bytes(f.read_bytes() + b"\n")
    assert fingerprint(data_copy) != before


def test_an_edited_csv_is_seen_without_restarting(cache, data_copy):
    from scenarios.baseline import region_setup
    from scenarios.simulate import simulate
    from scenarios.spec import load_preset

    sc = load_preset("plan").model_copy(update={"data_dir": str(data_copy)})
    first = simulate(sc, paths=2000)
    i = first.ids.index("tianhe.talent_total")
    assert first.setup.laws[i].base_value == 96.0
    obs = pd.read_csv(data_copy / "observations.csv", dtype=str, keep_default_na=False)
    row = (obs["id"] == "tianhe.talent_total") & (obs["year"] == "2020") & (obs["preferred"] != "false")
    assert row.sum() == 1
    obs.loc[row, "value"] = "104"
    obs.to_csv(data_copy / "observations.csv", index=False)
    second = simulate(sc, paths=2000)             # same process, same arguments
    assert second.setup.laws[i].base_value == 104.0
    assert second.p_hit[i] > first.p_hit[i]
    assert region_setup("tianhe", 2025, str(data_copy)).laws[i].base_value == 104.0


def test_a_broken_cache_entry_is_recomputed(cache):
    key = fingerprint()
    cache.mkdir(parents=True)
    (cache / f"dataset-{key}.json").write_text("{not json", encoding="utf-8")
    (cache / f"laws-{key}.json").write_text(json.dumps({"key": key, "laws": {"tianhe.talent_total": {"x": 1}},
                                                        "skipped": {}}), encoding="utf-8")
    ds = cached_dataset()
    assert len(ds.indicators) > 100
    laws = cached_growth_laws(["tianhe.talent_total"], ds, key)
    assert laws["tianhe.talent_total"].base_value == 96.0


def test_a_custom_folder_key_follows_the_shipped_tables_it_is_fitted_with(tmp_path, data_copy, monkeypatch):
    """A custom data folder is fitted with the shipped reference class: editing that file must
    change the key (a cached law survived such an edit: 0.7500 cached, 0.6875 fresh; issue 21)."""
    import forecast.data.load as load

    shipped = tmp_path / "shipped"
    shutil.copytree(shipped_dir(), shipped, ignore=shutil.ignore_patterns("*.md", "*.py"))
    monkeypatch.setattr(load, "shipped_dir", lambda: shipped)
    custom = tmp_path / "custom"
    custom.mkdir()
    for t in ("indicators", "observations"):
        shutil.copy(data_copy / f"{t}.csv", custom / f"{t}.csv")
    before = fingerprint(custom)
    ref = shipped / "reference_growth.csv"
    ref.write_bytes(ref.read_bytes() + b"\n")
    assert fingerprint(custom) != before


@pytest.mark.parametrize("damage", [{"laws": []}, {"laws": {}}, {"laws": {"tianhe.talent_total": 3}, "skipped": {}}])
def test_a_damaged_laws_entry_with_the_right_key_is_recomputed(cache, damage):
    import forecast

    ds = load_dataset()
    key = fingerprint()
    cache.mkdir(parents=True)
    (cache / f"laws-{key}.json").write_text(json.dumps({"key": key, **damage}), encoding="utf-8")
    got = cached_growth_laws(["tianhe.talent_total"], ds, key)
    assert dict(got) == dict(forecast.growth_laws(["tianhe.talent_total"], dataset=ds))


def test_a_failed_cache_write_leaves_no_temporary_file(cache):
    from forecast.store import write

    write("x.json", {"bad": float("nan")})        # JSON refuses NaN
    assert not list(cache.glob("*"))
