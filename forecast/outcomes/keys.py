"""Which outcome-base indicator key an engine indicator is (``data/indicator_keys.csv``).

The calibration has terms per indicator key (GDP growth targets are missed far more often
than CPI ceilings); an engine indicator gets its key's terms when its Chinese name, without
the parenthesised definition, is the key's printed name AND its type is the key's type (a
name alone could carry a yearly key to a cumulative indicator). Otherwise it has no key and
its type's terms apply.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

#: Outcome-base type -> the engine's type of the same scale.
ENGINE_TYPE = {"total": "other"}


def _short(name: str) -> str:
    return re.split(r"[（(]", str(name), maxsplit=1)[0].strip()


@lru_cache(maxsize=4)
def _table(path: str) -> dict[str, tuple[str, str]]:
    d = pd.read_csv(path, dtype=str).fillna("")
    return {_short(n): (k, ENGINE_TYPE.get(t, t)) for k, n, t in zip(d["key"], d["name_zh"], d["type"])}


def outcome_key(name_zh: str, kind: str, data_dir: Path | str | None = None) -> str:
    """The outcome-base key of an indicator named ``name_zh`` of engine type ``kind`` ('' if none)."""
    from forecast.data import DATA_DIR

    path = Path(data_dir if data_dir is not None else DATA_DIR) / "indicator_keys.csv"
    if not path.exists():           # an uploaded folder without its own key table: the shipped one
        path = Path(DATA_DIR) / "indicator_keys.csv"
    key, t = _table(str(path)).get(_short(name_zh), ("", ""))
    return key if key and t == kind else ""


__all__ = ["outcome_key"]
