"""Every number in data/ comes with a quote that occurs verbatim in its source document."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from .conftest import squash

TABLES = ("indicators", "observations", "programmes", "growth_facts", "relations")
#: a seed document; rows from the lawtext/gov corpus or a web page are checked in test_regions2030.py
SEED_SOURCE = r"00[0-4]_[0-9a-f]{16}\.txt"
CORPUS_SOURCE = r"政府工作报告-(省自治区|主要城市|其他地市)/[^/]+/\d{4}\.md"


def _rows(ds, table):
    df = getattr(ds, table)
    return [(table, i + 2, r) for i, r in enumerate(df.to_dict("records"))]


@pytest.mark.parametrize("table", TABLES)
def test_every_quote_is_verbatim_in_its_source(shipped, seed_docs, table):
    bad = []
    for _, line, r in _rows(shipped, table):
        if re.fullmatch(CORPUS_SOURCE, r["source"]) or r["source"].startswith(("http://", "https://")):
            continue  # re-found in the corpus by test_regions2030.py
        doc = seed_docs.get(r["source"])
        q = r["quote"]
        if doc is None:
            bad.append(f"{table}.csv:{line}: unknown source {r['source']!r}")
        elif not isinstance(q, str) or not squash(q) or squash(q) not in doc:
            bad.append(f"{table}.csv:{line}: {r['id']}: quote not found in {r['source']}: {q!r}")
    assert not bad, "\n".join(bad)


def _spellings(v: float) -> set[str]:
    out = {f"{v:g}", f"{v:.2f}", f"{v:.1f}"}
    if float(v).is_integer():
        out.add(str(int(v)))
    if v >= 1e4:  # a target printed in 万亿元 and stored in 亿元 (5万亿元 → 50000)
        out.add(f"{v / 1e4:g}万亿")
    return out


def test_observed_values_appear_in_their_quote(shipped):
    obs = shipped.observations
    bad = []
    for i, r in obs[obs["status"] == "observed"].iterrows():
        if not any(s in squash(r["quote"]) for s in _spellings(r["value"])):
            bad.append(f"observations.csv:{i + 2}: {r['id']} {r['value']} not in quote {r['quote']!r}")
    assert not bad, "\n".join(bad)


def test_stated_targets_appear_in_their_quote(shipped):
    ind = shipped.indicators
    bad = []
    for i, r in ind[ind["target_status"] == "stated"].iterrows():
        for col in ("target_value", "target_low", "target_high"):
            v = r[col]
            if isinstance(v, float) and math.isnan(v):
                continue
            if not any(s in squash(r["quote"]) for s in _spellings(v)):
                bad.append(f"indicators.csv:{i + 2}: {r['id']} {col}={v} not in quote {r['quote']!r}")
    assert not bad, "\n".join(bad)


def test_every_row_has_source_and_quote(shipped):
    for table in TABLES:
        df = getattr(shipped, table)
        assert df["quote"].notna().all() and (df["quote"].str.strip() != "").all(), table
        src = df["source"]
        assert (src.str.fullmatch(SEED_SOURCE) | src.str.fullmatch(CORPUS_SOURCE) | src.str.match(r"https?://")).all(), table


def test_derived_values_say_how(shipped):
    obs = shipped.observations
    derived = obs[obs["status"] == "derived"]
    assert len(derived) >= 4
    assert derived["note"].str.contains("DERIVED").all()
    assert derived["note"].str.contains("=").all()  # the arithmetic is written out
    assert pd.api.types.is_string_dtype(obs["note"])
