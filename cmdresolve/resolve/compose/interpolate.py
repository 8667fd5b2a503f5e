"""Compose's interpolation of ``$VAR``, ``${VAR}`` and ``${VAR<op>word}`` in a string
value of a compose file (and in a ``.env`` value).

Authority: compose-spec/compose-go ``template/template.go`` (``DefaultPattern``,
``SubstituteWithOptions``, ``DefaultReplacementAppliedFunc``,
``getSubstitutionFunctionForTemplate``, ``getFirstBraceClosingIndex``,
``withDefaultWhenAbsence``, ``withDefaultWhenPresence``, ``withRequired``) @ e70e961c
(docs/semantics.md §12.2).
"""

from __future__ import annotations

import re

from cmdresolve.budget import Budget, OverBudget
from cmdresolve.model import InputError
from cmdresolve.model.compose import Use
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import record

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Callable

    from cmdresolve.model import Span

    Lookup = Callable[[str], "str | None"]

__all__ = [
    "MAX_NESTING",
    "Interpolated",
    "InterpolationError",
    "Use",
    "interpolate_compose",
    "interpolation_budget",
    "interpolation_error",
]

# compose-go's DefaultPattern is ``\$(?i:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)|
# \{(?:(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)\}|(?P<invalid>)))``: ``$$``, ``$name``,
# ``${name}``, ``${name<op>…}`` or an invalid ``${``. Its ``(.*)`` runs to the last ``}``
# of the line (``.`` stops at a newline in Go's RE2 and in Python), so each match would
# cost the rest of the line. This pattern stops after the operator instead; the end of
# the match, the line's last ``}``, is found once per line (:class:`_Scan`).
_HEAD = re.compile(r"\$(?i:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*)(:?[-+?])?)?)")
MAX_NESTING = 100  # ``${A:-${B:-…}}`` levels read; a deeper value is an input error


class InterpolationError(ValueError):
    """``kind`` is ``invalid`` (a ``${`` compose cannot read; ``text`` is the whole
    value), ``required`` (``${NAME:?reason}`` or ``${NAME?reason}`` unmet), ``deep``
    (defaults nested past :data:`MAX_NESTING`, which cmdresolve does not read) or
    ``budget`` (the values read put more text in than the project's budget; ``name``
    is the variable, ``reason`` the limit)."""

    def __init__(self, kind: str, text: str, name: str = "", reason: str = "") -> None:
        super().__init__(kind)
        self.kind, self.text, self.name, self.reason = kind, text, name, reason


@record
class Interpolated:
    value: str
    uses: tuple[Use, ...] = ()


_BUDGETS: list[Budget] = []  # one per project being read (interpolation_budget)


class interpolation_budget:  # lower case: used in a ``with`` like a function
    """Interpolation while a project is read, in all, may put in what :class:`Budget`
    allows for ``written`` characters of its files; :meth:`earn` adds a ``.env`` read
    later. Compose has no limit, but ``.env`` lines that each double the one above
    would need a terabyte. Outside one, each value gets a budget of its own."""

    def __init__(self, written: int) -> None:
        self.budget = Budget(written)

    def __enter__(self) -> Budget:
        _BUDGETS.append(self.budget)
        return self.budget

    def __exit__(self, *_exc: object) -> None:
        _BUDGETS.remove(self.budget)

    @staticmethod
    def earn(written: int) -> None:
        """Allow for ``written`` more characters of input read under the budget."""
        if _BUDGETS:
            _BUDGETS[-1].earn(written)


class _Reads:
    """The lookup, recording each name read and whether it was set, and paying for
    each value read: replacements are the only text interpolation adds."""

    def __init__(self, lookup: Lookup, budget: Budget) -> None:
        self.lookup = lookup
        self.budget = budget
        self.names: dict[str, None] = {}
        self.unset: dict[str, None] = {}

    def __call__(self, name: str) -> str | None:
        self.names[name] = None
        found = self.lookup(name)
        if found:
            try:
                self.budget.spend(found, name)
            except OverBudget as exc:
                raise InterpolationError("budget", "", name, str(exc.limit)) from None
        return found


class _Match:
    """One match of compose-go's DefaultPattern in ``text[.. end]``: ``start``, ``end``,
    and which alternative: ``escaped``, ``named`` (the name), ``braced`` (the name; with
    ``operator`` for ``${name<op>…}``), or none of them for the invalid ``${``."""

    __slots__ = ("braced", "end", "escaped", "named", "operator", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.escaped = False
        self.named: str | None = None
        self.braced: str | None = None
        self.operator: str | None = None


class _Scan:
    """The matches of DefaultPattern in one value, found left to right in linear time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.last_brace: dict[int, int] = {}  # a stop -> the last "}" before it, or -1
        self.line_end = -1  # the newline at or after the last position asked about

    def search(self, pos: int, end: int) -> _Match | None:
        """The first match in ``text[pos:end]``, as ``re.search`` of DefaultPattern on
        that slice finds it."""
        text = self.text
        head = _HEAD.search(text, pos, end)
        if head is None:
            return None
        found = _Match(head.start(), head.end())
        if head.group(1) is not None:
            found.escaped = True
            return found
        if head.group(2) is not None:
            found.named = head.group(2)
            return found
        name, operator = head.group(3), head.group(4)
        if name is None:  # "${" and no name: the invalid alternative
            return found
        after = head.end()
        if operator is None:
            if after < end and text[after] == "}":
                found.end, found.braced = after + 1, name
                return found
            found.end = head.start() + 2  # ${name not closed at once: invalid "${"
            return found
        close = self._last_brace(after, end)
        if close < 0:  # no "}" after the operator on this line: invalid "${"
            found.end = head.start() + 2
            return found
        found.end, found.braced, found.operator = close + 1, name, operator
        return found

    def _last_brace(self, pos: int, end: int) -> int:
        """The last ``}`` in ``text[pos:end]`` before the first newline there, or -1."""
        text = self.text
        if pos > self.line_end:
            found = text.find("\n", pos)
            self.line_end = len(text) if found < 0 else found
        stop = min(self.line_end, end)
        # Asked again for a stop, pos has only grown (the scan goes left to right): a "}"
        # found from the first pos is the answer if it is still ahead, else there is none.
        last = self.last_brace.get(stop)
        if last is None:
            last = self.last_brace[stop] = text.rfind("}", pos, stop)
        return last if last >= pos else -1


def interpolate_compose(text: str, lookup: Lookup) -> Interpolated:
    """``text`` with every ``$`` reference replaced, and what each replacement read.

    Authority: compose-go ``SubstituteWithOptions``: every match of
    ``DefaultPattern`` is replaced left to right; the first error is the answer.
    """
    if "$" not in text:
        return Interpolated(text)
    budget = _BUDGETS[-1] if _BUDGETS else Budget(len(text))
    scan = _Scan(text)
    out: list[str] = []
    uses: list[Use] = []
    length = 0
    pos = 0
    while (match := scan.search(pos, len(text))) is not None:
        literal = text[pos : match.start]
        out.append(literal)
        length += len(literal)
        reads = _Reads(lookup, budget)
        value, rest = _replace(scan, match, reads, 0)
        if rest is not None:  # what follows the cut belongs to this replacement
            value += _substitute(scan, rest, match.end, reads, 0)
        out.append(value)
        if reads.names:
            names, unset = tuple(reads.names), tuple(reads.unset)
            uses.append(Use(length, length + len(value), text[match.start : match.end],
                            names, unset))  # fmt: skip
        length += len(value)
        pos = match.end
    out.append(text[pos:])
    return Interpolated("".join(out), tuple(uses))


def _substitute(scan: _Scan, pos: int, end: int, reads: _Reads, depth: int) -> str:
    """compose-go ``Substitute`` of ``text[pos:end]``: a default, an alternative or the
    rest after a cut. A replacement cut at its first balanced ``}`` has the rest of its
    match substituted and appended; no match crosses the end of another (each ends at
    the last ``}`` of its line), so the scan goes on from the cut instead of recursing."""
    text = scan.text
    out: list[str] = []
    while (match := scan.search(pos, end)) is not None:
        out.append(text[pos : match.start])
        value, rest = _replace(scan, match, reads, depth)
        out.append(value)
        pos = match.end if rest is None else rest
    out.append(text[pos:end])
    return "".join(out)


def _replace(scan: _Scan, match: _Match, reads: _Reads, depth: int) -> tuple[str, int | None]:
    """The replacement of ``match``, and where the rest after its cut starts (None when
    nothing of the match is left).

    Authority: compose-go ``DefaultReplacementAppliedFunc``: the operator is the one
    that occurs first in the matched text (right after the name); the match is cut at
    its first balanced ``}`` and what follows is substituted on its own and appended; a
    name without an operator that is not set gives the empty string."""
    if match.escaped:
        return "$", None
    name = match.named
    if name is None:
        if match.braced is None:
            raise InterpolationError("invalid", scan.text)
        name = match.braced
        operator = match.operator
        if operator is not None:
            close = _first_closing_brace(scan.text, match.start, match.end)
            substitution = scan.text[match.start + 2 : close]
            head, _, _ = substitution.partition(operator)
            word = (match.start + 2 + len(head) + len(operator), close)
            value = _apply(scan, operator, head, word, reads, depth)
            return value, close + 1
    found = reads(name)
    if found is None:
        reads.unset[name] = None
        return "", None
    return found, None


def _apply(
    scan: _Scan, operator: str, name: str, word: tuple[int, int], reads: _Reads, depth: int
) -> str:
    """Authority: compose-go ``withDefaultWhenAbsence`` (``-``, ``:-``),
    ``withDefaultWhenPresence`` (``+``, ``:+``), ``withRequired`` (``?``, ``:?``)."""
    if depth >= MAX_NESTING:
        raise InterpolationError("deep", scan.text)
    value = reads(name)
    empty_counts = operator.startswith(":")
    match operator[-1]:
        case "-":
            if value is None or (empty_counts and value == ""):
                return _substitute(scan, *word, reads, depth + 1)
            return value
        case "+":
            if value is not None and (not empty_counts or value != ""):
                return _substitute(scan, *word, reads, depth + 1)
            return value or ""
        case _:
            if value is None or (empty_counts and value == ""):
                reason = _substitute(scan, *word, reads, depth + 1)
                raise InterpolationError("required", scan.text, name, reason)
            return value


def _first_closing_brace(text: str, start: int, end: int) -> int:
    """Authority: compose-go ``getFirstBraceClosingIndex`` (the character after a
    ``{`` is skipped), on ``text[start:end]``: the index in ``text``. When the count
    never comes back to zero the match is not cut: its own last ``}`` is taken."""
    depth = 0
    i = start
    while i < end:
        c = text[i]
        if c == "}":
            depth -= 1
            if depth == 0:
                return i
        elif c == "{":
            depth += 1
            i += 1
        i += 1
    return end - 1


def interpolation_error(
    exc: InterpolationError, span: Span | None, path: str | None = None
) -> InputError:
    """The input error for ``exc`` at ``span``: a value of the compose file at ``path``,
    or (no ``path``) a value of a ``.env`` file, as compose reports them."""
    if exc.kind == "required":
        if path is not None:
            template = (
                N_("{path}: required variable {name} is missing a value: {reason}")
                if exc.reason
                else N_("{path}: required variable {name} is missing a value")
            )
        elif exc.reason:
            template = N_("required variable {name} is missing a value: {reason}")
        else:
            template = N_("required variable {name} is missing a value")
        return InputError(template, span, path=path, name=exc.name, reason=exc.reason)
    if exc.kind == "deep":
        template = (
            N_("{path}: defaults nested deeper than {limit} levels are not read")
            if path is not None
            else N_("defaults nested deeper than {limit} levels are not read")
        )
        return InputError(template, span, path=path, limit=MAX_NESTING)
    if exc.kind == "budget":
        template = (
            N_(
                "{path}: interpolating ${{{name}}} makes more than {limit} characters in "
                "this project (does a variable double itself, as in A=${{A}}${{A}}?)"
            )
            if path is not None
            else N_(
                "interpolating ${{{name}}} makes more than {limit} characters in this "
                "project (does a variable double itself, as in A=${{A}}${{A}}?)"
            )
        )
        return InputError(template, span, path=path, name=exc.name, limit=exc.reason)
    template = (
        N_("{path}: invalid interpolation format: {text!r}")
        if path is not None
        else N_("invalid interpolation format: {text!r}")
    )
    return InputError(template, span, path=path, text=exc.text)
