"""A small on-disk store of JSON entries for anything that is slow to compute and keyed by its inputs.

Entries are JSON (never pickle) under :func:`cache_dir`; a missing or unreadable entry reads
as ``None`` (the caller recomputes), and a store that cannot be written is skipped silently
(it is only a speed-up). :func:`code_hash` keys an entry on the ``forecast`` package's source,
so changed model code never reads an old entry. What is stored, and under which key, is the
business of the module that computes it (:mod:`forecast.cache` for datasets and growth laws,
:mod:`forecast.typeprior` for the fitted reference class); this module knows none of them.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

_SOURCE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """``$TALENTSIM_CACHE_DIR``, else ``$XDG_CACHE_HOME/talentsim``, else ``~/.cache/talentsim``."""
    env = os.environ.get("TALENTSIM_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "talentsim"


def version() -> str:
    """The installed talentsim version (``0+unknown`` from a bare checkout)."""
    try:
        return metadata.version("talentsim")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def code_hash() -> str:
    """Hash of every ``.py`` file of the ``forecast`` package (path and bytes)."""
    h = hashlib.sha256()
    for p in sorted(_SOURCE.rglob("*.py")):
        h.update(p.relative_to(_SOURCE).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def read(name: str) -> Any:
    """The JSON entry ``name``, or None when it is missing or unreadable."""
    try:
        return json.loads((cache_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(name: str, payload: object) -> None:
    """Store ``payload`` as ``name`` atomically; a store that cannot be written is skipped."""
    try:
        d = cache_dir()
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, allow_nan=False)
        os.replace(tmp, d / name)
    except (OSError, ValueError):   # disk full, a NaN in the payload: no entry, and no temp file left
        Path(tmp).unlink(missing_ok=True)


def _cell(v: Any) -> Any:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def frame_to_json(df: pd.DataFrame) -> dict:
    """A DataFrame as JSON-ready columns, dtypes and cells (missing cells as null)."""
    return {"columns": [str(c) for c in df.columns], "dtypes": [str(t) for t in df.dtypes],
            "data": [[_cell(v) for v in df[c].tolist()] for c in df.columns]}


def frame_from_json(j: dict) -> pd.DataFrame:
    """The DataFrame :func:`frame_to_json` stored, with its dtypes."""
    return pd.DataFrame({c: pd.Series(vals, dtype=t) for c, t, vals in zip(j["columns"], j["dtypes"], j["data"])})


__all__ = ["cache_dir", "version", "code_hash", "read", "write", "frame_to_json", "frame_from_json"]
