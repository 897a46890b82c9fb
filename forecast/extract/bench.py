"""Expected rows for scoring the extractor: the seed documents' figures in ``data/`` and the
hand-labelled corpus documents in ``benchmarks/extract_labels/`` (used by the benchmark and its test).
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import csv
import os
import re
import subprocess
from pathlib import Path

import pandas as pd

from forecast.extract.score import Score, naive_pattern, score

#: the seeds' indicator tables: (name, first line, last line) of the table in the document
SEED_TABLES = {"000_d2ee3df187537bd1.txt": ("Table 1", 37, 146), "002_a94af0c14f569781.txt": ("专栏1", 128, 150)}
SEED_DOCS = ("000_d2ee3df187537bd1.txt", "001_cefaf440627ef26a.txt", "002_a94af0c14f569781.txt",
             "003_f5503a38efa60cea.txt", "004_635897f830e2f001.txt")
_QUAL = {"approx": "about", "more_than": ">=", "at_least": ">=", "at_most": "<="}


def seed_expected(data_dir: Path, source: str, *, tables_only: bool, seeds_dir: Path | None = None) -> list[dict]:
    """The figures ``data/`` takes from one seed document, cell by cell: each stated target and each
    observed value (derived and redacted ones are not in the text as numbers). ``tables_only``: those
    whose quote lies inside the document's indicator table (needs ``seeds_dir``)."""
    ind = pd.read_csv(data_dir / "indicators.csv", dtype=str, keep_default_na=False)
    obs = pd.read_csv(data_dir / "observations.csv", dtype=str, keep_default_na=False)
    ind, obs = ind[ind.source == source], obs[obs.source == source]
    if tables_only:
        _, first, last = SEED_TABLES[source]
        lines = (seeds_dir / source).read_text(encoding="utf-8").split("\n")[first - 1:last]
        table = re.sub(r"\s", "", "".join(lines))
        inside = lambda q: re.sub(r"\s", "", q) in table  # noqa: E731
        ind, obs = ind[ind.quote.map(inside)], obs[obs.quote.map(inside)]
    names = dict(zip(ind.id, ind.name_zh))
    out = []
    for r in ind[ind.target_status == "stated"].itertuples():
        ranged = r.target_low != ""
        comp = {">": ">=", "=": "about" if r.target_band_pct else "="}.get(r.target_op, r.target_op)
        out.append({"indicator_zh": r.name_zh, "value": r.target_low if ranged else r.target_value,
                    "value_high": r.target_high if ranged else "", "year": r.target_year, "comparator": comp})
    all_names = dict(zip(*[pd.read_csv(data_dir / "indicators.csv", dtype=str)[c] for c in ("id", "name_zh")]))
    for r in obs[obs.status == "observed"].itertuples():
        out.append({"indicator_zh": names.get(r.id, all_names.get(r.id, r.id)), "value": r.value,
                    "value_high": "", "year": r.year, "comparator": _QUAL.get(r.qualifier, "=")})
    return out


def load_docs(labels_dir: Path) -> list[dict]:
    """``docs.csv``: one labelled document a row (slug, path, commit, first_line, last_line)."""
    with open(labels_dir / "docs.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_labels(labels_dir: Path, slug: str) -> list[dict]:
    """The hand-written rows of one document."""
    with open(labels_dir / f"{slug}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def corpus_text(path: str, commit: str, corpus: str | None = None) -> str | None:
    """A corpus file's text at ``commit`` (``git show``), or None when the corpus is absent."""
    git_dir = corpus or os.environ.get("TALENTSIM_GOV_CORPUS", "/work/.mirror/lawtext+gov/repo")
    if not Path(git_dir).is_dir():
        return None
    res = subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], capture_output=True, timeout=60)
    return res.stdout.decode("utf-8") if res.returncode == 0 else None


def in_span(rows: Iterable[Mapping[str, Any]], first: int, last: int) -> list[dict]:
    """Candidate rows (dicts) whose line lies in the labelled span."""
    return [r for r in rows if first <= int(r["line"]) <= last]


def score_text(text: str, labels: list[dict], name: str, span: tuple[int, int] | None = None) -> tuple[Score, Score]:
    """(extractor, naive pattern) scores of one document against its labels."""
    from forecast.extract import extract_text

    res = extract_text(text, name=name)
    ours = [c.row() for c in res.candidates]
    naive = [c.row() for c in naive_pattern(text, res.ref_year)]
    if span:
        ours, naive = in_span(ours, *span), in_span(naive, *span)
    return score(labels, ours), score(labels, naive)


__all__ = ["SEED_DOCS", "SEED_TABLES", "seed_expected", "load_docs", "load_labels", "corpus_text", "in_span",
           "score_text"]
