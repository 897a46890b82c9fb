"""Render decks to PNG, slide by slide, to look at them (issue 20); a benchmark, not a test.

    python benchmarks/render_decks.py [--out /tmp/decks] [--paths 4000] [--only tianhe3]

Writes, per case and language, ``<case>_<lang>.pptx``, ``.html``, ``.xlsx`` and the slides as
``<case>_<lang>-NN.png`` (LibreOffice -> PDF -> pdftoppm), and prints the time of each export
and of each rendering. Cases: Tianhe with 3 and 5 presets, Guangdong and Chongqing (15th plan) with 3 presets.
Slides need ``soffice`` and ``pdftoppm`` (apt-get install -y libreoffice-impress poppler-utils); the
HTML report is screenshot with ``chromium`` (``<case>_<lang>_html.png``, 1,280 px wide).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CASES = {
    "tianhe3": ("tianhe", ["baseline", "plan", "high-funding"]),
    "tianhe5": ("tianhe", ["baseline", "plan", "high-funding", "low-inflow", "shock"]),
    "guangdong3": ("guangdong", ["baseline", "plan", "high-funding"]),
    # a 15th-plan region (2030 targets, no funding history: the funding levers do nothing there)
    "chongqing3": ("chongqing", ["baseline", "plan", "high-funding"]),
}


def render(pptx: Path, out: Path) -> list[Path]:
    """Slides of ``pptx`` as PNG files in ``out`` (via a PDF)."""
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(pptx)],
                   check=True, capture_output=True, timeout=300)
    pdf = out / (pptx.stem + ".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out / pptx.stem)], check=True, timeout=300)
    return sorted(out.glob(pptx.stem + "-*.png"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("/tmp/talentsim_decks"))
    ap.add_argument("--paths", type=int, default=4000)
    ap.add_argument("--only", choices=sorted(CASES), action="append")
    ap.add_argument("--lang", choices=["zh", "en"], action="append")
    ap.add_argument("--no-html", action="store_true", help="slides only: no screenshot of the HTML report")
    args = ap.parse_args()
    slides = bool(shutil.which("soffice") and shutil.which("pdftoppm"))
    browser = None if args.no_html else shutil.which("chromium") or shutil.which("chromium-browser")
    if not (slides or browser):
        sys.exit("needs soffice and pdftoppm (apt-get install -y libreoffice-impress poppler-utils) for the "
                 "slides, or chromium for the HTML report")
    if not slides:
        print("no soffice/pdftoppm: slides are not rendered, only the HTML report (chromium)")
    from scenarios import compare, load_preset
    from talentsim.export import ExportFiles, export_comparison

    args.out.mkdir(parents=True, exist_ok=True)
    for case in args.only or sorted(CASES):
        region, presets = CASES[case]
        cmp = compare([load_preset(p).model_copy(update={"region": region}) for p in presets], paths=args.paths)
        for lang in args.lang or ["zh", "en"]:
            stem = args.out / f"{case}_{lang}"
            t0 = time.perf_counter()
            export_comparison(cmp, ExportFiles(pptx=stem.with_suffix(".pptx"), html=stem.with_suffix(".html"),
                                               xlsx=stem.with_suffix(".xlsx")), lang=lang, overwrite=True)
            t1 = time.perf_counter()
            if browser:   # the whole page at 1,280 px, as a reader's browser shows it
                subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                f"--screenshot={stem}_html.png", "--window-size=1280,12000",
                                stem.with_suffix(".html").resolve().as_uri()], check=True, capture_output=True,
                               timeout=300)
                print(f"{case} {lang}: export {t1 - t0:.1f} s; HTML page -> {stem}_html.png")
            if not slides:
                continue
            for old in args.out.glob(f"{stem.name}-*.png"):
                old.unlink()
            pngs = render(stem.with_suffix(".pptx"), args.out)
            print(f"{case} {lang}: export {t1 - t0:.1f} s, {len(pngs)} slides rendered in "
                  f"{time.perf_counter() - t1:.1f} s -> {stem}-*.png")


if __name__ == "__main__":
    main()
