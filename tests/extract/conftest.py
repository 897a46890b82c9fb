"""Where the seed documents and the gov corpus are (skipped with a reason when absent)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LABELS = REPO / "benchmarks" / "extract_labels"
SEEDS = next((p for p in (REPO.parent / "shared" / "seeds", REPO.parents[1] / "shared" / "seeds") if p.is_dir()),
             REPO.parent / "shared" / "seeds")
CORPUS = os.environ.get("TALENTSIM_GOV_CORPUS", "/work/.mirror/lawtext+gov/repo")


def thresholds() -> dict[str, float]:
    """document -> the F1 below which the extractor has regressed."""
    with open(LABELS / "thresholds.csv", encoding="utf-8", newline="") as f:
        return {r["document"]: float(r["min_f1"]) for r in csv.DictReader(f)}


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS} (the shared/seeds folder beside the repo)")
    return SEEDS


@pytest.fixture(scope="session")
def corpus() -> str:
    if not Path(CORPUS).is_dir():
        pytest.skip(f"lawtext/gov corpus not found at {CORPUS} (set TALENTSIM_GOV_CORPUS to its bare git dir)")
    return CORPUS
