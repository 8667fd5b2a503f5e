"""CR101–CR107 (Dockerfile form): what each rule catches and what it must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.checks import (
    cr101_exec_form_not_json,
    cr102_shell_form_entrypoint,
    cr103_shell_cmd_to_exec_entrypoint,
    cr104_sh_c_entrypoint_splits_cmd,
    cr105_entrypoint_drops_base_cmd,
    cr106_repeated_cmd_or_entrypoint,
    cr107_shell_form_without_shell,
)
from cmdresolve.checks.rule import Rule
from cmdresolve.model import Finding, Span
from cmdresolve.render.phrases import finding_message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from types import ModuleType

    Said = tuple[str, str, str, str, Span | None]

SIGNALS = (
    "and /bin/sh, not the program, is the process the container starts: unless the script "
    "or the image's /bin/sh execs the program, SIGTERM from `docker stop` reaches the shell, "
    "not it"
)


def _check(
    tmp_path: Path, module: ModuleType, text: str, run: str | None = None
) -> tuple[str, list[Finding]]:
    path = tmp_path / "Dockerfile"
    path.write_text(text, encoding="utf-8")
    (result,) = resolve([str(path)], Options(run=run))
    return str(path), list(Rule.of(module).check(result))


def _finding(module: ModuleType, message: str, span: Span) -> Said:
    return (module.CODE, module.NAME, module.SEVERITY, message, span)


def _said(findings: Iterable[Finding]) -> list[Said]:
    """Each finding as its rule, severity, message (as the user reads it) and span."""
    return [(f.code, f.name, f.severity, finding_message(f), f.span) for f in findings]


# CR101 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "wrong", "script"),
    [
        pytest.param(
            "CMD ['echo','hi']",
            "uses single quotes (JSON strings take double quotes)",
            "['echo','hi']",
            id="single-quotes",
        ),
        pytest.param(
            'CMD ["echo","hi"] # note',
            "has text after the closing `]` ('# note')",
            '["echo","hi"] # note',
            id="trailing-text",
        ),
        pytest.param(
            'CMD ["echo", "hi"',
            "its `[` is never closed",
            '["echo", "hi"',
            id="unterminated-bracket",
        ),
        pytest.param(
            "CMD ['a'] x",
            "uses single quotes (JSON strings take double quotes) and has text after the "
            "closing `]` ('x')",
            "['a'] x",
            id="single-quotes-and-trailing-text",
        ),
        pytest.param(
            'CMD ["a", "b",]',
            "is not valid JSON (Expecting value)",
            '["a", "b",]',
            id="trailing-comma",
        ),
    ],
)
def test_cr101_catches_a_broken_json_cmd(
    tmp_path: Path, line: str, wrong: str, script: str
) -> None:
    df, found = _check(tmp_path, cr101_exec_form_not_json, f"FROM alpine\n{line}\n")
    escaped = script.replace('"', '\\"')
    message = (
        f"CMD is written as a JSON array but {wrong}, so BuildKit keeps it as shell form: "
        f'CMD becomes ["/bin/sh", "-c", "{escaped}"] and the shell runs that text as a script'
    )
    assert _said(found) == [_finding(cr101_exec_form_not_json, message, Span(df, 2, 5, 2))]


def test_cr101_catches_an_entrypoint_under_a_shell_instruction(tmp_path: Path) -> None:
    text = 'FROM alpine\nSHELL ["/bin/bash", "-lc"]\nENTRYPOINT [\'app\']\n'
    df, found = _check(tmp_path, cr101_exec_form_not_json, text)
    message = (
        "ENTRYPOINT is written as a JSON array but uses single quotes (JSON strings take "
        'double quotes), so BuildKit keeps it as shell form: ENTRYPOINT becomes ["/bin/bash", '
        '"-lc", "[\'app\']"] and the shell runs that text as a script'
    )
    assert _said(found) == [_finding(cr101_exec_form_not_json, message, Span(df, 3, 12, 3))]


@pytest.mark.parametrize(
    ("text", "run"),
    [
        pytest.param('FROM alpine\nCMD ["echo", "hi"]\n', None, id="valid-json"),
        pytest.param("FROM alpine\nCMD echo [x]\n", None, id="shell-form-not-starting-with-["),
        pytest.param("FROM alpine\nCMD ['echo','hi']\n", "docker run img ls", id="cmd-replaced"),
    ],
)
def test_cr101_not(tmp_path: Path, text: str, run: str | None) -> None:
    assert _check(tmp_path, cr101_exec_form_not_json, text, run)[1] == []


# CR102 ---------------------------------------------------------------------------------


def test_cr102_catches_cmd_ignored_by_shell_entrypoint(tmp_path: Path) -> None:
    text = 'FROM alpine\nENTRYPOINT exec app\nCMD ["--port", "80"]\n'
    df, found = _check(tmp_path, cr102_shell_form_entrypoint, text)
    message = (
        'ENTRYPOINT is shell form, so the argv is ["/bin/sh", "-c", "exec app", "--port", "80"]: '
        "the CMD ('--port', '80') become the shell's $0, $1, … and are ignored unless the "
        f"script uses them; {SIGNALS}"
    )
    assert _said(found) == [_finding(cr102_shell_form_entrypoint, message, Span(df, 2, 12, 2))]


def test_cr102_catches_run_arguments(tmp_path: Path) -> None:
    text = "FROM alpine\nENTRYPOINT exec app\n"
    df, found = _check(tmp_path, cr102_shell_form_entrypoint, text, "docker run img -v x")
    message = (
        'ENTRYPOINT is shell form, so the argv is ["/bin/sh", "-c", "exec app", "-v", "x"]: '
        "the run arguments ('-v', 'x') become the shell's $0, $1, … and are ignored unless "
        f"the script uses them; {SIGNALS}"
    )
    assert _said(found) == [_finding(cr102_shell_form_entrypoint, message, Span(df, 2, 12, 2))]


def test_cr102_catches_kubernetes_args(tmp_path: Path) -> None:
    df = tmp_path / "Dockerfile"
    df.write_text("FROM alpine\nENTRYPOINT exec app\n", encoding="utf-8")
    pod = tmp_path / "pod.yaml"
    pod.write_text(
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "    - {name: c, image: app, args: [--debug]}\n",
        encoding="utf-8",
    )
    (result,) = resolve([str(df), str(pod)])
    message = (
        'ENTRYPOINT is shell form, so the argv is ["/bin/sh", "-c", "exec app", "--debug"]: '
        "the Kubernetes args ('--debug') become the shell's $0, $1, … and are ignored unless "
        f"the script uses them; {SIGNALS}"
    )
    assert _said(Rule.of(cr102_shell_form_entrypoint).check(result)) == [
        _finding(cr102_shell_form_entrypoint, message, Span(str(df), 2, 12, 2))
    ]


def test_cr102_catches_a_shell_entrypoint_alone(tmp_path: Path) -> None:
    df, found = _check(tmp_path, cr102_shell_form_entrypoint, "FROM alpine\nENTRYPOINT exec app\n")
    message = (
        'ENTRYPOINT is shell form, so the argv is ["/bin/sh", "-c", "exec app"]: any CMD, run '
        "arguments or Kubernetes args would become the shell's $0, $1, … and be ignored "
        f"unless the script uses them; {SIGNALS}"
    )
    assert _said(found) == [_finding(cr102_shell_form_entrypoint, message, Span(df, 2, 12, 2))]


@pytest.mark.parametrize(
    ("text", "run"),
    [
        pytest.param("FROM alpine\nCMD exec app\n", None, id="shell-form-cmd"),
        pytest.param('FROM alpine\nENTRYPOINT ["app"]\nCMD ["x"]\n', None, id="exec-entrypoint"),
        pytest.param(
            "FROM alpine\nENTRYPOINT exec app\n",
            "docker run --entrypoint /bin/true img",
            id="entrypoint-overridden",
        ),
    ],
)
def test_cr102_not(tmp_path: Path, text: str, run: str | None) -> None:
    assert _check(tmp_path, cr102_shell_form_entrypoint, text, run)[1] == []


# CR103 ---------------------------------------------------------------------------------


def test_cr103_catches_shell_cmd_after_exec_entrypoint(tmp_path: Path) -> None:
    text = 'FROM python:3.12\nENTRYPOINT ["python"]\nCMD app.py --port 80\n'
    df, found = _check(tmp_path, cr103_shell_cmd_to_exec_entrypoint, text)
    message = (
        'the exec-form ENTRYPOINT ["python"] receives the shell-form CMD as arguments: the '
        'argv is ["python", "/bin/sh", "-c", "app.py --port 80"], so \'python\' gets '
        "'/bin/sh', '-c', 'app.py --port 80'; this works only if the entrypoint runs its "
        'arguments as a command (exec "$@")'
    )
    assert _said(found) == [_finding(cr103_shell_cmd_to_exec_entrypoint, message, Span(df, 3, 5, 3))]


@pytest.mark.parametrize(
    ("text", "run"),
    [
        pytest.param('FROM alpine\nENTRYPOINT ["app"]\nCMD ["x"]\n', None, id="exec-cmd"),
        pytest.param("FROM alpine\nCMD app x\n", None, id="no-entrypoint"),
        pytest.param("FROM alpine\nENTRYPOINT exec app\nCMD x\n", None, id="shell-entrypoint"),
        pytest.param(
            'FROM alpine\nENTRYPOINT ["app"]\nCMD x\n', "docker run img y", id="cmd-replaced"
        ),
    ],
)
def test_cr103_not(tmp_path: Path, text: str, run: str | None) -> None:
    assert _check(tmp_path, cr103_shell_cmd_to_exec_entrypoint, text, run)[1] == []


# CR104 ---------------------------------------------------------------------------------


def test_cr104_catches_sh_c_with_split_cmd(tmp_path: Path) -> None:
    text = 'FROM alpine\nENTRYPOINT ["sh", "-c"]\nCMD ["echo", "hello", "world"]\n'
    df, found = _check(tmp_path, cr104_sh_c_entrypoint_splits_cmd, text)
    message = (
        'ENTRYPOINT ["sh", "-c"] takes only the first CMD element as the script: the argv is '
        '["sh", "-c", "echo", "hello", "world"], so sh runs the script \'echo\' and the other '
        "CMD elements become its positional parameters ($0='hello', $1='world'), ignored "
        "unless the script uses them"
    )
    assert _said(found) == [_finding(cr104_sh_c_entrypoint_splits_cmd, message, Span(df, 3, 6, 3))]


@pytest.mark.parametrize(
    "entrypoint",
    [
        '["/bin/bash", "-lc"]',
        '["dash", "-ec"]',
        '["bash", "-o", "pipefail", "-xc"]',
        '["sh", "-ce"]',  # -c inside the cluster, not at its end
        '["bash", "-c", "-e"]',  # an option after -c
        '["tini", "--", "sh", "-c"]',  # behind an init
    ],
)
def test_cr104_catches_other_shells_and_option_clusters(tmp_path: Path, entrypoint: str) -> None:
    text = f'FROM alpine\nENTRYPOINT {entrypoint}\nCMD ["echo", "hello"]\n'
    df, found = _check(tmp_path, cr104_sh_c_entrypoint_splits_cmd, text)
    assert [(f.code, f.span) for f in found] == [("CR104", Span(df, 3, 6, 3))]


@pytest.mark.parametrize(
    ("text", "run"),
    [
        pytest.param('FROM alpine\nENTRYPOINT ["sh", "-c"]\nCMD ["echo hello"]\n', None, id="one"),
        pytest.param(
            'FROM alpine\nENTRYPOINT ["sh", "-c", "echo"]\nCMD ["a", "b"]\n', None, id="script-set"
        ),
        pytest.param(
            'FROM alpine\nENTRYPOINT ["python", "-c"]\nCMD ["a", "b"]\n', None, id="not-a-shell"
        ),
        pytest.param(
            'FROM alpine\nENTRYPOINT ["sh", "-o"]\nCMD ["a", "b"]\n', None, id="o-takes-a-word"
        ),
        pytest.param(
            'FROM alpine\nENTRYPOINT ["sh", "-c"]\nCMD ["exec \\"$@\\"", "app", "-v"]\n',
            None,
            id="script-uses-positionals",
        ),
        pytest.param(
            'FROM alpine\nENTRYPOINT ["sh", "-c"]\nCMD ["a", "b"]\n',
            "docker run img 'echo hi'",
            id="cmd-replaced",
        ),
    ],
)
def test_cr104_not(tmp_path: Path, text: str, run: str | None) -> None:
    assert _check(tmp_path, cr104_sh_c_entrypoint_splits_cmd, text, run)[1] == []


# CR105 ---------------------------------------------------------------------------------


def test_cr105_catches_dropped_base_cmd(tmp_path: Path) -> None:
    text = 'FROM nginx\nENTRYPOINT ["/docker-entrypoint.sh"]\n'
    df, found = _check(tmp_path, cr105_entrypoint_drops_base_cmd, text)
    message = (
        "ENTRYPOINT resets the Cmd inherited from the base image (['nginx', '-g', 'daemon "
        "off;']), because no CMD was set earlier in this stage: the argv is "
        '["/docker-entrypoint.sh"], with no CMD arguments'
    )
    assert _said(found) == [_finding(cr105_entrypoint_drops_base_cmd, message, Span(df, 2, 1, 2))]


def test_cr105_catches_an_empty_entrypoint_leaving_nothing(tmp_path: Path) -> None:
    df, found = _check(tmp_path, cr105_entrypoint_drops_base_cmd, "FROM nginx\nENTRYPOINT []\n")
    message = (
        "ENTRYPOINT resets the Cmd inherited from the base image (['nginx', '-g', 'daemon "
        "off;']), because no CMD was set earlier in this stage: nothing is left to run "
        "('no command specified')"
    )
    assert _said(found) == [_finding(cr105_entrypoint_drops_base_cmd, message, Span(df, 2, 1, 2))]


def test_cr105_catches_the_cmd_of_a_base_stage(tmp_path: Path) -> None:
    text = 'FROM scratch AS base\nCMD ["c"]\nFROM base\nENTRYPOINT ["/e"]\n'
    df, found = _check(tmp_path, cr105_entrypoint_drops_base_cmd, text)
    message = (
        "ENTRYPOINT resets the Cmd inherited from the base image (['c']), because no CMD was "
        'set earlier in this stage: the argv is ["/e"], with no CMD arguments'
    )
    assert _said(found) == [_finding(cr105_entrypoint_drops_base_cmd, message, Span(df, 4, 1, 4))]


@pytest.mark.parametrize(
    ("text", "run"),
    [
        pytest.param('FROM nginx\nENTRYPOINT ["/e"]\nCMD ["x"]\n', None, id="cmd-after"),
        pytest.param('FROM nginx\nCMD ["x"]\nENTRYPOINT ["/e"]\n', None, id="cmd-before"),
        pytest.param('FROM scratch\nENTRYPOINT ["/e"]\n', None, id="nothing-inherited"),
        pytest.param(
            'FROM nginx AS a\nENTRYPOINT ["/e"]\nFROM a\nCMD ["c"]\n', None, id="child-sets-cmd"
        ),
        pytest.param('FROM nginx\nENTRYPOINT ["/e"]\n', "docker run img x", id="run-args"),
        pytest.param('FROM example.com/x\nENTRYPOINT ["/e"]\n', None, id="base-cmd-unknown"),
    ],
)
def test_cr105_not(tmp_path: Path, text: str, run: str | None) -> None:
    assert _check(tmp_path, cr105_entrypoint_drops_base_cmd, text, run)[1] == []


# CR106 ---------------------------------------------------------------------------------


def test_cr106_catches_each_replaced_instruction(tmp_path: Path) -> None:
    text = (
        'FROM scratch\nCMD ["a"]\nCMD b\nENTRYPOINT ["/e"]\nENTRYPOINT ["/f"]\nENTRYPOINT ["/g"]\n'
    )
    df, found = _check(tmp_path, cr106_repeated_cmd_or_entrypoint, text)

    def replaced(keyword: str, line: int) -> str:
        return (
            f"this {keyword} has no effect: the {keyword} at line {line} of the same stage "
            "replaces it (only the last one counts)"
        )

    assert _said(found) == [
        _finding(cr106_repeated_cmd_or_entrypoint, replaced("CMD", 3), Span(df, 2, 1, 2)),
        _finding(cr106_repeated_cmd_or_entrypoint, replaced("ENTRYPOINT", 5), Span(df, 4, 1, 4)),
        _finding(cr106_repeated_cmd_or_entrypoint, replaced("ENTRYPOINT", 6), Span(df, 5, 1, 5)),
    ]


def test_cr106_catches_a_repeat_in_the_base_stage(tmp_path: Path) -> None:
    text = 'FROM scratch AS a\nCMD ["a"]\nCMD ["b"]\nFROM a\nENTRYPOINT ["/e"]\n'
    df, found = _check(tmp_path, cr106_repeated_cmd_or_entrypoint, text)
    assert [(f.code, f.span) for f in found] == [("CR106", Span(df, 2, 1, 2))]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('FROM scratch\nCMD ["a"]\nENTRYPOINT ["/e"]\n', id="one-each"),
        pytest.param('FROM scratch AS a\nCMD ["a"]\nFROM a\nCMD ["b"]\n', id="other-stage"),
        pytest.param(
            'FROM scratch AS a\nCMD ["a"]\nFROM scratch\nCMD ["b"]\n', id="unrelated-stage"
        ),
    ],
)
def test_cr106_not(tmp_path: Path, text: str) -> None:
    assert _check(tmp_path, cr106_repeated_cmd_or_entrypoint, text)[1] == []


# CR107 ---------------------------------------------------------------------------------


def test_cr107_catches_shell_form_cmd_from_scratch(tmp_path: Path) -> None:
    text = "FROM scratch\nCOPY app /app\nCMD /app --serve\n"
    df, found = _check(tmp_path, cr107_shell_form_without_shell, text)
    message = (
        'CMD is shell form, so the argv is ["/bin/sh", "-c", "/app --serve"], but the image is '
        "built FROM scratch, an empty filesystem: unless a COPY or ADD puts a shell at "
        "/bin/sh, the runtime cannot exec /bin/sh and the container does not start"
    )
    assert _said(found) == [_finding(cr107_shell_form_without_shell, message, Span(df, 3, 5, 3))]


def test_cr107_catches_shell_form_entrypoint_of_a_scratch_base_stage(tmp_path: Path) -> None:
    text = 'FROM scratch AS base\nENTRYPOINT /app\nFROM base\nCMD ["x"]\n'
    df, found = _check(tmp_path, cr107_shell_form_without_shell, text)
    message = (
        'ENTRYPOINT is shell form, so the argv is ["/bin/sh", "-c", "/app", "x"], but the '
        "image is built FROM scratch, an empty filesystem: unless a COPY or ADD puts a shell "
        "at /bin/sh, the runtime cannot exec /bin/sh and the container does not start"
    )
    assert _said(found) == [_finding(cr107_shell_form_without_shell, message, Span(df, 2, 12, 2))]


def test_cr107_catches_behind_docker_init(tmp_path: Path) -> None:
    text = "FROM scratch\nCMD /app\n"
    df, found = _check(tmp_path, cr107_shell_form_without_shell, text, "docker run --init img")
    assert [(f.code, f.span) for f in found] == [("CR107", Span(df, 2, 5, 2))]


@pytest.mark.parametrize(
    ("text", "run"),
    [
        pytest.param("FROM alpine\nCMD /app\n", None, id="base-with-shell"),
        pytest.param('FROM scratch\nCMD ["/app"]\n', None, id="exec-form"),
        pytest.param(
            'FROM scratch\nSHELL ["/busybox/sh", "-c"]\nCMD /app\n', None, id="shell-instruction"
        ),
        pytest.param("FROM scratch\nCMD /app\n", "docker run img /app", id="cmd-replaced"),
        pytest.param('FROM scratch\nENTRYPOINT ["/e"]\nCMD x\n', None, id="sh-is-not-the-program"),
        pytest.param("FROM example.com/app\nCMD /app\n", None, id="unknown-base"),
    ],
)
def test_cr107_not(tmp_path: Path, text: str, run: str | None) -> None:
    assert _check(tmp_path, cr107_shell_form_without_shell, text, run)[1] == []
