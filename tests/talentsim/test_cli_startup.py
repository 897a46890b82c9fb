"""The command line starts fast: --help and --version load neither numpy/pandas nor the engine."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

import talentsim
from talentsim.cli import app

runner = CliRunner()


def test_version_comes_from_the_package():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.output.strip() == f"talentsim {talentsim.__version__}"


def test_fit_without_an_indicator_is_a_usage_error():
    res = runner.invoke(app, ["fit"])
    assert res.exit_code == 2 and "usage: talentsim fit INDICATOR_ID" in res.output


def test_help_imports_no_heavy_module():
    code = ("import sys; from talentsim.cli import app; from typer.testing import CliRunner; "
            "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('numpy', 'pandas', 'scipy', 'scenarios', 'streamlit') "
            "or (m.startswith('forecast') and m not in ('forecast', 'forecast.lazy'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
