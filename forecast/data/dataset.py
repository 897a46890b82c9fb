"""The validated dataset: typed tables and where they came from."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True, eq=False)
class Dataset:
    """A validated dataset: the tables and where they came from."""

    indicators: pd.DataFrame
    observations: pd.DataFrame
    programmes: pd.DataFrame
    growth_facts: pd.DataFrame
    regions: pd.DataFrame = field(default_factory=pd.DataFrame)   # optional: region, names, level, plan
    relations: pd.DataFrame = field(default_factory=pd.DataFrame)   #: optional: relations between indicators
    source: str = field(default="")
