"""``import talentsim as ts`` is the economist's front door: every advertised name resolves
to the function or class it names (not to a same-named submodule)."""

from __future__ import annotations

import inspect

import talentsim as ts


def test_every_public_name_resolves() -> None:
    for name in ts.__all__:
        value = getattr(ts, name)
        assert not inspect.ismodule(value), f"ts.{name} is a module, not the public object"


def test_version_is_the_installed_version() -> None:
    from importlib.metadata import version

    assert ts.__version__ == version("talentsim")
