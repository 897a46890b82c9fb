"""Why a scenario file or value is refused: one exception with a code, its fields and, for a
file that does not validate, one problem per field.

The English wording lives here (:data:`MESSAGES`, pydantic's own wording for a field), for
the command line; the product shell writes the same error in other languages from the codes
(talentsim's catalogue, section ``scenarioerrors``) without parsing English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldProblem:
    """One field of a scenario that does not validate.

    ``loc`` is the dotted field (``levers.funding_cny_100m_per_year``); ``kind`` pydantic's
    error type (``less_than_equal``, ``extra_forbidden``, ...); ``fields`` its context (limits,
    the allowed keys); ``got`` the value found, shortened ("" for a mapping); ``message`` the
    English wording."""

    loc: str
    kind: str
    fields: tuple[tuple[str, Any], ...]
    got: str
    message: str


class ScenarioError(ValueError):
    """A scenario file or value is not acceptable; the message names file and field.

    ``code`` is a key of :data:`MESSAGES` ("" for a message written directly), ``fields``
    the values its wording is filled with, ``items`` the fields that did not validate."""

    def __init__(self, message: str, *, code: str = "", fields: dict[str, Any] | None = None,
                 items: tuple[FieldProblem, ...] = ()) -> None:
        super().__init__(message)
        self.code, self.fields, self.items = code, dict(fields or {}), tuple(items)


class NameTakenError(ScenarioError):
    """Saving refused: a different scenario is already saved under this name."""


#: English wording of every error code; ``{fields}`` as passed to :func:`scenario_error`
MESSAGES: dict[str, str] = {
    "paths_range": "paths must be between 1 and {max}; got {got}",
    "too_large": "{source}: larger than {kb} KB; a scenario file is a few hundred bytes",
    "not_utf8": "{source}: not UTF-8 text; save the YAML file as UTF-8",
    "empty": "{source}: the file is empty; expected a YAML mapping with at least 'name'",
    "yaml": "{source}: not valid safe YAML: {where}{detail}",
    "yaml_aliases": "{source}: not valid safe YAML: {where}anchors and aliases (&name, *name) are not allowed in "
                    "scenario files; write each value out",
    "yaml_depth": "{source}: not valid safe YAML: {where}nested more than {max} levels deep",
    "not_mapping": "{source}: expected a mapping of scenario fields, got {type}",
    "invalid": "{source}: invalid scenario",
    "invalid_detail": "{source}: invalid scenario: {detail}",
    "cannot_read": "{source}: cannot read: {detail}",
    "unknown_preset": "unknown preset '{name}'; available: {available}",
    "unknown_override": "scenario '{name}': overrides name {unknown}, which region '{region}' does not have; its "
                        "indicators are: {available}",
    "bad_file_name": "file name {name} {detail}",
    "cannot_save": "{name}: cannot save: {detail}",
    "name_taken": "{name}: a different scenario is already saved under this name; choose another name or "
                  "overwrite explicitly",
}


def scenario_error(code: str, /, *, cls: type = ScenarioError, items: tuple[FieldProblem, ...] = (),
                   extra: str = "", **fields: object) -> ScenarioError:
    """A ScenarioError worded by :data:`MESSAGES` ``[code]`` (plus ``extra`` lines, in English)."""
    return cls(MESSAGES[code].format(**fields) + extra, code=code, fields=fields, items=items)


__all__ = ["ScenarioError", "NameTakenError", "FieldProblem", "MESSAGES", "scenario_error"]
