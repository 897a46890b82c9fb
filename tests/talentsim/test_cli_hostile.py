"""Issue 15, the CLI: every crash of the issue is exit 2 naming the file or option; no file is
ever overwritten without --force, and never the command's own inputs."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from scenarios.programme555 import MAX_PATHS_555
from scenarios.spec import MAX_PATHS, MAX_YEAR, MIN_YEAR
from talentsim import cli
from talentsim.cli import app

runner = CliRunner()


def _fails(*args: str, needle: str) -> str:
    res = runner.invoke(app, list(args))
    assert res.exit_code == 2, (res.exit_code, res.output)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.output
    assert needle in res.output, res.output
    return res.output


def test_cli_bounds_equal_the_engines():
    assert (cli.MAX_PATHS, cli.MAX_PATHS_555, cli.MIN_YEAR, cli.MAX_YEAR) == (MAX_PATHS, MAX_PATHS_555,
                                                                            MIN_YEAR, MAX_YEAR)


@pytest.mark.parametrize("command", ["simulate", "compare", "solve", "export"])
def test_paths_1e12_is_refused_by_every_command(command, tmp_path):
    extra = {"compare": ["baseline"], "solve": ["--indicator", "tianhe.talent_total"],
             "export": ["--xlsx", str(tmp_path / "o.xlsx")]}.get(command, [])
    _fails(command, "plan", *extra, "--paths", "1000000000000", needle="--paths")


def test_programme555_paths_1e9_growth_and_cost_exit_2_naming_the_option():
    _fails("programme555", "--paths", "1000000000", needle="--paths")
    _fails("programme555", "--growth", "-150", needle="--growth")
    _fails("programme555", "--cost", "0", needle="--cost")


def test_fit_to_year_1e9_and_fit_without_argument_exit_2():
    _fails("fit", "tianhe.talent_total", "--to-year", "1000000000", needle="--to-year")
    _fails("fit", needle="usage")


@pytest.mark.parametrize("yaml_text, needle", [
    ("name: r\nregion: nowhere\n", "region 'nowhere' is not in the data"),
    ("name: h\nhorizon: 2000\n", "no numeric target by 2000"),
    ("name: d\ndata_dir: /nonexistent/dir\n", "/nonexistent/dir"),
])
def test_simulate_unknown_region_horizon_2000_and_missing_data_dir_exit_2(tmp_path, yaml_text, needle):
    path = tmp_path / "s.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    _fails("simulate", str(path), "--paths", "200", needle=needle)


def test_simulate_seed_minus_1_exits_2():
    _fails("simulate", "plan", "--paths", "200", "--seed", "-1", needle="--seed")


def test_export_never_overwrites_its_input_scenario(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("name: mine\n", encoding="utf-8")
    before = mine.read_bytes()
    for force in ([], ["--force"]):
        _fails("export", str(mine), "plan", "--xlsx", str(mine), "--paths", "200", *force,
               needle="one of the input scenarios")
    assert mine.read_bytes() == before


def test_export_xlsx_to_a_folder_or_png_dir_a_file_exit_2(tmp_path):
    _fails("export", "plan", "--xlsx", str(tmp_path), "--paths", "200", needle="is a folder")
    afile = tmp_path / "afile"
    afile.write_text("keep")
    _fails("export", "plan", "--png-dir", str(afile), "--paths", "200", needle="is a file")
    assert afile.read_text() == "keep"


def test_export_does_not_overwrite_an_existing_file_without_force(tmp_path):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"precious")
    _fails("export", "plan", "--xlsx", str(out), "--paths", "200", needle="--force")
    assert out.read_bytes() == b"precious"
    res = runner.invoke(app, ["export", "plan", "--xlsx", str(out), "--paths", "200", "--force"])
    assert res.exit_code == 0, res.output
    assert out.read_bytes()[:2] == b"PK"


def test_sensitivity_on_an_uploaded_indicator_growing_56_to_560_in_two_years_exits_0(tmp_path):
    """A fast-growing uploaded indicator made `talentsim sensitivity` fail with a raw pydantic error."""
    import shutil
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "notebooks" / "sample" / "example_region"
    data = tmp_path / "data"
    shutil.copytree(sample, data)
    obs = data / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    hl = next(i for i, ln in enumerate(lines) if ln.startswith("example.high_level_talent,2020,560"))
    lines[hl] = lines[hl].replace(",2020,560,", ",2022,560,").replace("2020年", "2022年")
    lines.insert(hl, lines[hl].replace(",2022,560,", ",2020,56,").replace("2022年高层次人才560人", "2020年高层次人才56人"))
    obs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sc = tmp_path / "fast.yaml"
    sc.write_text(f"name: fast\nregion: example\ndata_dir: {data}\n", encoding="utf-8")
    res = runner.invoke(app, ["sensitivity", str(sc), "--indicator", "example.high_level_talent",
                              "--paths", "2000", "--sobol-n", "0"])
    assert res.exit_code == 0, res.output
    assert "baseline_growth" in res.output


@pytest.mark.parametrize("option", ["--xlsx", "--pptx", "--html"])
def test_export_force_never_replaces_a_named_pipe(option, tmp_path):
    """--force replaces a regular file only: a pipe (or, as root, a device node) at the path is an
    error and stays what it was (issue 21)."""
    import os
    import stat

    fifo = tmp_path / "out.bin"
    os.mkfifo(fifo)
    _fails("export", "plan", option, str(fifo), "--paths", "200", "--force", needle="not a regular file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_failed_export_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from pathlib import Path

    from talentsim.export.images import atomic_write

    def full(self, data):                     # the disk fills up half way through the temp file
        with open(self, "wb") as fh:
            fh.write(data[:3])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(OSError, match="No space"):
        atomic_write(tmp_path / "a.xlsx", b"payload")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_sobol_samples_and_timeouts_are_bounded_with_clear_errors():
    """--sobol-n 2^26 once asked for 15 GiB; --timeout -1 said "could not convert '1-1.0'" (issue 21)."""
    _fails("sensitivity", "plan", "--indicator", "tianhe.high_level_talent", "--sobol-n", str(2 ** 26),
           needle="--sobol-n")
    _fails("sweep", "provinces", "--out", "x.parquet", "--timeout", "-1", needle="--timeout")


def test_sobol_n_must_be_a_power_of_two():
    from scenarios import Scenario
    from scenarios.sensitivity import sobol

    for n in (100, 0, 8192, True):
        with pytest.raises(ValueError, match="power of two"):
            sobol(Scenario(name="s"), "tianhe.high_level_talent", n=n)


def test_backtest_on_a_folder_without_an_outcome_base_is_a_clear_error(tmp_path):
    """The only command that printed a traceback (issue 21)."""
    (tmp_path / "indicators.csv").write_text("id\n", encoding="utf-8")
    _fails("backtest", "--outcomes", "--data-dir", str(tmp_path), needle="no outcomes.csv")
