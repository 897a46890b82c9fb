"""The units table, ``data/units.csv``: every fact about a unit in one place.

One row per unit as the documents write it (``万人``, ``%``, ``亿元`` ...):

``in_data``      allowed in ``indicators.csv`` (the closed list :data:`UNITS`); ``false`` for a
                 unit only the number formats use (``元``, ``亿人``).
``people``       the unit counts people (visits included): the extractor and the typed-plan
                 editor treat such an indicator as a people count.
``persons``      one person in this unit (``1`` for 人, ``0.0001`` for 万人): how the levers'
                 people reach a stock (``scenarios.channels``); empty when it is no stock of persons.
``whole``        counted one by one: whole numbers with a thousands separator, in print and in the
                 exported sheets.
``precision``    the step a target is printed to (``scenarios.targets``: 5.5 %, 105 万人, 1500 人).
``base``, ``base_factor``                       the unit a 万/亿 unit counts, and how many (English
                 writes 105 万人 as 1.05 million people).
``larger``, ``larger_factor``, ``larger_from``  the larger unit the documents switch to, its factor,
                 and from which value on (15,000 人 stays 人; 120,000 人 is 12 万人).
``type``         the indicator type the unit suggests when a planner leaves it empty (a unit of
                 the data only; the data's own ``type`` column always wins).

Read once at import with the ``csv`` module (no pandas); the shipped table only (units are
conventions of the documents, not of a dataset). A malformed row raises ``ValueError`` naming it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional

FILE = "units.csv"
COLUMNS = ("unit", "in_data", "people", "persons", "whole", "precision", "base", "base_factor", "larger",
           "larger_factor", "larger_from", "type")


@dataclass(frozen=True)
class Unit:
    """One row of the units table (see the module docstring for the columns)."""

    unit: str
    in_data: bool
    people: bool
    persons: Optional[float]
    whole: bool
    precision: Optional[float]
    base: str = ""
    base_factor: Optional[float] = None
    larger: str = ""
    larger_factor: Optional[float] = None
    larger_from: Optional[float] = None
    type: str = ""


def _flag(v: str, where: str) -> bool:
    if v not in ("true", "false"):
        raise ValueError(f"{where}: expected true or false, got {v!r}")
    return v == "true"


def _number(v: str, where: str) -> Optional[float]:
    if v == "":
        return None
    try:
        x = float(v)
    except ValueError:
        raise ValueError(f"{where}: {v!r} is not a number") from None
    if not x > 0:
        raise ValueError(f"{where}: {v!r} must be positive")
    return x


def load_units(path: str | Path | None = None) -> dict[str, Unit]:
    """The units table (default: the shipped ``units.csv``), unit -> :class:`Unit`, in file order."""
    p = Path(path) if path is not None else Path(str(resources.files("forecast.shipped").joinpath(FILE)))
    with open(p, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    if rows and tuple(rows[0]) != COLUMNS:
        raise ValueError(f"{p.name}: columns must be {', '.join(COLUMNS)}")
    out: dict[str, Unit] = {}
    for ln, r in enumerate(rows, start=2):
        w = lambda c: f"{p.name} line {ln}, {c}"  # noqa: E731
        u = Unit(r["unit"].strip(), _flag(r["in_data"], w("in_data")), _flag(r["people"], w("people")),
                 _number(r["persons"], w("persons")), _flag(r["whole"], w("whole")),
                 _number(r["precision"], w("precision")), r["base"], _number(r["base_factor"], w("base_factor")),
                 r["larger"], _number(r["larger_factor"], w("larger_factor")),
                 _number(r["larger_from"], w("larger_from")), r["type"].strip())
        if not u.unit or u.unit in out:
            raise ValueError(f"{w('unit')}: {u.unit!r} is empty or listed twice")
        if u.in_data and (u.precision is None or not u.type):
            raise ValueError(f"{w('precision')}: a unit of the data needs the step its targets are printed to "
                             "and the type it suggests")
        if bool(u.base) != (u.base_factor is not None) or bool(u.larger) != (u.larger_factor is not None) \
                or (u.larger_from is not None) != bool(u.larger):
            raise ValueError(f"{w('base')}: a base or larger unit goes with its factor (and a larger one with larger_from)")
        out[u.unit] = u
    return out


#: unit -> its row, the shipped table
TABLE: dict[str, Unit] = load_units()
#: Closed list of indicator units, as the documents write them (indicators.csv).
UNITS: tuple[str, ...] = tuple(u for u, r in TABLE.items() if r.in_data)
#: Units that count people (visits included).
PEOPLE_UNITS: tuple[str, ...] = tuple(u for u, r in TABLE.items() if r.people)
#: unit -> one person in it (the stocks of persons the levers reach)
PERSON_UNITS: dict[str, float] = {u: r.persons for u, r in TABLE.items() if r.persons is not None}
#: Units whose values are counted one by one.
COUNT_UNITS: frozenset[str] = frozenset(u for u, r in TABLE.items() if r.whole)
#: unit -> the step a target is printed to
ROUNDING: dict[str, float] = {u: r.precision for u, r in TABLE.items() if r.precision is not None}
#: unit -> the indicator type it suggests (units of the data)
SUGGESTED_TYPE: dict[str, str] = {u: r.type for u, r in TABLE.items() if r.type}
#: unit -> (the unit it counts, how many): 万人 -> (人, 10000)
BASE_UNIT: dict[str, tuple[str, float]] = {u: (r.base, r.base_factor) for u, r in TABLE.items() if r.base}
#: unit -> (the larger unit, its factor, the value from which the documents switch)
SCALE_UP: dict[str, tuple[str, float, float]] = {u: (r.larger, r.larger_factor, r.larger_from)
                                                 for u, r in TABLE.items() if r.larger}

__all__ = ["Unit", "load_units", "TABLE", "UNITS", "PEOPLE_UNITS", "PERSON_UNITS", "COUNT_UNITS", "ROUNDING",
           "SUGGESTED_TYPE", "BASE_UNIT", "SCALE_UP", "FILE", "COLUMNS"]
