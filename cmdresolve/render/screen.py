"""The terminal a text view is laid out for: its width, whether it takes colour, and
wrapping by display width (a Hangul syllable takes two columns).

No layout library: rich's panels and tables cost a text run about 60 ms to import and
5 ms per container to lay out, and what the view needs is lines of words.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from typing import TextIO

__all__ = ["Screen", "width_of", "wrap_words"]

# SGR codes of the styles the view uses; each means one thing (docs in render/text.py).
STYLES = {
    "bold": "1",
    "dim": "2",
    "error": "1;31",
    "warning": "1;33",
    "info": "1;36",
    "ok": "32",
    "unknown": "33",
    "code": "1",
}
NARROWEST = 40  # below this nothing lays out sensibly; lines may then pass the width


class Screen:
    """Width in columns and whether to colour; :meth:`paint` and :meth:`wrap` use them."""

    __slots__ = ("colour", "width")

    def __init__(self, width: int = 80, colour: bool = False) -> None:
        self.width = max(width, NARROWEST)
        self.colour = colour

    @classmethod
    def of(cls, stream: TextIO, colour: str = "auto") -> Screen:
        """The screen ``stream`` shows: ``COLUMNS``, else the terminal's width, else 80;
        colour for ``always``, or for ``auto`` on a terminal when ``NO_COLOR`` is not set
        (https://no-color.org) and ``TERM`` is not ``dumb``."""
        tty = _is_terminal(stream)
        width = _columns() or (_terminal_width(stream) if tty else None) or 80
        if colour == "always":
            return cls(width, True)
        if colour == "never":
            return cls(width, False)
        plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
        return cls(width, tty and not plain)

    def paint(self, text: str, style: str | None) -> str:
        if not self.colour or not style or not text:
            return text
        return f"\x1b[{STYLES[style]}m{text}\x1b[0m"

    def wrap(self, text: str, first: str, rest: str | None = None) -> list[str]:
        """:func:`wrap_words` at this screen's width."""
        return wrap_words(text, self.width, first, rest)


def wrap_words(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces only (a path or
    token is never cut; one longer than a line stands alone on its line). The first
    line starts with ``first``, the others with ``rest`` (a hanging indent; default:
    spaces as wide as ``first``)."""
    rest = " " * width_of(first) if rest is None else rest
    lines: list[str] = []
    line, used = first, width_of(first)
    empty = True  # no word on ``line`` yet
    for word in text.split(" "):
        if not word:
            continue
        size = width_of(word)
        if not empty and used + 1 + size > width:
            lines.append(line)
            line, used, empty = rest, width_of(rest), True
        if empty:
            line, used, empty = line + word, used + size, False
        else:
            line, used = f"{line} {word}", used + 1 + size
    lines.append(line)
    return lines


def width_of(text: str) -> int:
    """Columns ``text`` takes in a terminal: two for wide East Asian characters (Hangul,
    CJK), none for combining marks."""
    if text.isascii():
        return len(text)
    import unicodedata

    size = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        size += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return size


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _columns() -> int | None:
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def _terminal_width(stream: TextIO) -> int | None:
    try:
        return os.get_terminal_size(stream.fileno()).columns or None
    except (AttributeError, ValueError, OSError):
        return None
