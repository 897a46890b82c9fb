"""Where the fitted calibration lives (no model imports: the cache keys read its bytes)."""

from __future__ import annotations

from pathlib import Path

FILE = "calibration.json"
COMMAND = "python -m forecast.calibration.build"


def path(data_dir: Path | str | None = None) -> Path:
    """``calibration.json`` in ``data_dir`` if it is there, else the one in the data folder
    (``$TALENTSIM_DATA`` or the shipped data), else the shipped one."""
    from forecast.data.load import DATA_DIR, shipped_dir

    if data_dir is not None and (Path(data_dir) / FILE).exists():
        return Path(data_dir) / FILE
    return Path(DATA_DIR) / FILE if (Path(DATA_DIR) / FILE).exists() else shipped_dir() / FILE


def file_bytes(data_dir: Path | str | None = None) -> bytes:
    """The calibration file's bytes (cache keys include them); b"missing" when absent."""
    p = path(data_dir)
    return p.read_bytes() if p.exists() else b"missing"


__all__ = ["path", "file_bytes", "FILE", "COMMAND"]
