"""Go's notion of white space, which BuildKit's parser uses throughout."""

from __future__ import annotations

import re
import unicodedata

_GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0")
# The same set as a regex class: Latin-1 spaces plus every Zs/Zl/Zp character.
_SPACE_CLASS = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_STARTS = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)


def is_go_space(ch: str) -> bool:
    """Go's ``unicode.IsSpace``: Latin-1 spaces plus the Unicode Z categories."""
    if ch in _GO_SPACE:
        return True
    return ord(ch) > 0xFF and unicodedata.category(ch) in ("Zs", "Zl", "Zp")


_LEADING = re.compile("^[" + _SPACE_CLASS + "]+")
_TRAILING = re.compile("[" + _SPACE_CLASS + "]+\\Z")


def lstrip_go(text: str) -> str:
    return _LEADING.sub("", text, count=1) if text[:1] in _STARTS else text


def strip_go(text: str) -> str:
    return _TRAILING.sub("", lstrip_go(text), count=1)
