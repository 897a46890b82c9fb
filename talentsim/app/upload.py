"""A user's own region: uploaded CSV or Excel files read, checked and calibrated.

Nothing here imports Streamlit; every problem comes back as a ``forecast.data.Problem``
(file, line, column, message; code and fields for other languages: :func:`problem_text`),
never as an exception.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Optional

import pandas as pd

from talentsim.messages import CATALOGUE, t

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset

#: Largest upload accepted (all files together), in bytes.
UPLOAD_LIMIT = 2 * 1024 * 1024


# --------------------------------------------------------------------------- uploads
@dataclass(frozen=True)
class UploadState:
    """A user's dataset that loaded, and the regions of it that can be simulated."""

    name: str                       # its region(s), the page's title for it (the files: dataset.source)
    token: str                      # content hash: cache key
    dataset: Dataset
    setups: dict = field(default_factory=dict)   # region -> scenarios.engine.Setup (None: scorecard only)

    @property
    def regions(self) -> list[str]:
        return list(self.setups)


def _problem(file: str, code: str, /, **fields: Any):
    """A problem of the upload as a whole, worded by the catalogue's ``dataerr:<code>`` (English
    in ``message``, like the data layer's; :func:`problem_text` gives it in the page's language)."""
    from forecast.data import Problem

    return Problem(file, None, None, t(f"dataerr:{code}", "en", **fields), code, tuple(fields.items()))


def load_upload(files: Iterable[tuple[str, bytes]], previous: Optional[UploadState] = None, *,
                horizon: Optional[int] = None, limit: int = UPLOAD_LIMIT
                ) -> tuple[Optional[UploadState], list]:
    """Read a user's region from uploaded files.

    Parameters
    ----------
    files : (file name, content) pairs: CSV files (UTF-8 or GBK) holding the
        ``indicators`` and ``observations`` tables (optionally ``programmes``,
        ``growth_facts``), or one ``.xlsx`` workbook with one sheet per table.
    previous : what was loaded before; returned unchanged when this upload fails.
    horizon : the target year the regions are set up for; None (default) = each region's last
        target year in the uploaded data (a 2027 or 2030 plan loads as such).
    limit : largest total size in bytes.
    Growth priors come from the shipped reference class (``forecast.typeprior``), so an
    upload needs no growth facts.

    Returns
    -------
    (state, problems)
        ``state`` is the new ``UploadState`` when there are no problems, else
        ``previous``; ``problems`` are ``forecast.data.Problem`` records (file, line,
        column, message), never exceptions.
    """
    from forecast.data import TABLES, DataError, dataset_from_tables, read_table
    from forecast.data.reader import headers, is_workbook, table_of

    files = [(str(n), bytes(b)) for n, b in files]
    if not files:
        return previous, [_problem("upload", "no_file")]
    total = sum(len(b) for _, b in files)
    if total > limit:
        return previous, [_problem(", ".join(n for n, _ in files), "too_big", mb=f"{total / 1024 / 1024:.1f}",
                                   limit=f"{limit / 1024 / 1024:.0f}")]
    problems: list = []
    sources: dict[str, tuple[str, bytes]] = {}           # table -> (file name, bytes)
    xlsx = [(n, b) for n, b in files if is_workbook(b)]
    if xlsx and len(files) > 1:
        return previous, [_problem(", ".join(n for n, _ in files), "mixed")]
    if xlsx:
        name, data = xlsx[0]
        sheets = headers(name, data)
        for key, tb in TABLES.items():
            present = any(set(tb.required) <= set(h) for h in sheets.values())
            if present or not tb.optional_file:
                sources[key] = (name, data)
    else:
        for name, data in files:
            key = table_of(name, data)
            if key is None:
                problems.append(_problem(name, "which_table"))
            elif key in sources:
                problems.append(_problem(name, "second_file", table=key, first=sources[key][0]))
            else:
                sources[key] = (name, data)
        if not problems:
            for key in ("indicators", "observations"):
                if key not in sources:
                    problems.append(_problem("upload", "upload_missing", table=key,
                                             columns=", ".join(TABLES[key].required)))
    frames: dict[str, pd.DataFrame] = {}
    for key, (name, data) in sources.items():
        try:
            frames[key] = read_table(data, key, name=name)
        except DataError as err:
            problems += err.problems
        except Exception as exc:  # noqa: BLE001 - a reader bug must still come back as a message
            problems.append(_problem(name, "read_failed", table=key, detail=f"{exc.__class__.__name__}: {exc}"))
    if problems:
        return previous, problems
    # no growth facts in the upload: forecast falls back to the shipped documents' prior
    label = ", ".join(n for n, _ in files)
    try:
        ds = dataset_from_tables(frames, files={k: n for k, (n, _) in sources.items()}, source=label)
    except DataError as err:
        return previous, err.problems[:50]
    setups, region_problems = region_setups(ds, horizon, label)
    if not setups:
        return previous, region_problems or [_problem(label, "no_region")]
    token = hashlib.sha256(b"".join(n.encode() + b"\0" + b for n, b in files)).hexdigest()[:16]
    return UploadState(", ".join(setups), token, ds, setups), []   # titled by its regions; files: ds.source


def region_setups(ds: Dataset, horizon: Optional[int], label: str) -> tuple[dict, list]:
    """Calibrate every region of a dataset; regions that cannot be projected become problems, except
    a region whose targets have all passed with nothing left to simulate (an uploaded 14th plan with its
    2025 outcomes): it loads with setup None, for its scorecard."""
    from scenarios.baseline import setup_from_dataset
    from scenarios.scorecard import passed_targets

    setups, problems = {}, []
    for region in sorted(ds.indicators["region"].unique()):
        try:
            setups[region] = setup_from_dataset(ds, region, horizon)
        except Exception as exc:  # noqa: BLE001 - calibration failures are shown, never raised
            if isinstance(exc, ValueError) and not passed_targets(ds, region).empty:
                setups[region] = None
                continue
            problems.append(_problem(label, "region_failed", region=region, detail=str(exc)))
    return setups, problems


def problem_text(p: Problem, lang: str) -> str:
    """What a problem says, in ``lang``: its code's wording in the catalogue, filled with its
    fields (the data layer's English message where a problem has no code)."""
    key = f"dataerr:{getattr(p, 'code', '')}"
    if key in CATALOGUE:
        try:
            return t(key, lang, **dict(p.fields))
        except (KeyError, IndexError, ValueError):   # fields that do not fit the wording: the English one
            pass
    return p.message


def problem_line(p: Problem, lang: str) -> str:
    """'indicators.csv 第 3 行，“target_value”列：…' — where the problem is, then what it says."""
    where = p.file if p.line is None else t("dataerr_where_line", lang, file=p.file, line=p.line)
    if p.column:
        where += ("，" if lang == "zh" else ", ") + t("dataerr_where_column", lang, column=p.column)
    return where + ("：" if lang == "zh" else ": ") + problem_text(p, lang)


def scenario_error_text(exc: Exception, lang: str) -> str:
    """Why a scenario file was refused, in ``lang``: the error's code worded by the catalogue
    (``scnerr:<code>``), then one line per field that did not validate; the English message for
    an error without a code."""
    code, fields = getattr(exc, "code", ""), dict(getattr(exc, "fields", {}))
    if f"scnerr:{code}" not in CATALOGUE:
        return str(exc)
    if fields.get("line"):
        fields["where"] = t("scnerr_where", lang, line=fields["line"], column=fields["column"])
    lines = [t(f"scnerr:{code}", lang, **fields)]
    for item in getattr(exc, "items", ()):
        key = f"scnerr_field:{item.kind}"
        try:
            text = t(key, lang, **dict(item.fields)) if key in CATALOGUE else None
        except (KeyError, IndexError, ValueError):   # context that does not fit the wording
            text = None
        text = text or t("scnerr_other", lang, message=item.message)
        got = t("scnerr_got", lang, got=item.got) if item.got and item.kind != "extra_forbidden" else ""
        lines.append("  " + t("scnerr_item", lang, loc=item.loc, text=text) + got)
    if fields.get("more"):
        lines.append("  " + t("scnerr_more", lang, n=fields["more"]))
    return "\n".join(lines)


def problems_frame(problems: Iterable, lang: str = "zh") -> pd.DataFrame:
    """Problems as a table (file, line, column, message) for display."""
    rows = [{t("col_file", lang): p.file, t("col_line", lang): "" if p.line is None else str(p.line),
             t("col_column", lang): p.column or "", t("col_message", lang): problem_text(p, lang)} for p in problems]
    return pd.DataFrame(rows, columns=[t(k, lang) for k in ("col_file", "col_line", "col_column", "col_message")])


__all__ = ["UPLOAD_LIMIT", "UploadState", "load_upload", "region_setups", "problem_text", "problem_line",
           "scenario_error_text", "problems_frame"]
