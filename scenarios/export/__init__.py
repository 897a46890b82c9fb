"""Exports of a scenario comparison (filled below)."""
