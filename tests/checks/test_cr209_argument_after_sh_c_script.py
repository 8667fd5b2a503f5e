"""CR209 argument-after-sh-c-script: wherever a shell's -c script is followed by words it
never reads (Dockerfile exec form, pod command/args, docker and kubectl run lines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.checks import cr209_argument_after_sh_c_script as cr209
from cmdresolve.checks.rule import Rule
from cmdresolve.model import Span
from cmdresolve.render.phrases import finding_message

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: busybox:1.37
"""


def _said(
    tmp_path: Path, dockerfile: str | None = None, pod: str | None = None, run: str | None = None
) -> list[tuple[str, str, str, str, Span | None]]:
    files = []
    if dockerfile is not None:
        (tmp_path / "Dockerfile").write_text(dockerfile)
        files.append(str(tmp_path / "Dockerfile"))
    if pod is not None:
        (tmp_path / "pod.yaml").write_text(POD + pod)
        files.append(str(tmp_path / "pod.yaml"))
    [result] = resolve(files, Options(run=run))
    return [
        (f.code, f.name, f.severity, finding_message(f), f.span)
        for f in Rule.of(cr209).check(result)
    ]


def test_catches_a_command_line_cut_into_pod_command_elements(tmp_path: Path) -> None:
    pod = '    command: ["sh", "-c", "npm install", "&&", "npm start"]\n'
    assert _said(tmp_path, pod=pod) == [
        (
            "CR209",
            "argument-after-sh-c-script",
            "warning",
            "sh -c takes only argv[2] 'npm install' as its script: the elements after it "
            "become its positional parameters ($0='&&', $1='npm start'), which the script "
            "never reads, so they are ignored; put them inside the script",
            Span(str(tmp_path / "pod.yaml"), 9, 42),
        )
    ]


def test_catches_command_sh_c_with_the_script_split_over_args(tmp_path: Path) -> None:
    pod = '    command: ["/bin/sh", "-c"]\n    args: ["echo", "hello"]\n'
    [(_, _, _, message, span)] = _said(tmp_path, pod=pod)
    assert message.startswith("sh -c takes only argv[2] 'echo' as its script")
    assert "($0='hello')" in message
    assert span == Span(str(tmp_path / "pod.yaml"), 10, 20)


def test_catches_a_dockerfile_exec_form_cmd(tmp_path: Path) -> None:
    got = _said(tmp_path, 'FROM alpine\nCMD ["bash", "-ec", "echo start", "--verbose"]\n')
    [(_, _, _, message, span)] = got
    assert message.startswith("bash -c takes only argv[2] 'echo start' as its script")
    assert "($0='--verbose')" in message
    assert span == Span(str(tmp_path / "Dockerfile"), 2, 35, 2)


def test_catches_a_script_in_the_entrypoint_followed_by_the_cmd(tmp_path: Path) -> None:
    got = _said(tmp_path, 'FROM alpine\nENTRYPOINT ["sh", "-c", "echo hi"]\nCMD ["a"]\n')
    assert [m for _, _, _, m, _ in got] == [
        "sh -c takes only argv[2] 'echo hi' as its script: the elements after it become its "
        "positional parameters ($0='a'), which the script never reads, so they are ignored; "
        "put them inside the script"
    ]


@pytest.mark.parametrize(
    "run",
    [
        "docker run alpine sh -c 'echo a' b",
        "docker run --init alpine sh -ce 'echo a' b",  # behind docker-init --
        "docker run --entrypoint bash alpine -o pipefail -c 'echo a' b",
        "kubectl run x --image=busybox --command -- sh -xc 'echo a' b",
        "docker run alpine tini -- sh -c 'echo a' b",
    ],
)
def test_catches_run_lines(tmp_path: Path, run: str) -> None:
    [(code, _, _, message, _)] = _said(tmp_path, run=run)
    assert code == "CR209"
    assert "'echo a' as its script" in message and "($0='b')" in message


def test_names_the_shell_of_busybox_sh(tmp_path: Path) -> None:
    [(_, _, _, message, _)] = _said(tmp_path, run="docker run busybox busybox ash -c 'x' y")
    assert message.startswith("ash -c takes only argv[3] 'x' as its script")


def test_lists_a_few_positionals_by_name(tmp_path: Path) -> None:
    words = " ".join(f"w{i}" for i in range(12))
    [(_, _, _, message, _)] = _said(tmp_path, run=f"docker run alpine sh -c 'echo' {words}")
    assert "($0='w0', $1='w1', $2='w2', $3='w3', $4='w4', $5='w5', $6='w6', $7='w7', …)" in message


@pytest.mark.parametrize(
    ("dockerfile", "pod", "run"),
    [
        # the script reads its positional parameters: the words are meant for it
        (None, '    command: ["sh", "-c", "exec \\"$@\\"", "--", "app", "-v"]\n', None),
        (None, '    command: ["sh", "-c", "echo $1", "_", "x"]\n', None),
        (None, '    command: ["sh", "-c", "echo ${1:-none}", "name"]\n', None),
        (None, '    command: ["sh", "-c", "for a; do echo $a; done", "_", "x"]\n', None),
        (None, None, "docker run alpine sh -c 'echo $0' name"),
        # nothing after the script
        (None, '    command: ["sh", "-c", "npm install && npm start"]\n', None),
        (None, '    command: ["sh", "-c"]\n    args: ["echo hello"]\n', None),
        # not a shell reading -c, or a shell further in (its words go to that program)
        (None, '    command: ["python3", "-c", "print(1)", "x"]\n', None),
        (None, '    command: ["sh", "/run.sh", "x"]\n', None),
        (None, None, "docker run alpine env sh -c 'echo' x"),
        # shell form: the Dockerfile rules say it (CR102, CR103)
        ('FROM alpine\nENTRYPOINT echo hi\nCMD ["a"]\n', None, None),
        # ENTRYPOINT ["sh", "-c"] with a split CMD: CR104 says it
        ('FROM alpine\nENTRYPOINT ["sh", "-c"]\nCMD ["echo", "hello"]\n', None, None),
    ],
)
def test_catches_not(
    tmp_path: Path, dockerfile: str | None, pod: str | None, run: str | None
) -> None:
    assert _said(tmp_path, dockerfile, pod, run) == []


def test_cr104_and_cr209_split_the_cases_between_them(tmp_path: Path) -> None:
    text = 'FROM alpine\nENTRYPOINT ["sh", "-c"]\nCMD ["echo", "hello"]\n'
    (tmp_path / "Dockerfile").write_text(text)
    [result] = resolve([str(tmp_path / "Dockerfile")], Options(run="docker run img echo hi"))
    # the run line's words replace the CMD: no longer the Dockerfile's split, but still one
    assert [f.code for f in result.findings if f.code in ("CR104", "CR209")] == ["CR209"]
