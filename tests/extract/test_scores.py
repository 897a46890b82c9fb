"""The extractor's scores may not fall below the stored thresholds (benchmarks/extract_labels/thresholds.csv):
the seed tables against data/ cell by cell, the hand-labelled reports against their labels."""

from __future__ import annotations

import re

import pytest

from forecast.extract import extract_text
from forecast.extract.bench import (SEED_TABLES, corpus_text, load_docs, load_labels, seed_expected)
from forecast.extract.score import Score, naive_pattern, score

from tests.extract.conftest import LABELS, REPO, thresholds

TH = thresholds()


@pytest.fixture(scope="module")
def reports(corpus) -> list[tuple[dict, str, object]]:
    """(doc row, text, extraction) of each labelled report, extracted once."""
    out = []
    for doc in load_docs(LABELS):
        text = corpus_text(doc["path"], doc["commit"], corpus)
        assert text is not None, f"{doc['path']} not in the corpus at {doc['commit']}"
        out.append((doc, text, extract_text(text, name=doc["path"])))
    return out


def _pooled(scores: list[Score]) -> Score:
    return Score(sum(s.tp for s in scores), sum(s.fp for s in scores), sum(s.fn for s in scores))


def test_seed_tables_score(seeds):
    scores = {}
    for src in SEED_TABLES:
        res = extract_text((seeds / src).read_text(encoding="utf-8"), name=src)
        ours = [c.row() for c in res.candidates if c.source == "table"]
        scores[src[:3]] = score(seed_expected(REPO / "data", src, tables_only=True, seeds_dir=seeds), ours)
    for key, s in scores.items():
        assert s.f1 >= TH[f"seed {key}"], (key, s)
    assert _pooled(list(scores.values())).f1 >= TH["seed tables pooled"]


def test_labelled_reports_score(reports):
    per_doc = {}
    for doc, _, res in reports:
        lines = {int(x) for x in doc["lines"].split(";")}
        per_doc[doc["slug"]] = score(load_labels(LABELS, doc["slug"]),
                                     [c.row() for c in res.candidates if c.line in lines])
    for slug, s in per_doc.items():
        assert s.f1 >= TH[slug], (slug, s)
    dev = [s for (doc, _, _), s in zip(reports, per_doc.values()) if doc["set"] == "dev"]
    pooled = _pooled(dev)
    assert pooled.f1 >= TH["labelled reports pooled"], pooled
    assert len(dev) >= 6 and pooled.tp + pooled.fn >= 200


def test_labels_are_in_their_documents(reports):
    """Every label's quote is in the line it names (and that line is in the labelled span)."""
    for doc, text, _ in reports:
        lines = text.split("\n")
        span = {int(x) for x in doc["lines"].split(";")}
        for r in load_labels(LABELS, doc["slug"]):
            assert int(r["line"]) in span, (doc["slug"], r)
            assert re.sub(r"\s", "", r["quote"]) in re.sub(r"\s", "", lines[int(r["line"]) - 1]), (doc["slug"], r)


def test_the_extractor_beats_the_naive_pattern(reports):
    ours, naive = [], []
    for doc, text, res in reports:
        lines = {int(x) for x in doc["lines"].split(";")}
        labels = load_labels(LABELS, doc["slug"])
        ours.append(score(labels, [c.row() for c in res.candidates if c.line in lines]))
        naive.append(score(labels, [c.row() for c in naive_pattern(text, res.ref_year) if c.line in lines]))
    assert _pooled(ours).f1 > _pooled(naive).f1 + 0.3


@pytest.mark.parametrize("a,b,same", [("高技能人才人数", "高技能人才人数", True),
                                      ("领军人才", "择优资助领军人才", True),
                                      ("人才", "高层次创新创业人才", False),
                                      ("地区生产总值", "城镇新增就业", False),
                                      # loose on purpose: the value, year and comparator must agree as well
                                      ("城镇居民人均可支配收入增长", "农村居民人均可支配收入增长", True)])
def test_name_matching(a, b, same):
    from forecast.extract.score import names_match

    assert names_match(a, b) is same


def test_one_to_one_matching():
    lab = [{"indicator_zh": "城镇新增就业", "value": "85", "value_high": "", "year": "2021", "comparator": ">="}]
    cand = dict(lab[0], value=85.0)
    assert score(lab, [cand, cand]) == Score(1, 1, 0)          # a duplicate is a false positive
    assert score(lab, [dict(cand, comparator="=")]) == Score(0, 1, 1)
    assert score(lab, [dict(cand, year=2020)]) == Score(0, 1, 1)
