"""Score the plan-text extractor (forecast.extract) against hand labels, beside the naive pattern.

    python benchmarks/bench_extract.py [--json] [--corpus GIT_DIR]

Seeds (shared/seeds): the figures data/ takes from each document, cell by cell (Tianhe's Table 1,
Guangdong's 专栏1; Haizhu's, Tianjin's and Liwan's figures). Corpus reports (lawtext/gov): the rows in
benchmarks/extract_labels/, scored on the labelled lines only. Matching: one-to-one on
(name, value, year, comparator), see forecast/extract/score.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from forecast.extract import extract_text  # noqa: E402
from forecast.extract.bench import (SEED_DOCS, SEED_TABLES, corpus_text, load_docs, load_labels,  # noqa: E402
                                    seed_expected)
from forecast.extract.score import naive_pattern, score  # noqa: E402

SEEDS = next((p for p in (REPO.parent / "shared" / "seeds", REPO.parents[1] / "shared" / "seeds") if p.is_dir()),
             REPO.parent / "shared" / "seeds")
LABELS = REPO / "benchmarks" / "extract_labels"


def seed_rows() -> list[dict]:
    """One result row per seed document (tables only for Tianhe and Guangdong)."""
    out = []
    for src in SEED_DOCS:
        path = SEEDS / src
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        tables = src in SEED_TABLES
        exp = seed_expected(REPO / "data", src, tables_only=tables, seeds_dir=SEEDS)
        res = extract_text(text, name=src)
        ours = [c.row() for c in res.candidates if c.source == "table" or not tables]
        naive = [c.row() for c in naive_pattern(text, res.ref_year)]
        what = f"{SEED_TABLES[src][0]} (table)" if tables else "figures in data/"
        out.append(_row(f"seed {src[:3]} {what}", exp, ours, naive))
    return out


def corpus_rows(corpus: str | None) -> list[dict]:
    """One result row per labelled corpus document on its labelled lines."""
    out = []
    for doc in load_docs(LABELS):
        text = corpus_text(doc["path"], doc["commit"], corpus)
        if text is None:
            print(f"skipped {doc['slug']}: corpus not found", file=sys.stderr)
            continue
        lines = {int(x) for x in doc["lines"].split(";")}
        res = extract_text(text, name=doc["path"])
        ours = [c.row() for c in res.candidates if c.line in lines]
        naive = [c.row() for c in naive_pattern(text, res.ref_year) if c.line in lines]
        row = _row(doc["slug"] + {"heldout": " (earlier held out)", "new": " (new held out)"}.get(doc.get("set"), ""),
                   load_labels(LABELS, doc["slug"]), ours, naive)
        out.append(row | {"set": doc.get("set", "dev")})
    return out


def _row(name: str, labels: list[dict], ours: list[dict], naive: list[dict]) -> dict:
    a, b = score(labels, ours), score(labels, naive)
    return {"document": name, "labels": len(labels), "ours_found": len(ours), "ours_tp": a.tp,
            "ours_p": a.precision, "ours_r": a.recall, "ours_f1": a.f1, "naive_found": len(naive),
            "naive_tp": b.tp, "naive_p": b.precision, "naive_r": b.recall, "naive_f1": b.f1}


def pooled(rows: list[dict], label: str) -> dict:
    """Micro-averaged row over several documents."""
    n = sum(r["labels"] for r in rows)
    out = {"document": label, "labels": n}
    for who in ("ours", "naive"):
        tp, found = sum(r[f"{who}_tp"] for r in rows), sum(r[f"{who}_found"] for r in rows)
        p, r_ = (tp / found if found else 0.0), (tp / n if n else 0.0)
        out |= {f"{who}_found": found, f"{who}_tp": tp, f"{who}_p": p, f"{who}_r": r_,
                f"{who}_f1": 2 * p * r_ / (p + r_) if p + r_ else 0.0}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--corpus", default=None, help="bare git dir of lawtext/gov (default $TALENTSIM_GOV_CORPUS)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    seeds, corpus = seed_rows(), corpus_rows(args.corpus)
    tables = [r for r in seeds if "(table)" in r["document"]]
    dev = [r for r in corpus if r["set"] == "dev"]
    held = [r for r in corpus if r["set"] == "heldout"]
    new = [r for r in corpus if r["set"] == "new"]
    rows = seeds + [pooled(tables, "seed tables pooled")] + corpus + [
        pooled(dev, "labelled reports pooled (dev: tuned on)"),
        pooled(held, "labelled reports pooled (earlier held out, since seen)"),
        pooled(dev + held, "labelled reports pooled (seen: dev + earlier held out)"),
        pooled(new, "labelled reports pooled (new held out, never tuned on)"),
        pooled(corpus, "labelled reports pooled (all)")]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    print("| document | labels | extractor P | R | F1 | naive P | R | F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['document']} | {r['labels']} | {r['ours_p']:.2f} | {r['ours_r']:.2f} | {r['ours_f1']:.2f} | "
              f"{r['naive_p']:.2f} | {r['naive_r']:.2f} | {r['naive_f1']:.2f} |")
    print(f"\n{time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
