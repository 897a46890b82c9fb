"""Test-wide settings: the disk cache of datasets and growth laws goes to a private folder."""

from __future__ import annotations

import os
import tempfile


def pytest_configure(config):
    # keep the user's ~/.cache/talentsim out of the tests (and the tests out of it)
    os.environ.setdefault("TALENTSIM_CACHE_DIR", tempfile.mkdtemp(prefix="talentsim-test-cache-"))
