"""Run every notebook in ``notebooks/`` top to bottom with the venv's own kernel.

A plain ``pytest`` (``testpaths = ["tests"]``) runs them; no ``--nbmake`` flag needed.
The kernel is ipykernel's ``python3``; jupyter_client starts a kernelspec whose command is
``python`` with *this* interpreter (``sys.executable``), so the venv's packages are used
even when the venv is not activated. cwd is the repository root, and for 02 and 03
also notebooks/ (where Jupyter starts a kernel).
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


#: Notebooks that must also run with the kernel started in notebooks/ (Jupyter's default).
FROM_NOTEBOOKS_DIR = ("01_calibration", "02_scenarios", "03_your_region")
CASES = [(p, ROOT) for p in NOTEBOOKS] + [(p, ROOT / "notebooks") for p in NOTEBOOKS if p.stem in FROM_NOTEBOOKS_DIR]


@pytest.mark.parametrize("path,cwd", CASES, ids=lambda x: x.stem if x.suffix else x.name)
def test_notebook_runs(path, cwd, tmp_path, monkeypatch):
    nb = nbformat.read(path, as_version=4)
    monkeypatch.setenv("PYTHONWARNINGS", "default")  # the kernel's warnings are shown, not raised
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("TALENTSIM_NOTEBOOK_TMP", str(tmp_path))
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", km=_kernel_manager(),
                            resources={"metadata": {"path": str(cwd)}})
    client.execute(cwd=str(cwd))
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert not errors
    # charts are static images (PNG from vl-convert), never JavaScript that needs a CDN
    data = [o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not any("application/vnd.vegalite.v5+json" in d and "image/png" not in d for d in data)
    if path.stem == "02_scenarios":
        assert any("image/png" in d for d in data), "02 draws no static chart"
