"""Bytes from the input that could steer a terminal, made visible instead.

A file name, a value or a run line may hold control characters: ``ESC [ 2 J``
clears the screen, a newline forges a second error line, U+202E turns the rest
of a line around (the Trojan Source trick). Every format shows them as escapes,
each in its own way: ``\\x1b`` in text and on stderr, ``$'\\E'`` in a shell line,
``\\u001b`` in JSON. Each function is one regex substitution over the text, linear
in its length.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Iterable

# C0 controls, DEL and C1 controls; the bidirectional overrides, isolates and marks;
# the Unicode line and paragraph separators, which some terminals and editors break
# at; lone surrogates (a file name that is not UTF-8, a JSON "\ud800").
_PAST_C0 = (
    r"\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f\u061c\ud800-\udfff"
)
_CLASS = r"\x00-\x1f" + _PAST_C0
# A regex finds the (rare) characters at C speed; only those are rewritten.
_ANY = re.compile(f"[{_CLASS}]")
_ANY_BUT_NEWLINE = re.compile(f"(?!\n)[{_CLASS}]")
_ANY_JSON = re.compile(f"[{_PAST_C0}]")  # json.dumps escapes C0 itself
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_line(text: str) -> str:
    """``text`` as one safe line: every control character, newline included, escaped."""
    return _ANY.sub(_visible, text)


def escape_block(text: str) -> str:
    """``text`` with its line breaks kept and every other control character escaped."""
    return _ANY_BUT_NEWLINE.sub(_visible, text)


def escape_json(text: str) -> str:
    """JSON text from ``json.dumps(…, ensure_ascii=False)`` with DEL, C1 and the
    Unicode format controls escaped too (json escapes only C0): they can stand only
    inside strings, where ``\\uXXXX`` means the same character."""
    return _ANY_JSON.sub(_json_escape, text)


def has_controls(text: str) -> bool:
    """Whether :func:`escape_line` would change ``text``."""
    return _ANY.search(text) is not None


# Bash's ANSI-C quoting (``$'…'``): ``\xHH`` is a byte, so a character past ASCII is
# written ``\uHHHH``, which the shell encodes in the locale's charset (UTF-8).
def _ansi_c(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1b": "\\E"}
    if char in named:
        return named[char]
    code = ord(char)
    if code < 0x80:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): that byte
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:  # no byte stands for it; bash cannot write it
        return "\\ufffd"
    return f"\\u{code:04x}"


_DOUBLE_QUOTE_SPECIAL = '"$`\\!'  # what a shell (or bash's history) reads inside "…"


def shell_word(word: str) -> str:
    """``word`` quoted for a POSIX shell, as ``shlex.quote`` does; a word with control
    characters is written in ``$'…'`` quoting (bash, zsh, ksh, busybox ash) instead,
    so that pasting the line gives the same bytes and the terminal shows escapes."""
    import shlex

    if not has_controls(word):
        if "'" in word and not any(c in word for c in _DOUBLE_QUOTE_SPECIAL):
            return f'"{word}"'  # "['a','b']" reads better than '['"'"'a'"'"…
        return shlex.quote(word)
    body = word.replace("\\", "\\\\").replace("'", "\\'")
    return "$'" + _ANY.sub(_ansi_c, body) + "'"


def shell_join(words: Iterable[str]) -> str:
    return " ".join(shell_word(w) for w in words)
