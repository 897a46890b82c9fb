"""Table layouts: columns, types, closed lists, and the pandera schema built from them.

The data dictionary for people is ``data/README.md``; this module is its machine copy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from forecast.data.errors import Problem, problem
from forecast.data.units import UNITS   # closed list of indicator units: the units table, data/units.csv

if TYPE_CHECKING:
    import pandera.pandas as pa

#: Units of programme amounts.
AMOUNT_UNITS: tuple[str, ...] = ("万元", "亿元")
#: Target comparators: the document's ＞ is ``>``, ≥ / 达到 / 以上 are ``>=``; ``=`` means "about/exactly".
COMPARATORS: tuple[str, ...] = (">=", ">", "<=", "=")
#: What an indicator counts (data/README.md gives the rule for each): head-counts, shares in %,
#: rates per population, organisations, money, other countable things, anything else.
TYPES: tuple[str, ...] = ("people", "share", "rate", "organisations", "money", "count", "other")
#: The types that are ratios (a share of something, or a rate per population).
RATIO_TYPES: tuple[str, ...] = ("share", "rate")
#: How levers reach an indicator (``scenarios.channels``): a people stock, a region's talent
#: total (a people stock where the net-inflow lever arrives), the people numerator of a
#: ratio, programme selectees (funding adds places), or not at all.
CHANNELS: tuple[str, ...] = ("people", "talent_total", "numerator", "selectees", "none")
#: Relations between indicators (data/relations.csv; ``scenarios.relations`` propagates levers
#: through them): child is part of parent; child is a sector of parent (parent's additions are
#: split by share); child's additions move ratio parent's numerator / denominator (elasticity).
RELATION_KINDS: tuple[str, ...] = ("part_of", "sector_of", "numerator_of", "denominator_of")
#: Where a relation's coefficient comes from: the indicators' definitions (exact), their sourced
#: base values (a share computed from them), a stated figure, or an assumption with its range.
RELATION_BASES: tuple[str, ...] = ("definition", "base_values", "stated", "assumption")
#: ``growth_rate``: the value is itself a yearly growth rate in % (地区生产总值增长5%左右; a 年均增长
#: target is the average of the yearly rates over ``period_start``..``target_year``).
MEASURES: tuple[str, ...] = ("level", "annual_flow", "five_year_total", "period_total", "growth_rate")
TARGET_STATUSES: tuple[str, ...] = ("stated", "redacted", "none")
OBS_STATUSES: tuple[str, ...] = ("observed", "derived", "redacted")
QUALIFIERS: tuple[str, ...] = ("approx", "more_than", "at_least", "at_most")
AMOUNT_BASES: tuple[str, ...] = ("total", "per_person", "per_person_year", "per_award")
PERSONS_BASES: tuple[str, ...] = ("total", "per_year", "per_round")
GROWTH_STATUSES: tuple[str, ...] = ("stated", "derived")
#: Whether an indicator measures talent or is context (a yearly GDP-growth target); empty = talent.
DOMAINS: tuple[str, ...] = ("talent", "context")
#: Administrative level of a region (regions.csv) and the plan its targets come from.
LEVELS: tuple[str, ...] = ("national", "province", "city", "district")
PLANS: tuple[str, ...] = ("13th", "14th", "15th", "555", "other")

#: Years a table may name (observations, targets, documents).
YEAR_MIN, YEAR_MAX = 1990, 2100
#: Years a simulation may run to: a horizon, a shock year, a typed plan's target year (the one
#: copy; ``scenarios.spec.MIN_YEAR``/``MAX_YEAR`` and the command line's bounds are these).
HORIZON_MIN, HORIZON_MAX = 2000, 2060
_ID_RE = r"^[a-z][a-z0-9_]*\.[a-z0-9_]+$"
_REGION_RE = r"^[a-z][a-z0-9_]*$"

ColType = Literal["str", "float", "year", "bool"]


@dataclass(frozen=True)
class _Col:
    name: str
    type: ColType
    required: bool = True      # the column must be present in the file
    nullable: bool = False     # a cell may be empty
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class _Table:
    name: str
    filename: str
    columns: tuple[_Col, ...]
    optional_file: bool = False

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _s(name: str, **kw: Any) -> _Col:
    return _Col(name, "str", **kw)


def _f(name: str, **kw: Any) -> _Col:
    return _Col(name, "float", nullable=True, **kw)


def _y(name: str, **kw: Any) -> _Col:
    return _Col(name, "year", **kw)


_SRC = (_s("source"), _s("quote"), _s("note", required=False, nullable=True))

#: Table layouts: column name, type, whether the column is required and whether cells may be empty.
TABLES: dict[str, _Table] = {
    "indicators": _Table("indicators", "indicators.csv", (
        _s("id", pattern=_ID_RE), _s("region", pattern=_REGION_RE), _s("name_zh"),
        _s("name_en", required=False, nullable=True), _s("unit", allowed=UNITS),
        _s("category", required=False, nullable=True), _s("type", allowed=TYPES),
        _s("channel", required=False, nullable=True, allowed=CHANNELS),
        _s("measure", allowed=MEASURES), _Col("higher_is_better", "bool"),
        _y("target_year", nullable=True), _f("target_value"),
        _s("target_op", nullable=True, allowed=COMPARATORS),
        _f("target_low", required=False), _f("target_high", required=False), _f("target_band_pct", required=False),
        _y("target_year_low", required=False, nullable=True), _y("period_start", required=False, nullable=True),
        _s("target_status", allowed=TARGET_STATUSES),
        _s("domain", required=False, nullable=True, allowed=DOMAINS), *_SRC)),
    "observations": _Table("observations", "observations.csv", (
        _s("id", pattern=_ID_RE), _y("year"), _f("value"), _s("status", allowed=OBS_STATUSES),
        _Col("preferred", "bool", required=False), _s("qualifier", required=False, nullable=True, allowed=QUALIFIERS),
        *_SRC)),
    "programmes": _Table("programmes", "programmes.csv", (
        _s("id", pattern=_ID_RE), _s("region", pattern=_REGION_RE), _s("name_zh"),
        _s("name_en", required=False, nullable=True), _f("amount"),
        _s("amount_unit", nullable=True, allowed=AMOUNT_UNITS), _f("amount_low", required=False),
        _f("amount_high", required=False), _s("amount_basis", allowed=AMOUNT_BASES),
        _f("period_years", required=False), _f("period_years_low", required=False),
        _f("period_years_high", required=False), _f("persons", required=False), _f("persons_low", required=False),
        _f("persons_high", required=False),
        _s("persons_basis", required=False, nullable=True, allowed=PERSONS_BASES),
        _f("growth_min_pct_per_year", required=False), _f("cost_per_person_10k_cny", required=False),
        *_SRC), optional_file=True),
    "growth_facts": _Table("growth_facts", "growth_facts.csv", (
        _s("id", pattern=_ID_RE), _s("region", pattern=_REGION_RE),
        _s("indicator_id", required=False, nullable=True, pattern=_ID_RE), _s("name_zh"),
        _s("name_en", required=False, nullable=True), _y("from_year"), _y("to_year"), _Col("growth_pct", "float"),
        _s("status", required=False, nullable=True, allowed=GROWTH_STATUSES), *_SRC), optional_file=True),
    "regions": _Table("regions", "regions.csv", (
        _s("region", pattern=_REGION_RE), _s("name_zh"), _s("name_en"), _s("level", allowed=LEVELS),
        _s("plan", allowed=PLANS), _s("note", required=False, nullable=True)), optional_file=True),
    "relations": _Table("relations", "relations.csv", (
        _s("id", pattern=_ID_RE), _s("region", pattern=_REGION_RE), _s("kind", allowed=RELATION_KINDS),
        _s("child", pattern=_ID_RE), _s("parent", pattern=_ID_RE), _Col("coef", "float"),
        _f("coef_low"), _f("coef_high"), _s("basis", allowed=RELATION_BASES),
        _y("base_year", required=False, nullable=True), *_SRC), optional_file=True),
}


#: Longest text cell, in characters: a name is shown on every chart, slide and table (the longest
#: shipped is 136; a 10,000-character name once cost 7 s of export), a quote or note is read in full.
MAX_NAME_CHARS, MAX_TEXT_CHARS = 200, 4000
_NAME_COLUMNS = ("id", "region", "name_zh", "name_en", "indicator_id", "child", "parent")


def max_chars(column: str) -> int:
    """The longest text a cell of ``column`` may hold."""
    return MAX_NAME_CHARS if column in _NAME_COLUMNS else MAX_TEXT_CHARS


def is_ratio(type_: str) -> bool:
    """True for an indicator ``type`` that is a ratio (``share`` or ``rate``); the one place this is decided."""
    return str(type_) in RATIO_TYPES


# --------------------------------------------------------------------------- pandera
def pandera_schema(table: _Table) -> pa.DataFrameSchema:
    """The pandera schema of a table (pandera is imported here: a cached start never needs it)."""
    import pandera.pandas as pa

    cols: dict[str, pa.Column] = {}
    for c in table.columns:
        checks = []
        if c.allowed is not None:
            checks.append(pa.Check.isin(list(c.allowed), error=f"allowed:{c.name}"))
        if c.pattern is not None:
            checks.append(pa.Check.str_matches(c.pattern, error=f"pattern:{c.name}"))
        if c.type == "year":
            checks.append(pa.Check.in_range(YEAR_MIN, YEAR_MAX, error=f"year:{c.name}"))
        if c.type == "str" and not c.nullable:
            checks.append(pa.Check.str_length(min_value=1, error=f"empty:{c.name}"))
        if c.type == "str":
            checks.append(pa.Check.str_length(max_value=max_chars(c.name), error=f"long:{c.name}"))
        dtype = {"str": "str", "float": "float64", "year": "Int64", "bool": "bool"}[c.type]
        cols[c.name] = pa.Column(dtype, checks=checks, nullable=c.nullable, required=c.required)
    return pa.DataFrameSchema(cols, strict=False, coerce=False, name=table.name)


#: columns whose refused values have their own wording: column -> value -> (code, allowed values)
_KNOWN_CODES = {
    "target_op": lambda v: ({"=>": "bad_comparator_ge", "=<": "bad_comparator_le"}.get(v, "bad_comparator"),
                            ", ".join(COMPARATORS)),
    "unit": lambda v: ("bad_unit", " ".join(UNITS)),
}


def schema_problems(err: pa.errors.SchemaErrors, file: str) -> list[Problem]:
    out: list[Problem] = []
    fc = err.failure_cases
    for _, r in fc.iterrows():
        col = r["column"] if isinstance(r["column"], str) else None
        check = str(r["check"])
        val = r["failure_case"]
        idx = r["index"]
        line = int(idx) if idx is not None and not (isinstance(idx, float) and math.isnan(idx)) else None
        if check.startswith("allowed:") and col in _KNOWN_CODES:
            code, allowed = _KNOWN_CODES[col](val)
            out.append(problem(file, line, col, code, value=val, allowed=allowed))
        elif check.startswith("allowed:"):
            allowed = next(c.allowed for t in TABLES.values() for c in t.columns if c.name == col and c.allowed)
            out.append(problem(file, line, col, "not_allowed", value=val, column=col,
                               allowed=", ".join(allowed or ())))
        elif check.startswith("pattern:"):
            out.append(problem(file, line, col, "bad_region" if col == "region" else "bad_id", value=val))
        elif check.startswith("year:"):
            out.append(problem(file, line, col, "year_range", value=val, low=YEAR_MIN, high=YEAR_MAX))
        elif check.startswith("long:"):
            out.append(problem(file, line, col, "too_long", column=col, n=f"{len(str(val)):,}", max=max_chars(col)))
        elif check.startswith("empty:") or check == "not_nullable":
            out.append(problem(file, line, col, "empty_quote" if col == "quote" else "empty_cell", column=col))
        elif check == "column_in_dataframe":
            out.append(problem(file, line, str(val), "missing_column_plain", column=str(val)))
        elif check.startswith("dtype("):
            out.append(problem(file, line, col, "wrong_type", check=check, expected=val))
        else:
            out.append(problem(file, line, col, "check_failed", check=check, value=repr(val)))
    return out

