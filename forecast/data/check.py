"""``talentsim data check``: validate a dataset and count what it holds, per region."""

from __future__ import annotations

import os

import pandas as pd

from forecast.data.errors import DataError
from forecast.data.load import Dataset, _load_all
from forecast.data.load import data_dir as resolve_dir
from forecast.data.reference import check_reference

def _counts(ds: Dataset) -> pd.DataFrame:
    ind, obs, prg, gf = ds.indicators, ds.observations, ds.programmes, ds.growth_facts
    obs = obs.assign(region=obs["id"].str.split(".").str[0])
    groups = obs.groupby(["id", "year"])["id"].transform("size")
    obs = obs.assign(_dup=groups > 1)
    regions = sorted(set(ind["region"].dropna()) | set(obs["region"].dropna()) | set(prg["region"].dropna())
                     | set(gf["region"].dropna()))
    rows = []
    for r in regions:
        i, o = ind[ind["region"] == r], obs[obs["region"] == r]
        rows.append({
            "region": r,
            "indicators": len(i),
            "observations": len(o),
            "targets": int((i["target_status"] == "stated").sum()),
            "redacted": int((o["status"] == "redacted").sum() + (i["target_status"] == "redacted").sum()),
            "derived": int((o["status"] == "derived").sum()),
            "disagreements": int(o.loc[o["_dup"], ["id", "year"]].drop_duplicates().shape[0]),
            "programmes": int((prg["region"] == r).sum()),
            "growth_facts": int((gf["region"] == r).sum()),
        })
    t = pd.DataFrame(rows, columns=["region", "indicators", "observations", "targets", "redacted", "derived",
                                    "disagreements", "programmes", "growth_facts"])
    if len(t):
        total = t.drop(columns="region").sum()
        t.loc[len(t)] = ["TOTAL", *total.tolist()]
    return t


def check_report(data_dir: str | os.PathLike | None = None) -> tuple[str, bool]:
    """Validate a dataset and build a printable report.

    Returns
    -------
    (text, ok)
        Per-region counts of indicators, observations, stated targets, redacted values
        (observations and targets), derived values, disagreements (an (id, year) with more
        than one flagged row), programmes and growth facts; on failure, every problem.
    """
    root = resolve_dir(data_dir)
    ds, problems = _load_all(root)
    ref_note = ""
    if root.is_dir() and (root / "reference_growth.csv").exists():   # the reference class
        ref, ref_problems = check_reference(root / "reference_growth.csv")
        problems = list(problems) + ref_problems
        ref_note = (f"reference_growth.csv: {len(ref)} rows, {ref['series_id'].nunique()} series, "
                    f"{ref['family'].nunique()} families")
    lines = [f"talentsim data check: {root}"]
    if problems:
        err = DataError(problems)
        lines.append(f"FAILED: {err.total} problem{'s' if err.total != 1 else ''}")
        lines += ["  " + str(p) for p in err.problems]
        return "\n".join(lines), False
    lines.append("OK: all tables valid")
    lines.append("")
    lines.append(_counts(ds).to_string(index=False))
    lines.append("")
    if ref_note:
        lines += [ref_note, ""]
    lines.append("targets = indicators with target_status 'stated'; redacted = observations + targets withheld "
                 "([略]); disagreements = (id, year) pairs kept twice with a note, one preferred.")
    return "\n".join(lines), True
