"""Candidate finder for data/outcomes_fiveyear_cities.csv (issue 25, five-year rows of cities and national outlines).

Reads the lawtext/gov corpus (bare git mirror) at a fixed commit and prints, per region, the sentences of the
plan-start report (2011/2016/2021) that state five-year targets and of the plan-end report that review them.
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
TARGET_WORDS = re.compile(r"(年均增长|达到|提高到|控制在|以上|以内|左右|力争|突破|超过|翻一番|累计)")
REVIEW_WORDS = re.compile(r"(十[一二三四]五|五年来|五年间|过去五年|年均增长|累计)")
NUMBER = re.compile(r"\d")


def git(*args: str) -> str:
    """Run git on the corpus mirror and return its stdout."""
    return subprocess.run(["git", "--git-dir", CORPUS, "-c", "core.quotepath=off", *args],
                          check=True, capture_output=True, text=True).stdout


def read(path: str) -> str:
    """The file at the pinned commit, whitespace collapsed as the quote checks do."""
    return re.sub(r"\s+", " ", git("show", f"{COMMIT}:{path}"))


def sentences(text: str) -> list[str]:
    """Split a report into sentences (。；) keeping the punctuation."""
    return [s.strip() for s in re.split(r"(?<=[。；])", text) if s.strip()]


def grep(city: str, years: list[str]) -> None:
    """Print the candidate target/review sentences of a city's reports for the given years."""
    for folder in FOLDERS:
        for year in years:
            path = f"{folder}/{city}/{year}.md"
            try:
                text = read(path)
            except subprocess.CalledProcessError:
                continue
            print(f"===== {path}")
            for s in sentences(text):
                if NUMBER.search(s) and (REVIEW_WORDS.search(s) or ("20" in s and TARGET_WORDS.search(s))):
                    if re.search(r"(五年|十[一二三四]五|20[12][05]年|年均)", s):
                        print("  -", s[:600])


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
