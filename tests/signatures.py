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
#: modules that run when imported (the page's entry script): no API in them
SCRIPTS = frozenset({"talentsim.app.entry"})
#: annotations that say nothing about the value
_ANY = re.compile(r"^(Any|Optional\[Any\]|Any \| None|None \| Any)$")


def _modules() -> Iterator[object]:
    for name in PACKAGES:
        pkg = importlib.import_module(name)
        yield pkg
        for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{name}."):
            if any(part.startswith("_") for part in info.name.split(".")) or ".shipped" in info.name \
                    or info.name in SCRIPTS:
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


def is_record(qual: str, f: Callable) -> bool:
    """Whether ``f`` is the generated constructor of a record (dataclass, NamedTuple, pydantic
    model): its parameters are the record's fields, named and typed once in the class."""
    if not qual.endswith(".__init__"):
        return False
    mod = importlib.import_module(f.__module__)
    cls = vars(mod).get(qual.split(".")[-2])
    return inspect.isclass(cls) and (hasattr(cls, "__dataclass_fields__") or hasattr(cls, "_fields")
                                      or hasattr(cls, "model_fields"))


def is_command(f: Callable) -> bool:
    """Whether ``f`` is a command-line command: each of its parameters is a Typer option."""
    ps = list(inspect.signature(f).parameters.values())
    return bool(ps) and any(type(p.default).__name__ in ("OptionInfo", "ArgumentInfo") for p in ps)


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
    """(qualified name, parameter) typed Any over every public callable, and (qualified name,
    parameter count) of the public functions and methods a caller writes arguments for (record
    constructors and command-line commands aside: their parameters are fields and options)."""
    untyped, counts = [], []
    for qual, f in public_callables():
        ps = parameters(f)
        untyped += [(qual, p.name) for p in ps if typed_any(p)]
        if not is_record(qual, f) and not is_command(f):
            counts.append((qual, len(ps)))
    return untyped, counts


def main() -> None:
    untyped, counts = measure()
    print(f"public functions and methods: {len(counts)}; parameters typed Any: {len(untyped)}")
    print("longest signatures (records and commands aside):")
    for qual, n in sorted(counts, key=lambda x: -x[1])[:12]:
        print(f"  {n:3d}  {qual}")
    print("typed Any:")
    for qual, name in untyped:
        print(f"  {qual}: {name}")


if __name__ == "__main__":
    main()
