"""Where each CMD/ENTRYPOINT token sits in the file: physical line and column.

The lexer joins physical lines into one logical line and records, for every
piece it joined, the logical offset where the piece starts and the physical line
and 1-based column of its first character (:attr:`LogicalLine.pieces`). Here a
token's offset in the logical line is found and translated back through those
pieces. Columns count characters, like every other span. Whatever cannot be
mapped exactly (heredoc lines, ONBUILD triggers, text the flag splitter
re-encoded) gets no token spans: its tokens keep the instruction's span.
"""

from __future__ import annotations

import json
from bisect import bisect_right

from cmdresolve.model import ExecForm, ShellForm, Span
from cmdresolve.sources.dockerfile.forms import JSON_LEAD
from cmdresolve.sources.dockerfile.gotext import lstrip_go, strip_go

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from cmdresolve.model import Command
    from cmdresolve.sources.dockerfile.lexer import LogicalLine

__all__ = ["TOKEN_KEYWORDS", "json_element_offsets", "token_spans"]

# Only these instructions' tokens become argv elements (``Arg``s).
TOKEN_KEYWORDS = frozenset({"CMD", "ENTRYPOINT"})
# JSON's own white space, between the elements.
_JSON_SPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


def token_spans(
    logical: LogicalLine, keyword: str, text: str, command: Command | None, path: str
) -> tuple[Span, ...] | None:
    """One span per exec-form element, or one for the shell-form script; None if unknown.

    ``keyword``, ``text`` and ``command`` are the instruction's, read from ``logical``.
    Exec-form spans start at the element's opening ``"`` and end on the line of
    its closing ``"``; the shell-form span starts at the script's first
    character and ends on the line of its last.
    """
    if not logical.pieces or keyword not in TOKEN_KEYWORDS:
        return None
    base = _args_offset(logical.text, text)
    if base is None:
        return None
    if isinstance(command, ShellForm):
        if not command.script or command.script != text:
            return None
        return (_span(logical, path, base, base + len(text) - 1),)
    if not isinstance(command, ExecForm):
        return None
    offsets = json_element_offsets(text)
    if offsets is None or len(offsets) != len(command.argv):
        return None
    return tuple(_span(logical, path, base + start, base + end) for start, end in offsets)


def _args_offset(text: str, args: str) -> int | None:
    """Offset of the instruction's arguments in its logical line.

    ``split_command`` returns the arguments as the trimmed tail of the trimmed
    line (BK ``split_command.go :: splitCommand``); when the flag splitter had to
    re-encode non-ASCII text the tail is no longer verbatim, and this says None.
    """
    if not args:
        return None
    core = strip_go(text)
    if not core.endswith(args):
        return None
    return len(text) - len(lstrip_go(text)) + len(core) - len(args)


def json_element_offsets(text: str) -> list[tuple[int, int]] | None:
    """Offsets of each top-level string's opening and closing quote in ``text``.

    Only for text :func:`~cmdresolve.sources.dockerfile.forms.parse_json_array`
    accepted as an array of strings: that decision is not made again here, the
    elements are only walked, each string decoded by the same ``json`` module.
    """
    i = len(text) - len(text.lstrip(JSON_LEAD))
    if text[i : i + 1] != "[":
        return None
    offsets: list[tuple[int, int]] = []
    i = _skip_space(text, i + 1)
    if text[i : i + 1] == "]":
        return offsets
    try:
        while text[i : i + 1] == '"':
            value, end = _DECODER.raw_decode(text, i)
            if not isinstance(value, str):
                return None
            offsets.append((i, end - 1))
            i = _skip_space(text, end)
            if text[i : i + 1] == "]":
                return offsets
            if text[i : i + 1] != ",":
                return None
            i = _skip_space(text, i + 1)
    except ValueError:
        return None
    return None


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in _JSON_SPACE:
        i += 1
    return i


def _span(logical: LogicalLine, path: str, start: int, end: int) -> Span:
    line, col = locate(logical, start)
    end_line, _ = locate(logical, end)
    return Span(path, line, col, end_line)


def locate(logical: LogicalLine, offset: int) -> tuple[int, int]:
    """Physical ``(line, column)`` of the character at ``offset`` in the logical line.

    Authority: BK ``parser/parser.go :: Parse`` joins the pieces: the first line
    left-trimmed, each continuation line as is; comment lines and empty lines
    inside a continuation are dropped; the escape character (and the blanks after
    it) ending a piece is removed (``trimContinuationCharacter``).
    """
    pieces = logical.pieces
    index = bisect_right(pieces, offset, key=lambda piece: piece[0]) - 1
    start, line, col = pieces[max(index, 0)]
    return line, col + offset - start
