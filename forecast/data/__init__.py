"""Dataset layer: load, type and validate the plan tables in ``data/``.

Five tables, one CSV each (or one sheet each of an ``.xlsx`` workbook):

``indicators``    one row per indicator: unit, type, category, target and the quote it comes from.
``observations``  one row per (indicator, year) value: observed, derived or redacted.
``programmes``    funding programmes and per-person instruments (optional for users).
``growth_facts``  stated growth rates over a period, e.g. "+32% on 2015" (optional).
``relations``     relations between indicators: part of, sector of, numerator/denominator of (optional).

Modules: :mod:`~forecast.data.schema` (columns, closed lists, pandera schemas),
:mod:`~forecast.data.reader` (sniff, decode, pick sheets; uploads too),
:mod:`~forecast.data.cells` (typing cells), :mod:`~forecast.data.rules` (row and
cross-table rules), :mod:`~forecast.data.load` (datasets), :mod:`~forecast.data.check`
(the check report). The data dictionary is ``data/README.md``.
"""

from __future__ import annotations

from forecast.lazy import lazy_exports


#: public name -> module that defines it; imported on first use (PEP 562), so reading a
#: cached dataset or the closed lists does not import pandera.
_EXPORTS: dict[str, str] = {
    "check_report": "forecast.data.check",
    "DataError": "forecast.data.errors", "Problem": "forecast.data.errors",
    "Dataset": "forecast.data.dataset",
    **{n: "forecast.data.load" for n in ("DATA_DIR", "data_dir", "dataset_from_tables", "empty_table", "load_dataset",
                                         "load_growth_facts", "load_indicators", "load_observations",
                                         "load_programmes", "load_relations", "read_table", "shipped_dir", "validate_dataset")},
    **{n: "forecast.data.schema" for n in ("AMOUNT_BASES", "AMOUNT_UNITS", "CHANNELS", "COMPARATORS",
                                           "GROWTH_STATUSES", "MEASURES", "OBS_STATUSES", "PERSONS_BASES",
                                           "QUALIFIERS", "RATIO_TYPES", "RELATION_BASES", "RELATION_KINDS", "TABLES", "TARGET_STATUSES", "TYPES",
                                           "UNITS", "is_ratio")},
}

__all__ = [
    "DATA_DIR",
    "UNITS",
    "AMOUNT_UNITS",
    "COMPARATORS",
    "TYPES",
    "RATIO_TYPES",
    "CHANNELS",
    "RELATION_KINDS",
    "RELATION_BASES",
    "is_ratio",
    "MEASURES",
    "TARGET_STATUSES",
    "OBS_STATUSES",
    "QUALIFIERS",
    "AMOUNT_BASES",
    "PERSONS_BASES",
    "GROWTH_STATUSES",
    "TABLES",
    "Problem",
    "DataError",
    "Dataset",
    "data_dir",
    "load_indicators",
    "load_observations",
    "load_programmes",
    "load_growth_facts",
    "load_relations",
    "load_dataset", "dataset_from_tables", "empty_table",
    "read_table",
    "validate_dataset",
    "check_report",
    "shipped_dir",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
