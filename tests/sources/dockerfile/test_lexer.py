"""Physical lines to logical lines: parser directives, continuations."""

from __future__ import annotations

import re

from cmdresolve.sources.dockerfile import parse_dockerfile
from cmdresolve.sources.dockerfile.lexer import match_directive

# BuildKit's directive expression, as a backtracking engine runs it (quadratic on a
# long run of trailing white space): match_directive must give the same answers.
_BACKTRACKING = re.compile(r"([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*\Z")
_PIECES = ("", "a", "escape", "=", " ", "\t", "\n", "\r", "\f", "\v", "`", "x y", "\u3000", "#")


def _cases() -> list[str]:
    out = []
    for a in _PIECES:
        for b in _PIECES:
            for c in _PIECES:
                out.append(f"key{a}={b}{c}")
                out.append(f"{a}{b}={c}")
    return out


def test_match_directive_agrees_with_the_expression() -> None:
    expected = {t: (m.groups() if (m := _BACKTRACKING.match(t)) else None) for t in _cases()}
    assert {t: match_directive(t) for t in expected} == expected


def test_match_directive_long_white_space_before_the_last_letter() -> None:
    # The input that took the lazy expression 13 s; the value keeps its inner spaces.
    text = "foo=x" + " " * 65_000 + "a" + " " * 65_000
    assert match_directive(text) == ("foo", "x" + " " * 65_000 + "a")


def test_directive_like_first_line_with_long_white_space_is_a_comment() -> None:
    text = "# foo=x" + " " * 65_000 + "a\n# escape=`\nFROM a\nRUN a \\\nb\n"
    run = parse_dockerfile(text, "Dockerfile").stages[0].instructions[0]
    assert run.span.end_line == 5  # \ still escapes: the unknown directive ended the block


def test_escape_directive_with_long_white_space_around_its_value() -> None:
    text = "#" + " " * 20_000 + "escape" + " " * 20_000 + "=`" + " " * 20_000 + "\nFROM a\n"
    text += "RUN a `\nb\n"
    run = parse_dockerfile(text, "Dockerfile").stages[0].instructions[0]
    assert run.span.end_line == 4
