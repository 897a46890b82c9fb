"""Rules beyond the schema: several columns of one row, several rows of one table, and across tables.

``TABLE_RULES`` maps each table to its rule functions; every function takes the typed frame
(indexed by file line) and the file name, and returns the problems it finds.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import pandas as pd

from forecast.data.errors import Problem
from forecast.data.schema import COMPARATORS, TABLES

Rule = Callable[[pd.DataFrame, str], list[Problem]]


def is_missing(v: Any) -> bool:
    """True for None, pandas NA and float NaN (an empty cell)."""
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _unique_ids(table: str) -> Rule:
    def rule(df: pd.DataFrame, file: str) -> list[Problem]:
        dup = df["id"][df["id"].duplicated(keep=False)]
        return [Problem(file, int(ln), "id", f"duplicate id '{v}'; ids must be unique in {TABLES[table].filename}")
                for ln, v in dup.items()]
    return rule


def _region_matches_id(df: pd.DataFrame, file: str) -> list[Problem]:
    P: list[Problem] = []
    for ln, (i, reg) in df[["id", "region"]].iterrows():
        if isinstance(i, str) and isinstance(reg, str) and "." in i and i.split(".", 1)[0] != reg:
            P.append(Problem(file, int(ln), "region", f"region '{reg}' does not match the id prefix of '{i}'"))
    return P


def _indicator_targets(df: pd.DataFrame, file: str) -> list[Problem]:
    P: list[Problem] = []
    for ln, r in df.iterrows():
        st, tv, lo, hi = r["target_status"], r["target_value"], r.get("target_low"), r.get("target_high")
        has_value = not is_missing(tv) or not is_missing(lo) or not is_missing(hi)
        if st == "stated":
            if not has_value:
                P.append(Problem(file, int(ln), "target_value", "target_status is 'stated' but there is no "
                                 "target_value (or target_low/target_high); expected the stated number"))
            if is_missing(r["target_op"]):
                P.append(Problem(file, int(ln), "target_op", "target_status is 'stated' but target_op is empty; "
                                 f"expected one of {', '.join(COMPARATORS)}"))
        elif st in ("redacted", "none") and has_value:
            P.append(Problem(file, int(ln), "target_value", f"target_status is '{st}' but a target value is "
                             "given; a redacted or absent target must be empty (never 0)"))
        if not is_missing(lo) and not is_missing(hi) and lo > hi:
            P.append(Problem(file, int(ln), "target_low", f"target_low {lo:g} is above target_high {hi:g}"))
        ylo = r.get("target_year_low")
        if not is_missing(ylo) and not is_missing(r["target_year"]) and ylo > r["target_year"]:
            P.append(Problem(file, int(ln), "target_year_low",
                             f"target_year_low {ylo} is after target_year {r['target_year']}"))
    return P


def _observation_values(df: pd.DataFrame, file: str) -> list[Problem]:
    P: list[Problem] = []
    for ln, r in df.iterrows():
        st, v = r["status"], r["value"]
        if st == "redacted" and not is_missing(v):
            P.append(Problem(file, int(ln), "value", f"status is 'redacted' but value is {v:g}; a redacted "
                             "value must be empty (missing, never 0)"))
        if st in ("observed", "derived") and is_missing(v):
            P.append(Problem(file, int(ln), "value", f"status is '{st}' but value is empty; expected a number "
                             "(use status 'redacted' for withheld figures)"))
        if st == "derived" and is_missing(r.get("note")):
            P.append(Problem(file, int(ln), "note", "a derived value needs a note with the arithmetic"))
    return P


def _observation_years(df: pd.DataFrame, file: str) -> list[Problem]:
    """One row per (id, year), or several with a note each and exactly one preferred."""
    P: list[Problem] = []
    keyed = df.assign(_line=df.index)
    for (i, y), g in keyed.groupby(["id", "year"], sort=False, dropna=False):
        if len(g) == 1:
            if not bool(g["preferred"].iloc[0]):
                P.append(Problem(file, int(g["_line"].iloc[0]), "preferred",
                                 f"the only row for ({i}, {y}) must have preferred=true"))
            continue
        lines = ", ".join(str(x) for x in g["_line"])
        if g["note"].isna().any():
            for ln in g["_line"][g["note"].isna()]:
                P.append(Problem(file, int(ln), "id", f"duplicate ({i}, {y}) (lines {lines}) without a note; "
                                 "keep two values for one year only when every row has a note saying "
                                 "which figure disagrees"))
        n_pref = int(g["preferred"].sum())
        if n_pref != 1:
            P.append(Problem(file, int(g["_line"].iloc[0]), "preferred",
                             f"({i}, {y}) has {len(g)} rows (lines {lines}) and {n_pref} marked preferred; "
                             "expected exactly one preferred=true"))
    return P


def _programme_amounts(df: pd.DataFrame, file: str) -> list[Problem]:
    P: list[Problem] = []
    for ln, r in df.iterrows():
        if not is_missing(r["amount"]) and is_missing(r["amount_unit"]):
            P.append(Problem(file, int(ln), "amount_unit", "an amount needs an amount_unit (万元 or 亿元)"))
        for a, b in (("amount_low", "amount_high"), ("period_years_low", "period_years_high"),
                     ("persons_low", "persons_high")):
            if a in r and b in r and not is_missing(r[a]) and not is_missing(r[b]) and r[a] > r[b]:
                P.append(Problem(file, int(ln), a, f"{a} {r[a]:g} is above {b} {r[b]:g}"))
    return P


def _growth_years(df: pd.DataFrame, file: str) -> list[Problem]:
    P: list[Problem] = []
    for ln, r in df.iterrows():
        if not is_missing(r["from_year"]) and not is_missing(r["to_year"]) and r["from_year"] >= r["to_year"]:
            P.append(Problem(file, int(ln), "to_year", f"to_year {r['to_year']} is not after from_year "
                             f"{r['from_year']}"))
    return P


#: Per-table rules, run in order after the schema checks.
TABLE_RULES: dict[str, tuple[Rule, ...]] = {
    "indicators": (_unique_ids("indicators"), _region_matches_id, _indicator_targets),
    "observations": (_observation_values, _observation_years),
    "programmes": (_unique_ids("programmes"), _region_matches_id, _programme_amounts),
    "growth_facts": (_unique_ids("growth_facts"), _region_matches_id, _growth_years),
}


def row_rules(table: str, df: pd.DataFrame, file: str) -> list[Problem]:
    """Every rule of *table* applied to its typed frame (empty frames have no problems)."""
    if df.empty:
        return []
    return [p for rule in TABLE_RULES[table] for p in rule(df, file)]


def _ids_known(table: str, column: str) -> Callable[[dict[str, pd.DataFrame], dict[str, str]], list[Problem]]:
    what = "observation id" if table == "observations" else column

    def rule(frames: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
        known, df = set(frames["indicators"]["id"].dropna()), frames[table]
        if column not in df:
            return []
        return [Problem(files[table], int(ln), column, f"{what} '{i}' is not in {files['indicators']}")
                for ln, i in df[column].items() if isinstance(i, str) and i not in known]
    return rule


#: Rules across tables: every id that points at an indicator names one that exists.
CROSS_RULES = (_ids_known("observations", "id"), _ids_known("growth_facts", "indicator_id"))


def cross_checks(frames: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """Cross-table problems; none when the indicators table itself did not load (its problems are reported)."""
    if "id" not in frames["indicators"]:
        return []
    return [p for rule in CROSS_RULES for p in rule(frames, files)]
