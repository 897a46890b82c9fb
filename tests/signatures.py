"""Measure the public signatures of ``forecast``, ``scenarios`` and ``talentsim`` (issue 23).

Public means: a module whose dotted path has no part starting with ``_``; in it, a function
or class defined there whose name has no leading ``_``; of a class, its public methods plus
``__init__``/``__call__`` (``self``/``cls`` are not parameters). A parameter is *typed Any*
when it has no annotation or its annotation is ``Any`` (alone or or-ed with ``None``).

Run ``python -m tests.signatures`` from the repository root for the figures (the count of
parameters typed Any, and the longest signatures); ``tests/test_signatures.py`` holds the
limits.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from typing import Callable, Iterator

PACKAGES = ("forecast", "scenarios", "talentsim")
#: annotations that say nothing about the value
_ANY = re.compile(r"^(Any|Optional\[Any\]|Any \| None|None \| Any)$")


def _modules() -> Iterator[object]:
    for name in PACKAGES:
        pkg = importlib.import_module(name)
        yield pkg
        for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{name}."):
            if any(part.startswith("_") for part in info.name.split(".")) or ".shipped" in info.name:
                continue
            yield importlib.import_module(info.name)


def public_callables() -> Iterator[tuple[str, Callable]]:
    """(qualified name, function) of every public function and method, each once."""
    seen: set[int] = set()
    for mod in _modules():
        for name, obj in vars(mod).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != mod.__name__:
                continue
            if inspect.isfunction(obj):
                members = [(f"{mod.__name__}.{name}", obj)]
            elif inspect.isclass(obj):
                members = [(f"{mod.__name__}.{name}.{m}", f) for m, f in vars(obj).items()
                           if (not m.startswith("_") or m in ("__init__", "__call__"))
                           and inspect.isfunction(f) and f.__module__ == mod.__name__]
            else:
                continue
            for qual, f in members:
                if id(f) not in seen:
                    seen.add(id(f))
                    yield qual, f


def parameters(f: Callable) -> list[inspect.Parameter]:
    """The parameters of ``f`` a caller passes (not ``self``/``cls``)."""
    ps = list(inspect.signature(f).parameters.values())
    return [p for p in ps if p.name not in ("self", "cls")]


def typed_any(p: inspect.Parameter) -> bool:
    ann = p.annotation
    if ann is inspect.Parameter.empty:
        return True
    text = ann if isinstance(ann, str) else getattr(ann, "__name__", repr(ann))
    return bool(_ANY.match(text.strip()))


def measure() -> tuple[list[tuple[str, str]], list[tuple[str, int]]]:
    """(qualified name, parameter) typed Any, and (qualified name, parameter count) of every callable."""
    untyped, counts = [], []
    for qual, f in public_callables():
        ps = parameters(f)
        counts.append((qual, len(ps)))
        untyped += [(qual, p.name) for p in ps if typed_any(p)]
    return untyped, counts


def main() -> None:
    untyped, counts = measure()
    print(f"public callables: {len(counts)}; parameters: {sum(n for _, n in counts)}; typed Any: {len(untyped)}")
    print("longest signatures:")
    for qual, n in sorted(counts, key=lambda x: -x[1])[:15]:
        print(f"  {n:3d}  {qual}")


if __name__ == "__main__":
    main()
