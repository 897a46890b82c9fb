"""data/outcomes.csv: real plan targets with their achieved outcomes, each number quoted.

The table is the validation set for the backtest (issue 9, item 4), so these tests guard
what makes it trustworthy: every target and outcome is in its quote, ``met`` is the
comparator applied to the numbers, the floor sizes hold, and the items kept out for an
independent check stay out.
"""

from __future__ import annotations

import math
import operator
import re
from pathlib import Path

import pandas as pd
import pytest

CSV = Path(__file__).resolve().parents[2] / "data" / "outcomes.csv"

REQUIRED = (
    "plan_id", "plan_title", "level", "region", "indicator", "indicator_en", "unit", "type",
    "base_year", "base_value", "target_year", "target_value", "comparator", "approx",
    "outcome_year", "outcome_value", "met", "source_base", "quote_target",
    "source_outcome", "quote_outcome", "note",
)
TEXT_REQUIRED = ("plan_id", "plan_title", "indicator", "unit", "source_base", "quote_target",
                 "source_outcome", "quote_outcome")
TYPES = {"people", "share", "rate", "organisations", "money", "total"}
LEVELS = {"national", "province", "city", "district"}
OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "=": operator.eq}


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return pd.read_csv(CSV, dtype={"met": str, "approx": str}, keep_default_na=False,
                       na_values={c: [""] for c in ("base_year", "base_value", "target_year",
                                                      "target_value", "outcome_year", "outcome_value")})


def _clean(text: str) -> str:
    """Quote text with whitespace runs reduced to one space (a number boundary in flattened
    table rows) and without thousands separators between digits."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<=\d)[,，](?=\d{3}(?!\d))", "", text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _number_in(value: float, text: str) -> bool:
    """True when ``value`` is written in ``text`` as a whole number (not part of a longer one)."""
    spellings = {f"{value:g}", f"{value:.1f}", f"{value:.2f}", f"{value:.3f}"}
    if float(value).is_integer():
        spellings.add(str(int(value)))
    return any(re.search(rf"(?<![\d.]){re.escape(s)}(?!\d|\.\d)", text) for s in spellings)


def _rows(df: pd.DataFrame):
    for i, r in df.iterrows():
        yield f"outcomes.csv:{i + 2} ({r['plan_id']} / {r['indicator']})", r


def test_required_columns_and_closed_lists(table):
    missing = [c for c in REQUIRED if c not in table.columns]
    assert not missing, f"outcomes.csv lacks columns {missing}"
    bad = []
    for where, r in _rows(table):
        for c in TEXT_REQUIRED:
            if not str(r[c]).strip():
                bad.append(f"{where}: empty {c}")
        if r["type"] not in TYPES:
            bad.append(f"{where}: type {r['type']!r} not in {sorted(TYPES)}")
        if r["level"] not in LEVELS:
            bad.append(f"{where}: level {r['level']!r} not in {sorted(LEVELS)}")
        if r["comparator"] not in OPS:
            bad.append(f"{where}: comparator {r['comparator']!r} not in {sorted(OPS)}")
        if r["met"] not in ("true", "false") or r["approx"] not in ("true", "false"):
            bad.append(f"{where}: met/approx must be true or false")
        for c in ("target_value", "outcome_value", "target_year", "outcome_year"):
            if pd.isna(r[c]):
                bad.append(f"{where}: {c} is empty")
        if pd.isna(r["base_value"]) != pd.isna(r["base_year"]):
            bad.append(f"{where}: base_value and base_year must be both given or both empty")
    assert not bad, "\n".join(bad)


def test_met_is_the_comparator_applied(table):
    bad = []
    for where, r in _rows(table):
        expected = OPS[r["comparator"]](float(r["outcome_value"]), float(r["target_value"]))
        if (r["met"] == "true") != expected:
            bad.append(f"{where}: met={r['met']} but {r['outcome_value']} {r['comparator']} "
                       f"{r['target_value']} is {expected}")
    assert not bad, "\n".join(bad)


def test_targets_and_outcomes_appear_in_their_quotes(table):
    """The number is in its quote; a converted or derived number names what was printed."""
    bad = []
    for where, r in _rows(table):
        for kind, quote in (("target", r["quote_target"]), ("outcome", r["quote_outcome"])):
            text = _clean(quote)
            printed = str(r[f"{kind}_as_printed"]).strip()
            value = float(r[f"{kind}_value"])
            if printed:
                if _squash(printed) not in _squash(text):
                    bad.append(f"{where}: {kind}_as_printed {printed!r} not in quote {quote!r}")
            elif not _number_in(value, text):
                bad.append(f"{where}: {kind} {value:g} not in quote {quote!r}")
    assert not bad, "\n".join(bad)


PANEL = CSV.parent / "reference_growth.csv"
PANEL_REF = re.compile(r"^data/reference_growth\.csv series_id (\S+) year (\d{4})$")


def _panel_value(series_id: str, year: int) -> float | None:
    panel = pd.read_csv(PANEL, usecols=["series_id", "year", "value"])
    hit = panel[(panel["series_id"] == series_id) & (panel["year"] == year)]
    return float(hit["value"].iloc[0]) if len(hit) == 1 else None


def test_bases_are_quoted_or_marked_derived(table):
    """A base is in a quote, marked derived, or read from a named panel row whose value it equals."""
    bad = []
    for where, r in _rows(table):
        if pd.isna(r["base_value"]):
            continue
        ref = PANEL_REF.match(str(r["source_quote_base"]).strip())
        if ref:
            value = _panel_value(ref.group(1), int(ref.group(2)))
            if value is None or not math.isclose(value, float(r["base_value"])):
                bad.append(f"{where}: base {r['base_value']:g} is not the panel's {ref.group(1)} "
                           f"{ref.group(2)} value ({value})")
            if int(ref.group(2)) != int(r["base_year"]):
                bad.append(f"{where}: base_year {r['base_year']:g} is not the panel row's year")
            continue
        quotes = _clean(f"{r['quote_base']}|{r['quote_target']}|{r['quote_outcome']}")
        if not _number_in(float(r["base_value"]), quotes) and "derived" not in r["note"].lower():
            bad.append(f"{where}: base {r['base_value']:g} neither quoted nor marked derived")
        if str(r["quote_base"]).strip() and not str(r["source_quote_base"]).strip():
            bad.append(f"{where}: quote_base without source_quote_base")
    assert not bad, "\n".join(bad)


def test_floor_sizes_for_leave_one_plan_out(table):
    misses = int((table["met"] == "false").sum())
    plans = table["plan_id"].nunique()
    assert len(table) >= 40, f"{len(table)} triples, need at least 40"
    assert plans >= 8, f"{plans} plans, need at least 8"
    assert misses >= 5, f"{misses} misses, need at least 5"
    titles = table.groupby("plan_id")["plan_title"].nunique()
    assert (titles == 1).all(), f"plan_id with several titles: {list(titles[titles > 1].index)}"


def test_excluded_items_stay_out(table):
    """Kept out so an independent check stays honest (issue 9 brief)."""
    bad = []
    for where, r in _rows(table):
        blob = " ".join(str(r[c]) for c in ("plan_id", "plan_title", "indicator", "indicator_en",
                                              "region"))
        low = blob.lower()
        if "人才发展规划纲要" in blob or ("talent" in low and "2010" in low and "2020" in low):
            bad.append(f"{where}: national medium/long-term talent plan 2010-2020")
        if "柯桥" in blob or "keqiao" in low:
            bad.append(f"{where}: Shaoxing Keqiao district talent table")
        rd = re.search(r"研究与试验发展|研发|R&D", blob) and re.search(r"生产总值|GDP|投入强度", blob)
        if r["level"] == "national" and rd:
            bad.append(f"{where}: national R&D-intensity target")
        if "高技能人才" in blob and r["type"] == "people" and (
                r["level"] == "national" or r["region"] == "guangdong"):
            bad.append(f"{where}: national or Guangdong high-skill talent total")
    assert not bad, "\n".join(bad)


def test_years_run_forward(table):
    bad = []
    for where, r in _rows(table):
        if not pd.isna(r["base_year"]) and not r["base_year"] < r["target_year"]:
            bad.append(f"{where}: base_year {r['base_year']} not before target_year")
        if not math.isclose(r["outcome_year"], r["target_year"]) and "outcome year" not in r["note"].lower():
            bad.append(f"{where}: outcome_year differs from target_year without a note")
    assert not bad, "\n".join(bad)
