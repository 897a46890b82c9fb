"""Page speed in a real browser: lever move -> new probability, five quick presses, warm page load.

Starts ``streamlit run app.py`` on a free loopback port and opens the page in Debian's
Chromium (Playwright). Per view (indicator: high-level talent's P(meet), the first metric;
overview: P(all targets met), the second metric) it presses ArrowRight on the funding
slider N times, waiting for each answer, and times from the key press until that metric
on the page changes (a press whose answer happens to print the same text is skipped and
counted). Then five presses as fast as the keyboard sends them: the time until the
metric shows its final value (it is watched every 5 ms in the page), and whether the
slider ended five steps on. Then warm reloads (results cached) until the probabilities
are shown. Prints medians and the machine's load (the machine is shared: run it 2-3
times and quote every run).

The page simulates the next step of the lever just moved ahead (``talentsim.app.prefetch``), so
after the first press each single move here answers from the cache; ``--no-prefetch`` measures
every move cold (a drag, another lever).

Run: ``.venv/bin/python benchmarks/bench_page.py [--moves 15] [--views indicator overview] [--no-prefetch]``.
"""

from __future__ import annotations

import argparse
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
LEVER = "funding_cny_100m_per_year"
SLIDER = f".st-key-lever_{LEVER} input[type='range']"
METRIC = "[data-testid='stMetricValue']"
#: which metric shows the view's probability (index among the page's metrics)
WATCH = {"indicator": 0, "overview": 1}
CHANGED = "([i, b]) => (document.querySelectorAll(\"[data-testid='stMetricValue']\")[i] || {}).innerText !== b"
#: records every change of the watched metric's text with its time (performance.now())
RECORD = """i => { window.__seen = []; let last = null;
  window.__timer = setInterval(() => { const m = document.querySelectorAll("[data-testid='stMetricValue']")[i];
    const v = m ? m.innerText : null; if (v !== last) { window.__seen.push([performance.now(), v]); last = v; } }, 5); }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


#: the script is not running (Streamlit's run state on the app root: its 'running' widget shows only
#: after 500 ms of a run, so the widget alone is no sign that a run ended)
NOT_RUNNING = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
               " const s = app && app.getAttribute('data-test-script-state');"
               " return s && s !== 'running' && s !== 'rerunRequested'"
               " && !document.querySelector('[data-testid=\"stStatusWidget\"]'); }")


def idle(page, timeout: float = 60_000) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function(NOT_RUNNING, timeout=timeout)
    page.wait_for_timeout(300)


def single_moves(page, i: int, n: int) -> tuple[list[float], int]:
    moves, same = [], 0
    for _ in range(n):
        before = page.locator(METRIC).nth(i).inner_text()
        page.locator(SLIDER).focus()
        t0 = time.perf_counter()
        page.locator(SLIDER).press("ArrowRight")
        try:
            page.wait_for_function(CHANGED, arg=[i, before], timeout=4_000, polling=5)
            moves.append(time.perf_counter() - t0)
        except Exception:  # noqa: BLE001 - the new value printed the same text: no timing
            same += 1
        idle(page)
    return moves, same


def quick_presses(page, i: int, presses: int = 5) -> tuple[float, bool]:
    """Seconds from the first of ``presses`` quick presses until the metric shows its final
    text, and whether the slider ended ``presses`` steps on."""
    start = float(page.locator(SLIDER).get_attribute("value"))
    page.evaluate(RECORD, i)
    page.locator(SLIDER).focus()
    t0 = page.evaluate("() => performance.now()")
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(1500)
    idle(page)
    page.wait_for_timeout(1000)
    seen = page.evaluate("() => { clearInterval(window.__timer); return window.__seen; }")
    final = seen[-1][1]
    t_final = next(t for t, v in seen if v == final and all(v2 == final for t2, v2 in seen if t2 >= t))
    end = float(page.locator(SLIDER).get_attribute("value"))
    from scenarios import LEVERS

    kept = abs(end - start - presses * LEVERS[LEVER].step) < 1e-6
    return ((t_final - t0) / 1000 if t_final > t0 else float("nan")), kept   # nan: the text never changed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=15)
    ap.add_argument("--views", nargs="*", default=["indicator", "overview"])
    ap.add_argument("--quick", type=int, default=3, help="rounds of five quick presses per view")
    ap.add_argument("--reloads", type=int, default=3)
    ap.add_argument("--no-prefetch", action="store_true",
                    help="server without the next lever step simulated ahead (TALENTSIM_PREFETCH=0): cold moves")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, "TALENTSIM_PREFETCH": "0" if args.no_prefetch else "1"})
    print(f"start: {load()}; next lever step simulated ahead: {'no' if args.no_prefetch else 'yes'}")
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
            for view in args.views:
                i = WATCH[view]
                url = (f"http://127.0.0.1:{port}/?region=tianhe&preset=plan&lang=en&view={view}"
                       "&indicator=tianhe.high_level_talent")
                t0 = time.perf_counter()
                page.goto(url)
                page.locator(METRIC).nth(i).wait_for(timeout=180_000)
                first = time.perf_counter() - t0
                idle(page)
                moves, same = single_moves(page, i, args.moves)
                quick = [quick_presses(page, i) for _ in range(args.quick)]
                loads = []
                for _ in range(args.reloads):
                    t0 = time.perf_counter()
                    page.reload()
                    page.locator(METRIC).nth(i).wait_for(timeout=60_000)
                    loads.append(time.perf_counter() - t0)
                    idle(page)
                print(f"[{view}] first load {first:.2f} s; lever move -> new P ({len(moves)} timed, {same} same text): "
                      f"median {statistics.median(moves):.3f} s, min {min(moves):.3f}, max {max(moves):.3f}")
                print(f"[{view}] five quick presses -> final P: "
                      + ", ".join((f"{t:.2f} s" if t == t else "same text") + ("" if ok else " (LOST PRESS)")
                                  for t, ok in quick))
                print(f"[{view}] warm reload -> probabilities ({len(loads)}): median {statistics.median(loads):.2f} s "
                      f"({', '.join(f'{x:.2f}' for x in loads)})")
            b.close()
        print(f"end: {load()}")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)


if __name__ == "__main__":
    main()
