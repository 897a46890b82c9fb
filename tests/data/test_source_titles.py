"""data/sources.csv: one title per seed document, in both languages; a title marked as printed
is re-found in its document, a descriptive one quotes shared/seeds/README.md."""

from __future__ import annotations

import pandas as pd

from tests.data.conftest import DATA, SEEDS, squash


def test_every_cited_file_has_a_title():
    titles = pd.read_csv(DATA / "sources.csv", dtype=str, keep_default_na=False)
    cited = set()
    for name in ("indicators", "observations", "programmes"):
        t = pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)
        cited |= {f for f in t["source"] if f.endswith(".txt")}
    assert cited <= set(titles["file"]), cited - set(titles["file"])
    assert (titles["title_zh"] != "").all() and (titles["title_en"] != "").all()


def test_titles_are_quoted_from_their_source(seed_docs):
    titles = pd.read_csv(DATA / "sources.csv", dtype=str, keep_default_na=False)
    readme = squash((SEEDS / "README.md").read_text(encoding="utf-8"))
    for r in titles.to_dict("records"):
        if r["title_as_printed"] == "true":
            assert r["source"] == r["file"] and squash(r["quote"]) in seed_docs[r["file"]], r["file"]
        else:
            assert r["source"] == "shared/seeds/README.md" and squash(r["quote"]) in readme, r["file"]
