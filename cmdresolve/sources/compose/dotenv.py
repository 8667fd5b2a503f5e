"""A project's ``.env`` (and ``--env-file``) as Compose reads it for interpolation.

Authority: compose-spec/compose-go ``dotenv/parser.go`` (``parse``,
``getStatementStart``, ``locateKeyName``, ``extractVarValue``, ``expandEscapes``) and
``dotenv/godotenv.go :: expandVariables`` @ e70e961c: ``#`` lines are comments;
``export`` before a key is dropped; a key ends at ``=`` or ``:``; a key alone on its line
takes the value of the environment, if set there; an unquoted value ends at the line's end
and at `` #``, trailing space trimmed, and is interpolated; a single-quoted value is kept as
written (``\\'`` gives ``'``); a double-quoted value may span lines, its escapes
(``\\n``, ``\\t``, ``\\"``, ``\\\\``, ``\\$``) are read, then it is interpolated. A value reads
the environment first, then the keys above it (docs/semantics.md §12.2).
"""

from __future__ import annotations

import re

from cmdresolve.model import InputError, Span
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    Substitute = Callable[[str, Callable[[str], "str | None"], Span], str]

__all__ = ["parse_dotenv"]

_SPACE = "\t\v\f\r \x85\xa0"
_SPACES = re.compile("[" + _SPACE + "]*")
_BLANKS = re.compile(r"\s*")  # what str.isspace() calls white space (str.lstrip())
_ESCAPE = re.compile(r"\\(?:[abcfnrtv$\"\\]|0\d{0,3})")
_EXPORT = re.compile(r"export\s+")
_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "c": "\\c",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    '"': '"',
    "\\": "\\",
}


def parse_dotenv(
    text: str, path: str, environ: Mapping[str, str], substitute: Substitute
) -> dict[str, tuple[str, int]]:
    """Each key's value and the line it was set on, in file order.

    ``substitute`` interpolates a value given a lookup (compose's ``template``) and the
    place of the value, for its errors. The text is read by offsets, never cut into a
    new rest per line (that cost the square of a big file's size).
    """
    out: dict[str, tuple[str, int]] = {}
    line = 1
    text = text.removeprefix("\ufeff")
    size = len(text)
    pos = 0

    def lookup(name: str) -> str | None:
        if name in environ:
            return environ[name]
        return out[name][0] if name in out else None

    while True:
        blank = _BLANKS.match(text, pos)
        assert blank is not None  # \s* matches everywhere
        line += text.count("\n", pos, blank.end())
        pos = blank.end()
        if pos >= size:
            return out
        if text[pos] == "#":
            cut = text.find("\n", pos)
            if cut < 0:
                return out
            pos = cut
            continue
        key, pos, inherited = _key(text, pos, path, line)
        if inherited:
            line += 1
            if key in environ:
                out[key] = (environ[key], line - 1)
            continue
        start = line
        value, interpolated, pos, line = _value(text, pos, path, line)
        if interpolated:
            value = substitute(value, lookup, Span(path, start))
        out[key] = (value, start)


def _key(text: str, pos: int, path: str, line: int) -> tuple[str, int, bool]:
    """The key at ``pos``, where its value starts, and whether the key stands alone."""
    if _EXPORT.match(text, pos):
        pos = _skip_space(text, pos + len("export"))
    for i in range(pos, len(text)):
        char = text[i]
        if char in _SPACE:
            continue
        if char in "=:\n":
            key = text[pos:i].rstrip()
            if " " in key:
                raise InputError(
                    N_("{path} line {line}: key cannot contain a space"),
                    Span(path, line),
                    path=path,
                    line=line,
                )
            return key, _skip_space(text, i + 1), char == "\n"
        if char in "_.-[]" or char.isalnum():
            continue
        raise InputError(
            N_("{path} line {line}: unexpected character {char!r} in variable name"),
            Span(path, line),
            path=path,
            line=line,
            char=char,
        )
    return text[pos:].rstrip(), len(text), True


def _skip_space(text: str, pos: int) -> int:
    match = _SPACES.match(text, pos)
    assert match is not None  # [...]* matches everywhere
    return match.end()


def _value(text: str, pos: int, path: str, line: int) -> tuple[str, bool, int, int]:
    """The value at ``pos``, whether it is interpolated (all but single-quoted ones),
    where the text after it starts, and the line there."""
    if pos >= len(text) or text[pos] not in "'\"":
        newline = text.find("\n", pos)
        stop = len(text) if newline < 0 else newline
        value = text[pos:stop].split(" #", 1)[0].rstrip()
        return value, True, min(stop + 1, len(text)), line + 1
    quote = text[pos]
    chars: list[str] = []
    escape = False
    for i in range(pos + 1, len(text)):
        char = text[i]
        if char == "\n":
            line += 1
        if char != quote:
            if not escape and char == "\\":
                escape = True
                continue
            if escape:
                escape = False
                chars.append("\\")
            chars.append(char)
            continue
        if escape:
            escape = False
            chars.append(char)
            continue
        value = "".join(chars)
        if quote == '"':
            return _ESCAPE.sub(_unescape, value), True, i + 1, line
        return value, False, i + 1, line
    raise InputError(
        N_("{path} line {line}: unterminated quoted value"), Span(path, line), path=path, line=line
    )


def _unescape(match: re.Match[str]) -> str:
    text = match.group(0)
    if text == "\\$":
        return "$$"
    if text.startswith("\\0"):
        return chr(int(text[2:] or "0", 8))
    return _ESCAPES[text[1]]
