"""Build ``data/growth_rate_history.csv`` and ``data/growth_rate_prior.csv`` (the default law of a
``growth_rate`` indicator) from the NBS yearly statistical communiqués in the public corpus
``lawtext/gov`` (国家统计局年度统计/YYYY.md: 全年国内生产总值 … 比上年增长 X%).

Usage::

    python data/build/growth_rate_prior.py [CORPUS_GIT_DIR] [--commit SHA]   # both files
    python data/build/growth_rate_prior.py --prior-only                     # the prior from the history CSV

The prior (``forecast.growth_rate`` reads it) is computed from the yearly history only:
the 20 years 2006-2025 form four disjoint five-year windows (the plan periods 11th-14th).

* ``shock_sd``: the yearly rates' spread around their window's mean, pooled over the windows
  (sqrt of the sum of squared deviations / (20 - 4)): the transient year-to-year part.
* ``drift_scale``: root mean square of the per-year change between consecutive window means
  ((m[k+1] - m[k]) / 5, three values): how far the level of growth moves per year.
* ``drift_loc``: 0. The national series fell by about 0.3 pp a year, but one series' sign is not
  a law for a region's growth; the spread above covers that fall (see data/README.md).
* ``drift_df``: the number of window-to-window changes the spread rests on (3): a Student-t.
* ``shock_weight``: the degrees of freedom of ``shock_sd`` (16), its weight against an
  indicator's own residuals.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1]
HISTORY, PRIOR = DATA / "growth_rate_history.csv", DATA / "growth_rate_prior.csv"
COMMIT = "fc1a2f67a589763dc905aaa90f2b1ba356bbccde"
YEARS = range(2006, 2026)
WINDOW = 5
_QUOTE = re.compile(r"全年国内生产总值(?:\[\d+\])?\s?[0-9.]+\s?亿元，比上年增长([0-9.]+)%")


def history_rows(git_dir: str, commit: str) -> list[dict]:
    """One row per year: the communiqué's GDP growth with its quote (whitespace collapsed)."""
    rows = []
    for y in YEARS:
        path = f"国家统计局年度统计/{y}.md"
        text = subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], check=True,
                              capture_output=True, text=True).stdout
        m = _QUOTE.search(re.sub(r"\s+", " ", text))
        if m is None:
            raise SystemExit(f"{path}: no sentence 全年国内生产总值 … 比上年增长 X%")
        rows.append({"series_id": "nbs.gdp_growth.china", "region": "china", "region_zh": "全国", "year": y,
                     "value": float(m.group(1)), "unit": "%", "source": path, "quote": m.group(0),
                     "corpus_commit": commit, "note": "preliminary figure of the year's communiqué (初步核算)"})
    return rows


def prior_from_history(values: np.ndarray) -> dict[str, float]:
    """The prior's parameters from ``len(YEARS)`` yearly rates (see the module docstring)."""
    w = np.asarray(values, dtype=float).reshape(-1, WINDOW)
    means = w.mean(axis=1)
    resid = w - means[:, None]
    dof = w.size - w.shape[0]
    drift = np.diff(means) / WINDOW
    return {"drift_loc": 0.0, "drift_scale": float(np.sqrt(np.mean(drift ** 2))), "drift_df": float(drift.size),
            "shock_sd": float(np.sqrt((resid ** 2).sum() / dof)), "shock_weight": float(dof)}


def prior_rows(hist: list[dict]) -> list[dict]:
    vals = np.array([float(r["value"]) for r in hist])
    p = prior_from_history(vals)
    how = ("computed by data/build/growth_rate_prior.py from growth_rate_history.csv (series nbs.gdp_growth.china, "
           f"{YEARS[0]}-{YEARS[-1]}, four disjoint five-year windows)")
    notes = {
        "drift_loc": "chosen 0: no prior direction for a region's growth rate (the national rate fell ~0.3 pp/yr; "
                     "drift_scale covers it)",
        "drift_scale": "pp per year: RMS of the change between consecutive five-year window means, per year",
        "drift_df": "Student-t degrees of freedom = number of window-to-window changes",
        "shock_sd": "pp: pooled spread of yearly rates around their window mean (transient, not cumulated)",
        "shock_weight": "degrees of freedom of shock_sd (years minus windows), its weight against own residuals",
    }
    return [{"parameter": k, "value": round(v, 4), "unit": "pp" if k in ("drift_loc", "drift_scale", "shock_sd")
             else "", "source": "growth_rate_history.csv", "derivation": how, "note": notes[k]} for k, v in p.items()]


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("git_dir", nargs="?", default="/work/.mirror/lawtext+gov/repo")
    ap.add_argument("--commit", default=COMMIT)
    ap.add_argument("--prior-only", action="store_true")
    a = ap.parse_args()
    if not a.prior_only:
        write(HISTORY, history_rows(a.git_dir, a.commit))
    with HISTORY.open(encoding="utf-8") as f:
        hist = list(csv.DictReader(f))
    rows = prior_rows(hist)
    write(PRIOR, rows)
    for r in rows:
        print(f"{r['parameter']:>13} {r['value']}")


if __name__ == "__main__":
    main()
