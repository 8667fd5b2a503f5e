"""BuildKit build-time rules, one row each (docs/semantics.md §1.4–§1.7, §7.1, §7.4, §7.5, §7.15)."""

from __future__ import annotations

import pytest

from cmdresolve.model import InputError
from cmdresolve.render.phrases import failure_text, step_summary, unknown_reason

SH = ("/bin/sh", "-c")

# (Dockerfile text after a FROM scratch line, expected argv or None, expected error)
ROWS = [
    pytest.param("ENTRYPOINT []\n", None, "no command specified", id="entrypoint-empty"),
    pytest.param("CMD []\n", None, "no command specified", id="cmd-empty"),
    pytest.param('CMD [""]\n', ("",), None, id="cmd-empty-string"),
    pytest.param(
        'ENTRYPOINT [""]\nCMD ["echo","hi"]\n', ("echo", "hi"), None, id="entrypoint-empty-string"
    ),
    pytest.param("CMD\n", (*SH, ""), None, id="bare-cmd"),
    pytest.param("ENTRYPOINT\n", (*SH, ""), None, id="bare-entrypoint"),
    pytest.param(
        "ENTRYPOINT []random string\n", (*SH, "[]random string"), None, id="text-after-empty-array"
    ),
    pytest.param(
        'CMD ["echo","hi"] # comment\n',
        (*SH, '["echo","hi"] # comment'),
        None,
        id="comment-after-array",
    ),
    pytest.param("CMD ['echo','hi']\n", (*SH, "['echo','hi']"), None, id="single-quotes"),
    pytest.param('CMD ["a", "b",]\n', (*SH, '["a", "b",]'), None, id="trailing-comma"),
    pytest.param(
        'CMD ["echo", "close it"\n', (*SH, '["echo", "close it"'), None, id="unterminated-bracket"
    ),
    pytest.param(
        'CMD [ "\\/usr\\\\\\"/bin/znc", "-f", "-r" ]\n',
        ('/usr\\"/bin/znc', "-f", "-r"),
        None,
        id="json-escapes",
    ),
    pytest.param('CMD\t["a",\t"b"]\n', ("a", "b"), None, id="tabs"),
    pytest.param('cmd ["a"]\n', ("a",), None, id="lower-case"),
    pytest.param("CMD -- --ignored\n", (*SH, "--ignored"), None, id="flag-terminator"),
    pytest.param(
        'ENV NAME=w\nCMD ["echo","$NAME"]\n', ("echo", "$NAME"), None, id="exec-no-substitution"
    ),
    pytest.param(
        "ENV NAME=w\nCMD echo $NAME\n", (*SH, "echo $NAME"), None, id="shell-no-build-substitution"
    ),
    pytest.param(
        'SHELL ["/argv","SH"]\nCMD hello world\n',
        ("/argv", "SH", "hello world"),
        None,
        id="shell-instruction",
    ),
    pytest.param('CMD hello\nSHELL ["ls"]\n', (*SH, "hello"), None, id="shell-applies-only-later"),
    pytest.param(
        'SHELL ["ls"]\nENTRYPOINT my entrypoint\n', ("ls", "my entrypoint"), None, id="testCmdShell"
    ),
    pytest.param('CMD ["a"]\nCMD ["b"]\n', ("b",), None, id="last-cmd-wins"),
    pytest.param(
        'CMD ["c"]\nENTRYPOINT ["/x"]\n', ("/x", "c"), None, id="cmd-earlier-same-stage-kept"
    ),
    pytest.param(
        "RUN echo hello\\\n  world\nCMD echo hello\\\n  world\n",
        (*SH, "echo hello  world"),
        None,
        id="continuation-keeps-indent",
    ),
    pytest.param(
        "CMD echo hello \\\n# comment\n\nworld\n",
        (*SH, "echo hello world"),
        None,
        id="comment-and-empty-line-in-continuation",
    ),
    pytest.param(
        'RUN <<EOF\nCMD ["evil"]\nEOF\nCMD ["good"]\n',
        ("good",),
        None,
        id="heredoc-body-is-not-an-instruction",
    ),
    pytest.param("CMD <<EOF\n", (*SH, "<<EOF"), None, id="cmd-heredoc-is-shell-text"),
]


@pytest.mark.parametrize(("body", "argv", "error"), ROWS)
def test_rule(resolve_text, body: str, argv: tuple[str, ...] | None, error: str | None) -> None:
    result = resolve_text("FROM scratch\n" + body)
    failure = None if result.error is None else failure_text(result.error)
    assert (result.values, failure) == (argv, error)


def test_escape_directive_backtick(resolve_text) -> None:
    result = resolve_text("# escape=`\nFROM scratch\nCMD echo a `\n  b\\c\n")
    assert result.values == (*SH, "echo a   b\\c")


def test_crlf_and_bom(resolve_text) -> None:
    result = resolve_text('\ufeffFROM scratch\r\nCMD ["a", "b"]\r\n')
    assert result.values == ("a", "b")


def test_entrypoint_resets_cmd_of_base_stage(resolve_text) -> None:
    text = 'FROM scratch AS base\nENTRYPOINT ["/e"]\nCMD ["c"]\nFROM base\nENTRYPOINT ["/x"]\n'
    assert resolve_text(text).values == ("/x",)


def test_child_cmd_before_entrypoint_kept(resolve_text) -> None:
    text = 'FROM scratch AS base\nENTRYPOINT ["/e"]\nCMD ["c"]\nFROM base\nCMD ["d"]\nENTRYPOINT ["/x"]\n'
    assert resolve_text(text).values == ("/x", "d")


def test_child_cmd_keeps_parent_entrypoint(resolve_text) -> None:
    text = 'FROM scratch AS base\nENTRYPOINT ["/e"]\nFROM base\nCMD ["d"]\n'
    assert resolve_text(text).values == ("/e", "d")


def test_shell_is_inherited_from_base_stage(resolve_text) -> None:
    text = 'FROM scratch AS base\nSHELL ["/bin/bash", "-lc"]\nFROM base\nCMD run.sh\n'
    assert resolve_text(text).values == ("/bin/bash", "-lc", "run.sh")


@pytest.mark.parametrize(("target", "argv"), [("a", ("a",)), ("A", ("a",)), (None, ("/b",))])
def test_target(resolve_text, target: str | None, argv: tuple[str, ...]) -> None:
    text = 'FROM scratch AS a\nCMD ["a"]\nFROM a AS b\nENTRYPOINT ["/b"]\n'
    assert resolve_text(text, target=target).values == argv


def test_stage_name_is_case_sensitive_in_from(resolve_text) -> None:
    # Not the stage "builder", and not a reference either (BK resolveBaseImage).
    text = 'FROM scratch AS builder\nCMD ["a"]\nFROM Builder\n'
    with pytest.raises(InputError) as caught:
        resolve_text(text)
    assert caught.value.message == 'failed to parse stage name "Builder": invalid reference format'
    assert caught.value.span is not None and caught.value.span.line == 3


@pytest.mark.parametrize(("build_args", "argv"), [({}, ("one",)), ({"BASE": "two"}, ("two",))])
def test_arg_before_from_selects_stage(resolve_text, build_args, argv) -> None:
    text = (
        'ARG BASE=one\nFROM scratch AS one\nCMD ["one"]\nFROM scratch AS two\nCMD ["two"]\n'
        "FROM ${BASE}\n"
    )
    assert resolve_text(text, build_args=build_args).values == argv


def test_onbuild_triggers_run_in_child(resolve_text) -> None:
    text = (
        'FROM scratch AS parent\nONBUILD CMD ["hello world"]\nONBUILD ENTRYPOINT ["echo"]\n'
        "FROM parent\n"
    )
    assert resolve_text(text).values == ("echo", "hello world")


def test_onbuild_entrypoint_then_child_cmd(resolve_text) -> None:
    text = 'FROM scratch AS parent\nONBUILD ENTRYPOINT ["echo"]\nFROM parent\nCMD ["hello world"]\n'
    assert resolve_text(text).values == ("echo", "hello world")


def test_onbuild_not_inherited_by_grandchild(resolve_text) -> None:
    text = (
        'FROM scratch AS parent\nCMD ["p"]\nONBUILD CMD ["trigger"]\nFROM parent AS child\n'
        'CMD ["c"]\nFROM child\n'
    )
    assert resolve_text(text).values == ("c",)


def test_env_workdir_user_tracked(resolve_text) -> None:
    text = (
        'FROM scratch\nARG V=1.2\nENV APP_HOME=/opt/app VERSION="v$V"\nWORKDIR $APP_HOME\n'
        'WORKDIR sub/../bin\nUSER ${UID:-1000}\nENV PATH=/x:$PATH\nCMD ["run"]\n'
    )
    result = resolve_text(text)
    # dispatchStages sets the default PATH before the stage's instructions run.
    path = "PATH=/x:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    assert result.env == (path, "APP_HOME=/opt/app", "VERSION=v1.2")
    assert (result.working_dir, result.user) == ("/opt/app/bin", "1000")


def test_from_with_platform_arg_is_unknown_unless_given(resolve_text) -> None:
    text = 'FROM scratch AS stage-amd64\nCMD ["amd"]\nFROM stage-$TARGETARCH\n'
    result = resolve_text(text)
    assert result.values is None
    assert "TARGETARCH" in unknown_reason(result.unknowns[0])
    given = resolve_text(text, build_args={"TARGETARCH": "amd64"})
    assert given.values == ("amd",)


def test_env_pairs_see_the_values_from_before_their_line(resolve_text) -> None:
    # reference.md "Environment replacement": def is hello, ghi is bye.
    text = 'FROM scratch\nENV abc=hello\nENV abc=bye def=$abc\nENV ghi=$abc\nCMD ["x"]\n'
    env = dict(item.split("=", 1) for item in resolve_text(text).env)
    assert (env["abc"], env["def"], env["ghi"]) == ("bye", "hello", "bye")


@pytest.mark.parametrize(
    ("lines", "workdir"),
    [
        ("WORKDIR /a/../b/\n", "/a/../b/"),  # NormalizePath keeps an absolute path as written
        ("WORKDIR /a\nWORKDIR b/../c/\n", "/a/c"),  # a relative one is path.Join-ed
        ("WORKDIR //x\nWORKDIR y\n", "/x/y"),
        ('WORKDIR /a\nWORKDIR ""\n', "/a"),  # empty keeps the previous one
    ],
)
def test_workdir_normalization(resolve_text, lines: str, workdir: str) -> None:
    assert resolve_text("FROM scratch\n" + lines + 'CMD ["x"]\n').working_dir == workdir


def test_earlier_cmd_and_entrypoint_of_a_stage_are_replaced(resolve_text) -> None:
    # dispatchCmd/dispatchEntrypoint overwrite; validateUsedOnce reports the earlier one.
    text = 'FROM scratch\nCMD ["a"]\nENTRYPOINT ["/e"]\nCMD ["b"]\nENTRYPOINT ["/f"]\n'
    result = resolve_text(text)
    assert result.values == ("/f", "b")
    replaced = [(s.rule, s.span.line) for s in result.steps if s.rule.endswith("_replaced")]
    assert replaced == [("dockerfile.cmd_replaced", 2), ("dockerfile.entrypoint_replaced", 3)]


def test_stages_track_their_instructions_separately(resolve_text) -> None:
    result = resolve_text('FROM scratch AS a\nCMD ["a"]\nFROM a\nCMD ["b"]\n')
    assert not [s for s in result.steps if s.rule.endswith("_replaced")]


def test_from_scratch_is_recorded(resolve_text) -> None:
    result = resolve_text('FROM scratch AS a\nFROM a\nCMD ["b"]\n')
    (step,) = [s for s in result.steps if s.rule == "dockerfile.from_scratch"]
    assert (step.span.line, step_summary(step)) == (
        1,
        "stage 0 starts from scratch: an empty filesystem, so no /bin/sh unless COPY or ADD "
        "puts one there",
    )


# Global ARGs (BK convert.go :: buildMetaArgs): a bare ARG with no --build-arg sets nothing.
@pytest.mark.parametrize(
    ("text", "build_args", "argv"),
    [
        pytest.param('ARG T\nFROM scratch AS one\nCMD ["one"]\nFROM ${T-one}\n', {}, ("one",), id="bare-arg-is-unset"),
        pytest.param('ARG T=one\nARG T\nFROM scratch AS one\nCMD ["one"]\nFROM $T\n', {}, ("one",), id="bare-arg-keeps-earlier-value"),
        pytest.param('ARG T\nFROM scratch AS two\nCMD ["two"]\nFROM ${T-one}\n', {"T": "two"}, ("two",), id="build-arg-sets-bare-arg"),
    ],
)
def test_bare_global_arg(resolve_text, text, build_args, argv) -> None:
    assert resolve_text(text, build_args=build_args).values == argv


# BK buildDispatchStates and resolveBaseImage check every stage, built or not.
@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        pytest.param('ARG B\nFROM $B AS unused\nFROM scratch\nCMD ["a"]\n', "base name ($B) should not be blank", 2, id="blank-in-unused-stage"),
        pytest.param('FROM alpine: AS unused\nFROM scratch\nCMD ["a"]\n', 'failed to parse stage name "alpine:": invalid reference format', 1, id="bad-reference-in-unused-stage"),
        pytest.param('ARG TAG\nFROM alpine:$TAG\nCMD ["a"]\n', 'failed to parse stage name "alpine:": invalid reference format ($TAG has no value here; give --build-arg TAG=…)', 2, id="unset-tag"),
    ],
)
def test_base_names_refused(resolve_text, text, message, line) -> None:
    with pytest.raises(InputError) as caught:
        resolve_text(text)
    assert (caught.value.message, caught.value.span.line) == (message, line)


def test_many_stages_each_from_the_one_before(resolve_text) -> None:
    """Each FROM is checked against the stages before it in one pass (a copy of that
    set per stage made 40,000 stages take a minute and a half)."""
    text = "FROM scratch AS s0\n" + "".join(f"FROM s{i} AS s{i + 1}\n" for i in range(20_000))
    result = resolve_text(text + 'CMD ["last"]\n')
    assert result.values == ("last",)
