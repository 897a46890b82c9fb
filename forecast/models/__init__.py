"""Growth-model families, one module each, listed in the explicit registry ``FAMILIES``.

Every family exposes ``fit(years, values, *, prior=None, **options) -> Fitted``; a
``Fitted`` can ``predict(years)`` and ``sample(years, n, rng=rng)`` (shape ``(n, len(years))``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from forecast.models import ets, exponential, gompertz, grey, linear, logistic
from forecast.models._base import Fitted


@dataclass(frozen=True)
class Family:
    """Registry entry: the family's ``fit`` and what a history needs for it."""

    name: str
    fit: Callable[..., Fitted]
    min_points: int
    positive: bool
    summary: str


FAMILIES: dict[str, Family] = {
    "exponential": Family("exponential", exponential.fit, exponential.MIN_POINTS, exponential.POSITIVE,
                          "constant CAGR; random walk with drift on ln y"),
    "linear": Family("linear", linear.fit, linear.MIN_POINTS, linear.POSITIVE,
                     "straight line in levels, iid noise"),
    "logistic": Family("logistic", logistic.fit, logistic.MIN_POINTS, logistic.POSITIVE,
                       "S-curve to a capacity (given: 3 points; fitted: 4)"),
    "gompertz": Family("gompertz", gompertz.fit, gompertz.MIN_POINTS, gompertz.POSITIVE,
                       "asymmetric S-curve to a capacity (given: 3 points; fitted: 4)"),
    "grey": Family("grey", grey.fit, grey.MIN_POINTS, grey.POSITIVE,
                   "GM(1,1) grey model, equally spaced years"),
    "ets": Family("ets", ets.fit, ets.MIN_POINTS, ets.POSITIVE,
                  "damped-trend exponential smoothing on ln y, long series only"),
}

__all__ = ["FAMILIES", "Family", "Fitted"]


def get(name: str) -> Family:
    """Registry lookup with a helpful error."""
    try:
        return FAMILIES[name]
    except KeyError:
        raise ValueError(f"unknown family {name!r}; known: {sorted(FAMILIES)}") from None


