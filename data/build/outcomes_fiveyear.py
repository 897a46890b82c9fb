"""Build data/outcomes_fiveyear_provinces.csv from a hand-confirmed spec, and list candidate sentences.

The rows are confirmed by a person reading the government work reports of the public corpus
``lawtext/gov`` (a bare git mirror; path from $TALENTSIM_GOV_CORPUS, default
/work/.mirror/lawtext+gov/repo).  This script does two things:

* ``candidates REGION [YEAR ...]`` prints what the plan-text extractor (``forecast.extract``) reads in a
  region's reports as five-year figures (plan years, 年均 rates, totals), by line, with the quoting
  sentence, for the person to read and confirm (it refuses the never-read 2026 reports);
* ``stats`` prints the counts quoted in data/README.md;
* ``build`` expands data/build/outcomes_fiveyear_provinces_spec.csv (one confirmed row per line:
  the quotes, values and labels) into the schema of PLAN.md / issue 25, computes ``met`` from the
  comparator, and fails when a quote is not found in its file or does not contain its number.

Run from the repository root:  python data/build/outcomes_fiveyear.py build
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

COMMIT = "fc1a2f67a589763dc905aaa90f2b1ba356bbccde"
CORPUS = os.environ.get("TALENTSIM_GOV_CORPUS", "/work/.mirror/lawtext+gov/repo")
ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "data" / "build" / "outcomes_fiveyear_provinces_spec.csv"
OUT = ROOT / "data" / "outcomes_fiveyear_provinces.csv"

#: region slug -> (name as printed, corpus folder)
REGIONS = {
    "anhui": ("安徽省", "政府工作报告-省自治区"),
    "beijing": ("北京市", "政府工作报告-主要城市"),
    "chongqing": ("重庆市", "政府工作报告-主要城市"),
    "fujian": ("福建省", "政府工作报告-省自治区"),
    "gansu": ("甘肃省", "政府工作报告-省自治区"),
    "guangdong": ("广东省", "政府工作报告-省自治区"),
    "guangxi": ("广西壮族自治区", "政府工作报告-省自治区"),
    "guizhou": ("贵州省", "政府工作报告-省自治区"),
    "hainan": ("海南省", "政府工作报告-省自治区"),
    "heilongjiang": ("黑龙江省", "政府工作报告-省自治区"),
    "hubei": ("湖北省", "政府工作报告-省自治区"),
    "hunan": ("湖南省", "政府工作报告-省自治区"),
    "jiangxi": ("江西省", "政府工作报告-省自治区"),
    "jilin": ("吉林省", "政府工作报告-省自治区"),
    "liaoning": ("辽宁省", "政府工作报告-省自治区"),
    "neimenggu": ("内蒙古自治区", "政府工作报告-省自治区"),
    "ningxia": ("宁夏回族自治区", "政府工作报告-省自治区"),
    "shaanxi": ("陕西省", "政府工作报告-省自治区"),
    "shandong": ("山东省", "政府工作报告-省自治区"),
    "shanxi": ("山西省", "政府工作报告-省自治区"),
    "sichuan": ("四川省", "政府工作报告-省自治区"),
    "tianjin": ("天津市", "政府工作报告-主要城市"),
    "xinjiang": ("新疆维吾尔自治区", "政府工作报告-省自治区"),
    "xizang": ("西藏自治区", "政府工作报告-省自治区"),
}
#: never opened: kept for the plan-text check (PLAN.md)
FORBIDDEN = {("guizhou", 2026), ("shaanxi", 2026), ("jilin", 2026)}
#: plan -> (base year, target year, report stating the targets, report reviewing them)
PLANS = {"12th": (2010, 2015, 2011, 2016), "13th": (2015, 2020, 2016, 2021), "14th": (2020, 2025, 2021, 2026)}

COLUMNS = ["row_id", "region", "region_zh", "level", "plan_kind", "indicator", "indicator_key", "type", "unit",
           "per_year", "base_year", "base_value", "target_year", "target_value", "comparator", "approx", "strive",
           "outcome_year", "outcome_value", "met", "target_file", "quote_target", "base_file", "quote_base",
           "outcome_file", "quote_outcome", "corpus_commit", "note"]


def corpus_path(region: str, year: int) -> str:
    """The corpus path of a region's work report of ``year`` (refuses the never-read reports)."""
    if (region, year) in FORBIDDEN:
        raise SystemExit(f"{region} {year} is kept for the plan-text check and is never read")
    name, folder = REGIONS[region]
    return f"{folder}/{name}/{year}.md"


def read(path: str) -> str | None:
    """The file at COMMIT, or None when absent."""
    proc = subprocess.run(["git", f"--git-dir={CORPUS}", "show", f"{COMMIT}:{path}"], capture_output=True)
    return proc.stdout.decode("utf-8") if proc.returncode == 0 else None


def collapse(text: str) -> str:
    """Remove all whitespace, so quotes match across line breaks and spacing."""
    return re.sub(r"\s+", "", text)


def candidates(region: str, years: list[int]) -> None:
    """Print the extractor's five-year statements of each report, by report year and line."""
    sys.path.insert(0, str(ROOT))
    from forecast.extract.run import plan_statements, statement_line

    for year in years:
        path = corpus_path(region, year)
        text = read(path)
        if text is None:
            print(f"## {region} {year}: absent")
            continue
        print(f"## {region} {year}")
        for c in plan_statements(text, path):
            print(statement_line(c))


def _num(text: str) -> str:
    """A number as written in quotes: drop a trailing .0 (7.0 -> 7)."""
    return text[:-2] if text.endswith(".0") else text


def printed_forms(value: str) -> list[str]:
    """Ways a stored value can appear in its quote: 7.0 -> 7, -3 -> 3 (下降3%), 30000 -> 3万 (unit 元 printed 3万元)."""
    x = abs(float(value))
    forms = {_num(str(x)), f"{x:g}"}
    if x >= 1000:
        forms.add(f"{x / 10000:g}万")
    return sorted(forms)


def met(outcome: float, comparator: str, target: float) -> bool:
    """The comparator applied strictly to outcome vs target."""
    return {">=": outcome >= target, "<=": outcome <= target, "=": outcome == target}[comparator]


def expand(spec: dict[str, str], texts: dict[str, str]) -> dict[str, str]:
    """One schema row from one spec row; raises ValueError when a quote is not in its file."""
    base_year, target_year, t_year, o_year = PLANS[spec["plan"]]
    region = spec["region"]
    row = {c: "" for c in COLUMNS}
    row.update(region=region, region_zh=REGIONS[region][0], level="province", plan_kind="five_year",
               corpus_commit=COMMIT)
    for c in ("indicator", "indicator_key", "type", "unit", "per_year", "base_value", "target_value", "comparator",
              "approx", "strive", "outcome_value", "quote_target", "quote_base", "quote_outcome", "note"):
        row[c] = spec[c]
    row["row_id"] = f"{region}.{spec['plan']}.{spec['indicator_key']}" + (f".{spec['tag']}" if spec["tag"] else "")
    row["base_year"] = spec["base_year"] or (str(base_year) if spec["base_value"] else "")
    row["target_year"] = spec["target_year"] or str(target_year)
    row["outcome_year"] = spec["outcome_year"] or str(target_year)
    row["target_file"] = corpus_path(region, int(spec["t_file"] or t_year))
    row["outcome_file"] = corpus_path(region, int(spec["o_file"] or o_year))
    row["base_file"] = corpus_path(region, int(spec["b_file"])) if spec["b_file"] else (
        row["target_file"] if spec["base_value"] else "")
    if not spec["base_value"]:
        row["base_year"] = row["base_file"] = row["quote_base"] = ""
    row["met"] = str(met(float(row["outcome_value"]), row["comparator"], float(row["target_value"]))).lower()
    for kind in ("target", "base", "outcome"):
        quote, path = row[f"quote_{kind}"], row[f"{kind}_file"]
        if not path:
            continue
        value = row[f"{kind}_value"]
        text = texts.setdefault(path, collapse(read(path) or ""))
        if collapse(quote) not in text:
            raise ValueError(f"{row['row_id']}: {kind} quote not in {path}: {quote}")
        if not any(form in quote for form in printed_forms(value)):
            raise ValueError(f"{row['row_id']}: {kind} value {value} not printed in quote: {quote}")
    return row


def build() -> int:
    """Expand the spec into the outcome table; returns the number of rows."""
    with SPEC.open(encoding="utf-8") as f:
        specs = [r for r in csv.DictReader(f) if r["region"] and not r["region"].startswith("#")]
    ragged = [s["region"] + "." + s["indicator_key"] for s in specs if None in s or None in s.values()]
    if ragged:
        raise SystemExit(f"spec rows with the wrong number of fields (quote notes with commas): {ragged}")
    texts: dict[str, str] = {}
    rows = [expand(s, texts) for s in specs]
    ids = [r["row_id"] for r in rows]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SystemExit(f"duplicate row ids: {dupes}")
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def stats() -> None:
    """Print the counts quoted in data/README.md: rows, regions, misses, by plan, type and domain."""
    with OUT.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with (ROOT / "data" / "indicator_keys.csv").open(encoding="utf-8") as f:
        domain = {r["key"]: r["domain"] for r in csv.DictReader(f)}
    misses = sum(r["met"] == "false" for r in rows)
    print(f"rows {len(rows)}, regions {len({r['region'] for r in rows})}, misses {misses}, "
          f"with base {sum(bool(r['base_value']) for r in rows)}")
    for label, key in (("plan", lambda r: r["row_id"].split(".")[1]), ("level", lambda r: r["level"]),
                       ("type", lambda r: r["type"]), ("domain", lambda r: domain[r["indicator_key"]])):
        groups: dict[str, list[int]] = {}
        for r in rows:
            groups.setdefault(key(r), [0, 0])
            groups[key(r)][0] += 1
            groups[key(r)][1] += r["met"] == "false"
        print(label + ": " + ", ".join(f"{k} {n} ({m} missed)" for k, (n, m) in sorted(groups.items())))


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "stats":
        stats()
    elif len(sys.argv) >= 2 and sys.argv[1] == "build":
        print(f"wrote {build()} rows to {OUT.relative_to(ROOT)}")
    elif len(sys.argv) >= 3 and sys.argv[1] == "candidates":
        candidates(sys.argv[2], [int(y) for y in sys.argv[3:]] or [2011, 2016, 2021, 2026])
    else:
        raise SystemExit(__doc__)
