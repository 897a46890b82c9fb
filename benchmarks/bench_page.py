"""Page speed in a real browser: lever move -> new probability, and warm page load.

Starts ``streamlit run app.py`` on a free loopback port, opens the indicator view (high-level talent) in Debian's
Chromium (Playwright), presses ArrowRight on the funding slider N times (waiting for each
answer) and measures the time from the key press until its P(meet) on the page
changes; then reloads the page twice (warm: results cached) and times until the
probabilities are shown. Prints medians. Run: ``.venv/bin/python benchmarks/bench_page.py [N]``.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SLIDER = ".st-key-lever_funding_cny_100m_per_year input[type='range']"
METRIC = "[data-testid='stMetricValue']"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(n: int = 15) -> None:
    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = (f"http://127.0.0.1:{port}/?region=tianhe&preset=plan&lang=en&view=indicator"
           "&indicator=tianhe.high_level_talent")
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = b.new_page(viewport={"width": 1280, "height": 800})
            t0 = time.perf_counter()
            page.goto(url)
            page.locator(METRIC).nth(0).wait_for(timeout=180_000)
            cold = time.perf_counter() - t0
            page.wait_for_timeout(1500)
            moves = []
            for _ in range(n):
                before = page.locator(METRIC).nth(0).inner_text()
                page.locator(SLIDER).focus()
                t0 = time.perf_counter()
                page.locator(SLIDER).press("ArrowRight")
                page.wait_for_function(
                    "b => document.querySelectorAll(\"[data-testid='stMetricValue']\")[0].innerText !== b",
                    arg=before, timeout=30_000, polling=10)
                moves.append(time.perf_counter() - t0)
                page.wait_for_timeout(600)
            loads = []
            for _ in range(3):
                t0 = time.perf_counter()
                page.reload()
                page.locator(METRIC).nth(0).wait_for(timeout=60_000)
                loads.append(time.perf_counter() - t0)
            b.close()
        print(f"first (cold) load: {cold:.2f} s")
        print(f"lever move -> new P(meet) of high-level talent ({n} moves): median {statistics.median(moves):.3f} s, "
              f"min {min(moves):.3f} s, max {max(moves):.3f} s")
        print(f"warm reload -> probabilities (3): median {statistics.median(loads):.2f} s")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
