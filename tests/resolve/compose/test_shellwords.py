"""go-shellwords v1.0.12 ``Parse`` as Compose calls it (docs/semantics.md §5.1, §7.12)."""

from __future__ import annotations

import pytest

from cmdresolve.resolve.compose.shellwords import (
    ShellWordsError,
    dropped_text,
    split_compose_words,
)

BT = "`"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("bundle exec thin -p 3000", ["bundle", "exec", "thin", "-p", "3000"]),  # TestCommandString
        ("", []),
        ('""', [""]),
        ("''", [""]),
        ("var --bar=baz", ["var", "--bar=baz"]),
        ('var --bar="baz"', ["var", "--bar=baz"]),
        ('var "--bar=baz"', ["var", "--bar=baz"]),
        ("var \"--bar='baz'\"", ["var", "--bar='baz'"]),
        (f"var --bar={BT}baz{BT}", ["var", f"--bar={BT}baz{BT}"]),
        ('var "--bar=\\"baz\'"', ["var", "--bar=\"baz'"]),
        ("var \"--bar=\\'baz\\'\"", ["var", "--bar='baz'"]),
        ("var --bar='\\'", ["var", "--bar=\\"]),
        ('var "--bar baz"', ["var", "--bar baz"]),
        ('var --"bar baz"', ["var", "--bar baz"]),
        ('a " b "', ["a", " b "]),
        ('a "   "', ["a", "   "]),
        ("foo bar\\  ", ["foo", "bar "]),
        ("foo \"\" bar ''", ["foo", "", "bar", ""]),
        ("foo \\\\", ["foo", "\\"]),
        ("foo \\& bar", ["foo", "&", "bar"]),
        ("echo 🍺; seq 1 10", ["echo", "🍺"]),  # TestHaveMore
        ("ls -la 2>foo", ["ls", "-la"]),  # TestHaveRedirect
        ("/argv a;b c", ["/argv", "a"]),  # measured, §5.5
        (
            "python manage.py migrate && python manage.py runserver",
            ["python", "manage.py", "migrate"],
        ),
        ('echo "a\\tb"', ["echo", "atb"]),  # v1.0.12: an escaped t is a t (measured)
        ("a\tb\nc", ["a", "b", "c"]),  # a real TAB or newline separates
        ("echo $(date +%s) x", ["echo", "$(date +%s)", "x"]),
        ("echo $$HOME", ["echo", "$$HOME"]),
    ],
)
def test_words(text: str, words: list[str]) -> None:
    assert list(split_compose_words(text).words) == words


@pytest.mark.parametrize("text", ["foo '", 'foo "', f"foo {BT}", "a (b", "a)", "a \\"])
def test_error(text: str) -> None:
    with pytest.raises(ShellWordsError):
        split_compose_words(text)


def test_the_cut_says_what_is_dropped() -> None:
    text = "python manage.py migrate && python manage.py runserver"
    words = split_compose_words(text)
    assert dropped_text(text, words) == "&& python manage.py runserver"
    assert dropped_text("ls 2>x", split_compose_words("ls 2>x")) == "2>x"
    assert dropped_text("a b", split_compose_words("a b")) == ""


def test_each_word_knows_its_characters() -> None:
    words = split_compose_words('a "b c"d')
    assert words.chars == ((0,), (3, 4, 5, 7))
