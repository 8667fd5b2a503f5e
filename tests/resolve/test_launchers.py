"""Which element a shell reads as its -c script, and which program an init wrapper runs."""

from __future__ import annotations

import pytest

from cmdresolve.resolve.launchers import (
    program_index,
    scripts_in,
    shell_name,
    shell_script,
    uses_positionals,
)


@pytest.mark.parametrize(
    ("argv", "script"),
    [
        (["sh", "-c", "echo a", "b"], 2),
        (["/bin/sh", "-c", "x"], 2),
        (["bash", "-ecx", "x"], 2),  # -c inside a cluster, not last
        (["sh", "-ce", "x"], 2),
        (["sh", "-xc", "x"], 2),
        (["bash", "-lc", "x"], 2),
        (["bash", "-o", "pipefail", "-c", "x"], 4),  # -o takes the next word
        (["sh", "-o", "errexit", "-c", "x"], 4),
        (["bash", "-eo", "pipefail", "-c", "x"], 4),  # also inside a cluster
        (["bash", "-co", "pipefail", "x"], 3),
        (["bash", "-O", "extglob", "-c", "x"], 4),
        (["bash", "+o", "histexpand", "-c", "x"], 4),
        (["bash", "--norc", "-c", "x"], 3),
        (["bash", "--rcfile", "/etc/rc", "-c", "x"], 4),  # takes a word
        (["sh", "-c", "-e", "x"], 3),  # options after -c
        (["sh", "-c", "--", "-x"], 3),  # -- ends the options
        (["busybox", "sh", "-c", "x"], 3),
        (["/usr/bin/zsh", "-c", "x"], 2),
    ],
)
def test_shell_script_finds_the_script(argv: list[str], script: int) -> None:
    assert shell_script(argv) == script


@pytest.mark.parametrize(
    "argv",
    [
        ["sh", "script.sh", "a"],  # no -c: a script file
        ["sh", "-x", "script.sh"],
        ["sh", "-c"],  # nothing left for the script
        ["bash", "-o", "-c"],  # -o took "-c"
        ["python", "-c", "print(1)"],  # not a shell
        ["busybox", "ls", "-c"],
        [],
    ],
)
def test_shell_script_none(argv: list[str]) -> None:
    assert shell_script(argv) is None


def test_shell_script_from_a_start() -> None:
    argv = ["tini", "--", "sh", "-c", "x"]
    assert shell_script(argv) is None
    assert shell_script(argv, 2) == 4


@pytest.mark.parametrize(
    ("argv", "program"),
    [
        (["sh", "-c", "x"], 0),
        (["tini", "--", "sh"], 2),
        (["/sbin/docker-init", "--", "sh"], 2),
        (["dumb-init", "sh"], 1),
        (["tini", "-p", "SIGTERM", "--", "app"], 4),  # -p takes a value
        (["dumb-init", "--rewrite", "15:2", "app"], 3),
        (["tini", "--", "dumb-init", "app"], 3),
        (["tini"], 1),
        (["app", "tini"], 0),
    ],
)
def test_program_index_skips_init_wrappers(argv: list[str], program: int) -> None:
    assert program_index(argv) == program


def test_scripts_in_finds_shells_behind_other_programs() -> None:
    argv = ["gosu", "app", "sh", "-c", "echo $HOME", "x"]
    assert scripts_in(argv) == {4: 2}
    assert scripts_in(["echo", "sh"]) == {}
    assert shell_name(["busybox", "ash", "-c", "x"], 0) == "ash"


@pytest.mark.parametrize(
    "script",
    [
        'exec "$@"',
        "echo $1",
        "echo $0",
        "echo ${1:-x}",
        "echo ${10}",
        "echo $*",
        "echo $#",
        "echo ${@}",
        "for a; do echo $a; done",
        "for a do echo; done",
        "while getopts ab opt; do :; done",
    ],
)
def test_uses_positionals(script: str) -> None:
    assert uses_positionals(script)


@pytest.mark.parametrize(
    "script", ["echo $HOME", "echo ${#VAR}", "echo $$", "for a in x y; do echo; done", "echo"]
)
def test_uses_no_positionals(script: str) -> None:
    assert not uses_positionals(script)
