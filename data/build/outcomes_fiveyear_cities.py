"""Candidate finder for data/outcomes_fiveyear_cities.csv (issue 25, five-year rows of cities and national outlines).

Reads the lawtext/gov corpus (bare git mirror) at a fixed commit and prints, per region, what the plan-text
extractor (forecast.extract) reads as five-year figures (plan years, 年均 rates, totals) in the plan-start report
(2011/2016/2021) and the plan-end report, each with its line and quoting sentence.
A person reads the printed sentences, confirms each row in the full text and writes it into the CSV.
This script does not write the CSV; ``check`` re-finds every quote of the CSV in the corpus.

Usage:
    python data/build/outcomes_fiveyear_cities.py list                 # cities with plan-start/plan-end reports
    python data/build/outcomes_fiveyear_cities.py grep 广州市 2016 2021  # candidate sentences
    python data/build/outcomes_fiveyear_cities.py check                # every quote re-found, met recomputed
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
FOLDERS = ("政府工作报告-主要城市", "政府工作报告-其他地市")
CSV = Path(__file__).resolve().parents[1] / "outcomes_fiveyear_cities.csv"


def git(*args: str) -> str:
    """Run git on the corpus mirror and return its stdout."""
    return subprocess.run(["git", "--git-dir", CORPUS, "-c", "core.quotepath=off", *args],
                          check=True, capture_output=True, text=True).stdout


def read(path: str) -> str:
    """The file at the pinned commit, whitespace collapsed as the quote checks do."""
    return re.sub(r"\s+", " ", git("show", f"{COMMIT}:{path}"))


def grep(city: str, years: list[str]) -> None:
    """Print the extractor's five-year statements of a city's reports for the given years."""
    sys.path.insert(0, str(CSV.parents[1]))
    from forecast.extract.run import plan_statements, statement_line

    for folder in FOLDERS:
        for year in years:
            path = f"{folder}/{city}/{year}.md"
            try:
                text = git("show", f"{COMMIT}:{path}")
            except subprocess.CalledProcessError:
                continue
            print(f"===== {path}")
            for c in plan_statements(text, path):
                print("  -", statement_line(c))


def list_regions() -> None:
    """Cities with a plan-start and a plan-end report (2011/2016, 2016/2021, 2021/2026)."""
    names = git("ls-tree", "-r", "--name-only", COMMIT).splitlines()
    have: dict[str, set[str]] = {}
    for n in names:
        parts = n.split("/")
        if len(parts) == 3 and parts[0] in FOLDERS:
            have.setdefault(parts[1], set()).add(parts[2][:4])
    for city, ys in sorted(have.items()):
        pairs = [f"{a}->{b}" for a, b in (("2011", "2016"), ("2016", "2021"), ("2021", "2026")) if a in ys and b in ys]
        if pairs:
            print(city, " ".join(pairs))


def met(comparator: str, outcome: float, target: float) -> bool:
    """The comparator applied strictly to outcome vs target."""
    return {">=": outcome >= target, "<=": outcome <= target, "=": outcome == target}[comparator]


def check() -> int:
    """Re-find every quote in its file and recompute met; print problems, return their count."""
    bad = 0
    with CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for f, q in (("target_file", "quote_target"), ("base_file", "quote_base"), ("outcome_file", "quote_outcome")):
                if row[q] and re.sub(r"\s+", " ", row[q]) not in read(row[f]):
                    print(row["row_id"], q, "not found in", row[f]); bad += 1
            want = met(row["comparator"], float(row["outcome_value"]), float(row["target_value"]))
            if str(want).lower() != row["met"]:
                print(row["row_id"], "met should be", want); bad += 1
    print("problems:", bad)
    return bad


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "list"
    if cmd == "grep":
        grep(sys.argv[2], sys.argv[3:] or ["2016", "2021"])
    elif cmd == "check":
        sys.exit(1 if check() else 0)
    else:
        list_regions()
