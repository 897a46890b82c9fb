"""Scenario files: a scenario is data (YAML), validated on load.

The same file drives the CLI, the app and notebooks; the same seed gives the same
numbers everywhere. YAML is read through ``scenarios.safe_yaml`` only: python tags are
rejected, never executed; aliases, deep nesting and huge files are refused. Saving is
create-if-absent and cannot race: of several sessions saving under one new name, exactly
one succeeds and the others are told the name is taken.
"""

from __future__ import annotations

import errno
import numbers
import os
import tempfile
from pathlib import Path
from typing import Any, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator

from forecast.data.schema import HORIZON_MAX, HORIZON_MIN
from forecast.text import check_text, clip, invisible_chars, shorten
from scenarios import safe_yaml
from scenarios.errors import FieldProblem, NameTakenError, ScenarioError, scenario_error
from scenarios.levers import LEVERS

PRESET_DIR = Path(__file__).resolve().parent / "presets"
MAX_PATHS = 5_000_000          #: most Monte Carlo paths any command accepts
MIN_YEAR, MAX_YEAR = HORIZON_MIN, HORIZON_MAX  #: years a horizon may name
_MAX_NAME_BYTES = 250          #: file names are at most 255 bytes on common file systems
_MAX_ERRORS = 10               #: validation problems listed in one message


def check_paths(paths: int) -> int:
    """``paths`` as an int if 1 <= paths <= MAX_PATHS, else ScenarioError naming the limit."""
    if isinstance(paths, bool) or not isinstance(paths, numbers.Integral) or not 1 <= paths <= MAX_PATHS:
        raise scenario_error("paths_range", max=f"{MAX_PATHS:,}", got=shorten(paths, 30))
    return int(paths)


def file_name_problem(name: str) -> Optional[str]:
    """Why ``name`` cannot be a saved file's name (hidden, too long, unsafe), or None."""
    if name in ("", ".", "..") or name.startswith("."):
        return "must not start with '.' (such files are hidden)"
    if any(c in name for c in "/\\\0"):
        return "must not contain / or \\"
    if len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        return f"is too long for a file name (at most {_MAX_NAME_BYTES} bytes of UTF-8)"
    try:
        check_text(name, "name")
    except ValueError as exc:
        return str(exc).removeprefix("name ")
    hidden = invisible_chars(name)
    if hidden:
        return (f"contains invisible characters ({', '.join(hidden[:5])}): it would look like another name; "
                "remove them and type plain text")
    return None


def _lever_fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for lv in LEVERS.values():
        typ = int if lv.integer else float
        if lv.region_default:  # None = the region's own figure (scenarios.reach.lever_defaults)
            fields[lv.key] = (Optional[typ], Field(default=None, ge=lv.low, le=lv.high,
                                                   description=f"{lv.name_en} [{lv.unit}]; empty = the region's own"))
            continue
        fields[lv.key] = (typ, Field(default=lv.default, ge=lv.low, le=lv.high,
                                     description=f"{lv.name_en} [{lv.unit}]"))
    return fields


_STRICT = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

#: Lever values of a scenario; every field comes from ``LEVERS`` (units, ranges, defaults).
Levers = create_model("Levers", __config__=_STRICT, **_lever_fields())


class Override(BaseModel):
    """Per-indicator override of the baseline growth.

    ``growth_pct_per_year`` is the annual growth in % for stocks (log scale); for shares
    (logit scale) it is the yearly change of the log-odds x 100. ``growth_sd_pct`` is the
    uncertainty of that growth (same units); 0 fixes it.
    """

    model_config = _STRICT
    growth_pct_per_year: Optional[float] = Field(default=None, ge=-50, le=100)
    growth_sd_pct: Optional[float] = Field(default=None, ge=0, le=50)


class Scenario(BaseModel):
    """A named set of lever values for one region and horizon.

    Attributes
    ----------
    name, description : shown in the app and in exports (name is also the file/link id).
    name_zh, name_en, description_zh : the name and description in each language for display
        (optional; ``description`` is read as the English one).
    seed : the one seed every random draw derives from.
    region : region key in the dataset (e.g. ``tianhe``).
    horizon : last simulated year; None (the default) = the region's last target year in its data.
    paths : default Monte Carlo path count.
    data_dir : folder (or .xlsx) in the ``data/`` layout; None = shipped data.
    levers : lever and parameter values (see ``scenarios.levers.LEVERS``).
    overrides : indicator id -> growth override.
    budget : yearly talent budget {year: 亿元}: replaces the funding level in the years it names
        (a schedule, not only level + growth; ``scenarios.economics.spend_path``).
    sector_inflow : indicator id -> extra net inflow into that people stock (a sector), 万人 a
        year; it counts in the totals the sector belongs to (``data/relations.csv``).
    """

    model_config = _STRICT
    name: str = Field(min_length=1, max_length=80)
    description: str = Field(default="", max_length=4000)
    name_zh: str = Field(default="", max_length=80)
    name_en: str = Field(default="", max_length=80)
    description_zh: str = Field(default="", max_length=4000)
    seed: int = Field(default=20250101, ge=0, le=2**63 - 1)
    region: str = Field(default="tianhe", min_length=1, max_length=64)
    horizon: Optional[int] = Field(default=None, ge=MIN_YEAR, le=MAX_YEAR)
    paths: int = Field(default=20_000, ge=100, le=MAX_PATHS)
    data_dir: Optional[str] = Field(default=None, max_length=1000)
    levers: Levers = Field(default_factory=Levers)  # type: ignore[valid-type]
    overrides: dict[str, Override] = Field(default_factory=dict, max_length=500)
    budget: dict[int, float] = Field(default_factory=dict, max_length=MAX_YEAR - MIN_YEAR + 1)
    sector_inflow: dict[str, float] = Field(default_factory=dict, max_length=500)

    @field_validator("name")
    @classmethod
    def _name_is_safe(cls, v: str) -> str:
        # saved scenarios are files named after the scenario: the name must make one
        problem = file_name_problem(f"{v}.yaml") or ("must not start or end with spaces" if v.strip() != v else None)
        if problem:
            raise ValueError(f"name {problem}")
        return v

    @field_validator("description")
    @classmethod
    def _description_is_plain(cls, v: str) -> str:
        return check_text(v.replace("\r\n", "\n"), "description", multiline=True)

    @field_validator("region", "data_dir")
    @classmethod
    def _text_is_plain(cls, v: Optional[str], info) -> Optional[str]:  # noqa: ANN001
        return v if v is None else check_text(v, info.field_name)

    @field_validator("budget")
    @classmethod
    def _budget_in_range(cls, v: dict[int, float]) -> dict[int, float]:
        lv = LEVERS["funding_cny_100m_per_year"]
        for year, amount in v.items():
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError(f"budget year {year} is outside {MIN_YEAR}-{MAX_YEAR}")
            if not lv.low <= amount <= lv.high:
                raise ValueError(f"budget {year}: {amount:g} 亿元 is outside [{lv.low:g}, {lv.high:g}] {lv.unit}")
        return v

    @field_validator("sector_inflow")
    @classmethod
    def _sector_inflow_in_range(cls, v: dict[str, float]) -> dict[str, float]:
        lv = LEVERS["inflow_10k_per_year"]
        for key, rate in v.items():
            check_text(key, f"sector_inflow id {shorten(key, 40)}")
            if not lv.low <= rate <= lv.high:
                raise ValueError(f"sector_inflow {shorten(key, 40)}: {rate:g} is outside [{lv.low:g}, {lv.high:g}] {lv.unit}")
        return v

    @field_validator("overrides")
    @classmethod
    def _override_ids_are_plain(cls, v: dict[str, Any]) -> dict[str, Any]:
        for key in v:
            check_text(key, f"override id {shorten(key, 40)}")
        return v

    def with_levers(self, **changes: float) -> "Scenario":
        """A copy with some lever values changed (validated)."""
        data = self.levers.model_dump() | changes
        return self.model_copy(update={"levers": _validate_levers(data)})

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for YAML/JSON), without defaults that carry no information."""
        d = self.model_dump(mode="json")
        d["overrides"] = {k: {kk: vv for kk, vv in v.items() if vv is not None}
                          for k, v in d["overrides"].items()}
        if d["data_dir"] is None:
            del d["data_dir"]
        if d["horizon"] is None:   # the region's own target year
            del d["horizon"]
        for key in ("budget", "sector_inflow"):
            if not d[key]:
                del d[key]
        return d

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False)


def _validate_levers(data: dict[str, Any]):
    try:
        return Levers.model_validate(data)
    except ValidationError as exc:
        raise _invalid(exc, "levers", where="levers") from None


def _invalid(exc: ValidationError, source: str, where: str = "") -> ScenarioError:
    """One line (and one FieldProblem) per problem, at most ``_MAX_ERRORS``, values shortened."""
    lines, items = [], []
    errors = exc.errors()
    for err in errors[:_MAX_ERRORS]:
        loc = ".".join(clip(str(p), 60) for p in ((where,) if where else ()) + tuple(err["loc"]))
        msg, ctx = clip(err["msg"], 300), {k: f"{v:g}" if isinstance(v, float) else shorten(v, 60)
                                             for k, v in (err.get("ctx") or {}).items()}
        if err["type"] == "extra_forbidden":
            ctx = {"name": shorten(err["loc"][-1], 60), "allowed": ", ".join(
                sorted(LEVERS) if "levers" in loc else sorted(Scenario.model_fields))}
            msg = "unknown key {name}; allowed: {allowed}".format(**ctx)
        got = err.get("input")
        shown = "" if isinstance(got, dict) else shorten(got)
        items.append(FieldProblem(loc, err["type"], tuple(ctx.items()), shown, msg))
        lines.append(f"\n  {loc}: {msg}" + (f" (got {shown})" if shown else ""))
    if len(errors) > _MAX_ERRORS:
        lines.append(f"\n  ... and {len(errors) - _MAX_ERRORS} more problems")
    return scenario_error("invalid", items=tuple(items), extra="".join(lines), source=source,
                          more=max(0, len(errors) - _MAX_ERRORS))


def scenario_from_dict(data: object, *, source: str = "<scenario>") -> Scenario:
    """Validate plain data as a Scenario; errors name the source and the field."""
    if not isinstance(data, dict):
        raise scenario_error("not_mapping", source=source, type=type(data).__name__)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise _invalid(exc, source) from None
    except (ValueError, TypeError, RecursionError) as exc:  # e.g. an unhashable or odd key type
        raise scenario_error("invalid_detail", source=source, detail=clip(str(exc), 200)) from None


def parse_scenario(text: str | bytes, *, source: str = "<scenario>") -> Scenario:
    """Parse YAML text safely and validate it."""
    if len(text) > safe_yaml.MAX_BYTES:
        raise scenario_error("too_large", source=source, kb=safe_yaml.MAX_BYTES // 1024)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise scenario_error("not_utf8", source=source) from None
    if not text.strip():
        raise scenario_error("empty", source=source)
    try:
        data = safe_yaml.load(text)
    except safe_yaml.YAMLRefused as exc:
        if exc.code == "too_large":
            raise scenario_error("too_large", source=source, kb=safe_yaml.MAX_BYTES // 1024) from None
        where = f"line {exc.line}, column {exc.column}: " if exc.line else ""
        raise scenario_error(exc.code, source=source, where=where, line=exc.line, column=exc.column,
                             detail=exc.detail or str(exc), max=safe_yaml.MAX_DEPTH) from None
    return scenario_from_dict(data, source=source)


def load_scenario(path: str | os.PathLike[str], *, source: Optional[str] = None) -> Scenario:
    """Read and validate a scenario YAML file; messages name ``source`` (default: the path)."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            raw = fh.read(safe_yaml.MAX_BYTES + 1)
    except OSError as exc:
        raise scenario_error("cannot_read", source=source or str(p), detail=exc.strerror) from None
    return parse_scenario(raw, source=source or str(p))


def load_preset(name: str) -> Scenario:
    """One of the shipped presets (``baseline``, ``plan``, ``high-funding``, ...)."""
    path = PRESET_DIR / f"{name}.yaml"
    if not path.exists():
        raise scenario_error("unknown_preset", name=name, available=", ".join(preset_names()))
    return load_scenario(path)


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESET_DIR.glob("*.yaml"))


def save_scenario(scenario: Scenario, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write a scenario as YAML; create-if-absent unless ``overwrite``.

    The text goes to a temporary file first and is then hard-linked to its name: the
    link either creates the name with the complete text or fails because the name
    exists, so concurrent saves cannot both "succeed". A name holding the *same*
    scenario counts as saved; a different one raises ``NameTakenError``. Messages name
    the file, never the folder (the server's path is nobody's business).
    """
    p = Path(path)
    problem = file_name_problem(p.name)
    if problem:
        raise scenario_error("bad_file_name", name=shorten(p.name, 60), detail=problem)
    data = scenario.to_yaml().encode("utf-8")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".tmp-", suffix=".yaml")
    except OSError as exc:
        raise scenario_error("cannot_save", name=p.name, detail=exc.strerror) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, p)
            return p
        try:
            _link_or_create(tmp, p, data)
        except FileExistsError:
            if _holds(p, scenario):
                return p
            raise scenario_error("name_taken", cls=NameTakenError, name=p.name) from None
        return p
    except OSError as exc:
        raise scenario_error("cannot_save", name=p.name, detail=exc.strerror) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _link_or_create(tmp: str, p: Path, data: bytes) -> None:
    """Give ``tmp``'s content the name ``p`` only if ``p`` does not exist (atomically)."""
    try:
        os.link(tmp, p)
        return
    except FileExistsError:
        raise
    except OSError as exc:  # a file system without hard links: exclusive create instead
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _holds(p: Path, scenario: Scenario) -> bool:
    try:
        return load_scenario(p) == scenario
    except ScenarioError:
        return False


__all__ = ["Scenario", "Levers", "Override", "ScenarioError", "NameTakenError", "load_scenario", "parse_scenario",
           "scenario_from_dict", "load_preset", "preset_names", "save_scenario", "check_paths",
           "file_name_problem", "MAX_PATHS", "MIN_YEAR", "MAX_YEAR"]
