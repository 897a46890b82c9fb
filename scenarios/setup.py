"""What a simulation knows before any lever moves: the simulated indicators, their growth laws,
the years, the region's funding figure and relations, and their parameter vectors.

A :class:`Setup` is built once per (data, region, horizon) (``scenarios.baseline``) and is
immutable; the Monte Carlo (:mod:`scenarios.engine`) reads its per-indicator vectors, shape
``(k,)`` or ``(years, k)``, and never the pandas frames in the inner loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Optional

import numpy as np
import pandas as pd

from forecast.law import GrowthLaw
from scenarios.channels import channel_masks, person_factor
from scenarios.relations import Bound, propagation

DF_CAP = 1e6           #: Student-t df above this is treated as normal


@dataclass(frozen=True)
class Setup:
    """Everything about the simulated indicators that does not depend on lever values."""

    indicators: pd.DataFrame          # one row per simulated indicator (targets, units, names)
    laws: tuple[GrowthLaw, ...]
    years: np.ndarray                 # (years,)
    horizon: int
    historic_funding: Optional[float]  # 亿元/年 the baseline already reflects; None = no figure
    funding_source: str = ""
    skipped: dict[str, str] = field(default_factory=dict)  # indicator id -> why not simulated
    #: bootstrap draws of the regional correlation and its point estimate (model range);
    #: path i's correlation is the lever value moved by (draw - estimate) of its draw.
    rho_draws: tuple[float, ...] = ()
    rho_estimate: float = float("nan")
    #: the region's relations between indicators (data/relations.csv; ``scenarios.relations``)
    relations: Optional[pd.DataFrame] = None

    @property
    def n_draws(self) -> int:
        """Hyperparameter draws K the paths cycle through (1 when the laws carry none)."""
        return max([len(l.draws) for l in self.laws] + [len(self.rho_draws), 1])

    @cached_property
    def indicator_rows(self) -> tuple[dict, ...]:
        """The indicators' rows as plain dicts (read only): what each summary reads, converted
        once per setup instead of once per lever move (``to_dict`` costs ~5 ms a call)."""
        return tuple(self.indicators.to_dict("records"))

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.indicators["id"])

    @property
    def target_years(self) -> list[int]:
        """The simulated indicators' target years, ascending (the horizon when none has one)."""
        ty = pd.to_numeric(self.indicators["target_year"], errors="coerce").dropna()
        return sorted({int(y) for y in ty}) or [int(self.horizon)]

    @property
    def data_year(self) -> int:
        """The latest base year of the simulated indicators: the results are "as of" this data year."""
        return max(int(law.base_year) for law in self.laws)

    @property
    def default_shock_year(self) -> int:
        """The shock year a scenario leaves to the region: the second year after the latest
        base year (2022 for a 2020 base, 2027 for 2025), at most the horizon."""
        return int(min(max(l.base_year for l in self.laws) + 2, self.horizon))

    def subset(self, ids: list[str]) -> "Setup":
        """The same setup restricted to some indicators (for fast one-indicator searches)."""
        pos = [self.ids.index(i) for i in ids]
        return Setup(self.indicators.iloc[pos].reset_index(drop=True), tuple(self.laws[i] for i in pos),
                     self.years, self.horizon, self.historic_funding, self.funding_source, self.skipped,
                     self.rho_draws, self.rho_estimate, self.relations)

    def arrays(self, bound: Bound = "coef") -> dict[str, Any]:
        """Per-indicator parameter vectors, shape (k,), and the relations' ``propagation``
        (coefficients at ``bound``: central, or the low / high end of their ranges).

        Built once per setup and bound (a setup is immutable; the vectors are read-only):
        a lever move re-runs only the lever arithmetic, not this pandas work."""
        memo = self.__dict__.setdefault("_arrays_memo", {})
        if bound not in memo:
            memo[bound] = self._arrays(bound)
        return memo[bound]

    def _arrays(self, bound: Bound) -> dict[str, Any]:
        laws = self.laws
        base_year = np.array([l.base_year for l in laws])
        K = self.n_draws
        dl = np.array([[l.draws[j % len(l.draws)][0] if l.draws else l.drift_loc for l in laws] for j in range(K)])
        ds = np.array([[l.draws[j % len(l.draws)][1] if l.draws else l.drift_scale for l in laws] for j in range(K)])
        out = {
            "draw_loc": dl.reshape(K, len(laws)), "draw_scale": ds.reshape(K, len(laws)),    # (K, k)
            "base_year": base_year,
            "z0": np.array([float(l.to_working(l.base_value)) for l in laws]),
            "base": np.array([l.base_value for l in laws], dtype=float),
            "loc": np.array([l.drift_loc for l in laws]),
            "scale": np.array([l.drift_scale for l in laws]),
            "df": np.minimum(np.array([l.drift_df for l in laws], dtype=float), DF_CAP),
            "shock_sd": np.array([l.shock_sd for l in laws]),
            "logit": np.array([l.scale == "logit" for l in laws]),
            "identity": np.array([l.scale == "identity" for l in laws]),   # growth rates: transient shocks
            "t_since": self.years[:, None] - base_year[None, :],          # (years, k)
            "person": person_factor(self.indicators),
            **{f"ch_{c}": m for c, m in channel_masks(self.indicators).items()},
            "propagation": propagation(self.ids, self.relations, bound),
        }
        for v in out.values():
            if isinstance(v, np.ndarray):
                v.flags.writeable = False
        return out


__all__ = ["Setup", "DF_CAP"]
