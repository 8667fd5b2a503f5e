"""Where each CMD/ENTRYPOINT token is written: physical line and column, exactly.

Exec-form elements point at their opening ``"``, a shell-form script at its first
character; columns count characters from 1, like every other span. What cannot
be mapped exactly keeps the instruction's span.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from strategies import GeneratedDockerfile, dockerfiles

from cmdresolve.api import resolve
from cmdresolve.cli import main
from cmdresolve.model import ExecForm, InputError, ShellForm, Span
from cmdresolve.model.dockerfile import Instruction
from cmdresolve.sources.dockerfile import parse_dockerfile
from cmdresolve.sources.dockerfile.lexer import LogicalLine, logical_lines
from cmdresolve.sources.dockerfile.parser import parse_instruction
from cmdresolve.sources.dockerfile.positions import json_element_offsets

F = "Dockerfile"


def commands(text: str) -> list[Instruction]:
    return [
        i for i in parse_dockerfile(text, F).instructions() if i.keyword in ("CMD", "ENTRYPOINT")
    ]


def spans(text: str) -> list[tuple[int | None, int | None, int | None]]:
    (ins,) = commands(text)
    assert ins.token_spans is not None
    return [(s.line, s.col, s.end_line) for s in ins.token_spans]


# Exec form -------------------------------------------------------------------------------


def test_single_line_exec_form() -> None:
    text = 'FROM scratch\nCMD ["echo", "$HOME"]\n'
    assert spans(text) == [(2, 6, 2), (2, 14, 2)]
    (ins,) = commands(text)
    assert ins.span == Span(F, 2, 1, 2)  # the instruction's own span is unchanged


def test_leading_whitespace_and_tabs_between_elements() -> None:
    assert spans('FROM scratch\n   ENTRYPOINT\t[ "a",\t"b" ]  \n') == [(2, 17, 2), (2, 22, 2)]


def test_multi_line_exec_form_with_comment_and_empty_line_inside() -> None:
    text = (
        "FROM scratch\n"  # 1
        'ENTRYPOINT ["/bin/app", \\\n'  # 2
        "# a comment BuildKit drops\n"  # 3
        "\n"  # 4: an empty continuation line, also dropped
        '    "--port",  \\\n'  # 5
        '  "80"]\n'  # 6
        'CMD ["x"]\n'  # 7
    )
    assert spans(text.replace('CMD ["x"]\n', "")) == [(2, 13, 2), (5, 5, 5), (6, 3, 6)]
    cmd = commands(text)[1]
    assert cmd.token_spans == (Span(F, 7, 6, 7),)


def test_element_continued_over_two_lines_ends_on_the_second() -> None:
    text = 'FROM scratch\nCMD ["echo \\\nhello", "x"]\n'
    (ins,) = commands(text)
    assert ins.command == ExecForm(("echo hello", "x"))
    assert spans(text) == [(2, 6, 3), (3, 9, 3)]


def test_backtick_escape_directive() -> None:
    text = '# escape=`\nFROM scratch\nCMD ["C:\\\\app.exe", `\n   "-v"]\n'
    (ins,) = commands(text)
    assert ins.command == ExecForm(("C:\\app.exe", "-v"))
    assert spans(text) == [(3, 6, 3), (4, 4, 4)]


def test_crlf_line_endings() -> None:
    text = 'FROM scratch\r\nCMD ["a", \\\r\n  "b"]\r\nENTRYPOINT ["e"]\r\n'
    cmd, entrypoint = commands(text)
    assert cmd.token_spans == (Span(F, 2, 6, 2), Span(F, 3, 3, 3))
    assert entrypoint.token_spans == (Span(F, 4, 13, 4),)


def test_columns_count_characters_not_bytes() -> None:
    # "é" and "♥" are two and three bytes in UTF-8, one column each.
    assert spans('FROM scratch\nCMD ["é♥", "$HOME"]\n') == [(2, 6, 2), (2, 12, 2)]
    assert spans('FROM scratch\n\u3000CMD ["a"]\n') == [(2, 7, 2)]  # a Go space before CMD


def test_byte_order_mark_is_not_a_column() -> None:
    assert spans('\ufeffFROM scratch\nCMD ["a"]\n') == [(2, 6, 2)]


def test_bare_double_dash_before_the_array() -> None:
    # BK split_command.go :: extractBuilderFlags: a bare ``--`` ends the flags.
    (ins,) = commands('FROM scratch\nCMD -- ["a"]\n')
    assert ins.command == ExecForm(("a",))
    assert ins.token_spans == (Span(F, 2, 9, 2),)


def test_empty_exec_form_has_no_tokens() -> None:
    (ins,) = commands("FROM scratch\nCMD []\n")
    assert ins.token_spans == ()


# Shell form ------------------------------------------------------------------------------


def test_shell_form_script_column() -> None:
    text = "FROM scratch\nCMD   echo hi && ls\n"
    (ins,) = commands(text)
    assert ins.command == ShellForm("echo hi && ls")
    assert spans(text) == [(2, 7, 2)]


def test_shell_form_script_starting_on_a_continuation_line() -> None:
    assert spans("FROM scratch\nCMD \\\n  echo \\\n  hi\n") == [(3, 3, 4)]


def test_broken_json_is_a_script_at_its_bracket() -> None:
    assert spans("FROM scratch\nCMD ['a', 'b']\n") == [(2, 5, 2)]


def test_shell_wrapper_tokens_keep_their_spans(tmp_path: Path) -> None:
    path = tmp_path / F
    path.write_text('FROM scratch\nSHELL ["/bin/bash", "-c"]\nCMD  run.sh\nFROM scratch\nCMD x\n')
    (result,) = resolve([str(path)])
    assert [(a.value, a.span) for a in result.argv or ()] == [
        ("/bin/sh", None),
        ("-c", None),
        ("x", Span(str(path), 5, 5, 5)),
    ]
    path.write_text('FROM scratch\nSHELL ["/bin/bash", "-c"]\nCMD  run.sh\n')
    (result,) = resolve([str(path)])
    shell = Span(str(path), 2, 1, 2)
    assert [(a.value, a.span) for a in result.argv or ()] == [
        ("/bin/bash", shell),
        ("-c", shell),
        ("run.sh", Span(str(path), 3, 6, 3)),
    ]


# What cannot be mapped keeps the instruction's span --------------------------------------


def test_heredoc_line_is_not_mapped_and_later_lines_stay_exact() -> None:
    text = 'FROM scratch\nRUN <<EOF\necho "a"\nEOF\nCMD ["a"]\n'
    lines, _, _, heredocs = logical_lines(text, F)
    assert heredocs == {1: 1}
    assert lines[1].pieces == ()  # the RUN: no mapping, its tokens keep its span
    assert lines[2].pieces == ((0, 5, 1),)
    assert spans(text) == [(5, 6, 5)]


def test_a_line_without_mapping_keeps_the_instruction_span() -> None:
    ins = parse_instruction(LogicalLine('CMD ["a"]', 2, 1, 2), F, "\\")
    assert ins.command == ExecForm(("a",)) and ins.token_spans is None


def test_onbuild_trigger_tokens_keep_the_instruction_span(tmp_path: Path) -> None:
    path = tmp_path / F
    path.write_text('FROM scratch AS base\nONBUILD CMD ["a"]\nFROM base\n')
    (result,) = resolve([str(path)])
    assert [(a.value, a.span) for a in result.argv or ()] == [("a", Span(str(path), 3, 1, 3))]


def test_errors_keep_the_instruction_span() -> None:
    try:
        parse_dockerfile('FROM scratch\nCMD ["a", 1]\n', F)
    except InputError as exc:
        assert exc.span == Span(F, 2, 1, 2)
    else:
        raise AssertionError("a number in an exec-form array is an error")


# Through the resolver and the CLI --------------------------------------------------------


def test_resolved_args_carry_token_spans(tmp_path: Path) -> None:
    path = tmp_path / F
    path.write_text('FROM scratch\nENTRYPOINT ["/app", \\\n  "--serve"]\nCMD ["--port", "80"]\n')
    (result,) = resolve([str(path)])
    assert [(a.value, a.span) for a in result.argv or ()] == [
        ("/app", Span(str(path), 2, 13, 2)),
        ("--serve", Span(str(path), 3, 3, 3)),
        ("--port", Span(str(path), 4, 6, 4)),
        ("80", Span(str(path), 4, 16, 4)),
    ]


def test_cli_json_finding_points_at_the_token(tmp_path: Path, capsys) -> None:
    path = tmp_path / F
    path.write_text('FROM alpine\nCMD ["echo", "$HOME"]\n')
    main([str(path), "-o", "json"])
    (result,) = json.loads(capsys.readouterr().out)["results"]
    (finding,) = [f for f in result["findings"] if f["code"] == "CR301"]
    assert (finding["line"], finding["column"]) == (2, 14)


# The offsets themselves, and a property over generated Dockerfiles -----------------------


def test_json_element_offsets() -> None:
    assert json_element_offsets('[ "a" ,"b\\"c",\n"d"]') == [(2, 4), (7, 12), (15, 17)]
    assert json_element_offsets("[]") == []
    assert json_element_offsets("[ ]") == []
    assert json_element_offsets("not json") is None


def _decode(value: str) -> str:
    """As ``forms._go_string``: Go decodes a lone surrogate escape to U+FFFD."""
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dockerfiles())
def test_every_token_span_points_at_its_token(case: GeneratedDockerfile) -> None:
    try:
        parsed = commands(case.text)
    except InputError:
        return
    text = case.text[1:] if case.text.startswith("\ufeff") else case.text
    physical = text.split("\n")
    for ins in parsed:
        if ins.token_spans is None:
            continue
        assert ins.span.line is not None and ins.span.end_line is not None
        for i, span in enumerate(ins.token_spans):
            assert span.line is not None and span.col is not None and span.end_line is not None
            assert ins.span.line <= span.line <= span.end_line <= ins.span.end_line
            line = physical[span.line - 1]
            if isinstance(ins.command, ShellForm):
                assert line[span.col - 1] == ins.command.script[0]
                continue
            assert isinstance(ins.command, ExecForm)
            assert line[span.col - 1] == '"'
            if span.end_line == span.line:
                value, _ = json.JSONDecoder().raw_decode(line, span.col - 1)
                assert _decode(value) == ins.command.argv[i]
