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

    Substitute = Callable[[str, Callable[[str], "str | None"]], str]

__all__ = ["parse_dotenv"]

_SPACE = "\t\v\f\r \x85\xa0"
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

    ``substitute`` interpolates a value given a lookup (compose's ``template``).
    """
    out: dict[str, tuple[str, int]] = {}
    line = 1
    rest = text.removeprefix("\ufeff")

    def lookup(name: str) -> str | None:
        if name in environ:
            return environ[name]
        return out[name][0] if name in out else None

    while True:
        stripped = rest.lstrip()
        line += rest[: len(rest) - len(stripped)].count("\n")
        rest = stripped
        if not rest:
            return out
        if rest.startswith("#"):
            cut = rest.find("\n")
            if cut < 0:
                return out
            rest = rest[cut:]
            continue
        key, rest, inherited = _key(rest, path, line)
        if inherited:
            line += 1
            if key in environ:
                out[key] = (environ[key], line - 1)
            continue
        start = line
        value, rest, line = _value(rest, path, line, lambda v: substitute(v, lookup))
        out[key] = (value, start)


def _key(src: str, path: str, line: int) -> tuple[str, str, bool]:
    if _EXPORT.match(src):
        src = src[len("export") :].lstrip(_SPACE)
    for i, char in enumerate(src):
        if char in _SPACE:
            continue
        if char in "=:\n":
            key = src[:i].rstrip()
            if " " in key:
                raise InputError(
                    N_("{path} line {line}: key cannot contain a space"),
                    Span(path, line),
                    path=path,
                    line=line,
                )
            return key, src[i + 1 :].lstrip(_SPACE), char == "\n"
        if char in "_.-[]" or char.isalnum():
            continue
        raise InputError(
            N_("{path} line {line}: unexpected character {char!r} in variable name"),
            Span(path, line),
            path=path,
            line=line,
            char=char,
        )
    return src.rstrip(), "", True


def _value(
    src: str, path: str, line: int, interpolate: Callable[[str], str]
) -> tuple[str, str, int]:
    if not src or src[0] not in "'\"":
        value, _, rest = src.partition("\n")
        value = value.split(" #", 1)[0].rstrip()
        return interpolate(value), rest, line + 1
    quote = src[0]
    chars: list[str] = []
    escape = False
    for i in range(1, len(src)):
        char = src[i]
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
            value = interpolate(_ESCAPE.sub(_unescape, value))
        return value, src[i + 1 :], line
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
