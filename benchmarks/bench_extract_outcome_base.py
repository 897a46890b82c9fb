"""How many confirmed outcome-base rows the plan-text extractor proposes by itself.

    python benchmarks/bench_extract_outcome_base.py [data/outcomes_yearly.csv ...]

For each row of data/outcomes_fiveyear_provinces.csv, data/outcomes_fiveyear_cities.csv and
data/outcomes_yearly.csv (or the files given), and for its target and its outcome: does
``forecast.extract`` find, in the cited corpus file, a candidate with the same value (as printed:
下降3% is 3) whose quoting sentence holds the row's quote? A loose check (name, year and comparator are
not compared); it says whether the extractor could be the proposer the person confirms. About a minute.
"""

from __future__ import annotations

import csv
import functools
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from forecast.extract import extract_text  # noqa: E402
from forecast.extract.bench import corpus_text  # noqa: E402

COMMIT = "fc1a2f67a589763dc905aaa90f2b1ba356bbccde"
FILES = ("data/outcomes_fiveyear_provinces.csv", "data/outcomes_fiveyear_cities.csv", "data/outcomes_yearly.csv")


def _collapse(text: str) -> str:
    return re.sub(r"\s+", "", text)


@functools.lru_cache(maxsize=None)
def _candidates(path: str) -> list[tuple[float, str]]:
    text = corpus_text(path, COMMIT)
    return [] if text is None else [(abs(c.value), _collapse(c.quote)) for c in extract_text(text, name=path).candidates]


def found(path: str, quote: str, value: str) -> bool | None:
    """Whether the extractor proposes this value in a sentence holding the quote (None: nothing to check)."""
    if not path or not quote or value == "":
        return None
    q, v = _collapse(quote), abs(float(value))
    return any(abs(cv - v) <= 1e-6 * max(1.0, v) and q in cq for cv, cq in _candidates(path))


def main() -> None:
    for name in sys.argv[1:] or FILES:
        with open(REPO / name, encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        for kind in ("target", "outcome"):
            res = [x for x in (found(r[f"{kind}_file"], r[f"quote_{kind}"], r[f"{kind}_value"]) for r in rows)
                   if x is not None]
            print(f"{name} {kind}s: {sum(res)}/{len(res)} = {sum(res) / max(1, len(res)):.2f}")


if __name__ == "__main__":
    main()
