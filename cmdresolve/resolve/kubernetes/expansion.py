"""kubelet's ``$(VAR)`` expansion of ``command``, ``args`` and ``env`` values.

``$(NAME)`` becomes NAME's value when it has one and stays as written when it
has none; ``$$`` becomes ``$``; nothing else is special (``$X``, ``${X}`` and
backslashes pass through). Values are not expanded again.

Authority: kubernetes/kubernetes ``third_party/forked/golang/expansion/expand.go``
(``Expand``, ``tryReadVariableName``, ``MappingFuncFor``, ``syntaxWrap``) @ fde22c3f,
which includes PR #136325, and ``pkg/kubelet/container/helpers.go ::
ExpandContainerCommandAndArgs`` (docs/semantics.md §3.3, §3.4).
"""

from __future__ import annotations

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from cmdresolve.budget import Budget

    Lookup = Callable[[str], "str | None"]

__all__ = ["expand_kubernetes_vars", "mapping_for"]


def expand_kubernetes_vars(
    text: str, lookup: Lookup, budget: Budget | None = None
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Return (expanded, names_resolved, names_left_literal).

    Names are listed in order of first appearance, each once. ``lookup`` returns
    None for a name it does not know; that reference is kept as ``$(name)``. Each
    value put in is paid for from ``budget`` (:class:`~cmdresolve.budget.OverBudget`).

    Authority: kubernetes ``expand.go :: Expand, tryReadVariableName``: a ``$``
    that is not the last character looks at the next character: ``$`` emits one
    ``$``; ``(`` reads the name up to the first ``)`` (no nesting, no validation)
    and emits its mapping, or emits ``$(`` literally when no ``)`` follows;
    anything else is emitted with the ``$``, a whole rune since PR #136325 (a
    Python ``str`` is already a sequence of code points, so one character here).
    """
    if "$" not in text:
        return text, (), ()
    parts: list[str] = []
    resolved: dict[str, None] = {}  # insertion-ordered sets
    literal: dict[str, None] = {}
    checkpoint = 0  # start of the input not yet copied into ``parts``
    close = -1  # the next ")" at or after the scan position; len(text) when there is none
    last = len(text) - 1
    cursor = text.find("$")
    while 0 <= cursor < last:
        resume = cursor + 2
        follower = text[cursor + 1]
        if follower == "$":
            parts.append(text[checkpoint : cursor + 1])  # keep one of the two
            checkpoint = resume
        elif follower == "(":
            if close < resume:
                close = _next_close(text, resume)
            if close < len(text):
                parts.append(text[checkpoint:cursor])
                value = _substitute(text[resume:close], lookup, resolved, literal)
                if budget is not None:
                    budget.spend(value, f"$({text[resume:close]})")
                parts.append(value)
                checkpoint = resume = close + 1
        # Any other follower (or an unterminated "$(") stays in the input as written.
        cursor = text.find("$", resume)
    parts.append(text[checkpoint:])
    return "".join(parts), tuple(resolved), tuple(literal)


def _next_close(text: str, start: int) -> int:
    # Remembering "no ')' from here on" keeps inputs like "$($($(" linear.
    found = text.find(")", start)
    return len(text) if found < 0 else found


def _substitute(
    name: str, lookup: Lookup, resolved: dict[str, None], literal: dict[str, None]
) -> str:
    value = lookup(name)
    if value is None:
        literal[name] = None
        return f"$({name})"  # syntaxWrap
    resolved[name] = None
    return value


def mapping_for(*maps: Mapping[str, str] | Lookup) -> Lookup:
    """A lookup over ``maps`` (mappings, or lookups themselves): the first map that
    has the name wins.

    Authority: kubernetes ``expand.go :: MappingFuncFor``: maps are tried in
    order and a name present with the value ``""`` counts as set; when no map
    has the name Go returns ``syntaxWrap(name)``, here None, and
    ``expand_kubernetes_vars`` keeps ``$(name)``.
    """

    getters = [m if callable(m) else m.get for m in maps]

    def lookup(name: str) -> str | None:
        for get in getters:
            value = get(name)
            if value is not None:
                return value
        return None

    return lookup
