"""Bounded, safe YAML reading for files a user (or a stranger) hands us.

``yaml.safe_load`` never runs code, but it still lets a 300-byte file expand into
gigabytes through aliases ("billion laughs"), recurses until Python gives up on deep
nesting, and lets plain ``ValueError``/``IndexError`` escape from tags such as
``!!int abc`` or an empty ``!!float``. ``load`` refuses anchors and aliases (a scenario
never needs them), bounds size and nesting depth, and turns every failure into one
``YAMLRefused`` whose message carries the line and column and never the expanded value.
"""

from __future__ import annotations

from typing import Any

import yaml

from forecast.text import clip, shorten

MAX_BYTES = 256 * 1024   #: a scenario file is a few hundred bytes; this is generous
MAX_DEPTH = 32           #: a scenario nests three levels deep (overrides -> id -> field)


class YAMLRefused(ValueError):
    """The text is not YAML we accept; the message starts with ``line L, column C:``.

    ``code`` says why (``yaml``: PyYAML's own English ``detail``; ``yaml_aliases``,
    ``yaml_depth``, ``too_large``), ``line`` and ``column`` where (1-based, or None)."""

    def __init__(self, message: str, code: str = "yaml", line: int | None = None, column: int | None = None,
                 detail: str = "") -> None:
        super().__init__(message)
        self.code, self.line, self.column, self.detail = code, line, column, detail


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader without anchors or aliases, with a nesting limit and marked errors."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self.refusal = "yaml"   # the code of the refusal raised by this loader itself

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            self.refusal = "yaml_aliases"
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (&name, *name) are not allowed in scenario files; "
                "write each value out", event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                self.refusal = "yaml_depth"
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, AttributeError, IndexError, KeyError, OverflowError) as exc:
            # PyYAML's scalar constructors trust the tag: `!!int abc`, an empty `!!float`,
            # `!!timestamp x` or a 5,000-digit integer escape as plain Python errors.
            tag = node.tag.rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"{shorten(node.value, 40) if isinstance(node.value, str) else 'value'} "
                f"is not a valid {tag} ({type(exc).__name__}: {clip(str(exc), 60)})",
                node.start_mark) from None


def load(text: str) -> Any:
    """Parse one YAML document safely and within bounds; raise ``YAMLRefused`` otherwise."""
    if len(text) > MAX_BYTES:
        raise YAMLRefused(f"the file is larger than {MAX_BYTES // 1024} KB; a scenario file is a few hundred bytes",
                          "too_large")
    loader = None
    try:
        loader = _BoundedLoader(text)  # the reader already refuses non-printable characters
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        code = loader.refusal if loader is not None else "yaml"
        raise YAMLRefused(f"{where}{clip(problem, 200)}", code, mark.line + 1 if mark else None,
                          mark.column + 1 if mark else None, clip(problem, 200)) from None
    except RecursionError:  # belt and braces: the depth limit should stop this first
        raise YAMLRefused(f"nested too deeply (more than {MAX_DEPTH} levels)", "yaml_depth") from None
    finally:
        if loader is not None:
            loader.dispose()


__all__ = ["load", "YAMLRefused", "MAX_BYTES", "MAX_DEPTH"]
