"""Rules beyond the schema: several columns of one row, several rows of one table, and across tables.

``TABLE_RULES`` maps each table to its rule functions; every function takes the typed frame
(indexed by file line) and the file name, and returns the problems it finds.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import pandas as pd

from forecast.data.errors import Problem, problem
from forecast.data.limits import line_list
from forecast.data.schema import COMPARATORS, TABLES

Rule = Callable[[pd.DataFrame, str], list[Problem]]


def is_missing(v: object) -> bool:
    """True for None, pandas NA and float NaN (an empty cell)."""
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _unique_ids(table: str) -> Rule:
    def rule(df: pd.DataFrame, file: str) -> list[Problem]:
        dup = df["id"][df["id"].duplicated(keep=False)]
        return [problem(file, int(ln), "id", "duplicate_id", value=v, table_file=TABLES[table].filename)
                for ln, v in dup.items()]
    return rule


def _region_matches_id(df: pd.DataFrame, file: str) -> list[Problem]:
    P: list[Problem] = []
    for ln, (i, reg) in df[["id", "region"]].iterrows():
        if isinstance(i, str) and isinstance(reg, str) and "." in i and i.split(".", 1)[0] != reg:
            P.append(problem(file, int(ln), "region", "region_mismatch", region=reg, id=i))
    return P


def _indicator_targets(df: pd.DataFrame, file: str) -> list[Problem]:
    P: list[Problem] = []
    for ln, r in df.iterrows():
        st, tv, lo, hi = r["target_status"], r["target_value"], r.get("target_low"), r.get("target_high")
        has_value = not is_missing(tv) or not is_missing(lo) or not is_missing(hi)
        if st == "stated":
            if not has_value:
                P.append(problem(file, int(ln), "target_value", "stated_no_value"))
            if is_missing(r["target_op"]):
                P.append(problem(file, int(ln), "target_op", "stated_no_op", allowed=", ".join(COMPARATORS)))
        elif st in ("redacted", "none") and has_value:
            P.append(problem(file, int(ln), "target_value", "target_not_empty", status=st))
        band = r.get("target_band_pct")
        if not is_missing(band) and (r["target_op"] != "=" or not 0 <= band <= 50):
            P.append(problem(file, int(ln), "target_band_pct", "band", value=f"{band:g}"))
        if not is_missing(lo) and not is_missing(hi) and lo > hi:
            P.append(problem(file, int(ln), "target_low", "target_low_high", low=f"{lo:g}", high=f"{hi:g}"))
        ylo = r.get("target_year_low")
        if not is_missing(ylo) and not is_missing(r["target_year"]) and ylo > r["target_year"]:
            P.append(problem(file, int(ln), "target_year_low", "target_year_low", low=ylo, year=r["target_year"]))
    return P


def _observation_values(df: pd.DataFrame, file: str) -> list[Problem]:
    P: list[Problem] = []
    for ln, r in df.iterrows():
        st, v = r["status"], r["value"]
        if st == "redacted" and not is_missing(v):
            P.append(problem(file, int(ln), "value", "redacted_value", value=f"{v:g}"))
        if st in ("observed", "derived") and is_missing(v):
            P.append(problem(file, int(ln), "value", "empty_value", status=st))
        if st == "derived" and is_missing(r.get("note")):
            P.append(problem(file, int(ln), "note", "derived_note"))
    return P


def _observation_years(df: pd.DataFrame, file: str) -> list[Problem]:
    """One row per (id, year), or several with a note each and exactly one preferred."""
    P: list[Problem] = []
    keyed = df.assign(_line=df.index)
    for (i, y), g in keyed.groupby(["id", "year"], sort=False, dropna=False):
        if len(g) == 1:
            if not bool(g["preferred"].iloc[0]):
                P.append(problem(file, int(g["_line"].iloc[0]), "preferred", "only_row_preferred", id=i, year=y))
            continue
        lines = line_list(list(g["_line"]))
        if g["note"].isna().any():
            for ln in g["_line"][g["note"].isna()]:
                P.append(problem(file, int(ln), "id", "duplicate_year", id=i, year=y, lines=lines))
        n_pref = int(g["preferred"].sum())
        if n_pref != 1:
            P.append(problem(file, int(g["_line"].iloc[0]), "preferred", "preferred_count", id=i, year=y,
                             n=len(g), lines=lines, n_pref=n_pref))
    return P


def _programme_amounts(df: pd.DataFrame, file: str) -> list[Problem]:
    P: list[Problem] = []
    for ln, r in df.iterrows():
        if not is_missing(r["amount"]) and is_missing(r["amount_unit"]):
            P.append(problem(file, int(ln), "amount_unit", "amount_unit"))
        for a, b in (("amount_low", "amount_high"), ("period_years_low", "period_years_high"),
                     ("persons_low", "persons_high")):
            if a in r and b in r and not is_missing(r[a]) and not is_missing(r[b]) and r[a] > r[b]:
                P.append(problem(file, int(ln), a, "low_above_high", low_col=a, low=f"{r[a]:g}", high_col=b,
                                 high=f"{r[b]:g}"))
    return P


def _growth_years(df: pd.DataFrame, file: str) -> list[Problem]:
    P: list[Problem] = []
    for ln, r in df.iterrows():
        if not is_missing(r["from_year"]) and not is_missing(r["to_year"]) and r["from_year"] >= r["to_year"]:
            P.append(problem(file, int(ln), "to_year", "to_year", to=r["to_year"], from_=r["from_year"]))
    return P


def _plain_text(table: str) -> Rule:
    """Text cells hold no control or non-XML characters (they abort the chart renderer and
    cannot be written to .xlsx); sentences (quote, note, source) may hold line breaks."""
    from forecast.text import unsafe_chars

    def rule(df: pd.DataFrame, file: str) -> list[Problem]:
        P: list[Problem] = []
        for c in TABLES[table].columns:
            if c.type != "str" or c.name not in df:
                continue
            for ln, v in df[c.name].items():
                bad = unsafe_chars(v, multiline=c.name in ("quote", "note", "source")) if isinstance(v, str) else []
                if bad:
                    P.append(problem(file, int(ln), c.name, "control_chars", chars=", ".join(bad[:3])))
        return P
    return rule


def _within(P: list[Problem], file: str, ln: Any, col: str, v: Any, low: float, high: float, code: str,
            *, low_open: bool = False, **fields: Any) -> None:
    """A ``range_*`` problem (``code``) when ``v`` lies outside [low, high] (or (low, high])."""
    if is_missing(v):
        return
    if not (math.isfinite(v) and (v > low if low_open else v >= low) and v <= high):
        P.append(problem(file, int(ln), col, code, value=f"{v:g}", **fields))


def _target_ranges(df: pd.DataFrame, file: str) -> list[Problem]:
    """Shares and their targets lie in 0-100 %; counts, rates and money are not negative."""
    P: list[Problem] = []
    for ln, r in df.iterrows():
        share, other = r["type"] == "share" or r["unit"] == "%", r["type"] == "other"
        if r.get("measure") == "growth_rate":   # a growth rate in %: any value above -100 %
            P.extend(_growth_rate_row(r, file, ln))
            continue
        for col in ("target_value", "target_low", "target_high"):
            if col in r and share:
                _within(P, file, ln, col, r[col], 0, 100, "range_share")
            elif col in r and not other:
                _within(P, file, ln, col, r[col], 0, math.inf, "range_nonneg", type=r["type"])
    return P


def _growth_rate_row(r: Any, file: str, ln: Any) -> list[Problem]:
    """A ``growth_rate`` indicator is in % and its targets lie above -100 %."""
    P: list[Problem] = []
    if r["unit"] != "%":
        P.append(problem(file, int(ln), "unit", "growth_rate_unit", value=r["unit"]))
    for col in ("target_value", "target_low", "target_high"):
        if col in r:
            _within(P, file, ln, col, r[col], -100, 1e4, "range_growth", low_open=True)
    return P


def _programme_ranges(df: pd.DataFrame, file: str) -> list[Problem]:
    """Amounts, periods and persons are positive; growth is above -100 %."""
    P: list[Problem] = []
    for ln, r in df.iterrows():
        for col in ("amount", "amount_low", "amount_high", "cost_per_person_10k_cny"):
            if col in r:
                _within(P, file, ln, col, r[col], 0, 1e9, "range_amount", low_open=True)
        for col in ("period_years", "period_years_low", "period_years_high"):
            if col in r:
                _within(P, file, ln, col, r[col], 0, 100, "range_period", low_open=True)
        for col in ("persons", "persons_low", "persons_high"):
            if col in r:
                _within(P, file, ln, col, r[col], 0, 1e9, "range_persons", low_open=True)
        if "growth_min_pct_per_year" in r:
            _within(P, file, ln, "growth_min_pct_per_year", r["growth_min_pct_per_year"], -100, 1e4,
                    "range_growth", low_open=True)
    return P


def _growth_ranges(df: pd.DataFrame, file: str) -> list[Problem]:
    P: list[Problem] = []
    for ln, v in df["growth_pct"].items():
        _within(P, file, ln, "growth_pct", v, -100, 1e6, "range_growth", low_open=True)
    return P


def _relation_rows(df: pd.DataFrame, file: str) -> list[Problem]:
    """A relation links two different indicators of its own region; its coefficient lies in its
    range, a share (part_of, sector_of) in 0..1 and an elasticity in 0..5."""
    P: list[Problem] = []
    for ln, r in df.iterrows():
        c, p, reg = r["child"], r["parent"], r["region"]
        if isinstance(c, str) and c == p:
            P.append(problem(file, int(ln), "parent", "relation_self", id=c))
        for col in ("child", "parent"):
            v = r[col]
            if isinstance(v, str) and isinstance(reg, str) and "." in v and v.split(".", 1)[0] != reg:
                P.append(problem(file, int(ln), col, "region_mismatch", region=reg, id=v))
        share = r["kind"] in ("part_of", "sector_of")
        for col in ("coef", "coef_low", "coef_high"):
            _within(P, file, ln, col, r[col], 0, 1 if share else 5, "relation_share" if share else "relation_elasticity")
        lo, hi, v = r["coef_low"], r["coef_high"], r["coef"]
        if not is_missing(v) and ((not is_missing(lo) and lo > v) or (not is_missing(hi) and hi < v)):
            P.append(problem(file, int(ln), "coef", "relation_coef_range", value=f"{v:g}",
                             low="" if is_missing(lo) else f"{lo:g}", high="" if is_missing(hi) else f"{hi:g}"))
    return P


def _relation_sectors(df: pd.DataFrame, file: str) -> list[Problem]:
    """Conservation: the sector shares of one parent add up to at most 1, at their central value
    and at their high end (an inflow is never split into more people than arrive)."""
    P: list[Problem] = []
    sec = df[df["kind"] == "sector_of"]
    for parent, g in sec.groupby("parent", sort=False):
        for col in ("coef", "coef_high"):
            total = float(g[col].fillna(g["coef"]).sum())
            if total > 1 + 1e-9:
                P.append(problem(file, int(g.index[0]), col, "relation_sector_sum", parent=parent,
                                 column=col, total=f"{total:.4g}", lines=line_list(list(g.index))))
                break
    return P


def _relation_pairs(df: pd.DataFrame, file: str) -> list[Problem]:
    """One relation per pair and role: a child is part of (or a sector of) a parent once, and
    a ratio's numerator or denominator once (twice would count the same people twice)."""
    role = df["kind"].where(~df["kind"].isin(("part_of", "sector_of")), "people")
    key = pd.DataFrame({"role": role, "child": df["child"], "parent": df["parent"]})
    twice = key.duplicated(keep="first")
    return [problem(file, int(ln), "child", "relation_twice", child=df.at[ln, "child"], parent=df.at[ln, "parent"])
            for ln in key.index[twice]]


def _relation_cycles(df: pd.DataFrame, file: str) -> list[Problem]:
    """part_of and sector_of relations form no cycle (a stock cannot contain itself)."""
    up = df[df["kind"].isin(("part_of", "sector_of"))]
    edges: dict[str, set[str]] = {}
    for c, p in zip(up["child"], up["parent"]):
        edges.setdefault(c, set()).add(p)
    P: list[Problem] = []
    for ln, c in up["child"].items():
        seen, todo = set(), list(edges.get(c, ()))
        while todo:
            x = todo.pop()
            if x == c:
                P.append(problem(file, int(ln), "child", "relation_cycle", id=c))
                break
            if x not in seen:
                seen.add(x)
                todo.extend(edges.get(x, ()))
    return P


#: Per-table rules, run in order after the schema checks.
def _unique_regions(df: pd.DataFrame, file: str) -> list[Problem]:
    dup = df["region"][df["region"].duplicated(keep=False)]
    return [problem(file, int(ln), "region", "duplicate_region", value=v) for ln, v in dup.items()]


def _unique_region_names(df: pd.DataFrame, file: str) -> list[Problem]:
    """Two regions never share a name in one language: the page's picker is searched by name."""
    P: list[Problem] = []
    for col in ("name_zh", "name_en"):
        if col not in df:
            continue
        names = df[col].astype("string").str.strip()
        dup = names[names.notna() & (names != "") & names.duplicated(keep=False)]
        P += [problem(file, int(ln), col, "duplicate_region_name", value=v,
                      others=", ".join(str(r) for r in df.loc[names == v, "region"])) for ln, v in dup.items()]
    return P


TABLE_RULES: dict[str, tuple[Rule, ...]] = {
    "indicators": (_unique_ids("indicators"), _region_matches_id, _indicator_targets, _target_ranges,
                   _plain_text("indicators")),
    "observations": (_observation_values, _observation_years, _plain_text("observations")),
    "programmes": (_unique_ids("programmes"), _region_matches_id, _programme_amounts, _programme_ranges,
                   _plain_text("programmes")),
    "growth_facts": (_unique_ids("growth_facts"), _region_matches_id, _growth_years, _growth_ranges,
                     _plain_text("growth_facts")),
    "regions": (_unique_regions, _unique_region_names, _plain_text("regions")),
    "relations": (_unique_ids("relations"), _region_matches_id, _relation_rows, _relation_sectors, _relation_pairs,
                  _relation_cycles, _plain_text("relations")),
}


def row_rules(table: str, df: pd.DataFrame, file: str) -> list[Problem]:
    """Every rule of *table* applied to its typed frame (empty frames have no problems)."""
    if df.empty:
        return []
    return [p for rule in TABLE_RULES[table] for p in rule(df, file)]


def _ids_known(table: str, column: str) -> Callable[[dict[str, pd.DataFrame], dict[str, str]], list[Problem]]:
    code = "unknown_obs_id" if table == "observations" else "unknown_ref"

    def rule(frames: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
        known, df = set(frames["indicators"]["id"].dropna()), frames[table]
        if column not in df:
            return []
        return [problem(files[table], int(ln), column, code, column=column, value=i, table_file=files["indicators"])
                for ln, i in df[column].items() if isinstance(i, str) and i not in known]
    return rule


def _observation_ranges(frames: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """Observed shares lie in 0-100 %; observed counts, rates and money are not negative."""
    ind, obs = frames["indicators"], frames["observations"]
    if "value" not in obs or "type" not in ind:
        return []
    measure = ind["measure"] if "measure" in ind else pd.Series("level", index=ind.index)
    kind = {i: ("growth_rate" if m == "growth_rate" else "share" if t == "share" or u == "%" else t)
            for i, t, u, m in zip(ind["id"], ind["type"], ind["unit"], measure)}
    P: list[Problem] = []
    for ln, i, v in zip(obs.index, obs["id"], obs["value"]):
        k = kind.get(i)
        if k == "growth_rate":
            _within(P, files["observations"], ln, "value", v, -100, 1e4, "range_growth", low_open=True)
        elif k == "share":
            _within(P, files["observations"], ln, "value", v, 0, 100, "range_share")
        elif k not in (None, "other"):
            _within(P, files["observations"], ln, "value", v, 0, math.inf, "range_nonneg", type=k)
    return P


def _regions_listed(frames: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """With a regions table, every region of the indicators has its row (name, level, plan)."""
    reg = frames.get("regions")
    if reg is None or reg.empty or "region" not in reg or "region" not in frames["indicators"]:
        return []
    known, seen, P = set(reg["region"].dropna()), set(), []
    for ln, r in frames["indicators"]["region"].items():
        if isinstance(r, str) and r not in known and r not in seen:
            seen.add(r)
            P.append(problem(files["indicators"], int(ln), "region", "region_not_listed", value=r,
                             table_file=files.get("regions", "regions.csv")))
    return P


def _relation_types(frames: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """part_of and sector_of link people stocks; numerator_of and denominator_of link a people
    stock (child) to a ratio (parent: a share or a rate)."""
    rel, ind = frames.get("relations"), frames["indicators"]
    if rel is None or rel.empty or "kind" not in rel or "type" not in ind:
        return []
    kind_of = dict(zip(ind["id"], ind["type"]))
    P: list[Problem] = []
    for ln, k, c, p in zip(rel.index, rel["kind"], rel["child"], rel["parent"]):
        if c not in kind_of or p not in kind_of:
            continue
        want = "people" if k in ("part_of", "sector_of") else "share or rate"
        if kind_of[c] != "people" or (kind_of[p] != "people" if want == "people" else kind_of[p] not in ("share", "rate")):
            P.append(problem(files["relations"], int(ln), "kind", "relation_types", kind=k, child=c,
                             child_type=kind_of[c], parent=p, parent_type=kind_of[p], want=want))
    return P


#: Rules across tables: every id that points at an indicator names one that exists; values in range.
CROSS_RULES = (_ids_known("observations", "id"), _ids_known("growth_facts", "indicator_id"), _observation_ranges,
               _regions_listed,
               _ids_known("relations", "child"), _ids_known("relations", "parent"), _relation_types)


def cross_checks(frames: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """Cross-table problems; none when the indicators table itself did not load (its problems are reported)."""
    if "id" not in frames["indicators"]:
        return []
    return [p for rule in CROSS_RULES for p in rule(frames, files)]
