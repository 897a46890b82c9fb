"""Public names loaded on first use (PEP 562), shared by every package's ``__init__``.

A package lists ``name -> defining module`` and gets ``__getattr__``/``__dir__`` from
:func:`lazy_exports`, so ``import talentsim`` (or ``talentsim --help``) does not pay for
numpy, pandas and SciPy until a name is used. The resolved object is stored in the
package namespace, so later look-ups are ordinary attribute reads. ``dir(package)`` (and
so tab completion) lists the public names only: ``__all__`` and the lazy names.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable


def lazy_exports(package: str, exports: dict[str, str], namespace: dict[str, Any]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package`` whose public names are ``exports``."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        # only the public names (``__all__`` when the package has one): tab completion on
        # ``ts.`` must not offer ``annotations``, ``lazy_exports`` or private helpers
        return sorted(set(namespace.get("__all__", ())) | set(exports))

    return __getattr__, __dir__
