"""What ends as PID 1 under each shell (docs/semantics.md §10 rule 1), where the script is
in an argv, and what /bin/sh is per image family and per .cmdresolve.toml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmdresolve.cli import main
from cmdresolve.model.script import Pid1Reason as R
from cmdresolve.model.script import ShellKind as K
from cmdresolve.resolve.shell import find_script, image_shell, read_script
from cmdresolve.resolve.shell.parser import MAX_COMMANDS, parse
from cmdresolve.resolve.shell.pid1 import pid1

# script, then (reason, name of the exec'd command) for BusyBox ash, bash, dash
TABLE = [
    ("app", (R.LAST_COMMAND, "app"), (R.LAST_COMMAND, "app"), (R.NEVER, None)),
    ("a && app", (R.LAST_COMMAND, "app"), (R.LAST_COMMAND, "app"), (R.NEVER, None)),
    ("a; app", (R.LAST_COMMAND, "app"), (R.LAST_COMMAND, "app"), (R.NEVER, None)),
    ("(a; app)", (R.LAST_COMMAND, "app"), (R.SUBSHELL, None), (R.NEVER, None)),
    ("app 2>/dev/null", (R.LAST_COMMAND, "app"), (R.REDIRECTION, None), (R.NEVER, None)),
    ("FOO=1 app", (R.LAST_COMMAND, "app"), (R.LAST_COMMAND, "app"), (R.NEVER, None)),
    ("trap 'x' TERM; app", (R.TRAP, None), (R.TRAP, None), (R.NEVER, None)),
    ("a | app", (R.PIPELINE, None), (R.PIPELINE, None), (R.NEVER, None)),
    ("app & wait", (R.BUILTIN, None), (R.JOB, None), (R.NEVER, None)),
    ("app &", (R.BACKGROUND, None), (R.BACKGROUND, None), (R.NEVER, None)),
    ("a & app", (R.LAST_COMMAND, "app"), (R.JOB, None), (R.NEVER, None)),
    ("false || app", (R.LAST_COMMAND, "app"), (R.LAST_COMMAND, "app"), (R.NEVER, None)),
    ("cd /x && exec app", (R.EXEC, "exec"), (R.EXEC, "exec"), (R.EXEC, "exec")),
    ("FOO=1 exec app", (R.EXEC, "exec"), (R.EXEC, "exec"), (R.EXEC, "exec")),
    ("exec app 2>&1", (R.EXEC, "exec"), (R.EXEC, "exec"), (R.EXEC, "exec")),
    ("until a; do b; done", (R.LOOP, None), (R.LOOP, None), (R.NEVER, None)),
    ("if a; then app; fi", (R.NOT_MEASURED, None), (R.NOT_MEASURED, None), (R.NEVER, None)),
    ("echo hi", (R.BUILTIN, None), (R.BUILTIN, None), (R.NEVER, None)),
    ("$APP", (R.EXPANDS, None), (R.EXPANDS, None), (R.NEVER, None)),
    ("", (R.EMPTY, None), (R.EMPTY, None), (R.EMPTY, None)),
    ("a 'b", (R.SYNTAX_ERROR, None), (R.SYNTAX_ERROR, None), (R.SYNTAX_ERROR, None)),
    ("! app", (R.PIPELINE, None), (R.PIPELINE, None), (R.NEVER, None)),
    # Past the reader's bounds the shell still runs the script: not known, not an error.
    ("{ " * 50 + "app;" + " }" * 50, (R.NOT_READ, None), (R.NOT_READ, None), (R.NOT_READ, None)),
    ("a;" * MAX_COMMANDS + "exec app", (R.NOT_READ, None), (R.NOT_READ, None), (R.NOT_READ, None)),
]


@pytest.mark.parametrize(
    ("script", "ash", "bash", "dash"), TABLE, ids=[t[0][:40] or "empty" for t in TABLE]
)
def test_pid1_per_shell(script: str, ash: tuple, bash: tuple, dash: tuple) -> None:
    for shell, (reason, name) in ((K.BUSYBOX, ash), (K.BASH, bash), (K.DASH, dash)):
        parsed = parse(script, shell)
        outcome = pid1(parsed, shell)
        got = None if outcome.command is None else parsed.commands[outcome.command].name
        assert (outcome.reason, got) == (reason, name), shell


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["sh", "-c", "x"], (2, "sh")),
        (["/bin/sh", "-ec", "x", "arg0"], (2, "sh")),
        (["bash", "-o", "pipefail", "-c", "x"], (4, "bash")),
        (["/usr/bin/dash", "-x", "-c", "x"], (3, "dash")),
        (["busybox", "sh", "-c", "x"], (3, "busybox")),
        (["sh", "script.sh"], None),
        (["sh", "-c"], None),
        (["python", "-c", "x"], None),
        (["sh", "--", "-c", "x"], None),
    ],
)
def test_find_script(argv: list[str], expected: tuple[int, str] | None) -> None:
    assert find_script(argv) == expected


def test_unknown_sh_gives_both_outcomes() -> None:
    script = read_script(["sh", "-c", "a; b"], None)
    assert script is not None and script.shell is None
    assert [(o.shell, o.reason) for o in script.pid1] == [
        (K.BUSYBOX, R.LAST_COMMAND),
        (K.DASH, R.NEVER),
    ]


def test_a_named_shell_beats_the_image() -> None:
    script = read_script(["bash", "-c", "a; b"], K.DASH, "catalog")
    assert script is not None and (script.shell, script.shell_source) == (K.BASH, "argv")


@pytest.mark.parametrize(
    ("image", "sh"),
    [
        ("busybox:1.28", K.BUSYBOX),
        ("alpine", K.BUSYBOX),
        ("debian:bookworm-slim", K.DASH),
        ("ubuntu:14.04", K.DASH),
        ("python:3.12-alpine", K.BUSYBOX),
        ("python:3.12-slim", K.DASH),
        ("node:20", K.DASH),
        ("golang:1.22-alpine3.19", K.BUSYBOX),
        ("python:3.12-windowsservercore", None),
        ("example.com/app:1", None),
        ("busybox@sha256:" + "0" * 64, None),
    ],
)
def test_sh_per_image_family(image: str, sh: K | None) -> None:
    assert image_shell(image)[0] is sh


def test_config_beats_the_catalog() -> None:
    assert image_shell("alpine:3.20", {"alpine:3.20": "dash"}) == (K.DASH, "config")


POD = (
    "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
    "    - {name: c, image: example.com/app:1, command: [sh, -c, 'a; b']}\n"
)


def _pid1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, config: str) -> tuple[int, list]:
    (tmp_path / "pod.yaml").write_text(POD)
    (tmp_path / ".cmdresolve.toml").write_text(config)
    monkeypatch.chdir(tmp_path)
    status = main([str(tmp_path / "pod.yaml"), "-o", "json"])
    captured = capsys.readouterr()
    if not captured.out:
        return status, [captured.err.strip()]
    script = json.loads(captured.out)["results"][0]["script"]
    return status, [(o["shell"], o["reason"]) for o in script["pid1"]]


def test_toml_images_sh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    status, outcomes = _pid1(
        tmp_path, monkeypatch, capsys, '[images."example.com/app:1"]\nsh = "busybox"\n'
    )
    assert (status, outcomes) == (0, [("busybox", "last_command")])
    status, outcomes = _pid1(tmp_path, monkeypatch, capsys, "")
    assert outcomes == [("busybox", "last_command"), ("dash", "never")]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            '[images."x"]\nsh = "zsh"\n',
            ":1: images.x: sh must be one of busybox, dash, bash, got 'zsh'",
        ),
        ('\n[images."x"]\nshell = "dash"\n', ":2: images.x: unknown key 'shell' (known: dockerfile, target, args, config, sh)"),
        ("images = 3\n", ":1: images: must be a table"),
    ],
)
def test_toml_images_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, config: str, message: str
) -> None:
    status, [err] = _pid1(tmp_path, monkeypatch, capsys, config)
    assert status == 2
    assert err.endswith(".cmdresolve.toml" + message)


@pytest.mark.parametrize(
    ("base", "reason"),
    [("python:3.12-slim", "never"), ("python:3.12-alpine", "last_command"), ("scratch", None)],
)
def test_a_dockerfile_shell_form_takes_sh_from_its_catalogued_base(
    tmp_path: Path, base: str, reason: str | None
) -> None:
    from cmdresolve.api import resolve

    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(f"FROM {base}\nCMD python app.py\n")
    [result] = resolve([str(dockerfile)])
    assert result.script is not None
    outcomes = [o.reason.value for o in result.script.pid1]
    if reason is None:  # not known: both outcomes
        assert outcomes == ["last_command", "never"]
    else:
        assert outcomes == [reason]


def test_a_script_past_a_bound_says_which_in_text(capsys: pytest.CaptureFixture[str]) -> None:
    script = "a;" * MAX_COMMANDS + "exec app"
    assert main(["--run", f"docker run busybox:1.37 sh -c '{script}'"]) == 0
    out = capsys.readouterr().out
    assert f"PID 1  not known: the script has more than {MAX_COMMANDS} simple commands, which" in out
    assert "CR307" not in out
