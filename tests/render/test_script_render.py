"""A -c script in the output: PID 1 under the argv, its commands with -v, JSON script."""

from __future__ import annotations

import json

import pytest

from cmdresolve.cli import main

RUN = "kubectl run x --image={image} --command -- sh -c '{script}'"


def _out(capsys, *args: str) -> str:
    main(list(args))
    return capsys.readouterr().out


@pytest.fixture(autouse=True)
def _columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("PATH", "/nonexistent")  # no ShellCheck


def test_pid1_line_for_a_known_shell(capsys) -> None:
    out = _out(capsys, "--run", RUN.format(image="busybox:1.28", script="echo hi && sleep 3600"))
    assert (
        "  PID 1  sleep 3600: BusyBox ash execs the script's last command, so signals reach it"
        in out
    )
    assert "the script's commands" not in out  # only with -v


def test_both_outcomes_when_sh_is_not_known(capsys) -> None:
    out = _out(capsys, "--run", RUN.format(image="example.com/app:1", script="a; b"))
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  PID 1  "))
    assert lines[at] == "  PID 1  depends on what /bin/sh is in the image, which is not known here:"
    assert (
        lines[at + 1].strip()
        == "· with BusyBox ash, b: BusyBox ash execs the script's last command, so signals reach it"
    )
    assert (
        lines[at + 2]
        .strip()
        .startswith("· with dash, the shell: dash never execs the last command")
    )


def test_verbose_lists_the_commands_with_their_operators(capsys) -> None:
    script = "until nslookup myservice; do echo waiting; sleep 2; done && exec app 2>&1"
    out = _out(capsys, "-v", "--run", RUN.format(image="busybox:1.28", script=script))
    assert "  the script's commands (read as BusyBox ash)" in out
    assert "    1  nslookup myservice ; (in a loop)" in out
    assert "    4  exec app (with a redirection)" in out
    assert "  PID 1  app: the script execs it, so signals reach it" in out


def test_json_script(capsys) -> None:
    out = _out(
        capsys,
        "-o",
        "json",
        "--run",
        RUN.format(image="debian:bookworm-20241202", script="echo $HOME | cat"),
    )
    [result] = json.loads(out)["results"]
    script = result["script"]
    assert (script["index"], script["shell"], script["shell_source"], script["dialect"]) == (
        2,
        "dash",
        "catalog",
        "dash",
    )
    assert [(c["words"], c["text"], c["after"]) for c in script["commands"]] == [
        (["echo", None], ["echo", "$HOME"], "|"),
        (["cat"], ["cat"], "end"),
    ]
    assert script["pid1"] == [
        {
            "shell": "dash",
            "reason": "never",
            "command": None,
            "program": None,
            "signals_reach_program": False,
        }
    ]
    assert script["error"] is None


def test_json_script_is_null_without_a_shell(capsys) -> None:
    out = _out(
        capsys, "-o", "json", "--run", "kubectl run x --image=busybox:1.28 --command -- sleep 1"
    )
    assert json.loads(out)["results"][0]["script"] is None


def test_json_script_error(capsys) -> None:
    out = _out(
        capsys,
        "-o",
        "json",
        "--run",
        "kubectl run x --image=busybox:1.28 --command -- sh -c 'echo ${x'",
    )
    [result] = json.loads(out)["results"]
    assert result["script"]["error"] == {
        "problem": "unterminated_substitution",
        "line": 1,
        "col": 6,
        "token": None,
        "expected": None,
    }
    assert [f["code"] for f in result["findings"]] == ["CR307"]


def test_every_pid1_reason_and_syntax_problem_has_a_sentence() -> None:
    from cmdresolve.model import Finding
    from cmdresolve.model.script import Pid1, Pid1Reason, Script, ShellKind, SyntaxProblem
    from cmdresolve.render.phrases import finding_message
    from cmdresolve.render.script import pid1_text

    script = Script(2, ShellKind.DASH, ShellKind.DASH, (), ())
    for reason in Pid1Reason:
        text = pid1_text(script, Pid1(ShellKind.BASH, reason))
        assert text and "{" not in text.replace("{ … }", "")
    for problem in SyntaxProblem:
        params = {
            "index": 2,
            "problem": problem.value,
            "line": 1,
            "col": 2,
            "token": ";",
            "expected": "fi",
            "shell": "dash",
            "known_shell": True,
        }
        message = finding_message(Finding("CR307", "shell-script-syntax-error", "error", params))
        assert message.startswith("the script in argv[2] does not parse as dash reads it")
