"""Problems found in a dataset, and the one exception that carries them all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence


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

    def __post_init__(self) -> None:
        # a message quotes the offending cell; a hostile cell must not make it huge
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", self.message[:MAX_MESSAGE] + "…")
        if len(self.file) > 300:
            object.__setattr__(self, "file", self.file[:300] + "…")

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class DataError(ValueError):
    """Raised when a dataset does not load.

    ``.problems`` lists the first ``MAX_PROBLEMS`` problems in file and line order and, if
    there were more, one last problem counting the rest; ``.total`` counts them all. A
    file with 20,000 bad rows gives a readable message, not a gigabyte one.
    """

    def __init__(self, problems: Iterable[Problem]):
        ordered = sorted(problems, key=lambda p: (p.message.startswith(_REST), p.file,
                                                  p.line if p.line is not None else -1, p.column or ""))
        self.total = sum(_count(p) for p in ordered)
        self.problems: list[Problem] = cap_problems(ordered)
        head = f"{self.total} data problem{'s' if self.total != 1 else ''}:"
        super().__init__("\n".join([head, *("  " + str(p) for p in self.problems)]))


MAX_PROBLEMS = 50     #: problems listed in one report; the rest are counted
MAX_MESSAGE = 500     #: characters of one problem's message
_REST = "... and "


def _count(p: Problem) -> int:
    """1, or the number of problems a "... and N more" line stands for."""
    if p.message.startswith(_REST):
        try:
            return int(p.message[len(_REST):].split(" ", 1)[0].replace(",", ""))
        except ValueError:
            return 1
    return 1


def cap_problems(problems: Sequence[Problem]) -> list[Problem]:
    """The first ``MAX_PROBLEMS`` problems and, if there are more, one line counting the rest."""
    rest = sum(_count(p) for p in problems[MAX_PROBLEMS:])
    if not rest:
        return list(problems)
    files = sorted({p.file for p in problems[MAX_PROBLEMS:]})
    return [*problems[:MAX_PROBLEMS],
            Problem(", ".join(files[:3]) + (" ..." if len(files) > 3 else ""), None, None,
                    f"{_REST}{rest:,} more problems (fix the ones above and check again)")]

