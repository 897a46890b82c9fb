"""Disk cache of validated datasets and fitted growth laws, keyed by what they are computed from.

The key (:func:`fingerprint`) hashes every data file's bytes, the installed package version
and the source of the ``forecast`` package, so an edited CSV, a new release or a changed
model gives a new key and a fresh fit; nothing is ever invalidated by hand. Entries live in
the JSON store of :mod:`forecast.store`; a missing, unreadable or foreign entry is
recomputed. (The fitted reference class is cached by :mod:`forecast.typeprior` itself.)
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import os
from typing import Any, Iterable

from forecast.store import code_hash, frame_from_json, frame_to_json, read, version, write

_FORMAT = 1


def fingerprint(path: str | os.PathLike | None = None) -> str:
    """Content hash of a dataset (folder of CSVs or one .xlsx) plus everything else a fit reads:
    the shipped tables every dataset is fitted with (the reference class, the outcome base and
    its calibration, even for a custom data folder), the package version and the model code."""
    from forecast.data.load import data_dir, shipped_dir

    root = data_dir(path)
    h = hashlib.sha256(f"talentsim {version()} format {_FORMAT} code {code_hash()}\0".encode())
    files = [root] if root.is_file() else sorted(root.glob("*.csv")) if root.is_dir() else []
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    if not files:
        h.update(f"missing {root}".encode())
    shipped = shipped_dir()
    if not root.is_dir() or root.resolve() != shipped.resolve():
        for f in sorted([*shipped.glob("*.csv"), *shipped.glob("*.json")]):
            h.update(b"shipped\0" + f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    from forecast.calibration.location import file_bytes   # the calibration the laws are built with

    h.update(b"calibration\0" + file_bytes())
    return h.hexdigest()[:32]


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
    j = read(name)
    if isinstance(j, dict) and j.get("key") == key:
        try:
            tables = {t: frame_from_json(j["tables"][t]) for t in _TABLES}
            return Dataset(**tables, source=j["source"])
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    from forecast.data.load import load_dataset

    ds = load_dataset(path)
    write(name, {"key": key, "source": ds.source, "tables": {
        t: frame_to_json(getattr(ds, t)) for t in _TABLES}})
    return ds


def cached_growth_laws(ids: Iterable[str], dataset: Dataset, key: str) -> Any:
    """``forecast.growth_laws(ids, dataset=dataset)``, each law fitted once per data fingerprint *key*.

    *key* must identify *dataset*'s content (use :func:`fingerprint` of the folder it was
    loaded from); laws of ids not yet in the cache entry are fitted and added to it.
    """
    from forecast.baseline import GrowthLaws, growth_laws
    from forecast.law import GrowthLaw

    ids = list(ids)
    name = f"laws-{key}.json"
    j = read(name)
    shaped = isinstance(j, dict) and j.get("key") == key and isinstance(j.get("laws"), dict) \
        and isinstance(j.get("skipped"), dict)
    entry = j if shaped else {"key": key, "laws": {}, "skipped": {}}     # a damaged entry is recomputed
    missing = [i for i in ids if i not in entry["laws"] and i not in entry["skipped"]]
    if missing:
        fresh = growth_laws(missing, dataset=dataset)
        entry["laws"].update({i: dataclasses.asdict(law) for i, law in fresh.items()})
        entry["skipped"].update(fresh.skipped)
        write(name, _finite(entry))
    try:
        laws = {i: GrowthLaw(**_from_json(entry["laws"][i])) for i in ids if i in entry["laws"]}
    except (TypeError, ValueError, KeyError, AttributeError):       # an older or damaged layout: refit all
        write(name, {"key": key, "laws": {}, "skipped": {}})
        return growth_laws(ids, dataset=dataset)
    return GrowthLaws(laws, {i: entry["skipped"][i] for i in ids if i in entry["skipped"]})


def _finite(entry: dict) -> dict:
    """JSON has no infinity: a normal drift (df = inf) is stored as the string "inf"."""
    return {**entry, "laws": {i: {k: ("inf" if isinstance(v, float) and math.isinf(v) else v) for k, v in law.items()}
                              for i, law in entry["laws"].items()}}


def _from_json(law: dict) -> dict:
    return {k: (math.inf if v == "inf" else v) for k, v in law.items()}
