"""Dockerfile reading: logical lines, spans, forms, and every error message in full."""

from __future__ import annotations

import pytest

from cmdresolve.model import ExecForm, InputError, ShellForm, Span
from cmdresolve.sources.dockerfile import parse_dockerfile


def only(text: str):
    return [i for i in parse_dockerfile(text, "Dockerfile").instructions() if i.keyword != "FROM"]


def test_spans_of_continued_instruction() -> None:
    ins = only("FROM scratch\n\n  CMD echo a \\\n    b \\\n\n    c\n")[0]
    assert ins.span == Span("Dockerfile", 3, 3, 6)
    assert ins.command == ShellForm("echo a     b     c")


def test_empty_continuation_line_warns() -> None:
    df = parse_dockerfile("FROM scratch\nCMD a \\\n\nb\n")
    assert df.warnings == (("Empty continuation line found in: CMD a b", Span("Dockerfile", 4)),)


def test_heredoc_span_covers_body() -> None:
    ins = only('FROM scratch\nRUN <<-EOT\n\tCMD x\n\tEOT\nCMD ["y"]\n')
    assert [(i.keyword, i.span.line, i.span.end_line) for i in ins] == [
        ("RUN", 2, 4),
        ("CMD", 5, 5),
    ]


def test_heredoc_with_quoted_delimiter_and_fd() -> None:
    ins = only('FROM scratch\nCOPY <<\'EOF\' 2<<"END" /x\na\nEOF\nb\nEND\nCMD ["z"]\n')
    assert [i.keyword for i in ins] == ["COPY", "CMD"]


def test_json_run_opens_no_heredoc() -> None:
    ins = only('FROM scratch\nRUN ["cat", "<<EOF"]\nCMD ["z"]\n')
    assert [i.keyword for i in ins] == ["RUN", "CMD"]


def test_escape_directive_after_comment_is_ignored() -> None:
    ins = only("# hello\n# escape=`\nFROM scratch\nCMD a `\nCMD b\n")
    assert [i.command for i in ins] == [ShellForm("a `"), ShellForm("b")]


def test_directive_key_is_case_insensitive() -> None:
    ins = only("#  ESCAPE = `\nFROM scratch\nCMD a `\n b\n")
    assert [i.command for i in ins] == [ShellForm("a  b")]


def test_trailing_backslash_escaped_is_not_continuation() -> None:
    ins = only("FROM scratch\nENV C trailing\\\\backslash\\\\\nCMD x\n")
    assert ins[0].pairs == (("C", "trailing\\\\backslash\\\\"),)


def test_exec_form_unicode_and_escapes() -> None:
    ins = only('FROM scratch\nCMD ["abc 123", "♥", "\\" \\\\ \\/ \\n \\u00e9"]\n')
    assert ins[0].command == ExecForm(("abc 123", "♥", '" \\ / \n é'))


def test_flags_kept_on_from() -> None:
    df = parse_dockerfile("FROM --platform=linux/arm64 alpine AS Build\n")
    assert (df.stages[0].platform, df.stages[0].name, df.stages[0].base) == (
        "linux/arm64",
        "build",
        "alpine",
    )


def test_onbuild_trigger_parsed() -> None:
    ins = only('FROM scratch\nonbuild   cmd ["x"]\n')[0]
    assert (ins.text, ins.trigger.command) == ('cmd ["x"]', ExecForm(("x",)))


def test_env_forms() -> None:
    ins = only('FROM scratch\nENV A B C\nENV D="e f" G=h\\ i\n')
    assert [i.pairs for i in ins] == [(("A", "B C"),), (("D", '"e f"'), ("G", "h\\ i"))]


def _error(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse_dockerfile(text, "Dockerfile")
    return str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Dockerfile:1: file with no instructions"),
        ("# only\n# comments\n", "Dockerfile:2: file with no instructions"),
        (
            'FROM scratch\nCMD ["sleep", 10]\n',
            "Dockerfile:2:1: when using JSON array syntax, arrays must be comprised of strings only",
        ),
        (
            'FROM scratch\nCMD [ "echo", [ "nested json" ] ]\n',
            "Dockerfile:2:1: when using JSON array syntax, arrays must be comprised of strings only",
        ),
        ('FROM scratch\nCMD --doit ["a"]\n', "Dockerfile:2:1: unknown flag: --doit"),
        ('FROM scratch\nENTRYPOINT --x=1 -- ["a"]\n', "Dockerfile:2:1: unknown flag: --x"),
        (
            'FROM scratch\nFNTRYPOINT ["a"]\n',
            "Dockerfile:2:1: unknown instruction: FNTRYPOINT (did you mean ENTRYPOINT?)",
        ),
        (
            "FROM scratch\nfoo bar\n",
            "Dockerfile:2:1: unknown instruction: foo (did you mean from?)",
        ),
        ("FROM scratch\nXYZZY 1\n", "Dockerfile:2:1: unknown instruction: XYZZY"),
        (
            "FROM scratch\nsHeLl exec -form\n",
            "Dockerfile:2:1: SHELL requires the arguments to be in JSON form",
        ),
        ("FROM scratch\nSHELL []\n", "Dockerfile:2:1: SHELL requires at least one argument"),
        ("FROM scratch\nONBUILD\n", "Dockerfile:2:1: ONBUILD requires at least one argument"),
        (
            "FROM scratch\nONBUILD ONBUILD RUN x\n",
            "Dockerfile:2:1: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
        ),
        (
            "FROM scratch\nONBUILD from scratch\n",
            "Dockerfile:2:1: FROM isn't allowed as an ONBUILD trigger",
        ),
        ('CMD ["a"]\n', "Dockerfile:1:1: no build stage in current context"),
        ("FROM a b\n", "Dockerfile:1:1: FROM requires either one or three arguments"),
        (
            "FROM a AS 1x\n",
            'Dockerfile:1:1: invalid name for build stage: "1x", name can\'t start with a number or contain symbols',
        ),
        ("FROM scratch\nENV PATH\n", "Dockerfile:2:1: ENV must have two arguments"),
        (
            "FROM scratch\nENV A=1 B\n",
            'Dockerfile:2:1: Syntax error - can\'t find = in "B". Must be of the form: name=value',
        ),
        ("FROM scratch\nWORKDIR\n", "Dockerfile:2:1: WORKDIR requires exactly one argument"),
        (
            "# escape=x\nFROM scratch\n",
            "Dockerfile:1: invalid escape token 'x' does not match ` or \\",
        ),
        (
            "# escape=`\n# escape=\\\nFROM scratch\n",
            "Dockerfile:2: only one escape parser directive can be used",
        ),
        ("FROM scratch\nRUN <<EOF\necho\n", "Dockerfile:2:1: unterminated heredoc"),
        (
            "FROM scratch\nCMD " + "x" * 65536 + "\n",
            "Dockerfile:2: dockerfile line greater than max allowed size of 65535",
        ),
    ],
)
def test_error_messages(text: str, message: str) -> None:
    assert _error(text) == message


def test_error_span_of_multiline_instruction() -> None:
    with pytest.raises(InputError) as info:
        parse_dockerfile('FROM scratch\nCMD ["a", \\\n  1]\n', "Dockerfile")
    assert info.value.span == Span("Dockerfile", 2, 1, 3)


def test_no_suggestion_is_sought_for_a_word_far_longer_than_any_instruction() -> None:
    """Levenshtein against each instruction cost seconds for a 64 KB word; a length
    difference of 3 or more already rules a suggestion out."""
    word = "\\" * 60_000 + "x"
    with pytest.raises(InputError) as info:
        parse_dockerfile(word + "\nFROM scratch\n", "Dockerfile")
    assert info.value.template == "unknown instruction: {written}"


@pytest.mark.parametrize(("word", "best"), [("FRM", "FROM"), ("cmdd", "cmd"), ("ENTRYPOIN", "ENTRYPOINT")])
def test_suggestions_still_found(word: str, best: str) -> None:
    with pytest.raises(InputError) as info:
        parse_dockerfile(f"{word} x\n", "Dockerfile")
    assert info.value.params["best"] == best


def test_garbage_collector_state_is_restored() -> None:
    import gc

    assert gc.isenabled()
    parse_dockerfile("FROM scratch\nCMD a\n", "Dockerfile")
    assert gc.isenabled()
    with pytest.raises(InputError):
        parse_dockerfile("FROM scratch\nNOPE a\n", "Dockerfile")
    assert gc.isenabled()
    gc.disable()
    try:
        parse_dockerfile("FROM scratch\nCMD a\n", "Dockerfile")
        assert not gc.isenabled()  # paused by the caller: left paused
    finally:
        gc.enable()


def test_line_error_after_an_instruction_error_comes_first() -> None:
    # BuildKit splits the whole file into lines (parser.Parse) before it reads any
    # instruction (instructions.Parse): the line error is the one it reports.
    text = "FROM scratch\nNOPE a\nRUN " + "a" * 70_000 + "\n"
    with pytest.raises(InputError) as caught:
        parse_dockerfile(text, "Dockerfile")
    assert str(caught.value) == (
        "Dockerfile:3: dockerfile line greater than max allowed size of 65535"
    )


def test_first_instruction_error_is_reported_after_all_lines() -> None:
    text = "FROM scratch\nNOPE a\nCMD [1]\nFROM\n"
    with pytest.raises(InputError) as caught:
        parse_dockerfile(text, "Dockerfile")
    assert str(caught.value) == "Dockerfile:2:1: unknown instruction: NOPE (did you mean COPY?)"


def test_stage_instructions_are_read_again_with_the_same_places() -> None:
    text = (
        "# escape=`\nARG A=1\nFROM a AS one\n# c\nENV X=1 `\n  Y=2\n\nRUN <<EOF\nbody\nEOF\n"
        'FROM one\nCMD ["b"]'
    )
    df = parse_dockerfile(text, "Dockerfile")
    first, second = df.stages
    assert [(i.keyword, i.span.line, i.span.end_line) for i in first.instructions] == [
        ("ENV", 5, 6), ("RUN", 8, 10)
    ]
    assert [(i.keyword, i.span, i.token_spans) for i in second.instructions] == [
        ("CMD", Span("Dockerfile", 12, 1, 12), (Span("Dockerfile", 12, 6, 12),))
    ]
    assert len(first.instructions) == 2 and first.instructions[-1].keyword == "RUN"
    assert first.instructions == tuple(first.instructions)  # and hashes like it
    assert hash(first.instructions) == hash(tuple(first.instructions))
    assert first.instructions.text_size == len("X=1   Y=2") + len("<<EOF")
    assert df.text_size() == len("A=1") + len("a AS one") + 14 + len("one") + len('["b"]')
    # The last stage keeps its few instructions; read again, they are the same.
    assert first.instructions.kept is None and second.instructions.kept is not None
    assert tuple(second.instructions.read()) == second.instructions.kept


def test_last_stage_of_many_instructions_is_read_again() -> None:
    from cmdresolve.sources.dockerfile import parser

    text = "FROM a\n" + "ENV A=$A$A\n" * (parser._KEEP + 1)
    (stage,) = parse_dockerfile(text, "Dockerfile").stages
    assert stage.instructions.kept is None and len(stage.instructions) == parser._KEEP + 1
    assert stage.instructions[-1].span == Span("Dockerfile", parser._KEEP + 2, 1, parser._KEEP + 2)
    assert stage.instructions[-1].pairs == (("A", "$A$A"),)


def test_instructions_are_not_kept_by_the_dockerfile() -> None:
    import tracemalloc

    text = "FROM scratch\n" + 'ENV A=1 B="two words"\nCMD ["a", "b"]\n' * 20_000
    tracemalloc.start()
    try:
        df = parse_dockerfile(text, "Dockerfile")
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert kept < 1_000_000  # the 40,000 instructions took 25 MB
    assert len(df.stages[0].instructions) == 40_000
