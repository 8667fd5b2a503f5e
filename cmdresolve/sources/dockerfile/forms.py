"""Splitting one logical line: name, builder flags, exec or shell form, words.

Authority: moby/buildkit ``frontend/dockerfile/parser/split_command.go ::
splitCommand, extractBuilderFlags`` and ``parser/line_parsers.go :: parseJSON,
parseMaybeJSON, parseWords`` at BK@73ed6825.
"""

from __future__ import annotations

import json
import math
import re

from cmdresolve.model.facts import N_
from cmdresolve.sources.dockerfile.gotext import GO_SPACE, GO_SPACES, is_go_space, strip_go

# What ``parseJSON`` trims before the ``[`` (Latin-1 white space, as Go sees it).
JSON_LEAD = " \t\n\r\v\f\x85\xa0"
_WHITESPACE = re.compile(r"[\t\v\f\r ]+")
NOT_STRING_ARRAY = N_("when using JSON array syntax, arrays must be comprised of strings only")


class NotStringArray(ValueError):
    """A JSON array with a non-string element: a hard error, never shell form."""


def split_command(line: str, escape: str) -> tuple[str, tuple[str, ...], str]:
    """``(name, flags, args)`` of a logical line.

    Authority: BK ``split_command.go :: splitCommand``: the first run of
    ``[\\t\\v\\f\\r ]`` separates the name; builder flags are extracted from the
    rest; the remaining text is trimmed.
    """
    parts = _WHITESPACE.split(strip_go(line), maxsplit=1)
    if len(parts) < 2:
        return parts[0], (), ""
    rest = parts[1]
    if rest.isascii() and rest[:1] not in GO_SPACE and not rest.startswith("--"):
        return parts[0], (), strip_go(rest)  # most instructions: no flags to extract
    rest, flags = extract_builder_flags(rest, escape)
    return parts[0], flags, strip_go(rest)


def extract_builder_flags(line: str, escape: str) -> tuple[str, tuple[str, ...]]:
    """Leading ``--words`` up to the first other word or a bare ``--``.

    Authority: BK ``split_command.go :: extractBuilderFlags``. Quotes inside a
    flag group words; the escape character takes the next character literally.
    Go walks this text byte by byte, each byte taken as a code point, so a
    non-ASCII flag comes out re-encoded (``é`` as ``Ã©``) and the bytes 0x85 and
    0xA0 count as spaces; the Latin-1 view of the UTF-8 bytes reproduces that.
    """
    if not line.isascii():
        rest, flags = _extract_flags(line.encode("utf-8").decode("latin-1"), escape)
        return rest.encode("latin-1").decode("utf-8", errors="replace"), flags
    return _extract_flags(line, escape)


def _extract_flags(line: str, escape: str) -> tuple[str, tuple[str, ...]]:
    if line[:1] not in GO_SPACE and not line.startswith("--"):
        return line, ()  # most instructions: no flag, and no space to skip
    words: list[str] = []
    pos = 0
    n = len(line)
    while True:
        while pos < n and is_go_space(line[pos]):
            pos += 1
        if pos == n:
            return "", tuple(words)
        if not line.startswith("--", pos):
            return line[pos:], tuple(words)
        word, pos, blank_ok = _flag_word(line, pos, escape)
        if word == "--" and pos < n:
            return line[pos:], tuple(words)
        if word != "--" and (blank_ok or word):
            words.append(word)


def _flag_word(line: str, pos: int, escape: str) -> tuple[str, int, bool]:
    out: list[str] = []
    quote = ""
    blank_ok = False
    n = len(line)
    while pos < n:
        ch = line[pos]
        if not quote and is_go_space(ch):
            break
        if not quote and ch in "'\"":
            quote, blank_ok = ch, True
        elif quote and ch == quote:
            quote = ""
        elif ch == escape:
            if pos + 1 == n:
                quote = ""
            else:
                pos += 1
                out.append(line[pos])
        else:
            out.append(ch)
        pos += 1
    return "".join(out), pos, blank_ok


def _reject_constant(name: str) -> float:
    raise ValueError(name)  # NaN / Infinity are not JSON to Go


def _go_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(text)  # Go: number out of range, a decode failure
    return value


def parse_json_array(text: str) -> tuple[str, ...] | None:
    """The exec-form argv if ``text`` is a strict JSON array of strings, else None.

    Authority: BK ``line_parsers.go :: parseJSON``: the text must start with
    ``[`` after left-trimming and decode with Go's ``encoding/json`` into
    ``[]any``; any decode failure means shell form (``parseMaybeJSON``), but a
    decoded non-string element raises :class:`NotStringArray`.
    """
    text = text.lstrip(JSON_LEAD)
    if not text.startswith("["):
        return None
    try:
        value = _JSON.decode(text)
    except ValueError:
        return None
    except RecursionError:  # nested past Python's limit; Go's is 10,000 levels
        from cmdresolve.sources.dockerfile.json_depth import decodes_in_go

        if decodes_in_go(text):  # an array whose first element is an array or object
            raise NotStringArray(NOT_STRING_ARRAY) from None
        return None
    if not isinstance(value, list):
        return None
    if not all(isinstance(item, str) for item in value):
        raise NotStringArray(NOT_STRING_ARRAY)
    return tuple(_go_string(item) for item in value)


def _go_int(text: str) -> float:
    return _go_float(text)


_JSON = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_go_float, parse_int=_go_int)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _go_string(value: str) -> str:
    """Go decodes a lone UTF-16 surrogate escape to U+FFFD."""
    if _SURROGATE.search(value):
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)
    return value


def parse_words(rest: str, escape: str) -> list[str]:
    """Whitespace-separated words with quotes and escapes kept in the word.

    Authority: BK ``line_parsers.go :: parseWords`` (used by ARG, ENV, LABEL).
    Go walks the text rune by rune; here a run of ordinary characters is taken whole.
    """
    if _QUOTES_OR_ESCAPE.search(rest) is None and escape not in rest:
        # Only runs of other characters between Go spaces: Python's white space less
        # the four separators \x1c-\x1f, which it counts and Go does not.
        return rest.split()
    words: list[str] = []
    buf: list[str] = []
    in_word = False
    blank_ok = False
    quote = ""
    plain, quoted = _word_runs(escape)
    i, n = 0, len(rest)
    while i < n:
        ch = rest[i]
        if not in_word:
            if is_go_space(ch):
                i += 1
                continue
            in_word = True
        if quote:
            if ch == quote:
                quote = ""
            elif ch == escape and quote != "'":
                if i + 1 == n:
                    quote = ""
                    i += 1
                    continue
                buf.append(ch)
                i += 1
                ch = rest[i]
            else:
                run = quoted[quote].match(rest, i)
                assert run is not None  # ch ends no quote and escapes nothing
                buf.append(run.group())
                i = run.end()
                continue
            buf.append(ch)
        elif is_go_space(ch):
            if blank_ok or buf:
                words.append("".join(buf))
            buf, in_word, blank_ok = [], False, False
        else:
            if ch in "'\"":
                quote, blank_ok = ch, True
            elif ch != escape:
                run = plain.match(rest, i)
                assert run is not None  # ch is no space, quote or escape
                buf.append(run.group())
                i = run.end()
                continue
            if ch == escape:
                if i + 1 == n:
                    i += 1
                    continue
                buf.append(ch)
                i += 1
                ch = rest[i]
            buf.append(ch)
        i += 1
    if in_word and (blank_ok or buf):
        words.append("".join(buf))
    return words


_QUOTES_OR_ESCAPE = re.compile("[\"'\\\\\x1c-\x1f]")
_RUNS: dict[str, tuple[re.Pattern[str], dict[str, re.Pattern[str]]]] = {}


def _word_runs(escape: str) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """Runs of characters that ``parse_words`` copies as they are: outside quotes (no
    Go space, quote or escape), and inside each kind of quote."""
    if escape not in _RUNS:
        e = re.escape(escape)
        plain = re.compile(f"[^{re.escape(GO_SPACES)}'\"{e}]+")
        quoted = {"'": re.compile("[^']+"), '"': re.compile(f'[^"{e}]+')}
        _RUNS[escape] = plain, quoted
    return _RUNS[escape]


def split_whitespace(rest: str) -> list[str]:
    """Authority: BK ``line_parsers.go :: parseStringsWhitespaceDelimited``."""
    return _WHITESPACE.split(rest) if rest else []
