"""A small synthetic region for engine tests that must not depend on the shipped data."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecast.law import GrowthLaw
from scenarios.engine import Setup


def make_setup(*, loc: float = 0.06, scale: float = 0.03, df: float = np.inf, shock_sd: float = 0.02,
               horizon: int = 2025, historic_funding: float | None = 1.2) -> Setup:
    rows = [
        # id, unit, category, type, target, op, base, scale, channel
        ("syn.talent_total", "万人", "人才规模", "people", 105.0, ">=", 96.0, "log", "talent_total"),
        ("syn.high_level", "人", "人才规模", "people", 1500.0, ">=", 1024.0, "log", "selectees"),
        ("syn.industry", "万人", "重点产业人才", "people", 25.0, ">=", 19.79, "log", "people"),
        ("syn.share", "%", "人才结构", "share", 35.0, ">=", 33.6, "logit", "numerator"),
        ("syn.patents", "件", "人才载体与效能", "rate", 110.0, ">", 117.3, "log", "none"),
        ("syn.no_target", "家", "人才载体与效能", "organisations", np.nan, "", 12.0, "log", "none"),
    ]
    ind = pd.DataFrame({
        "id": [r[0] for r in rows], "region": "syn", "name_zh": [r[0] for r in rows],
        "name_en": [r[0] for r in rows], "unit": [r[1] for r in rows], "category": [r[2] for r in rows],
        "type": [r[3] for r in rows], "channel": [r[8] for r in rows], "measure": "level", "higher_is_better": True,
        "target_year": [2025.0 if np.isfinite(r[4]) else np.nan for r in rows],
        "target_value": [r[4] for r in rows], "target_op": [r[5] for r in rows],
    })
    laws = tuple(
        GrowthLaw(r[0], r[7], 2020, r[6], loc if r[7] == "log" else 0.02, scale, df, shock_sd, "synthetic")
        for r in rows
    )
    return Setup(ind, laws, np.arange(2020, horizon + 1), horizon, historic_funding, "synthetic")
