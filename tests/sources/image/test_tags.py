"""Tag patterns match exactly as fnmatch.fnmatchcase matches them."""

from __future__ import annotations

from fnmatch import fnmatchcase

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmdresolve.sources.image.tags import tag_matches

PATTERN = st.text(alphabet="ab.1-*?[]!", max_size=10)
TAG = st.text(alphabet="ab.1-[]!", max_size=10)


@settings(max_examples=3000)
@given(tag=TAG, pattern=PATTERN)
def test_same_as_fnmatch(tag: str, pattern: str) -> None:
    assert tag_matches(tag, pattern) == fnmatchcase(tag, pattern)


@pytest.mark.parametrize(
    ("tag", "pattern", "matches"),
    [
        ("3.12-alpine", "3.1[12]-alpine", True),
        ("3.13-alpine", "3.1[12]-alpine", False),
        ("1.25.3", "1.2[0-9].*", True),
        ("17-jre-jammy", "*-jre-*", True),
        ("latest", "*", True),
        ("x", "[!x]", False),
        ("[", "[", True),
        ("a" * 30 + "b", "*a*a*a*a*a*c", False),
    ],
)
def test_catalog_patterns(tag: str, pattern: str, matches: bool) -> None:
    assert tag_matches(tag, pattern) is matches
