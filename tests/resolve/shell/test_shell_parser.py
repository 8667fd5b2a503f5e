"""The sh reader: simple commands, operators, contexts, words and syntax errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmdresolve.model.script import Context, Separator, ShellKind, SyntaxProblem
from cmdresolve.resolve.shell.parser import _RESERVED, MAX_COMMANDS, MAX_DEPTH, MAX_WORDS, parse


def names(text: str, dialect: ShellKind = ShellKind.DASH) -> list[str | None]:
    parsed = parse(text, dialect)
    assert parsed.error is None, parsed.error
    return [c.name for c in parsed.commands]


def afters(text: str) -> list[str]:
    return [c.after.value for c in parse(text).commands]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("echo The app is running! && sleeeep 3600", ["echo", "sleeeep"]),
        ("until nslookup myservice; do echo waiting; sleep 2; done", ["nslookup", "echo", "sleep"]),
        ("a | b || c & d", ["a", "b", "c", "d"]),
        ("if a; then b; elif c; then d; else e; fi", ["a", "b", "c", "d", "e"]),
        ("for i in 1 2 3; do echo $i; done", ["echo"]),
        ("for i\ndo x; done", ["x"]),
        ("case $1 in a|b) x;; (c) y ;; *) ;; esac", ["x", "y"]),
        ("f() { a; b; }; f", ["a", "b", "f"]),
        ("( cd /x && make ) > log 2>&1", ["cd", "make"]),
        ("echo $(date; id -u) `hostname`", ["echo", "date", "id", "hostname"]),
        ('echo "$(printf "%s" "$(whoami)")"', ["echo", "printf", "whoami"]),
        ("FOO=1 BAR=2 app --x", ["app"]),
        ("FOO=1", [None]),
        ("> /tmp/x", [None]),
        ("cat <<EOF\nnot a command\nEOF\nnext", ["cat", "next"]),
        ("cat <<-'E'\n\tnot $(run)\n\tE\nnext", ["cat", "next"]),
        ("a <<A; b <<B\none\nA\ntwo\nB\nc", ["a", "b", "c"]),
        ("echo a\\\nb # comment; not\nc", ["echo", "c"]),
        ("! grep -q x f", ["grep"]),
        ("'sl'\"ee\"p 1", ["sleep"]),
        ("x=$((1 + 2)) y", ["y"]),
        ("echo ${x:-$(fallback)} ${#y}", ["echo", "fallback"]),
        ("{ a; }\n\n# done\n", ["a"]),
        ("while :; do :; done", [":", ":"]),
    ],
)
def test_simple_commands_in_order(text: str, expected: list[str | None]) -> None:
    assert names(text) == expected


def test_operators_follow_each_command() -> None:
    assert afters("a && b || c | d; e & f\ng") == ["&&", "||", "|", ";", "&", "newline", "end"]


def test_contexts_outermost_first() -> None:
    parsed = parse("f() { ( while a; do echo $(b); done ); }")
    by_name = {c.name: c.contexts for c in parsed.commands}
    assert by_name["a"] == (Context.FUNCTION, Context.GROUP, Context.SUBSHELL, Context.LOOP)
    assert by_name["b"][-1] is Context.SUBSTITUTION
    assert parsed.functions == ("f",)


def test_word_values_and_spans() -> None:
    text = "sh -c 'x y' \"$HOME\" a\\ b"
    words = parse(text).commands[0].words
    assert [w.value for w in words] == ["sh", "-c", "x y", None, "a b"]
    assert [text[w.start : w.end] for w in words] == [w.text for w in words]
    assert words[2].start == 6


def test_redirections_and_assignments_are_kept_apart() -> None:
    cmd = parse("A=1 2>/dev/null b c >out").commands[0]
    assert [w.value for w in cmd.assignments] == ["A=1"]
    assert [w.value for w in cmd.words] == ["b", "c"]
    assert cmd.redirected


def test_reserved_words_only_in_command_position() -> None:
    assert names("echo if then fi done") == ["echo"]
    assert [w.value for w in parse("echo if then fi").commands[0].words][1:] == ["if", "then", "fi"]


def test_bash_additions_parse_only_as_bash() -> None:
    text = "[[ -n $x && $y < 3 ]] && cat <<< hi &> /dev/null; a=(1 2); echo $'a\\'b'"
    assert names(text, ShellKind.BASH) == ["[[", "cat", None, "echo"]
    assert parse(text).error is not None


@pytest.mark.parametrize(
    ("text", "problem", "col"),
    [
        ("echo 'unterminated", SyntaxProblem.UNTERMINATED_SINGLE_QUOTE, 6),
        ('echo "x', SyntaxProblem.UNTERMINATED_DOUBLE_QUOTE, 6),
        ("echo `x", SyntaxProblem.UNTERMINATED_BACKQUOTE, 6),
        ("echo $(x", SyntaxProblem.UNTERMINATED_SUBSTITUTION, 6),
        ("echo ${x", SyntaxProblem.UNTERMINATED_SUBSTITUTION, 6),
        ("if a; then b", SyntaxProblem.UNEXPECTED_END, 13),
        ("a && ; b", SyntaxProblem.UNEXPECTED_TOKEN, 6),
        ("a | | b", SyntaxProblem.UNEXPECTED_TOKEN, 5),
        ("fi", SyntaxProblem.UNEXPECTED_TOKEN, 1),
        (")", SyntaxProblem.UNEXPECTED_TOKEN, 1),
        ("{ a }", SyntaxProblem.UNEXPECTED_END, 6),
        ("case x in a) b;; ", SyntaxProblem.UNEXPECTED_END, 18),
    ],
)
def test_syntax_errors_are_findings_not_exceptions(
    text: str, problem: SyntaxProblem, col: int
) -> None:
    error = parse(text).error
    assert error is not None
    assert (error.problem, error.line, error.col) == (problem, 1, col)


def test_error_line_and_column_on_a_later_line() -> None:
    error = parse("a\nb\n  then").error
    assert error is not None and (error.line, error.col, error.token) == (3, 3, "then")


@pytest.mark.parametrize(
    "make",
    [
        lambda d: "(" * d + "a" + ")" * d,
        lambda d: "$(" * d + "a" + ")" * d,
        lambda d: "{ " * d + "a;" + " }" * d,
        lambda d: "if a; then " * d + "b;" + " fi;" * d,
        lambda d: "while a; do " * d + "b;" + " done;" * d,
    ],
)
def test_deep_nesting_is_an_error_not_a_recursion_error(make: object) -> None:
    assert parse(make(MAX_DEPTH - 1)).error is None  # type: ignore[operator]
    for depth in (MAX_DEPTH + 1, 100_000):
        error = parse(make(depth)).error  # type: ignore[operator]
        assert error is not None and error.problem is SyntaxProblem.TOO_DEEP


def test_a_long_script_is_read_whole() -> None:
    # Time on long scripts is measured by benchmarks/growth.py (the sh_* classes).
    line = "echo 'hello world' \"$x and $(date)\" && sleep 1 | wc -l; if a; then b; fi\n"
    parsed = parse(line * 800)
    assert parsed.error is None
    assert len(parsed.commands) == 6 * 800
    assert parsed.commands[-1].name == "b" and parsed.commands[-1].contexts == (Context.IF,)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("'" + "x" * 2_000_000, SyntaxProblem.UNTERMINATED_SINGLE_QUOTE),
        ('"' + "$x" * 500_000, SyntaxProblem.UNTERMINATED_DOUBLE_QUOTE),
        ("${" + "x" * 2_000_000, SyntaxProblem.UNTERMINATED_SUBSTITUTION),
        ("a" * 2_000_000, None),
    ],
)
def test_long_words_and_unterminated_text(text: str, problem: SyntaxProblem | None) -> None:
    parsed = parse(text)
    assert (parsed.error and parsed.error.problem) == problem
    if problem is None:
        assert [len(c.name or "") for c in parsed.commands] == [2_000_000]


@pytest.mark.parametrize(
    ("text", "problem", "bound"),
    [
        ("a;" * (MAX_COMMANDS + 1), SyntaxProblem.TOO_MANY_COMMANDS, MAX_COMMANDS),
        ("a\n" * (MAX_COMMANDS + 5), SyntaxProblem.TOO_MANY_COMMANDS, MAX_COMMANDS),
        ("echo" + " a" * MAX_WORDS, SyntaxProblem.TOO_MANY_WORDS, MAX_WORDS),
        ("X=1 " * (MAX_WORDS + 1), SyntaxProblem.TOO_MANY_WORDS, MAX_WORDS),
    ],
)
def test_reading_stops_at_its_bounds(text: str, problem: SyntaxProblem, bound: int) -> None:
    parsed = parse(text)
    assert parsed.error is not None and parsed.error.problem is problem
    assert parsed.error.is_limit and parsed.error.expected == str(bound)
    kept = sum(len(c.words) + len(c.assignments) for c in parsed.commands)
    assert len(parsed.commands) <= MAX_COMMANDS and kept <= MAX_WORDS


def test_just_inside_the_bounds_is_read() -> None:
    assert parse("a;" * MAX_COMMANDS).error is None
    assert parse("echo" + " a" * (MAX_WORDS - 1)).error is None


def test_a_syntax_error_is_not_a_limit() -> None:
    error = parse("echo 'x").error
    assert error is not None and not error.is_limit


# ---- generated scripts ------------------------------------------------------------

_names = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True).filter(
    lambda w: w not in _RESERVED
)
_args = st.lists(
    st.one_of(
        _names,
        st.text('abc xyz;&|<>()$`"\\\n', min_size=0, max_size=5).map(
            lambda t: "'" + t.replace("'", "") + "'"
        ),
    ),
    max_size=3,
)
_ops = st.sampled_from(["&&", "||", "|", ";", "&", "\n"])


@st.composite
def scripts(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    count = draw(st.integers(1, 8))
    names_, ops, parts = [], [], []
    for i in range(count):
        name = draw(_names)
        names_.append(name)
        parts.append(" ".join([name, *draw(_args)]))
        if i < count - 1:
            op = draw(_ops)
            ops.append(op)
            parts.append(f" {op} " if op != "\n" else "\n")
    return "".join(parts), names_, ops


@given(scripts())
@settings(max_examples=200, deadline=None)
def test_generated_scripts_give_back_their_commands_and_operators(
    case: tuple[str, list[str], list[str]],
) -> None:
    text, expected_names, ops = case
    parsed = parse(text)
    assert parsed.error is None
    assert [c.name for c in parsed.commands] == expected_names
    seps = {"&&": "&&", "||": "||", "|": "|", ";": ";", "&": "&", "\n": "newline"}
    assert [c.after.value for c in parsed.commands] == [seps[o] for o in ops] + [
        Separator.END.value
    ]
    # every word's span gives back its text
    for cmd in parsed.commands:
        for word in cmd.words:
            assert text[word.start : word.end] == word.text


@given(scripts())
@settings(max_examples=100, deadline=None)
def test_round_trip_through_words(case: tuple[str, list[str], list[str]]) -> None:
    """Writing the commands back from their words' texts reads as the same commands."""
    text, _, _ = case
    parsed = parse(text)
    again = " ; ".join(" ".join(w.text for w in c.words) for c in parsed.commands)
    reparsed = parse(again)
    assert reparsed.error is None
    assert [[w.value for w in c.words] for c in reparsed.commands] == [
        [w.value for w in c.words] for c in parsed.commands
    ]


@given(st.text(alphabet="ab ;&|()<>'\"$`\\{}\n#=!", max_size=60))
@settings(max_examples=400, deadline=None)
def test_any_text_parses_or_gives_an_error(text: str) -> None:
    parsed = parse(text)
    if parsed.error is not None:
        assert parsed.error.line >= 1 and parsed.error.col >= 1
        assert 0 <= parsed.error.offset <= len(text)
