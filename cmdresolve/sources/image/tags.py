"""Tag patterns of the catalogs (``3.1[12]-alpine``, ``*-jre-*``), matched as fnmatch does.

:func:`fnmatch.fnmatchcase` compiles each pattern into a regular expression first, and
a catalog lookup tries a few dozen patterns once per run: that compiling was most of
its cost. This matcher reads the pattern directly, with fnmatch's meaning of ``*``,
``?``, ``[seq]``, ``[!seq]`` and ranges (a ``[`` without its ``]`` is literal), in
time proportional to the tag's length times the pattern's.
"""

from __future__ import annotations

__all__ = ["tag_matches"]

TYPE_CHECKING = False
if TYPE_CHECKING:
    Token = tuple[str, str, bool]  # ("*" | "?" | "=" | "[", characters or ranges, negated)


def _tokens(pattern: str) -> list[Token]:
    out: list[Token] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        i += 1
        if char == "*":
            if not out or out[-1][0] != "*":
                out.append(("*", "", False))
        elif char == "?":
            out.append(("?", "", False))
        elif char == "[":
            j = i
            if j < n and pattern[j] == "!":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 1
            if j >= n:
                out.append(("=", "[", False))
                continue
            negated = pattern[i] == "!"
            body = pattern[i + 1 if negated else i : j]
            out.append(("[", body, negated))
            i = j + 1
        else:
            out.append(("=", char, False))
    return out


def _in_set(char: str, body: str) -> bool:
    k = 0
    while k < len(body):
        if k + 2 < len(body) and body[k + 1] == "-":
            if body[k] <= char <= body[k + 2]:
                return True
            k += 3
        else:
            if body[k] == char:
                return True
            k += 1
    return False


def _one(token: Token, char: str) -> bool:
    kind, body, negated = token
    if kind == "?":
        return True
    if kind == "=":
        return char == body
    return _in_set(char, body) != negated


def tag_matches(tag: str, pattern: str) -> bool:
    """``fnmatch.fnmatchcase(tag, pattern)``, without compiling a regular expression."""
    tokens = _tokens(pattern)
    t = p = 0
    star = -1  # the token after the last ``*``, and where in the tag it began to match
    resume = 0
    while t < len(tag):
        if p < len(tokens) and tokens[p][0] == "*":
            star, resume = p + 1, t
            p += 1
        elif p < len(tokens) and _one(tokens[p], tag[t]):
            t, p = t + 1, p + 1
        elif star >= 0:
            resume += 1
            t, p = resume, star
        else:
            return False
    return all(token[0] == "*" for token in tokens[p:])
