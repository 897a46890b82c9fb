"""Loading a whole dataset: a folder of CSVs or one workbook, typed, validated, cross-checked.

Every loader types the cells itself (so a bad cell is reported with its line and column,
never as a pandas traceback), validates each table with its pandera schema (all problems
collected), runs the rules of :mod:`forecast.data.rules`, and either returns complete
frames or raises one :class:`DataError` listing every problem.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import pandas as pd

from forecast.data.cells import type_table
from forecast.data.dataset import Dataset
from forecast.data.errors import DataError, Problem, problem
from forecast.data.reader import Raw, Source, as_bytes, csv_rows, decode, pick_sheet, sniff, xlsx_sheets
from forecast.data.rules import cross_checks, row_rules
from forecast.data.schema import TABLES, _Table, pandera_schema, schema_problems

def shipped_dir() -> Path:
    """The folder of the shipped CSVs: the package ``forecast.shipped``.

    In the repository that package *is* ``data/`` (``pyproject.toml`` maps it), so an
    editable install reads the files you edit; an installed wheel reads its own copy.
    """
    # joinpath on a real file gives a plain Path, for regular and namespace packages alike
    first = resources.files("forecast.shipped").joinpath(TABLES["indicators"].filename)
    return Path(str(first)).parent


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """Resolve the data folder: *path*, else ``$TALENTSIM_DATA``, else :func:`shipped_dir`."""
    if path is not None:
        return Path(path)
    env = os.environ.get("TALENTSIM_DATA")
    return Path(env) if env else shipped_dir()


#: The data folder at import time (``$TALENTSIM_DATA`` or the shipped data).
DATA_DIR: Path = data_dir()


def _empty(table: _Table) -> pd.DataFrame:
    dt = {"str": "str", "float": "float64", "year": "Int64", "bool": "bool"}
    return pd.DataFrame({c.name: pd.Series([], dtype=dt[c.type]) for c in table.columns})


def _finish(table: _Table, df: pd.DataFrame) -> pd.DataFrame:
    """Add absent optional columns, order columns, drop the line index."""
    for c in table.columns:
        if c.name not in df:
            dt = {"str": "str", "float": "float64", "year": "Int64", "bool": "bool"}[c.type]
            df[c.name] = pd.Series([None] * len(df) if c.type != "bool" else [True] * len(df),
                                   index=df.index, dtype=dt)
    order = table.names + [c for c in df.columns if c not in table.names]
    return df[order].reset_index(drop=True)


def _load_raw(table: _Table, raw: Raw, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    df, problems = type_table(table, raw, file)
    if df.empty and problems:
        return df, problems
    if df.empty:
        return _empty(table).set_index(pd.Index([], dtype="int64")), problems
    bad_cells = {(p.line, p.column) for p in problems}  # report each bad cell once
    import pandera.pandas as pa

    try:
        pandera_schema(table).validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        problems += [p for p in schema_problems(err, file) if (p.line, p.column) not in bad_cells]
    problems += [p for p in row_rules(table.name, df, file) if (p.line, p.column) not in bad_cells]
    return df, problems


def _table_from_source(table: _Table, src: Source, name: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    try:
        data, default_name = as_bytes(src)
    except OSError as exc:
        return pd.DataFrame(), [problem(str(name or src), None, None, "cannot_read", detail=str(exc.strerror or exc))]
    name = name or default_name
    try:
        kind = sniff(data, name)
        if kind == "xlsx":
            sheets = xlsx_sheets(data, name)
            sheet, raw = pick_sheet(sheets, table, name)
            return _load_raw(table, raw, f"{name}[{sheet}]")
        return _load_raw(table, csv_rows(decode(data, name), name), name)
    except DataError as err:
        return pd.DataFrame(), err.problems


def read_table(file_or_buffer: Source, table: str, *, name: str) -> pd.DataFrame:
    """Read and validate one uploaded table (CSV or XLSX; path, bytes or file object).

    Parameters
    ----------
    file_or_buffer : path, ``bytes``/``bytearray`` or a binary file object (e.g. ``BytesIO``).
    table : one of ``indicators``, ``observations``, ``programmes``, ``growth_facts``.
    name : file name used in problem messages (e.g. the uploaded file's name).

    Returns
    -------
    pandas.DataFrame
        The typed table (cross-table checks are not run; use :func:`load_dataset`).

    Raises
    ------
    DataError
        Listing every problem, with file, line and column.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    spec = TABLES[table]
    df, problems = _table_from_source(spec, file_or_buffer, name)
    if problems:
        raise DataError(problems)
    return _finish(spec, df)


def _load_all(path: str | os.PathLike | None) -> tuple[Dataset, list[Problem]]:
    """Load every table from a folder or workbook; return frames (possibly partial) and problems."""
    root = data_dir(path)
    frames: dict[str, pd.DataFrame] = {}
    files: dict[str, str] = {}
    if root.is_file():
        try:
            data = root.read_bytes()
            if sniff(data, root.name) != "xlsx":
                raise DataError([problem(root.name, None, None, "single_file_xlsx")])
            sheets = xlsx_sheets(data, root.name)
        except DataError as err:
            return _empty_dataset(str(root)), err.problems
        problems = _load_workbook(root.name, sheets, frames, files)
    elif root.is_dir():
        problems = _load_folder(root, frames, files)
    else:
        return _empty_dataset(str(root)), [problem(str(root), None, None, "no_such_path")]
    if not frames["indicators"].empty or not frames["observations"].empty:
        problems += cross_checks(frames, files)
    ds = Dataset(**{k: (_finish(TABLES[k], v) if not v.empty or len(v.columns) else _empty(TABLES[k]))
                    for k, v in frames.items()}, source=str(root))
    return ds, problems


def _load_workbook(name: str, sheets: dict, frames: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """Each table from the sheet of the workbook ``name`` whose header has its columns, into
    ``frames`` (``files``: where each came from)."""
    problems: list[Problem] = []
    matched = {t.name: [s for s, (h, _, _) in sheets.items() if set(t.required) <= set(h)]
               for t in TABLES.values()}
    claimed = {s for hits in matched.values() for s in hits}
    for t in TABLES.values():
        hits = matched[t.name]
        files[t.name] = name
        if not hits and t.optional_file:
            frames[t.name] = _empty(t).set_index(pd.Index([], dtype="int64"))
            continue
        # with no matching sheet, the closest unclaimed one is checked so its missing columns are named
        pool = {s: sheets[s] for s in (hits or [s for s in sheets if s not in claimed])}
        if not pool:
            problems.append(problem(name, None, None, "no_sheet_for", table=t.name, columns=", ".join(t.required)))
            frames[t.name] = pd.DataFrame()
            continue
        try:
            sheet, raw = pick_sheet(pool, t, name)
        except DataError as err:
            problems += err.problems
            frames[t.name] = pd.DataFrame()
            continue
        files[t.name] = f"{name}[{sheet}]"
        frames[t.name], p = _load_raw(t, raw, files[t.name])
        problems += p
    return problems


def _load_folder(root: Path, frames: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """Each table from its CSV in the folder ``root``, into ``frames`` (``files``: the file names)."""
    problems: list[Problem] = []
    for t in TABLES.values():
        f = root / t.filename
        files[t.name] = t.filename
        if not f.exists():
            if t.optional_file:
                frames[t.name] = _empty(t).set_index(pd.Index([], dtype="int64"))
            else:
                problems.append(problem(t.filename, None, None, "file_not_found", folder=str(root),
                                        indicators=TABLES["indicators"].filename,
                                        observations=TABLES["observations"].filename))
                frames[t.name] = pd.DataFrame()
            continue
        frames[t.name], p = _table_from_source(t, f, t.filename)
        problems += p
    return problems


def empty_table(table: str) -> pd.DataFrame:
    """A typed, empty frame of one table (``indicators``, ``observations``, ...)."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    return _empty(TABLES[table])


def dataset_from_tables(tables: dict[str, pd.DataFrame], *, files: dict[str, str] | None = None,
                        source: str = "<tables>") -> Dataset:
    """Assemble tables already read with :func:`read_table` (e.g. uploads) into a Dataset.

    Runs the cross-table checks (every observation id is an indicator) and fills absent
    optional tables with empty ones. ``files`` names each table's file for messages;
    line numbers assume ``read_table``'s frames (row i is file line i + 2).

    Raises
    ------
    DataError listing every problem; nothing is returned half-assembled.
    """
    missing = [k for k in ("indicators", "observations") if k not in tables]
    if missing:
        raise DataError([problem(source, None, None, "table_missing", table=k, columns=", ".join(TABLES[k].required))
                         for k in missing])
    names = {k: (files or {}).get(k, f"{k}.csv") for k in TABLES}
    frames = {k: tables.get(k, _empty(TABLES[k])) for k in TABLES}
    lined = {k: v.set_axis(pd.RangeIndex(2, len(v) + 2)) for k, v in frames.items()}
    problems = cross_checks(lined, names)
    if problems:
        raise DataError(problems)
    return Dataset(**{k: v.reset_index(drop=True) for k, v in frames.items()}, source=source)


def _empty_dataset(source: str) -> Dataset:
    return Dataset(*(_empty(t) for t in TABLES.values()), source=source)


def load_dataset(path: str | os.PathLike | None = None) -> Dataset:
    """Load and validate a whole dataset.

    Parameters
    ----------
    path : a folder in the ``data/`` layout (``indicators.csv``, ``observations.csv`` and
        optionally ``programmes.csv``, ``growth_facts.csv``), or an ``.xlsx`` workbook whose
        sheets hold the tables (found by their columns, whatever the sheet names or order).
        Default: :func:`data_dir`.

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        Listing every problem in every table; nothing is returned half-loaded.
    """
    ds, problems = _load_all(path)
    if problems:
        raise DataError(problems)
    return ds


def validate_dataset(path: str | os.PathLike | None = None) -> list[Problem]:
    """Return the list of problems of a dataset (empty when it is valid)."""
    return _load_all(path)[1]


def load_indicators(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Validated ``indicators`` table (the whole dataset is checked). See :func:`load_dataset`."""
    return load_dataset(data_dir).indicators


def load_observations(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Validated ``observations`` table (the whole dataset is checked). See :func:`load_dataset`."""
    return load_dataset(data_dir).observations


def load_programmes(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Validated ``programmes`` table (empty when the dataset has none). See :func:`load_dataset`."""
    return load_dataset(data_dir).programmes


def load_growth_facts(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Validated ``growth_facts`` table (empty when the dataset has none). See :func:`load_dataset`."""
    return load_dataset(data_dir).growth_facts


def load_relations(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Validated ``relations`` table (empty when the dataset has none). See :func:`load_dataset`."""
    return load_dataset(data_dir).relations

