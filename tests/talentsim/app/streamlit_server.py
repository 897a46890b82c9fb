"""One Streamlit server for the browser tests: ``streamlit run app.py`` on a free port, waited for
until it answers its health check, stopped (with its whole process group) afterwards.

The browser tests' ``server`` fixtures differ only in the environment they give the app (the
saved-scenario folder, the data folder, the year "now"): each calls :func:`serve` with it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[3]
#: how long the server may take to answer its health check
START_S = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(log) -> str:
    log.seek(0)
    return log.read()[-3000:]


@contextmanager
def serve(tmp_path_factory, **env: str) -> Iterator[str]:
    """The app served at the URL yielded, with ``env`` added to this process's environment.

    Fails the test (with the end of the server's log) when the server exits or does not answer
    within :data:`START_S` seconds."""
    pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")
    port = free_port()
    log = open(tmp_path_factory.mktemp("log") / "streamlit.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, **env, "PYTHONUNBUFFERED": "1"}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + START_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{_log_tail(log)}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline:
                pytest.fail(f"streamlit did not serve within {START_S} s:\n{_log_tail(log)}")
            time.sleep(0.3)
        yield url
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()
