"""Problems found in a dataset, and the one exception that carries them all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Problem:
    """One validation problem.

    Attributes
    ----------
    file : name of the file (``book.xlsx[Sheet]`` for a workbook sheet).
    line : 1-based line in the CSV counting the header (data row *i* is line *i + 2*),
        or the sheet row number for ``.xlsx``; ``None`` when the problem is not about a row.
    column : column name, or ``None``.
    message : what was found and what was expected.
    """

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class DataError(ValueError):
    """Raised when a dataset does not load; ``.problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = sorted(
            problems, key=lambda p: (p.file, p.line if p.line is not None else -1, p.column or ""))
        n = len(self.problems)
        head = f"{n} data problem{'s' if n != 1 else ''}:"
        super().__init__("\n".join([head, *("  " + str(p) for p in self.problems)]))

