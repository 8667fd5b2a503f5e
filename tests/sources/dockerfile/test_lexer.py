"""Physical lines to logical lines: parser directives, continuations."""

from __future__ import annotations

import re

import pytest

from cmdresolve.model import InputError
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


def test_continuation_of_50_000_lines_is_one_instruction() -> None:
    text = "FROM a\nRUN a \\\n" + "  b \\  \t\n" * 50_000 + "c\n# escape=`\n"
    run = parse_dockerfile(text, "Dockerfile").stages[0].instructions[0]
    assert (run.span.end_line, run.command.script) == (50_003, "a " + "  b " * 50_000 + "c")


def test_line_of_multibyte_characters_over_64_kib_is_refused() -> None:
    # Counted in UTF-8 bytes: 16,384 characters of 4 bytes are one byte over the limit.
    with pytest.raises(InputError, match="greater than max allowed size of 65535"):
        parse_dockerfile("FROM a\nRUN " + "\U0001f600" * 16_383 + "\n", "Dockerfile")
    assert parse_dockerfile("FROM a\nRUN " + "\U0001f600" * 16_382 + "\n", "Dockerfile")
