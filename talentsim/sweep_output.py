"""A sweep's output file: what it already holds, who may write it, and writing it atomically.

Rows of this sweep's cells are reused, stale versions of them (an edited scenario or data)
recomputed, rows of other sweeps refused unless the user says keep or drop; a lock file keeps a
second sweep from writing the same file at once, and the folder is checked before any cell runs.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from talentsim.sweep_grid import Cell

#: key columns of every sweep table, besides one column per swept lever
KEY = ("region", "scenario", "seed", "paths", "horizon", "digest")
class SweepError(RuntimeError):
    """The sweep could not run (scheduler unreachable, worker died, output not ours)."""


@dataclass
class Existing:
    """What an output file already holds: rows of this sweep's cells (reused), stale versions of
    them (same place, other inputs: recomputed), and rows of other sweeps (another seed, paths or
    lever grid)."""

    found: dict[int, pd.DataFrame] = field(default_factory=dict)
    stale: int = 0
    other: pd.DataFrame = field(default_factory=pd.DataFrame)


def read_existing(out: Path, cells: list[Cell], levers: list[str]) -> Existing:
    """Sort the rows of the output file by what they are to this sweep (see :class:`Existing`)."""
    if not out.exists():
        return Existing()
    if not out.is_file():
        raise SweepError(f"{out}: exists but is not a regular file; choose another --out")
    try:
        old = pd.read_parquet(out)
    except Exception as exc:  # noqa: BLE001 - any unreadable file: say so, never overwrite it
        raise SweepError(f"{out}: exists but is not a readable Parquet file ({exc}); choose another --out") from None
    need = [*KEY, "indicator"]
    if any(c not in old.columns for c in need):
        raise SweepError(f"{out}: exists but is not a sweep table (no {', '.join(c for c in need if c not in old)} "
                         "column); choose another --out")
    if any(k not in old.columns for k in levers) or any(k not in levers for k in _lever_columns(old)):
        return Existing(other=old)
    where = {c.key: i for i, c in enumerate(cells)}
    places = {c.place for c in cells}
    cols = ["region", "scenario", *levers, "seed", "paths", "horizon", "digest"]
    found, stale, other = {}, 0, []
    for key, rows in old.groupby(cols, sort=False, dropna=False):
        i = where.get(tuple(key))
        if i is not None:
            found[i] = rows.reset_index(drop=True)
        elif tuple(key)[:-1] in places:
            stale += 1
        else:
            other.append(rows)
    return Existing(found, stale, pd.concat(other, ignore_index=True) if other else pd.DataFrame())


def _lever_columns(table: pd.DataFrame) -> list[str]:
    from scenarios.levers import LEVERS

    return [c for c in table.columns if c in LEVERS]


def other_rows_kept(existing: Existing, out: Path, policy: str) -> pd.DataFrame:
    """The other sweeps' rows to keep, by ``policy``: refuse (an error naming them), keep or drop."""
    other = existing.other
    if other.empty or policy == "drop":
        return pd.DataFrame()
    if policy == "keep":
        return other
    seeds = ", ".join(map(str, sorted(other["seed"].unique())[:5]))
    raise SweepError(f"{out}: holds {other.groupby(list(KEY)).ngroups:,} cells of another sweep (seed {seeds}, "
                     f"another grid, seed or path count); they would be lost. Choose another --out, or say what to do "
                     "with them: --other-rows keep (one table of both sweeps) or --other-rows drop")


class OutputClaim:
    """Hold an output file for one sweep: its folder is made (or the error says why it cannot be)
    and a lock file beside it keeps a second sweep from writing the same file at the same time;
    checked before any cell is computed."""

    def __init__(self, out: Path) -> None:
        self.out, self.lock = out, out.parent / f".{out.name}.lock"

    def __enter__(self) -> "OutputClaim":
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SweepError(f"{self.out}: cannot write here ({exc.strerror or exc}: a part of the path is a file "
                             "or not writable); choose another --out") from None
        try:
            fd = os.open(self.lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            pid = self._holder()
            if pid and _alive(pid):
                raise SweepError(f"{self.out}: another sweep (process {pid}) is writing this file; wait for it to "
                                 "finish or choose another --out") from None
            self.lock.unlink(missing_ok=True)           # left by a sweep that died: take it over
            return self.__enter__()
        except OSError as exc:
            raise SweepError(f"{self.out}: cannot write here ({exc.strerror or exc}); choose another --out") from None
        with os.fdopen(fd, "w") as fh:
            fh.write(str(os.getpid()))
        return self

    def _holder(self) -> int:
        try:
            return int(self.lock.read_text().strip() or 0)
        except (OSError, ValueError):
            return 0

    def __exit__(self, *exc: Any) -> None:
        if self._holder() == os.getpid():
            self.lock.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_table(table: pd.DataFrame, out: Path) -> None:
    """Write Parquet atomically: a temporary file in the same folder, then os.replace."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".tmp-", suffix=".parquet")
    os.close(fd)
    try:
        table.to_parquet(tmp, index=False)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def assemble(parts: dict[int, pd.DataFrame], other: pd.DataFrame | None = None) -> pd.DataFrame:
    """This sweep's cells in order, after any kept rows of other sweeps."""
    frames = ([other] if other is not None and not other.empty else []) + [parts[i] for i in sorted(parts)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


