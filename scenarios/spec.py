"""Scenario files: a scenario is data (YAML), validated on load.

The same file drives the CLI, the app and notebooks; the same seed gives the same
numbers everywhere. YAML is read with ``yaml.safe_load`` only: python tags and other
object constructors are rejected, never executed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator

from scenarios.levers import LEVERS

PRESET_DIR = Path(__file__).resolve().parent / "presets"


class ScenarioError(ValueError):
    """A scenario file or value is not acceptable; the message names file and field."""


def _lever_fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for lv in LEVERS.values():
        typ = int if lv.integer else float
        if lv.region_default:  # None = the region's own figure (scenarios.channels.lever_defaults)
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
    name, description : shown in the app and in exports.
    seed : the one seed every random draw derives from.
    region : region key in the dataset (e.g. ``tianhe``).
    horizon : last simulated year.
    paths : default Monte Carlo path count.
    data_dir : folder (or .xlsx) in the ``data/`` layout; None = shipped data.
    levers : lever and parameter values (see ``scenarios.levers.LEVERS``).
    overrides : indicator id -> growth override.
    """

    model_config = _STRICT
    name: str = Field(min_length=1, max_length=80)
    description: str = ""
    seed: int = Field(default=20250101, ge=0, le=2**63 - 1)
    region: str = Field(default="tianhe", min_length=1)
    horizon: int = Field(default=2025, ge=2000, le=2060)
    paths: int = Field(default=20_000, ge=100, le=5_000_000)
    data_dir: Optional[str] = None
    levers: Levers = Field(default_factory=Levers)  # type: ignore[valid-type]
    overrides: dict[str, Override] = Field(default_factory=dict)

    @field_validator("name")
    @classmethod
    def _name_is_safe(cls, v: str) -> str:
        if v.strip() != v or any(c in v for c in "/\\\0"):
            raise ValueError("name must not start/end with spaces or contain / \\")
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
        return d

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False)


def _validate_levers(data: dict[str, Any]):
    try:
        return Levers.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_format(exc, "levers", where="levers")) from None


def _format(exc: ValidationError, source: str, where: str = "") -> str:
    lines = [f"{source}: invalid scenario"]
    for err in exc.errors():
        loc = ".".join(str(p) for p in ((where,) if where else ()) + tuple(err["loc"]))
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = f"unknown key {err['loc'][-1]!r}; allowed: " + ", ".join(
                sorted(LEVERS) if "levers" in loc else sorted(Scenario.model_fields))
        got = err.get("input")
        shown = "" if isinstance(got, dict) else f" (got {got!r})"
        lines.append(f"  {loc}: {msg}{shown}")
    return "\n".join(lines)


def scenario_from_dict(data: Any, *, source: str = "<scenario>") -> Scenario:
    """Validate plain data as a Scenario; errors name the source and the field."""
    if not isinstance(data, dict):
        raise ScenarioError(f"{source}: expected a mapping of scenario fields, got {type(data).__name__}")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_format(exc, source)) from None


def parse_scenario(text: str | bytes, *, source: str = "<scenario>") -> Scenario:
    """Parse YAML text safely and validate it."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScenarioError(f"{source}: not UTF-8 text; save the YAML file as UTF-8") from None
    if not text.strip():
        raise ScenarioError(f"{source}: the file is empty; expected a YAML mapping with at least 'name'")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ScenarioError(f"{source}:{where}: not valid safe YAML: {problem}") from None
    return scenario_from_dict(data, source=source)


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read and validate a scenario YAML file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ScenarioError(f"{p}: cannot read: {exc.strerror}") from None
    return parse_scenario(raw, source=str(p))


def load_preset(name: str) -> Scenario:
    """One of the shipped presets (``baseline``, ``plan``, ``high-funding``, ...)."""
    path = PRESET_DIR / f"{name}.yaml"
    if not path.exists():
        raise ScenarioError(f"unknown preset {name!r}; available: {', '.join(preset_names())}")
    return load_scenario(path)


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESET_DIR.glob("*.yaml"))


def save_scenario(scenario: Scenario, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write a scenario as YAML atomically.

    An existing file holding a *different* scenario is never replaced unless
    ``overwrite`` is true; an identical one is left as it is.
    """
    p = Path(path)
    text = scenario.to_yaml()
    if p.exists():
        try:
            same = load_scenario(p) == scenario
        except ScenarioError:
            same = False
        if same:
            return p
        if not overwrite:
            raise ScenarioError(f"{p}: a different scenario is saved under this name; "
                                "choose another name or overwrite explicitly")
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".tmp-", suffix=".yaml")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, p)
    return p


__all__ = ["Scenario", "Levers", "Override", "ScenarioError", "load_scenario", "parse_scenario",
           "scenario_from_dict", "load_preset", "preset_names", "save_scenario"]
