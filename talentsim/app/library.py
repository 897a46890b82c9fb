"""The scenario library's file operations on the saved-scenario folder (``state.saved_dir``):
rename, duplicate, delete. Nothing here imports Streamlit; messages say names, never the folder."""

from __future__ import annotations

from pathlib import Path

import scenarios
from scenarios import NameTakenError, ScenarioError, save_scenario


def _path(folder: Path, name: str) -> Path:
    return folder / f"{name}.yaml"


def _renamed(folder: Path, old: str, new: str):
    sc = scenarios.load_scenario(_path(folder, old), source=f"{old}.yaml")
    # the new name is the scenario's own: its old titles in either language would contradict it
    return scenarios.scenario_from_dict({**sc.to_dict(), "name": new, "name_zh": "", "name_en": ""}, source="name")


def duplicate(folder: Path, old: str, new: str) -> str:
    """Save a copy of ``old`` under ``new`` (refused when taken: ``NameTakenError``); the new name."""
    sc = _renamed(folder, old, new)
    if _path(folder, sc.name).exists():
        raise NameTakenError(sc.name)
    save_scenario(sc, _path(folder, sc.name))
    return sc.name


def rename(folder: Path, old: str, new: str) -> str:
    """Give ``old`` the name ``new`` (the file and the name inside it); the new name."""
    name = duplicate(folder, old, new)
    _path(folder, old).unlink(missing_ok=True)
    return name


def delete(folder: Path, name: str) -> None:
    """Remove a saved scenario (a name the folder lists, never a path)."""
    if name != Path(name).name or name.startswith("."):
        raise ScenarioError(f"not a saved scenario: {name!r}")
    _path(folder, name).unlink(missing_ok=True)


def copy_name(name: str, taken: list[str], suffix: str) -> str:
    """A free name for a copy of ``name``: 'plan copy', 'plan copy 2', ..."""
    from talentsim.app.display import unique_name

    return unique_name(f"{name}{suffix}".strip(), taken, "")


__all__ = ["duplicate", "rename", "delete", "copy_name"]
