"""The growth law: the hand-off from a fitted baseline to the scenario engine.

A fitted model of one indicator is summarised as a random walk with drift on a
*working scale* (log for stocks and rates per 10k, logit for shares in %, identity for a
value that is itself a growth rate in %, measure ``growth_rate``):

    z_t = z_base + sum_{s=1..t} (g + e_s),   g ~ loc + scale * T(df)  (once per path),
                                              e_s ~ N(0, shock_sd^2)   (every year).

``g`` carries the uncertainty of the growth rate itself (parameter uncertainty,
Student-t because it is estimated from few numbers), ``e_s`` the year-to-year noise.
The engine draws these for all indicators at once, so it never loops over indicators.

On the ``identity`` scale (a growth rate) the yearly shocks are transient, not summed:
``z_t = z_base + g t + e_t``. A year's growth deviation does not carry into the next
year's rate (China's GDP growth 6.1 → 2.3 → 8.1 → 3.0 % in 2019-22 bounced back);
the drift ``g`` moves the level of growth (:mod:`forecast.growth_rate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

Scale = Literal["log", "logit", "identity"]


@dataclass(frozen=True)
class GrowthLaw:
    """Predictive law of annual growth of one indicator on its working scale.

    Attributes
    ----------
    indicator_id : str
    scale : "log" (stocks, per-10k rates), "logit" (shares in %, kept inside 0-100) or
        "identity" (a growth rate in %; shocks transient, see the module docstring).
    base_year, base_value : the last observed year and value, in the document's unit.
    drift_loc, drift_scale, drift_df : location, scale and degrees of freedom of the
        annual drift ``g`` on the working scale (``drift_df = inf`` means normal).
    shock_sd : standard deviation of the yearly shock on the working scale.
    model : family that produced the law (e.g. "exponential", "type-prior update").
    note : one sentence saying where the numbers came from.
    kind : the indicator's type (people, share, rate, ...); '' when unknown.
    basis : what the drift rests on: "own history (n points)", "type prior only" or
        "borrowed prior" (a type without its own reference class).
    draws : (loc, scale) of the drift per hyperparameter draw of the prior.  The engine
        gives path i the draw (i // 2) mod K (antithetic pairs share one), so the reported
        probability is the mixture over draws and the per-draw probabilities give the
        model range; ``drift_loc``/``drift_scale`` are the mixture's moment-matched summary.
    """

    indicator_id: str
    scale: Scale
    base_year: int
    base_value: float
    drift_loc: float
    drift_scale: float
    drift_df: float
    shock_sd: float
    model: str
    note: str = ""
    kind: str = ""
    basis: str = ""
    draws: tuple[tuple[float, float], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "draws", tuple((float(a), float(b)) for a, b in self.draws))
        if self.scale not in ("log", "logit", "identity"):
            raise ValueError(f"{self.indicator_id}: scale must be 'log', 'logit' or 'identity', got {self.scale!r}")
        if not np.isfinite(self.base_value):
            raise ValueError(f"{self.indicator_id}: base value must be finite")
        if self.scale == "log" and self.base_value <= 0:
            raise ValueError(f"{self.indicator_id}: a log-scale law needs a positive base value")
        if self.scale == "logit" and not 0 < self.base_value < 100:
            raise ValueError(f"{self.indicator_id}: a share must lie strictly inside 0-100 %")
        if self.drift_scale < 0 or self.shock_sd < 0 or self.drift_df <= 0:
            raise ValueError(f"{self.indicator_id}: scales must be >= 0 and df > 0")

    def summary(self) -> Any:
        """statsmodels-style summary of the law's facts (``forecast.summary.law_summary``); the
        fit report of its indicator with them: ``forecast.report.law_report(law)``."""
        from forecast.summary import law_summary

        return law_summary(self)

    def _repr_html_(self) -> str:
        return self.summary().as_html()

    def to_working(self, value: np.ndarray | float) -> np.ndarray:
        """Document unit -> working scale."""
        v = np.asarray(value, dtype=float)
        if self.scale == "identity":
            return v
        if self.scale == "log":
            return np.log(v)
        p = v / 100.0
        return np.log(p / (1.0 - p))

    def from_working(self, z: np.ndarray) -> np.ndarray:
        """Working scale -> document unit."""
        if self.scale == "identity":
            return np.asarray(z, dtype=float)
        if self.scale == "log":
            return np.exp(z)
        return 100.0 / (1.0 + np.exp(-z))


#: The engine's random-stream block (paths): draw assignment restarts every block, so it
#: never depends on how paths are grouped into chunks (chunks are whole blocks).
DRAW_BLOCK = 4096


def draw_index(n: int, k: int, paired: bool = True) -> np.ndarray:
    """Hyperparameter draw used by each of ``n`` paths: with i the path's position within its
    block of ``DRAW_BLOCK`` paths, (i // 2) mod k with antithetic pairs (both paths of a pair
    share one draw), i mod k otherwise; zeros when k <= 1."""
    i = np.arange(n) % DRAW_BLOCK
    if k <= 1:
        return np.zeros(n, dtype=int)
    return (i // 2 if paired else i) % k


def path_drift(law: GrowthLaw, n: int, paired: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Per-path drift location and scale, shape ``(n,)``: the law's draws assigned by
    :func:`draw_index`, or its single (drift_loc, drift_scale) when it has none."""
    if not law.draws:
        return np.full(n, law.drift_loc), np.full(n, law.drift_scale)
    d = np.asarray(law.draws, dtype=float)
    j = draw_index(n, len(d), paired)
    return d[j, 0], d[j, 1]
