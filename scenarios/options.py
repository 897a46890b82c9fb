"""How a Monte Carlo run is made: path count, seed, antithetic pairing, chunk size and threads.

The five settings are the same for every estimator (``simulate``, ``compare``, ``solve``,
``tornado``, ``sobol``, ``discover``, ``prepare``, a sweep), so they are one record rather
than five parameters repeated in each signature. Only ``paths`` and ``seed`` change the
numbers together with the scenario; ``antithetic`` changes them too (mirrored pairs);
``chunk`` only bounds memory and ``threads`` only spreads the chunks over cores: neither
changes a number (``engine.iter_draws``).

Every entry point takes ``options: RunOptions | None`` and, as a short form for a notebook,
the same fields as keywords (``simulate(sc, paths=20_000)``): a keyword given overrides the
field of ``options`` (:func:`run_options`).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, fields, replace
from typing import Optional, TypedDict

from scenarios.engine import BLOCK, CHUNK
from scenarios.spec import Scenario, check_paths


@dataclass(frozen=True)
class RunOptions:
    """Settings of one Monte Carlo run; validated on construction.

    Attributes
    ----------
    paths : number of paths; None = the scenario's ``paths`` (an estimator that searches,
        such as ``tornado``, states its own default).
    seed : integer seed; None = the scenario's ``seed``. One seed gives the same numbers in
        the CLI, notebooks, the app and a sweep on any number of workers.
    antithetic : draw paths in mirrored pairs (variance reduction; ``engine.draw``).
    chunk : paths processed at once, a positive multiple of ``engine.BLOCK`` (memory only).
    threads : chunks processed at once, each in its own thread (numpy releases the GIL in
        its array loops); None = as many as the machine's cores, at most
        ``threads.MAX_THREADS``; 1 = in the calling thread (a Dask worker, a page session).
    """

    paths: Optional[int] = None
    seed: Optional[int] = None
    antithetic: bool = True
    chunk: int = CHUNK
    threads: Optional[int] = None

    def __post_init__(self) -> None:
        if self.paths is not None:
            object.__setattr__(self, "paths", check_paths(self.paths))
        if self.seed is not None:
            if isinstance(self.seed, bool) or not isinstance(self.seed, numbers.Integral):
                raise TypeError(f"seed must be an integer, got {self.seed!r}")
            object.__setattr__(self, "seed", int(self.seed))
        if isinstance(self.chunk, bool) or not isinstance(self.chunk, numbers.Integral) or self.chunk < BLOCK or self.chunk % BLOCK:
            raise ValueError(f"chunk must be a positive multiple of BLOCK = {BLOCK} paths, got {self.chunk!r}")
        if self.threads is not None and (isinstance(self.threads, bool) or not isinstance(self.threads, numbers.Integral)
                                         or self.threads < 1):
            raise ValueError(f"threads must be a positive integer or None, got {self.threads!r}")

    def n_paths(self, scenario: Scenario, default: Optional[int] = None) -> int:
        """Paths of the run: ``paths``, else ``default``, else the scenario's."""
        return check_paths(self.paths if self.paths is not None else default if default is not None
                           else scenario.paths)

    def seed_for(self, scenario: Scenario) -> int:
        """Seed of the run: ``seed``, else the scenario's."""
        return scenario.seed if self.seed is None else self.seed


class RunFields(TypedDict, total=False):
    """The fields of :class:`RunOptions` as keywords (the short form of ``options``)."""

    paths: Optional[int]
    seed: Optional[int]
    antithetic: bool
    chunk: int
    threads: Optional[int]


_FIELDS = frozenset(f.name for f in fields(RunOptions))


def run_options(options: Optional[RunOptions] = None, run: Optional[RunFields] = None) -> RunOptions:
    """``options`` (default ``RunOptions()``) with the keywords ``run`` put in; an unknown
    keyword is a TypeError naming the allowed ones."""
    if options is not None and not isinstance(options, RunOptions):
        raise TypeError(f"options must be a RunOptions, got {type(options).__name__}")
    base = options or RunOptions()
    if not run:
        return base
    unknown = sorted(set(run) - _FIELDS)
    if unknown:
        raise TypeError(f"unexpected keyword {', '.join(unknown)}; run settings are {', '.join(sorted(_FIELDS))}")
    return replace(base, **run)


__all__ = ["RunOptions", "RunFields", "run_options"]
