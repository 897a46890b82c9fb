"""Plan text in, indicator table out.

:func:`extract_text` reads a document's text (tables and sentences) into :class:`Candidate`
rows; :func:`extract_file` reads .txt/.md/.docx/.pdf first (``forecast.extract.read``);
``forecast.extract.mapping`` turns candidates into a region folder that ``talentsim data check``
validates.
"""

from __future__ import annotations

from forecast.extract.candidate import CANDIDATE_COLUMNS, Candidate
from forecast.extract.extract import ExtractResult, extract_file, extract_text

__all__ = ["Candidate", "CANDIDATE_COLUMNS", "ExtractResult", "extract_text", "extract_file"]
