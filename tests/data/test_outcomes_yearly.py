"""data/outcomes_yearly.csv: yearly work-report targets settled by the next year's report."""

from __future__ import annotations

import csv
import functools
import os
import re
import subprocess
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data"
TABLE = DATA / "outcomes_yearly.csv"
COMMIT = "fc1a2f67a589763dc905aaa90f2b1ba356bbccde"
COLUMNS = ["row_id", "region", "region_zh", "level", "plan_kind", "indicator", "indicator_key",
           "type", "unit", "per_year", "base_year", "base_value", "target_year", "target_value",
           "comparator", "approx", "strive", "outcome_year", "outcome_value", "met",
           "target_file", "quote_target", "base_file", "quote_base", "outcome_file",
           "quote_outcome", "corpus_commit", "note"]
KEPT_OUT = ["浙江", "江苏", "上海", "云南", "河北", "河南", "青海", "宁波", "杭州", "大连", "银川",
            "南昌", "烟台", "长沙", "东莞", "厦门", "郑州", "西安"]
KEPT_OUT_SLUGS = {"zhejiang", "jiangsu", "shanghai", "yunnan", "hebei", "henan", "qinghai",
                  "ningbo", "hangzhou", "dalian", "yinchuan", "nanchang", "yantai", "changsha",
                  "dongguan", "xiamen", "zhengzhou", "xian"}
FORBIDDEN_2026 = ["贵州省", "陕西省", "吉林省", "合肥市", "青岛市"]


@functools.lru_cache(maxsize=1)
def rows() -> tuple[dict, ...]:
    with open(TABLE, encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


@functools.lru_cache(maxsize=1)
def keys() -> dict:
    with open(DATA / "indicator_keys.csv", encoding="utf-8", newline="") as f:
        return {r["key"]: r for r in csv.DictReader(f)}


def test_columns_and_enough_rows():
    with open(TABLE, encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == COLUMNS
    rs = rows()
    assert len(rs) >= 280
    assert len({r["region"] for r in rs}) >= 20
    assert sum(r["met"] == "false" for r in rs) >= 60
    assert len({r["row_id"] for r in rs}) == len(rs)


def test_closed_lists_and_keys():
    ks = keys()
    for r in rows():
        assert r["level"] in {"national", "province", "city"}, r["row_id"]
        assert r["plan_kind"] == "yearly"
        assert r["type"] in {"people", "share", "rate", "organisations", "money", "total", "growth"}
        assert r["comparator"] in {">=", "<=", "="}
        for col in ("approx", "strive", "met", "per_year"):
            assert r[col] in {"true", "false"}, (r["row_id"], col)
        assert r["indicator_key"] in ks, r["row_id"]
        assert r["type"] == ks[r["indicator_key"]]["type"], r["row_id"]
        assert r["corpus_commit"] == COMMIT
        assert r["row_id"] == f"{r['region']}.y{r['target_year']}.{r['indicator_key']}"


def test_indicator_keys_sorted_and_closed():
    with open(DATA / "indicator_keys.csv", encoding="utf-8", newline="") as f:
        ks = list(csv.DictReader(f))
    assert [k["key"] for k in ks] == sorted(k["key"] for k in ks)
    for k in ks:
        assert k["domain"] in {"talent", "employment", "education", "st", "economy", "social", "environment"}
        assert k["higher_is_better"] in {"true", "false"}


@functools.lru_cache(maxsize=1)
def report_year_fixes() -> dict:
    """(folder, file year) -> report year, or None for files skipped as duplicates."""
    with open(DATA / "build" / "gov_report_year_fixes.csv", encoding="utf-8", newline="") as f:
        return {(r["folder"], int(r["file_year"])): int(r["report_year"]) if r["report_year"] else None
                for r in csv.DictReader(f)}


def report_year(path: str) -> int | None:
    folder, name = path.rsplit("/", 1)
    y = int(name[:4])
    return report_year_fixes().get((folder, y), y)


def test_met_is_the_strict_comparator_and_horizon_is_one_year():
    for r in rows():
        t, o = float(r["target_value"]), float(r["outcome_value"])
        want = {">=": o >= t, "<=": o <= t, "=": o == t}[r["comparator"]]
        assert r["met"] == str(want).lower(), r["row_id"]
        assert int(r["outcome_year"]) == int(r["target_year"])
        assert report_year(r["target_file"]) == int(r["target_year"]), r["row_id"]
        assert report_year(r["outcome_file"]) == int(r["target_year"]) + 1, r["row_id"]
        if r["base_file"]:
            assert r["base_file"] == r["target_file"], r["row_id"]
        if r["base_value"]:
            assert int(r["base_year"]) == int(r["target_year"]) - 1


def test_ceilings_and_approx_follow_the_printed_words():
    ks = keys()
    for r in rows():
        if ks[r["indicator_key"]]["higher_is_better"] == "false":
            assert r["comparator"] == "<=", r["row_id"]
        assert (r["approx"] == "true") == bool(re.search(r"左右|约|上下", r["quote_target"])), r["row_id"]
        assert (r["strive"] == "true") == bool(re.search(r"力争|争取", r["quote_target"])), r["row_id"]


def test_no_kept_out_region_no_forbidden_file_no_national_rd():
    for r in rows():
        assert r["region"] not in KEPT_OUT_SLUGS
        files = [r["target_file"], r["base_file"], r["outcome_file"]]
        for path in filter(None, files):
            assert not any(k in path for k in KEPT_OUT), path
            assert "五年规划/2026" not in path
            assert not (path.endswith("/2026.md") and any(p in path for p in FORBIDDEN_2026)), path
        assert not (r["level"] == "national" and r["indicator_key"] == "rd_intensity")


def test_every_region_is_listed_with_its_folder_and_an_allowed_province():
    with open(DATA / "build" / "outcomes_yearly_regions.csv", encoding="utf-8", newline="") as f:
        regions = {r["region"]: r for r in csv.DictReader(f)}
    kept_out_provinces = {"浙江省", "江苏省", "上海市", "云南省", "河北省", "河南省", "青海省"}
    for r in regions.values():
        assert r["province"] not in kept_out_provinces, r["region"]
        assert not any(k in r["folder"] for k in KEPT_OUT), r["region"]
    for r in rows():
        reg = regions[r["region"]]
        assert (reg["name_zh"], reg["level"]) == (r["region_zh"], r["level"]), r["row_id"]
        assert r["target_file"].startswith(reg["folder"] + "/"), r["row_id"]
        assert r["outcome_file"].startswith(reg["folder"] + "/"), r["row_id"]


def corpus() -> str | None:
    path = os.environ.get("TALENTSIM_GOV_CORPUS", "/work/.mirror/lawtext+gov/repo")
    return path if Path(path).exists() else None


@functools.lru_cache(maxsize=1)
def corpus_texts() -> dict[str, str]:
    """Every cited file, read in one `git cat-file --batch` call, whitespace collapsed."""
    paths = sorted({r[c] for r in rows() for c in ("target_file", "base_file", "outcome_file") if r[c]})
    query = "".join(f"{COMMIT}:{p}\n" for p in paths).encode("utf-8")
    out = subprocess.run(["git", f"--git-dir={corpus()}", "cat-file", "--batch"],
                         input=query, capture_output=True, check=True).stdout
    texts, pos = {}, 0
    for p in paths:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        assert header[-1] != b"missing", p
        size = int(header[2])
        texts[p] = re.sub(r"\s+", " ", out[end + 1:end + 1 + size].decode("utf-8"))
        pos = end + 1 + size + 1
    return texts


def corpus_text(path: str) -> str:
    return corpus_texts()[path]


def printed(value: str) -> str:
    """The number as the report prints it (sign carried by 下降/降低 words)."""
    return f"{abs(float(value)):g}"


@pytest.mark.skipif(corpus() is None, reason="lawtext/gov corpus not present (set TALENTSIM_GOV_CORPUS)")
def test_every_quote_is_in_its_file_and_carries_its_number():
    for r in rows():
        for qcol, fcol, vcol in (("quote_target", "target_file", "target_value"),
                                 ("quote_base", "base_file", "base_value"),
                                 ("quote_outcome", "outcome_file", "outcome_value")):
            if not r[qcol]:
                assert not r[vcol], (r["row_id"], vcol)
                continue
            quote = re.sub(r"\s+", " ", r[qcol]).strip()
            assert quote in corpus_text(r[fcol]), (r["row_id"], qcol)
            assert printed(r[vcol]) in re.sub(r"(\d)\.0+(?!\d)", r"\1", quote), (r["row_id"], vcol)
