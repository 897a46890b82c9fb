"""data/regions.csv: one row per region (names, level, plan period), closed lists, every region listed;
the optional ``domain`` column of indicators.csv (talent | context)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from forecast.data import DataError, load_dataset
from forecast.data.schema import LEVELS, PLANS

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "horizon"


def test_every_shipped_region_has_its_row_and_the_seeds_their_level_and_plan():
    ds = load_dataset(None)
    reg = ds.regions.set_index("region")
    assert set(ds.indicators["region"]) <= set(reg.index)
    assert set(reg["level"]) <= set(LEVELS) and set(reg["plan"]) <= set(PLANS)
    seeds = {"tianhe": ("district", "14th"), "guangdong": ("province", "14th"), "liwan": ("district", "555"),
             "haizhu": ("district", "other"), "tianjin": ("province", "other")}
    for region, (level, plan) in seeds.items():
        assert (reg.loc[region, "level"], reg.loc[region, "plan"]) == (level, plan)
        assert reg.loc[region, "name_zh"] and reg.loc[region, "name_en"]


def _copy(tmp_path: Path) -> Path:
    for f in FIXTURE.glob("*.csv"):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def _problems(folder: Path) -> list:
    with pytest.raises(DataError) as err:
        load_dataset(folder)
    return err.value.problems


def test_a_region_without_its_row_is_named(tmp_path):
    folder = _copy(tmp_path)
    lines = (folder / "regions.csv").read_text(encoding="utf-8").splitlines()
    (folder / "regions.csv").write_text("\n".join(l for l in lines if not l.startswith("twoyear")) + "\n",
                                        encoding="utf-8")
    p = _problems(folder)
    assert [x.code for x in p] == ["region_not_listed"] and "twoyear" in p[0].message
    assert p[0].file == "indicators.csv" and p[0].column == "region"


@pytest.mark.parametrize("edit, code", [
    (lambda s: s.replace("newtown,新城市,Newtown City,city", "newtown,新城市,Newtown City,town"), "not_allowed"),
    (lambda s: s.replace(",15th,Made-up test fixture.\n", ",16th,Made-up test fixture.\n", 1), "not_allowed"),
    (lambda s: s + "oldtown,旧城区,Oldtown District,district,14th,again\n", "duplicate_region")])
def test_closed_lists_and_one_row_per_region(tmp_path, edit, code):
    folder = _copy(tmp_path)
    path = folder / "regions.csv"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert code in {x.code for x in _problems(folder)}


@pytest.mark.parametrize("column, edit", [
    ("name_zh", lambda s: s.replace("oldtown,旧城区,", "oldtown,新城市,")),
    ("name_en", lambda s: s.replace(",Oldtown District,", ",Newtown City,"))])
def test_two_regions_never_share_a_name(tmp_path, column, edit):
    """Issue 22: guangdong and guangdong_2030 were both 广东省, and typing it in the picker chose the
    other plan. Each name is unique in its language; the problem names both regions."""
    folder = _copy(tmp_path)
    path = folder / "regions.csv"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    p = [x for x in _problems(folder) if x.code == "duplicate_region_name"]
    assert {x.column for x in p} == {column} and len(p) == 2
    assert "newtown" in p[0].message and "oldtown" in p[0].message


def test_the_shipped_regions_have_distinct_names_in_both_languages():
    reg = load_dataset(None).regions
    for col in ("name_zh", "name_en"):
        assert not reg[col].duplicated().any(), reg.loc[reg[col].duplicated(keep=False), ["region", col]]
    g = reg.set_index("region")
    assert g.loc["guangdong", "name_zh"] == "广东省" and g.loc["guangdong_2030", "name_zh"].startswith("广东省（")
    assert "2030" in g.loc["guangdong_2030", "name_zh"] and "2030" in g.loc["guangdong_2030", "name_en"]


def test_domain_is_talent_or_context(tmp_path):
    ds = load_dataset(FIXTURE)
    assert dict(zip(ds.indicators["id"], ds.indicators["domain"]))["newtown.rd_intensity"] == "context"
    folder = _copy(tmp_path)
    path = folder / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",context,", ",economy,"), encoding="utf-8")
    p = _problems(folder)
    assert [(x.code, x.column) for x in p] == [("not_allowed", "domain")]


def test_an_upload_needs_no_regions_file(tmp_path):
    folder = _copy(tmp_path)
    (folder / "regions.csv").unlink()
    ds = load_dataset(folder)
    assert ds.regions.empty and set(ds.indicators["region"]) == {"oldtown", "newtown", "twoyear"}
