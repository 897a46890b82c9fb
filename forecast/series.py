"""Turn what a user passes as history into (years, values): one place that knows the accepted forms.

Accepted: a pandas Series indexed by integer years, by dates (``DatetimeIndex``: the year
of each date) or by annual periods (``PeriodIndex`` with an annual frequency); a one-column
DataFrame with such an index; or a ``(years, values)`` pair. Anything else is refused with a
message saying what was expected — never silently read (a DatetimeIndex cast to float is
nanoseconds since 1970, not years).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

_EXPECTED = ("expected a pandas Series (or one-column DataFrame) indexed by year — integers such as 2020, "
             "a DatetimeIndex, or an annual PeriodIndex — or a (years, values) pair")


def _years(index: pd.Index) -> np.ndarray:
    if isinstance(index, pd.DatetimeIndex):
        if index.hasnans:
            raise ValueError(f"history index has missing dates; {_EXPECTED}")
        years = index.year.to_numpy()
    elif isinstance(index, pd.PeriodIndex):
        if not index.freqstr.upper().startswith(("A", "Y")):
            raise ValueError(f"history index has periods of frequency {index.freqstr!r}, not years; "
                             "use annual periods (freq='Y') or one value per year")
        years = index.year.to_numpy()
    elif pd.api.types.is_integer_dtype(index.dtype):
        years = index.to_numpy()
    elif pd.api.types.is_float_dtype(index.dtype) and np.all(np.isfinite(index)) and np.all(np.mod(index, 1) == 0):
        years = index.to_numpy().astype(int)      # e.g. 2020.0 after a merge: whole years only
    else:
        raise TypeError(f"history index has dtype {index.dtype} ({index[:3].tolist()}...); {_EXPECTED}")
    if len(set(years.tolist())) != len(years):
        dup = sorted({int(y) for y in years if (years == y).sum() > 1})
        raise ValueError(f"history has more than one value for the years {dup}; keep one value per year")
    return years.astype(float)


def as_history(history: pd.Series | pd.DataFrame | tuple[ArrayLike, ArrayLike]) -> tuple[np.ndarray, np.ndarray]:
    """(years as float, values as float) from a Series, one-column DataFrame or (years, values) pair."""
    if isinstance(history, pd.DataFrame):
        if history.shape[1] != 1:
            raise TypeError(f"history is a DataFrame with {history.shape[1]} columns "
                            f"({', '.join(map(str, history.columns[:5]))}); pass one column, e.g. df['value']; "
                            f"{_EXPECTED}")
        history = history.iloc[:, 0]
    if isinstance(history, pd.Series):
        try:
            values = history.to_numpy(dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"history values have dtype {history.dtype}; expected numbers") from None
        return _years(history.index), values
    if isinstance(history, tuple) and len(history) == 2:
        return np.asarray(history[0], dtype=float), np.asarray(history[1], dtype=float)
    raise TypeError(f"history is a {type(history).__name__}; {_EXPECTED}")
