"""Go's notion of white space, which BuildKit's parser uses throughout."""

from __future__ import annotations

import unicodedata

_GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0")
# Every character Go's unicode.IsSpace accepts: Latin-1 spaces plus every Zs/Zl/Zp one.
_SPACES = "\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)
GO_SPACES = _SPACES
GO_SPACE = frozenset(_SPACES)
"""Go's white space as a set of characters."""


def is_go_space(ch: str) -> bool:
    """Go's ``unicode.IsSpace``: Latin-1 spaces plus the Unicode Z categories."""
    if ch in _GO_SPACE:
        return True
    return ord(ch) > 0xFF and unicodedata.category(ch) in ("Zs", "Zl", "Zp")


def lstrip_go(text: str) -> str:
    """``strings.TrimLeftFunc(text, unicode.IsSpace)``: ``str.lstrip`` with Go's set."""
    return text.lstrip(_SPACES)


def strip_go(text: str) -> str:
    """``strings.TrimSpace``: ``str.strip`` with Go's set (linear, where a regular
    expression for the trailing run backtracks over every space)."""
    return text.strip(_SPACES)
