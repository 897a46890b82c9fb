"""Set up and run talentsim with nothing but Python 3.11 and pip.

    python3 tasks.py app    # set up, then start the Streamlit app on the shipped data
    python3 tasks.py test   # set up, then run the whole test suite
    python3 tasks.py wheel  # build the wheel, install it outside the checkout, run it there
    python3 tasks.py notebooks  # run every notebook, write HTML copies with static charts to build/notebooks/

Setup makes ``.venv`` beside this file and installs the project (editable, with the
``dev`` extra) into it; it is skipped when ``pyproject.toml`` has not changed since.
For the browser tests and CJK chart fonts it installs Debian's ``chromium`` and
``fonts-noto-cjk`` with apt-get when they are missing and we are root; otherwise those
tests skip and say why.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
STAMP = VENV / ".talentsim-installed"


def _run(cmd: list[str], **kw) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def setup() -> None:
    """Create the virtual environment and install the project into it when needed."""
    if not PY.exists():
        venv.create(VENV, with_pip=True)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == want:
        return
    _run([str(PY), "-m", "pip", "install", "-q", "--upgrade", "pip"])
    _run([str(PY), "-m", "pip", "install", "-q", "-e", f"{ROOT}[dev]"])
    STAMP.write_text(want)


def system_packages() -> None:
    """Install Debian's chromium and CJK fonts when missing (root + apt only)."""
    missing = []
    if not shutil.which("chromium"):
        missing.append("chromium")
    if not any(Path(p).exists() for p in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",)):
        missing.append("fonts-noto-cjk")
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"note: {', '.join(missing)} missing and not root with apt-get; "
              "browser/CJK tests will skip", flush=True)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        _run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
        _run(["apt-get", "install", "-y", "-q", *missing], env=env, stdout=subprocess.DEVNULL)
    except subprocess.CalledProcessError as exc:  # tests that need them skip with a reason
        print(f"note: apt-get failed ({exc}); browser/CJK tests will skip", flush=True)


def wheel_check() -> int:
    """Build the wheel, install it (engine only, no extras) into a fresh venv outside the
    checkout, and run the installed command there: proves the package ships its data."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="talentsim-wheel-") as tmp:
        out = Path(tmp) / "dist"
        _run([str(PY), "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)], stdout=subprocess.DEVNULL)
        wheel = next(out.glob("talentsim-*.whl"))
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        py = env_dir / "bin" / "python"
        _run([str(py), "-m", "pip", "install", "-q", str(wheel)])
        exe = str(env_dir / "bin" / "talentsim")
        for cmd in ([exe, "--version"], [exe, "data", "check"], [exe, "simulate", "plan", "--paths", "1000"]):
            _run(cmd, cwd=tmp)
    print("wheel check: OK", flush=True)
    return 0


def notebooks() -> int:
    """Execute each notebook (kernel started in notebooks/, as Jupyter does) and write an HTML
    copy with its outputs; charts are PNG (the notebooks enable Altair's vl-convert renderer),
    so the copies show them offline. The stored notebooks stay without outputs."""
    out = ROOT / "build" / "notebooks"
    out.mkdir(parents=True, exist_ok=True)
    status = 0
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cmd = [str(PY), "-m", "jupyter", "nbconvert", "--execute", "--to", "html", "--output-dir", str(out),
               "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=python3", str(nb)]
        print("+", " ".join(cmd), flush=True)
        status = max(status, subprocess.call(cmd, cwd=nb.parent))
    print(f"notebooks rendered to {out}", flush=True)
    return status


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"app", "test", "setup", "wheel", "notebooks"}:
        print(__doc__)
        return 2
    setup()
    if argv[0] == "setup":
        return 0
    if argv[0] == "wheel":
        return wheel_check()
    if argv[0] == "notebooks":
        return notebooks()
    if argv[0] == "app":
        cmd = [str(PY), "-m", "streamlit", "run", str(ROOT / "app.py"), *argv[1:]]
        return subprocess.call(cmd, cwd=ROOT)
    system_packages()
    return subprocess.call([str(PY), "-m", "pytest", *argv[1:]], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
