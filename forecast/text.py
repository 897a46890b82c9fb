"""Checks for free text a user types or uploads (names, descriptions, text cells).

Control characters and characters XML 1.0 cannot carry are refused at the door: they
abort the chart renderer (vl-convert panics), break .xlsx writing and can hide text in
the page. One definition serves scenario files, uploads and exports. ``shorten`` keeps a
hostile value from growing an error message without bound.
"""

from __future__ import annotations

#: Direction overrides and isolates: they reorder what a reader sees (spoofing).
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Line and paragraph separators: they break a one-line name.
_LINE_BREAKS = frozenset("\u2028\u2029\u0085")


def _bad(c: str, multiline: bool) -> bool:
    o = ord(c)
    if multiline and c in "\n\t":
        return False
    if o < 0x20 or 0x7F <= o <= 0x9F:                    # C0 and C1 controls (incl. \r)
        return True
    if 0xD800 <= o <= 0xDFFF or 0xFDD0 <= o <= 0xFDEF or (o & 0xFFFE) == 0xFFFE:
        return True                                      # surrogates and non-characters: not XML
    if c in _BIDI:
        return True
    return not multiline and c in _LINE_BREAKS


def unsafe_chars(text: str, *, multiline: bool = False) -> list[str]:
    """Code points (``U+0007``...) in ``text`` that a name or description must not hold.

    ``multiline`` allows newline and tab (descriptions); names allow neither.
    """
    seen: list[str] = []
    for c in text:
        if _bad(c, multiline):
            code = f"U+{ord(c):04X}"
            if code not in seen:
                seen.append(code)
    return seen


def invisible_chars(text: str) -> list[str]:
    """Code points of ``text`` that print as nothing (Unicode format characters: zero-width space,
    direction marks, soft hyphen, byte-order mark ...): "plan" and "plan\u200b" look the same, so a
    name shared on a page must not hold them."""
    import unicodedata

    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Cf"))


def check_text(text: str, field: str, *, multiline: bool = False) -> str:
    """Return ``text`` if it is safe, else raise ValueError naming the field and characters."""
    bad = unsafe_chars(text, multiline=multiline)
    if bad:
        shown = ", ".join(bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
        raise ValueError(f"{field} contains control or invisible characters ({shown}); "
                         "remove them and type plain text")
    return text


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` with unsafe characters removed (for rendering data that is already loaded)."""
    return "".join(c for c in text if not _bad(c, multiline))


def clip(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters (with an ellipsis when cut)."""
    return text if len(text) <= limit else text[:limit] + "…"


def shorten(value: object, limit: int = 80) -> str:
    """``repr(value)`` cut to ``limit`` characters, for error messages on hostile input.

    Containers are summarised by type and length before repr is attempted, so a huge or
    deeply shared structure is never expanded.
    """
    if isinstance(value, (dict, list, tuple, set, frozenset)):
        return f"<{type(value).__name__} of {len(value)} items>"
    if isinstance(value, (str, bytes)) and len(value) > limit:
        return repr(value[:limit])[:limit] + "…"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"<integer of about {int(value.bit_length() * 0.30103)} digits>"
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


__all__ = ["unsafe_chars", "check_text", "clean_text", "shorten", "clip"]
