"""The Dockerfile shell lexer's fast paths give what one character at a time gives."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from cmdresolve import shell_lexer
from cmdresolve.shell_lexer import Options, process_word, process_words


def test_wide_space_class_is_go_unicode_space_past_latin1() -> None:
    pattern = re.compile(f"[{shell_lexer._WIDE_SPACE}]")
    past_latin1 = [chr(c) for c in range(0x100, sys.maxunicode + 1)]
    assert [ch for ch in past_latin1 if pattern.fullmatch(ch)] == [
        ch for ch in past_latin1 if ch.isspace()
    ]


def _slow_words(text: str) -> list[str]:
    """What ``_Words.char`` makes of ``text`` fed one character at a time."""
    words = shell_lexer._Words()
    for ch in text:
        words.char(ch)
    return words.done()


@given(st.text(st.sampled_from(["a", "b", " ", "\t", "\u2003", "\x85", "\xa0", "\x1c", "é"])))
def test_expanded_splits_as_char_by_char(text: str) -> None:
    words = shell_lexer._Words()
    words.expanded(text)
    assert words.done() == _slow_words(text)


_PIECES = st.sampled_from(
    ["a", " ", "$A", "${A}", "${A:-x y}", "'q r'", '"d $A e"', "\\ ", "\\$", "<<", "<< x", "`", "é"]
)


@given(st.lists(_PIECES, max_size=12).map("".join), st.sampled_from(["\\", "`"]))
def test_long_plain_runs_change_nothing(text: str, escape: str) -> None:
    """Padding the plain parts of a word gives the padded result: runs are taken whole."""
    env = {"A": "1 2"}
    opts = Options(escape=escape)
    try:
        words = process_words(text, env, opts)
        word = process_word(text, env, escape)
    except shell_lexer.SubstitutionError:
        return
    padded = text.replace("a", "a" * 5000)
    assert process_words(padded, env, opts) == [w.replace("a", "a" * 5000) for w in words]
    assert process_word(padded, env, escape) == word.replace("a", "a" * 5000)
