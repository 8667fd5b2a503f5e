"""Bytes from the input that could steer a terminal, made visible instead.

A file name, a value or a run line may hold control characters: ``ESC [ 2 J``
clears the screen, a newline forges a second error line, U+202E turns the rest
of a line around (the Trojan Source trick). Every format shows them as escapes,
each in its own way: ``\\x1b`` in text and on stderr, ``$'\\E'`` in a shell line,
``\\u001b`` in JSON. Each function is one ``str.translate`` over the text, linear
in its length.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Iterable

# C0 controls, DEL and C1 controls; the bidirectional overrides and isolates; the
# Unicode line and paragraph separators, which some terminals and editors break at.
_CONTROLS = (
    *range(0x00, 0x20),
    *range(0x7F, 0xA0),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x2028,
    0x2029,
    0x200E,
    0x200F,
    0x061C,
    *range(0xD800, 0xE000),  # lone surrogates: a non-UTF-8 file name, a JSON "\ud800"
)
_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def _visible(code: int) -> str:
    if code in _NAMED:
        return _NAMED[code]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_LINE = {code: _visible(code) for code in _CONTROLS}
# str.translate looks every character up in a dict; a regex scan finds the (rare)
# text that needs it at C speed first.
_ANY = re.compile("[" + "".join(re.escape(chr(code)) for code in _CONTROLS) + "]")
_ANY_BUT_NEWLINE = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROLS if c != 10) + "]")
_ANY_JSON = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROLS if c >= 0x7F) + "]")
_BLOCK = {code: text for code, text in _LINE.items() if code != 0x0A}
_JSON = {code: f"\\u{code:04x}" for code in _CONTROLS if code >= 0x7F}  # json escapes C0


def escape_line(text: str) -> str:
    """``text`` as one safe line: every control character, newline included, escaped."""
    return text.translate(_LINE) if _ANY.search(text) else text


def escape_block(text: str) -> str:
    """``text`` with its line breaks kept and every other control character escaped."""
    return text.translate(_BLOCK) if _ANY_BUT_NEWLINE.search(text) else text


def escape_json(text: str) -> str:
    """JSON text from ``json.dumps(…, ensure_ascii=False)`` with DEL, C1 and the
    Unicode format controls escaped too (json escapes only C0): they can stand only
    inside strings, where ``\\uXXXX`` means the same character."""
    return text.translate(_JSON) if _ANY_JSON.search(text) else text


def has_controls(text: str) -> bool:
    """Whether :func:`escape_line` would change ``text``."""
    return _ANY.search(text) is not None


# Bash's ANSI-C quoting (``$'…'``): ``\xHH`` is a byte, so a character past ASCII is
# written ``\uHHHH``, which the shell encodes in the locale's charset (UTF-8).
def _ansi_c(code: int) -> str:
    named = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r", 0x1B: "\\E"}
    if code in named:
        return named[code]
    if code < 0x80:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): that byte
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:  # no byte stands for it; bash cannot write it
        return "\\ufffd"
    return f"\\u{code:04x}"


_ANSI_C = {code: _ansi_c(code) for code in _CONTROLS}


def shell_word(word: str) -> str:
    """``word`` quoted for a POSIX shell, as ``shlex.quote`` does; a word with control
    characters is written in ``$'…'`` quoting (bash, zsh, ksh, busybox ash) instead,
    so that pasting the line gives the same bytes and the terminal shows escapes."""
    import shlex

    if not has_controls(word):
        return shlex.quote(word)
    body = word.replace("\\", "\\\\").replace("'", "\\'")
    return "$'" + body.translate(_ANSI_C) + "'"


def shell_join(words: Iterable[str]) -> str:
    return " ".join(shell_word(w) for w in words)
