"""The "did you mean" of a usage error: the known name nearest to one that matches none.

Authority: Python ``difflib.get_close_matches`` (``SequenceMatcher.ratio`` of at least
0.6; the best first, a tie to the later name in sorted order), as CR208's program
suggestion uses it (``sources/image/programs.py``).
"""

from __future__ import annotations

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Iterable

    from cmdresolve.checks.rule import Rule


def nearest(word: str, names: Iterable[str]) -> str | None:
    """The name most like ``word``, or None when none is close."""
    import difflib

    found = difflib.get_close_matches(word, sorted(set(names)), n=1)
    return found[0] if found else None


def _nearest_code(word: str, codes: list[str]) -> str | None:
    """:func:`nearest`, a tie going to the code that shares the longest start with
    ``word`` (``CR1O1`` is as like ``CR101`` as ``CR211`` by difflib's ratio)."""
    import difflib

    found = difflib.get_close_matches(word, sorted(set(codes)), n=len(codes) or 1)
    if not found:
        return None
    ratio = difflib.SequenceMatcher(None, word, found[0]).ratio()
    tied = [c for c in found if difflib.SequenceMatcher(None, word, c).ratio() == ratio]
    return max(tied, key=lambda c: (_shared_start(word, c), c))


def _shared_start(a: str, b: str) -> int:
    count = 0
    while count < min(len(a), len(b)) and a[count] == b[count]:
        count += 1
    return count


def nearest_rule(code: str, rules: Iterable[Rule]) -> str | None:
    """The rule code or family prefix (``CR1``) nearest to ``code``; for a rule's name
    written where its code belongs (``exec-form-not-json``), that rule's code."""
    listed = list(rules)
    codes = [r.code for r in listed] + [r.code[:-2] for r in listed]
    near = _nearest_code(code.upper(), codes)
    if near is not None:
        return near
    by_name = {r.name: r.code for r in listed}
    name = nearest(code.lower(), by_name)
    return None if name is None else by_name[name]
