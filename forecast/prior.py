"""Student-t prior of annual growth, as the model families consume it.

:class:`PooledPrior` is the small value object the growth-model families
(:mod:`forecast.models`) take for 1-2 point histories: location, scale and degrees of
freedom of the annual drift on the working scale, plus the yearly shock sd to use when a
history cannot estimate one.  Where the numbers come from is
:mod:`forecast.typeprior` (each indicator type's empirical reference class;
``TypePrior.pooled()`` gives one of these); the earlier prior pooled from the five
documents' growth facts alone is gone — those facts are now ``people`` episodes of the
reference class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

#: Default year-to-year shock sd on the log scale when a history has < 3 points:
#: 2 % a year, roughly the residual scatter of a smooth provincial head-count series.
DEFAULT_SHOCK_SD_LOG = 0.02
#: Default shock sd on the logit scale (shares): 0.05, i.e. ~1 percentage point at a 30 % share.
DEFAULT_SHOCK_SD_LOGIT = 0.05
#: Pseudo-observations behind the shock-sd default when it is combined with residuals.
DEFAULT_SHOCK_DF = 2.0



@dataclass(frozen=True)
class PooledPrior:
    """Student-t prior for annual growth on a working scale.

    Parameters
    ----------
    loc, scale, df : location, scale and degrees of freedom of the annual drift
        (log-growth per year for stocks/rates, logit change per year for shares).
    shock_sd : year-to-year shock sd used when a history cannot estimate one.
    shock_df : pseudo-observations behind ``shock_sd`` when combined with residuals.
    window_years : span of the growth facts behind ``scale`` (their averaging window).
    kind : the indicator type the prior is for (people, share, rate, ...).
    table : the facts behind the numbers, with an ``included`` flag and ``reason``.
    note : one sentence on where the numbers came from.
    """

    loc: float
    scale: float
    df: float
    shock_sd: float = DEFAULT_SHOCK_SD_LOG
    shock_df: float = DEFAULT_SHOCK_DF
    window_years: float = 5.0
    kind: str = "people"
    table: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    note: str = ""

    def __post_init__(self) -> None:
        if not (np.isfinite(self.loc) and self.scale > 0 and self.df > 0 and self.shock_sd >= 0):
            raise ValueError(f"PooledPrior needs finite loc, scale > 0, df > 0; got "
                             f"loc={self.loc}, scale={self.scale}, df={self.df}")

    @property
    def dist(self):
        """The frozen ``scipy.stats.t`` predictive of the annual drift."""
        return stats.t(self.df, loc=self.loc, scale=self.scale)

    def interval(self, level: float) -> tuple[float, float]:
        """Central predictive interval of the annual drift at ``level`` (e.g. 0.8)."""
        lo, hi = self.dist.interval(level)
        return float(lo), float(hi)

    def sample(self, n: int, *, rng: np.random.Generator) -> np.ndarray:
        """Draws of the annual drift; shape ``(n,)``."""
        return self.loc + self.scale * rng.standard_t(self.df, size=n)

    def __str__(self) -> str:
        lo80, hi80 = self.interval(0.8)
        lo95, hi95 = self.interval(0.95)
        pct = lambda x: f"{100 * np.expm1(x):+.1f} %/yr" if self.kind != "share" else f"{x:+.3f} logit/yr"
        lines = [
            f"Pooled prior ({self.kind}): annual drift ~ {self.loc:.4f} + {self.scale:.4f} × t({self.df:g})",
            f"  centre {pct(self.loc)}; 80 % [{pct(lo80)}, {pct(hi80)}]; 95 % [{pct(lo95)}, {pct(hi95)}]",
            f"  year-to-year shock sd when history is short: {self.shock_sd:g}",
        ]
        if self.note:
            lines.append(f"  {self.note}")
        if self.table is not None and len(self.table):
            lines.append("  Facts:")
            for _, r in self.table.iterrows():
                flag = "used    " if r.get("included", True) else "EXCLUDED"
                g = r.get("annual_log_growth", np.nan)
                span = ""
                if pd.notna(r.get("from_year")) and pd.notna(r.get("to_year")):
                    span = f" {int(r['from_year'])}->{int(r['to_year'])}"
                lines.append(f"   {flag} {r['id']}{span}: {r['growth_pct']:+.1f} % "
                             f"-> {g:.4f}/yr" + (f"  [{r['reason']}]" if r.get("reason") else "")
                             + (f"  source: {r['source']}" if r.get("source") else ""))
        return "\n".join(lines)
