"""Go's white space, as BuildKit's parser trims it."""

from __future__ import annotations

import sys

import pytest

from cmdresolve.sources.dockerfile.gotext import _SPACES, is_go_space, lstrip_go, strip_go


def test_the_set_is_unicode_is_space_everywhere() -> None:
    spaces = set(_SPACES)
    assert [c for c in range(sys.maxunicode + 1) if (chr(c) in spaces) != is_go_space(chr(c))] == []


@pytest.mark.parametrize(
    ("text", "left", "both"),
    [
        ("  a b  ", "a b  ", "a b"),
        ("\u3000\x85a\u2028", "a\u2028", "a"),
        ("\u200ba", "\u200ba", "\u200ba"),  # zero-width space is not white space in Go
        ("", "", ""),
        (" " * 70_000, "", ""),
    ],
)
def test_strip(text: str, left: str, both: str) -> None:
    assert (lstrip_go(text), strip_go(text)) == (left, both)
