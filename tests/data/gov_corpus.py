"""Read files of the public corpus lawtext/gov at a commit, for tests that re-find quotes.

The corpus is a bare git mirror; its path comes from $TALENTSIM_GOV_CORPUS
(default /work/.mirror/lawtext+gov/repo).  Tests skip, saying so, when it is absent.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from pathlib import Path

DEFAULT_CORPUS = "/work/.mirror/lawtext+gov/repo"


def corpus_dir() -> Path:
    """The corpus git directory (may not exist)."""
    return Path(os.environ.get("TALENTSIM_GOV_CORPUS", DEFAULT_CORPUS))


def corpus_present() -> bool:
    """True when the corpus git directory exists."""
    return (corpus_dir() / "HEAD").is_file()


@functools.lru_cache(maxsize=512)
def read_corpus(commit: str, path: str) -> str | None:
    """The text of ``path`` at ``commit``, or None when the corpus, commit or file is absent."""
    if not corpus_present():
        return None
    proc = subprocess.run(["git", f"--git-dir={corpus_dir()}", "show", f"{commit}:{path}"],
                          capture_output=True, check=False)
    return proc.stdout.decode("utf-8", errors="replace") if proc.returncode == 0 else None


def collapse(text: str) -> str:
    """Remove all whitespace (spaces, newlines, ideographic spaces): quotes match across line breaks."""
    return re.sub(r"\s+", "", text)
