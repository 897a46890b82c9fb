"""The fitted calibration on disk: ``data/calibration.json``, rebuilt by
``python -m forecast.calibration.build`` (never fitted at run time)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from forecast.calibration.model import Calibration
from forecast.typeprior import TypePrior

from forecast.calibration.location import COMMAND, FILE, file_bytes, path


def _prior_json(p: TypePrior) -> dict:
    return {"kind": p.kind, "loc": p.loc, "persistent_sd": p.persistent_sd, "window_sd": p.window_sd,
            "shock_sd": p.shock_sd, "n_episodes": p.n_episodes, "n_series": p.n_series, "n_regions": p.n_regions,
            "note": p.note, "draws": np.asarray(p.draws).tolist()}


def save(target: Path, cal: Calibration, growth: TypePrior | None, report: dict) -> None:
    """Write the calibration, the growth-rate prior and the LORO report (JSON, UTF-8)."""
    payload = {"built_by": COMMAND, "groups": list(cal.groups), "n": cal.n, "params": cal.params,
               "growth_prior": _prior_json(growth) if growth is not None else None, "report": report}
    target.write_text(json.dumps(payload, ensure_ascii=False, indent=1, allow_nan=True) + "\n", encoding="utf-8")


@lru_cache(maxsize=4)
def _read(p: str, stamp: float) -> tuple[Calibration | None, TypePrior | None, dict]:
    j = json.loads(Path(p).read_text(encoding="utf-8"))
    cal = Calibration(tuple(j["groups"]), {k: float(v) for k, v in j["params"].items()}, int(j["n"]))
    g = j.get("growth_prior")
    gp = None if not g else TypePrior("growth", g["loc"], g["persistent_sd"], g["window_sd"], g["shock_sd"],
                                      float("inf"), np.asarray(g["draws"], float), g["n_episodes"], g["n_series"],
                                      g["n_regions"], ("outcome_base",), "outcome base", g["note"])
    return cal, gp, j.get("report", {})


def load(data_dir: Path | str | None = None) -> tuple[Calibration | None, TypePrior | None, dict]:
    """(calibration, growth-rate prior, report) — (None, None, {}) when no file is shipped."""
    p = path(data_dir)
    if not p.exists():
        return None, None, {}
    return _read(str(p), p.stat().st_mtime)


__all__ = ["load", "save", "path", "file_bytes", "FILE", "COMMAND"]
