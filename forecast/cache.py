"""Disk cache of validated datasets, fitted growth laws and the fitted reference class, keyed by what they are computed from.

The key (:func:`fingerprint`) hashes every data file's bytes, the installed package version
and the source of the ``forecast`` package, so an edited CSV, a new release or a changed
model gives a new key and a fresh fit; nothing is ever invalidated by hand. Entries are
JSON (never pickle) under :func:`cache_dir`; a missing, unreadable or foreign entry is
recomputed, and a cache that cannot be written is skipped silently (it is only a speed-up).
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
import hashlib
import json
import math
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

_FORMAT = 1
_SOURCE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """``$TALENTSIM_CACHE_DIR``, else ``$XDG_CACHE_HOME/talentsim``, else ``~/.cache/talentsim``."""
    env = os.environ.get("TALENTSIM_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "talentsim"


def _version() -> str:
    try:
        return metadata.version("talentsim")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _code_hash() -> str:
    h = hashlib.sha256()
    for p in sorted(_SOURCE.rglob("*.py")):
        h.update(p.relative_to(_SOURCE).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def fingerprint(path: str | os.PathLike | None = None) -> str:
    """Content hash of a dataset (folder of CSVs or one .xlsx) plus everything else a fit reads:
    the shipped tables every dataset is fitted with (the reference class, the outcome base and
    its calibration, even for a custom data folder), the package version and the model code."""
    from forecast.data.load import data_dir, shipped_dir

    root = data_dir(path)
    h = hashlib.sha256(f"talentsim {_version()} format {_FORMAT} code {_code_hash()}\0".encode())
    files = [root] if root.is_file() else sorted(root.glob("*.csv")) if root.is_dir() else []
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    if not files:
        h.update(f"missing {root}".encode())
    shipped = shipped_dir()
    if not root.is_dir() or root.resolve() != shipped.resolve():
        for f in sorted([*shipped.glob("*.csv"), *shipped.glob("*.json")]):
            h.update(b"shipped\0" + f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def _read(name: str) -> Any:
    try:
        return json.loads((cache_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write(name: str, payload: Any) -> None:
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


def _frame_to_json(df: pd.DataFrame) -> dict:
    return {"columns": [str(c) for c in df.columns], "dtypes": [str(t) for t in df.dtypes],
            "data": [[_cell(v) for v in df[c].tolist()] for c in df.columns]}


def _frame_from_json(j: dict) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(vals, dtype=t) for c, t, vals in zip(j["columns"], j["dtypes"], j["data"])})


#: the tables of a cached dataset (``forecast.data.Dataset``'s frames)
_TABLES = ("indicators", "observations", "programmes", "growth_facts", "regions", "relations")


def cached_dataset(path: str | os.PathLike | None = None, key: str | None = None) -> Any:
    """``forecast.data.load_dataset(path)``, read back from the cache when the data are unchanged.

    Only a dataset that validated is stored, so a cache hit is a dataset that passed every
    check with these very bytes and this very code.
    """
    from forecast.data.dataset import Dataset

    key = key or fingerprint(path)
    name = f"dataset-{key}.json"
    j = _read(name)
    if isinstance(j, dict) and j.get("key") == key:
        try:
            tables = {t: _frame_from_json(j["tables"][t]) for t in _TABLES}
            return Dataset(**tables, source=j["source"])
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    from forecast.data.load import load_dataset

    ds = load_dataset(path)
    _write(name, {"key": key, "source": ds.source, "tables": {
        t: _frame_to_json(getattr(ds, t)) for t in _TABLES}})
    return ds


def cached_growth_laws(ids: Iterable[str], dataset: Any, key: str) -> Any:
    """``forecast.growth_laws(ids, dataset=dataset)``, each law fitted once per data fingerprint *key*.

    *key* must identify *dataset*'s content (use :func:`fingerprint` of the folder it was
    loaded from); laws of ids not yet in the cache entry are fitted and added to it.
    """
    from forecast.baseline import GrowthLaws, growth_laws
    from forecast.law import GrowthLaw

    ids = list(ids)
    name = f"laws-{key}.json"
    j = _read(name)
    shaped = isinstance(j, dict) and j.get("key") == key and isinstance(j.get("laws"), dict) \
        and isinstance(j.get("skipped"), dict)
    entry = j if shaped else {"key": key, "laws": {}, "skipped": {}}     # a damaged entry is recomputed
    missing = [i for i in ids if i not in entry["laws"] and i not in entry["skipped"]]
    if missing:
        fresh = growth_laws(missing, dataset=dataset)
        entry["laws"].update({i: dataclasses.asdict(law) for i, law in fresh.items()})
        entry["skipped"].update(fresh.skipped)
        _write(name, _finite(entry))
    try:
        laws = {i: GrowthLaw(**_from_json(entry["laws"][i])) for i in ids if i in entry["laws"]}
    except (TypeError, ValueError, KeyError, AttributeError):       # an older or damaged layout: refit all
        _write(name, {"key": key, "laws": {}, "skipped": {}})
        return growth_laws(ids, dataset=dataset)
    return GrowthLaws(laws, {i: entry["skipped"][i] for i in ids if i in entry["skipped"]})


def _finite(entry: dict) -> dict:
    """JSON has no infinity: a normal drift (df = inf) is stored as the string "inf"."""
    return {**entry, "laws": {i: {k: ("inf" if isinstance(v, float) and math.isinf(v) else v) for k, v in law.items()}
                              for i, law in entry["laws"].items()}}


def _from_json(law: dict) -> dict:
    return {k: (math.inf if v == "inf" else v) for k, v in law.items()}


# --------------------------------------------------------------------------- reference class
def _ref_to_json(rf: Any) -> dict:
    pri = {t: {**{f: getattr(p, f) for f in ("kind", "loc", "persistent_sd", "window_sd", "shock_sd", "df",
                                             "n_episodes", "n_series", "n_regions", "basis", "note",
                                             "break_sd", "break_rate", "break_k")},
               "families": list(p.families), "draws": p.draws.tolist()} for t, p in rf.priors.items()}
    c = rf.correlation
    return {"priors": pri, "rho": {"estimate": c.estimate, "draws": c.draws.tolist(), "n_pairs": c.n_pairs,
                                   "n_cells": c.n_cells}}


def _ref_from_json(j: dict, source: str) -> Any:
    from forecast.typeprior import ReferenceFit, RegionalCorrelation, TypePrior

    pri = {t: TypePrior(**{**d, "families": tuple(d["families"]), "draws": np.asarray(d["draws"], dtype=float)})
           for t, d in j["priors"].items()}
    r = j["rho"]
    return ReferenceFit(pri, None, RegionalCorrelation(r["estimate"], np.asarray(r["draws"], float), r["n_pairs"],
                                                       r["n_cells"]), source)


@lru_cache(maxsize=4)
def cached_reference(path: str, key: str) -> Any:
    """``forecast.typeprior.fit_reference`` of the reference file at ``path``, fitted once per
    content ``key`` (see ``typeprior.reference_fit``) and kept as JSON: the priors and the
    correlation, not the episodes (rebuilt on first use)."""
    from forecast.reference import load_reference
    from forecast.typeprior import ReferenceFit, fit_reference

    name = f"reference-{key}.json"
    j = _read(name)
    if isinstance(j, dict) and j.get("key") == key:
        try:
            return _ref_from_json(j, path)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    rf = fit_reference(load_reference(Path(path).parent))
    rf = ReferenceFit(rf.priors, rf._episodes, rf.correlation, path)
    _write(name, {"key": key, **_ref_to_json(rf)})
    return rf
