"""Run every notebook in ``notebooks/`` top to bottom with the venv's own kernel.

A plain ``pytest`` (``testpaths = ["tests"]``) runs them; no ``--nbmake`` flag needed.
The kernel is ipykernel's ``python3``; jupyter_client starts a kernelspec whose command is
``python`` with *this* interpreter (``sys.executable``), so the venv's packages are used
even when the venv is not activated. cwd is the repository root.
Notebooks are stored without outputs, which is checked too.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TIMEOUT = 180  # seconds per cell; each notebook is meant to finish well under a minute


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01_calibration.ipynb", "02_scenarios.ipynb", "03_your_region.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip outputs before committing"


def _kernel_manager() -> KernelManager:
    return KernelManager(kernel_name="python3")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path, tmp_path, monkeypatch):
    nb = nbformat.read(path, as_version=4)
    monkeypatch.setenv("PYTHONWARNINGS", "default")  # the kernel's warnings are shown, not raised
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("TALENTSIM_NOTEBOOK_TMP", str(tmp_path))
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", km=_kernel_manager(),
                            resources={"metadata": {"path": str(ROOT)}})
    client.execute(cwd=str(ROOT))
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert not errors
