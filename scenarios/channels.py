"""Which indicators each lever moves, and in what unit.

Levers change *people*: funded talents, net inflow, attrition, a one-off shock. They
therefore act only on stock indicators counted in people (人, 名, 万人) and measured as
levels; ratios, organisations, money and five-year totals follow their baseline.

- funding: the region's talent-scale stocks (category 人才规模, e.g. 各类人才资源总量 and
  高层次人才总量), since a funded talent is counted in both;
- inflow (万人 a year of talents in general): talent-scale stocks counted in 万人 only —
  an arriving talent is not by that a high-level talent;
- attrition and shock: every people stock of the region.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecast.data.schema import is_ratio

#: persons -> indicator unit
PERSON_UNITS: dict[str, float] = {"人": 1.0, "名": 1.0, "万人": 1e-4}
CHANNELS = ("funding", "inflow", "attrition", "shock")


def person_factor(indicators: pd.DataFrame) -> np.ndarray:
    """Factor converting a number of persons into each indicator's unit (NaN if not people)."""
    return np.array([PERSON_UNITS.get(u, np.nan) for u in indicators["unit"]], dtype=float)


def channel_masks(indicators: pd.DataFrame) -> dict[str, np.ndarray]:
    """Boolean mask per lever channel over the rows of ``indicators``."""
    people = (
        np.isfinite(person_factor(indicators))
        & ~np.array([is_ratio(t) for t in indicators["type"]], dtype=bool)
        & (indicators.get("measure", pd.Series("level", index=indicators.index)).astype(str).to_numpy() == "level")
    )
    scale = indicators["category"].astype(str).str.contains("人才规模").to_numpy()
    return {
        "funding": people & scale,
        "inflow": people & scale & (indicators["unit"].astype(str).to_numpy() == "万人"),
        "attrition": people,
        "shock": people,
    }
