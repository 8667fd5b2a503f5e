"""compose-go's ``template.SubstituteWithOptions`` transcribed as it reads: the greedy
``DefaultPattern`` and a recursive substitution of each rest. Quadratic in a long line
and recursive in a long chain, so not what the package runs; the oracle that the
package's linear :mod:`cmdresolve.resolve.compose.interpolate` gives the same values,
uses and errors (tests/resolve/compose/test_interpolate.py).

Authority: compose-spec/compose-go ``template/template.go`` @ e70e961c.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cmdresolve.model.compose import Use
from cmdresolve.resolve.compose.interpolate import Interpolated, InterpolationError

Lookup = Callable[[str], "str | None"]

_PATTERN = re.compile(
    r"\$(?i:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)|"
    r"\{(?:(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)\}|(?P<invalid>)))"
)
_OPERATORS = (":?", "?", ":-", "-", ":+", "+")


class _Reads:
    """The lookup, recording each name read and whether it was set."""

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        self.names: dict[str, None] = {}
        self.unset: dict[str, None] = {}

    def __call__(self, name: str) -> str | None:
        self.names[name] = None
        return self.lookup(name)


def reference_interpolate(text: str, lookup: Lookup) -> Interpolated:
    """``text`` with every ``$`` reference replaced, and what each replacement read.

    Authority: compose-go ``SubstituteWithOptions``: every match of
    ``DefaultPattern`` is replaced left to right; the first error is the answer.
    """
    if "$" not in text:
        return Interpolated(text)
    out: list[str] = []
    uses: list[Use] = []
    length = 0
    last = 0
    for match in _PATTERN.finditer(text):
        literal = text[last : match.start()]
        out.append(literal)
        length += len(literal)
        reads = _Reads(lookup)
        value = _replace(match.group(0), reads, text)
        out.append(value)
        if reads.names:
            names, unset = tuple(reads.names), tuple(reads.unset)
            uses.append(Use(length, length + len(value), match.group(0), names, unset))
        length += len(value)
        last = match.end()
    out.append(text[last:])
    return Interpolated("".join(out), tuple(uses))


def _substitute(text: str, reads: _Reads, whole: str) -> str:
    """compose-go ``Substitute`` of a default, an alternative or a nested rest."""
    return _PATTERN.sub(lambda m: _replace(m.group(0), reads, whole), text)


def _replace(substring: str, reads: _Reads, whole: str) -> str:
    """Authority: compose-go ``DefaultReplacementAppliedFunc``: the operator is the
    one that occurs first in the matched text; the match is cut at its first balanced
    ``}`` and what follows is substituted on its own and appended; a name without an
    operator that is not set gives the empty string."""
    operator = _first_operator(substring)
    close = _first_closing_brace(substring)
    rest = ""
    if close > -1:
        substring, rest = substring[: close + 1], substring[close + 1 :]
    match = _PATTERN.search(substring)
    if match is None:  # not reached: the cut text still starts with the match
        raise InterpolationError("invalid", whole)
    if match.group("escaped"):
        return "$"
    name = match.group("named")
    braced = name is None
    if braced:
        name = match.group("braced")
    if not name:
        raise InterpolationError("invalid", whole)
    if braced and operator is not None and operator in name:
        value = _apply(operator, name, reads, whole)
        return value + _substitute(rest, reads, whole)
    found = reads(name)
    if found is None:
        reads.unset[name] = None
        return ""
    return found


def _apply(operator: str, substitution: str, reads: _Reads, whole: str) -> str:
    """Authority: compose-go ``withDefaultWhenAbsence`` (``-``, ``:-``),
    ``withDefaultWhenPresence`` (``+``, ``:+``), ``withRequired`` (``?``, ``:?``)."""
    name, word = substitution.split(operator, 1)
    value = reads(name)
    empty_counts = operator.startswith(":")
    match operator[-1]:
        case "-":
            if value is None or (empty_counts and value == ""):
                return _substitute(word, reads, whole)
            return value
        case "+":
            if value is not None and (not empty_counts or value != ""):
                return _substitute(word, reads, whole)
            return value or ""
        case _:
            if value is None or (empty_counts and value == ""):
                raise InterpolationError("required", whole, name, _substitute(word, reads, whole))
            return value


def _first_operator(substring: str) -> str | None:
    """Authority: compose-go ``getSubstitutionFunctionForTemplate``: the operator found
    earliest in the text (two never start at the same place)."""
    found = [(substring.find(op), op) for op in _OPERATORS if op in substring]
    return min(found)[1] if found else None


def _first_closing_brace(text: str) -> int:
    """Authority: compose-go ``getFirstBraceClosingIndex`` (the character after a
    ``{`` is skipped)."""
    depth = 0
    i = 0
    while i < len(text):
        if text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        if text[i] == "{":
            depth += 1
            i += 1
        i += 1
    return -1

