"""Fixtures for the dataset tests: the shipped data, a writable copy, and the seed documents."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from forecast.data import load_dataset

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
#: the seed documents sit in shared/seeds beside the repository (or beside its worktree folder)
SEEDS = next((p for p in (REPO.parent / "shared" / "seeds", REPO.parents[1] / "shared" / "seeds") if p.is_dir()),
             REPO.parent / "shared" / "seeds")


def squash(text: str) -> str:
    """Remove ALL whitespace (spaces, tabs, newlines, ideographic spaces)."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def shipped():
    """The shipped dataset, loaded and validated once."""
    return load_dataset(DATA)


@pytest.fixture(scope="session")
def seed_docs() -> dict[str, str]:
    """Seed documents by file name, whitespace removed; skip when the folder is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS} (the shared/seeds folder beside the repo)")
    return {p.name: squash(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data folder."""
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst, ignore=shutil.ignore_patterns("*.md"))
    return dst
