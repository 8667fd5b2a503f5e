"""Splitting one logical line into words (cmdresolve.sources.dockerfile.forms)."""

from __future__ import annotations

import pytest

from cmdresolve.sources.dockerfile.forms import parse_words


@pytest.mark.parametrize(
    ("rest", "escape", "words"),
    [
        ('a=b "c d" \'e\\ f\' g\\ h', "\\", ["a=b", '"c d"', "'e\\ f'", "g\\ h"]),
        ('a="x\\"y" b', "\\", ['a="x\\"y"', "b"]),
        ('a="x`"y" b', "`", ['a="x`"y"', "b"]),
        ("a\u3000b\xa0c", "\\", ["a", "b", "c"]),
        ('"" \'\' x', "\\", ['""', "''", "x"]),
        ('a"b', "\\", ['a"b']),
        ("a\\", "\\", ["a"]),
    ],
)
def test_parse_words(rest: str, escape: str, words: list[str]) -> None:
    assert parse_words(rest, escape) == words


def test_parse_words_long_runs_come_out_whole() -> None:
    # Runs of ordinary characters are copied whole (they were copied one by one).
    plain, quoted = "v" * 500_000, "q \\\" " * 100_000
    rest = f'A={plain} B="{quoted}" C=\'{quoted}\'\u3000D=\\ {plain}'
    assert parse_words(rest, "\\") == [
        f"A={plain}", f'B="{quoted}"', f"C='{quoted}'", f"D=\\ {plain}"
    ]


@pytest.mark.parametrize("escape", ["\\", "`"])
def test_parse_words_without_quotes_splits_on_go_spaces_only(escape: str) -> None:
    # Without quotes or escapes the words are split at once; a quoted word added at the
    # end makes the character-by-character reading run: both must agree.
    import sys

    from cmdresolve.sources.dockerfile.gotext import is_go_space

    odd = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() or is_go_space(chr(c))]
    for ch in [*odd, "a", "=", "$"]:
        text = f"a{ch}b {ch}c{ch} {ch}"
        assert parse_words(text, escape) == parse_words(text + ' "x"', escape)[:-1], repr(ch)
    assert parse_words("a\x1cb c", escape) == ["a\x1cb", "c"]  # Go: \x1c is no space
