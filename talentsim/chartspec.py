"""Small records a chart is drawn with: what a fan chart marks, and a chart's size.

Kept apart from ``talentsim.charts`` so that callers (the app, the exports, notebooks) can
build them without the chart code, and so that ``fan_chart`` takes two records rather than
eight loose parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from forecast.targets import Target


@dataclass(frozen=True)
class FanMarks:
    """What a fan chart marks besides its bands: the ``target`` (a line with its label; the
    year of its end, default the last year drawn), the ``base_year`` (a rule) and, with a
    target and a ``base_value`` both, the plan's own path (a straight line between them)."""

    target: Optional[Target] = None
    base_year: Optional[int] = None
    base_value: Optional[float] = None


@dataclass(frozen=True)
class ChartLayout:
    """Size of a chart in pixels; ``configure=False`` leaves fonts and the like to the chart
    it is concatenated into (a configured chart cannot be)."""

    width: int = 560
    height: int = 320
    configure: bool = True


__all__ = ["FanMarks", "ChartLayout", "Target"]
