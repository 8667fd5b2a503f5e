"""Go's notion of white space, which BuildKit's parser uses throughout."""

from __future__ import annotations

import unicodedata

_GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0")


def is_go_space(ch: str) -> bool:
    """Go's ``unicode.IsSpace``: Latin-1 spaces plus the Unicode Z categories."""
    if ch in _GO_SPACE:
        return True
    return ord(ch) > 0xFF and unicodedata.category(ch) in ("Zs", "Zl", "Zp")


def lstrip_go(text: str) -> str:
    i = 0
    while i < len(text) and is_go_space(text[i]):
        i += 1
    return text[i:]


def strip_go(text: str) -> str:
    text = lstrip_go(text)
    j = len(text)
    while j > 0 and is_go_space(text[j - 1]):
        j -= 1
    return text[:j]
