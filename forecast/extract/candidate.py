"""One candidate row: an indicator statement as the document prints it, before any mapping."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

COMPARATORS = (">=", "<=", "about", "=")
KINDS = ("target", "outcome", "base")


@dataclass
class Candidate:
    """A quantified statement: ``indicator_zh`` as written, ``value`` in the printed ``unit``.

    ``value_high`` is the upper end of a printed range (3-5名); ``strive`` marks 力争/争取;
    ``total`` marks a cumulative figure ([96.4], 累计, 五年); ``source`` is ``table`` or ``text``.
    """

    indicator_zh: str
    unit: str
    value: float
    comparator: str
    year: int | None
    kind: str
    per_year: bool
    quote: str
    line: int
    value_high: float | None = None
    strive: bool = False
    total: bool = False
    source: str = "text"

    def row(self) -> dict:
        """The row as written to ``--candidates`` CSV."""
        return asdict(self)


CANDIDATE_COLUMNS = [f.name for f in fields(Candidate)]

__all__ = ["Candidate", "CANDIDATE_COLUMNS", "COMPARATORS", "KINDS"]
