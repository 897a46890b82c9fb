"""The outcome base of issue 25: every data/outcomes_*.csv file (five-year provinces, five-year cities,
yearly) has the shared columns, closed vocabularies, a `met` that follows from its comparator, consistent
years, nothing kept out, known indicator keys, and quotes that are re-found in the cited corpus files."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest

from tests.data.gov_corpus import collapse, corpus_dir, corpus_present, read_corpus

DATA = Path(__file__).resolve().parents[2] / "data"
FILES = sorted(DATA.glob("outcomes_*.csv"))
COLUMNS = ["row_id", "region", "region_zh", "level", "plan_kind", "indicator", "indicator_key", "type", "unit",
           "per_year", "base_year", "base_value", "target_year", "target_value", "comparator", "approx", "strive",
           "outcome_year", "outcome_value", "met", "target_file", "quote_target", "base_file", "quote_base",
           "outcome_file", "quote_outcome", "corpus_commit", "note"]
LEVELS = {"national", "province", "city"}
PLAN_KINDS = {"five_year", "yearly"}
TYPES = {"people", "share", "rate", "organisations", "money", "total", "growth"}
COMPARATORS = {">=", "<=", "="}
BOOLS = {"true", "false"}
DOMAINS = {"talent", "employment", "education", "st", "economy", "social", "environment"}
KEY_COLUMNS = ["key", "name_zh", "name_en", "type", "higher_is_better", "domain"]
#: kept out of data/ (PLAN.md, issue 25): slugs and names as printed
KEPT_OUT_SLUGS = {"zhejiang", "jiangsu", "shanghai", "yunnan", "hebei", "henan", "qinghai", "ningbo", "hangzhou",
                  "dalian", "yinchuan", "nanchang", "yantai", "changsha", "dongguan", "xiamen", "zhengzhou", "xian",
                  "xi_an", "keqiao", "yuecheng", "qingpu"}
KEPT_OUT_NAMES = ("浙江", "江苏", "上海", "云南", "河北", "河南", "青海", "宁波", "杭州", "大连", "银川", "南昌",
                  "烟台", "长沙", "东莞", "厦门", "郑州", "西安", "柯桥", "越城", "青浦")
#: never opened, never cited: kept for the plan-text check
FORBIDDEN_FILE = re.compile(r"(贵州省|陕西省|吉林省|合肥市|青岛市)/2026\.md|2026-十五五规划纲要")


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _keys() -> dict[str, dict[str, str]]:
    with (DATA / "indicator_keys.csv").open(encoding="utf-8", newline="") as f:
        return {r["key"]: r for r in csv.DictReader(f)}


def _printed(value: str) -> list[str]:
    """Ways a stored value can be printed in a quote (7.0 -> 7, -3 -> 3: 下降3%, 30000 -> 3万: 3万元)."""
    x = abs(float(value))
    forms = {repr(x), f"{x:g}", str(int(x)) if x == int(x) else f"{x:.10g}"}
    if x >= 1000:
        forms.add(f"{x / 10000:g}万")
    return sorted(forms)


def _holds(outcome: float, comparator: str, target: float) -> bool:
    return {">=": outcome >= target, "<=": outcome <= target, "=": math.isclose(outcome, target)}[comparator]


def _year_fixes() -> dict[tuple[str, int], int]:
    """Corpus files whose name is not the year of the report they hold (data/build/gov_report_year_fixes.csv)."""
    with (DATA / "build" / "gov_report_year_fixes.csv").open(encoding="utf-8", newline="") as f:
        return {(r["folder"], int(r["file_year"])): int(r["report_year"]) for r in csv.DictReader(f)
                if r["report_year"]}


def _report_year(path: str) -> int | None:
    m = re.search(r"^(.*)/(\d{4})\.md$", path)
    return _year_fixes().get((m.group(1), int(m.group(2))), int(m.group(2))) if m else None


@pytest.fixture(params=FILES, ids=[p.name for p in FILES])
def table(request) -> tuple[Path, list[dict[str, str]]]:
    header, rows = _rows(request.param)
    assert header == COLUMNS, f"{request.param.name}: columns differ from the PLAN.md schema"
    assert rows, f"{request.param.name} is empty"
    return request.param, rows


def test_there_is_an_outcome_table():
    assert FILES, "no data/outcomes_*.csv file"


def test_indicator_keys_file():
    with (DATA / "indicator_keys.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == KEY_COLUMNS
        rows = list(reader)
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys)), "duplicate keys"
    assert keys == sorted(keys), "indicator_keys.csv is kept sorted by key (easy merges)"
    for r in rows:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", r["key"]), r["key"]
        assert r["type"] in TYPES and r["domain"] in DOMAINS and r["higher_is_better"] in BOOLS, r


def test_vocabularies_and_met(table):
    path, rows = table
    keys = _keys()
    ids = [r["row_id"] for r in rows]
    assert len(ids) == len(set(ids)), f"{path.name}: duplicate row_id"
    bad = []
    for r in rows:
        ok = (r["level"] in LEVELS and r["plan_kind"] in PLAN_KINDS and r["type"] in TYPES
              and r["comparator"] in COMPARATORS and r["indicator_key"] in keys
              and all(r[c] in BOOLS for c in ("per_year", "approx", "strive", "met")))
        if not ok or (r["met"] == "true") != _holds(float(r["outcome_value"]), r["comparator"], float(r["target_value"])):
            bad.append(r["row_id"])
    assert not bad, f"{path.name}: vocabulary or met wrong in {bad}"


def test_years_are_consistent(table):
    path, rows = table
    bad = []
    for r in rows:
        target_year = int(r["target_year"])
        start = int(r["base_year"]) if r["base_year"] else (_report_year(r["target_file"]) or target_year) - 1
        horizon = target_year - start
        # the outcome is the target year's value (a report may give it a year early or late: note it)
        ok = abs(int(r["outcome_year"]) - target_year) <= 1 and (not r["base_value"] or r["base_year"])
        # without a base year the start is the target's report year, unless the target is quoted from a
        # later review of the plan (national outlines restate the previous plan's targets): then not checked
        review = not r["base_year"] and r["plan_kind"] == "five_year" and horizon < 4
        ok = ok and (review or (horizon >= 4 if r["plan_kind"] == "five_year" else horizon == 1))
        if not ok:
            bad.append((r["row_id"], start, target_year))
    assert not bad, f"{path.name}: years inconsistent: {bad}"


def test_nothing_kept_out(table):
    path, rows = table
    for r in rows:
        assert r["region"] not in KEPT_OUT_SLUGS, r["row_id"]
        assert not any(name in r["region_zh"] for name in KEPT_OUT_NAMES), r["row_id"]
        files = " ".join(r[c] for c in ("target_file", "base_file", "outcome_file"))
        assert not any(f"/{name}" in files for name in KEPT_OUT_NAMES), r["row_id"]
        assert not FORBIDDEN_FILE.search(" ".join(r.values())), f"{r['row_id']} cites a never-read file"
        assert not (r["level"] == "national" and r["indicator_key"] == "rd_intensity"), \
            f"{r['row_id']}: national R&D-intensity targets are kept out"


def _explained(note: str) -> bool:
    """A stored number that is not printed as such (万亿 → 亿元, a five-year total → a yearly rate)
    is allowed when the note gives the derivation or conversion."""
    return any(w in (note or "") for w in ("derived", "stored as", "stored in"))


def test_quotes_are_in_the_cited_files(table):
    path, rows = table
    if not corpus_present():
        pytest.skip(f"lawtext/gov corpus not found at {corpus_dir()} (set TALENTSIM_GOV_CORPUS); quotes not checked")
    bad = []
    for r in rows:
        for kind in ("target", "base", "outcome"):
            file, quote, value = r[f"{kind}_file"], r[f"quote_{kind}"], r[f"{kind}_value"]
            if not file and kind == "base" and not value:
                continue
            text = read_corpus(r["corpus_commit"], file)
            if text is None:
                bad.append((r["row_id"], kind, "file absent at commit"))
            elif collapse(quote) not in collapse(text):
                bad.append((r["row_id"], kind, "quote not found"))
            elif not any(form in quote for form in _printed(value)) and not _explained(r["note"]):
                bad.append((r["row_id"], kind, f"value {value} not printed in the quote"))
    assert not bad, f"{path.name}: {bad}"
