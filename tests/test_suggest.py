"""The "did you mean" of usage errors."""

from __future__ import annotations

import pytest

from cmdresolve.checks import RULES
from cmdresolve.suggest import nearest, nearest_rule


@pytest.mark.parametrize(
    ("word", "names", "want"),
    [
        ("fronted", ["frontend", "backend", "db"], "frontend"),
        ("zzz", ["frontend", "backend"], None),
        ("web", [], None),
        ("ab", ["ab1", "ab2", "ab1"], "ab2"),  # a tie goes to the later name, every time
    ],
)
def test_nearest(word: str, names: list[str], want: str | None) -> None:
    assert nearest(word, names) == want
    assert nearest(word, reversed(names)) == want  # whatever order the names come in


@pytest.mark.parametrize(
    ("written", "want"),
    [
        ("CR1O1", "CR101"),
        ("cr2o5", "CR205"),
        ("CR99", "CR9"),
        ("CR9999", "CR9"),
        ("shell-form-entrypoint", "CR102"),
        ("program-is-flag", "CR205"),
        ("XYZ", None),
    ],
)
def test_nearest_rule(written: str, want: str | None) -> None:
    assert nearest_rule(written, RULES) == want
