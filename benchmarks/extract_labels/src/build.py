"""Turn the hand-written label sources (src/*.txt, one row per line: line|name|unit|value|value_high|
comparator|year|kind|per_year|quote) into the CSV files the benchmark reads. Run from this folder."""

import csv
from pathlib import Path

COLS = ["line", "indicator_zh", "unit", "value", "value_high", "comparator", "year", "kind", "per_year", "quote"]
HERE = Path(__file__).resolve().parent
for src in sorted(HERE.glob("*.txt")):
    rows = [dict(zip(COLS, ln.split("|"))) for ln in src.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert all(len(r) == len(COLS) for r in rows), src
    with open(HERE.parent / f"{src.stem}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLS)
        w.writeheader()
        w.writerows(rows)
