"""Installed as the package ``forecast.shipped`` (see pyproject.toml) so the CSVs here ship in the
wheel; read them with ``forecast.data.shipped_dir()``. No code lives here."""
