"""Programs that run another one from their own arguments: init wrappers, and shells
given a ``-c`` script.

One place decides which argv element a shell reads as its ``-c`` script (and so which
elements become its ``$0``, ``$1``, …), and which program an init wrapper execs: the
resolver's ``$0`` notes and every check that treats a shell script or its operands
apart ask these functions, never a ``"-c"`` comparison of their own.

Authority: POSIX ``sh`` (``sh -c [options] command_string [command_name [argument...]]``:
options may come before and after ``-c``, which may sit in a cluster such as ``-ec``;
the first operand after the options is the script, the next one ``$0``); bash
``shell.c :: parse_long_options, parse_shell_options`` (``-o``/``-O`` take the next
word, also inside a cluster; ``--rcfile``/``--init-file`` take one; ``-`` and ``--``
end the options); dash ``src/options.c :: options, procargs`` (the same for ``-o``,
``-`` and ``--``). tini ``src/tini.c :: parse_args`` (getopt stops at the program;
``-p``, ``-e`` take a value) and dumb-init ``dumb-init.c :: parse_command`` (``-r``
takes one): both exec the program after their options.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "INIT_WRAPPERS",
    "SHELLS",
    "is_init_wrapper",
    "program_index",
    "program_name",
    "scripts_in",
    "shell_name",
    "shell_script",
    "uses_positionals",
]

SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"})
"""POSIX-family shells (by file name) that read ``-c`` as described above."""
INIT_WRAPPERS = frozenset({"tini", "tini-static", "docker-init", "dumb-init", "catatonit"})
"""Minimal inits that run as PID 1, exec their operands, reap zombies and pass on signals
(``docker-init`` is the tini that ``docker run --init`` puts in front)."""

_INIT_OPTIONS_WITH_VALUE = frozenset({"-p", "-e", "-r", "--rewrite"})
_SHELL_LONG_OPTIONS_WITH_VALUE = frozenset({"--rcfile", "--init-file"})
# $0 … $9, $@, $*, $#, ${10}, ${1:-x}, ${@}, ${#}; a `for NAME; do` loop and getopts
# without words read "$@" too. ${#NAME} (a length) is not a positional parameter.
_POSITIONAL = re.compile(
    r"\$(?:[0-9@*#]|\{(?:[0-9]+|[@*#])(?=[}:#%/^,@*+=?-]))"
    r"|\bfor\s+[A-Za-z_][A-Za-z0-9_]*\s*(?:;|\n)\s*do\b|\bfor\s+[A-Za-z_][A-Za-z0-9_]*\s+do\b"
    r"|\bgetopts\s+\S+\s+[A-Za-z_][A-Za-z0-9_]*\s*(?:$|[;&|\n)])"
)


def program_name(word: str) -> str:
    """The file name a program is known by: ``/usr/bin/bash`` -> ``bash``."""
    return word.rsplit("/", 1)[-1]


def shell_name(values: Sequence[str], start: int) -> str:
    """The name of the shell at ``values[start]`` (``sh`` for ``busybox sh``)."""
    name = program_name(values[start])
    if name == "busybox" and start + 1 < len(values):
        return program_name(values[start + 1])
    return name


def is_init_wrapper(word: str) -> bool:
    return program_name(word) in INIT_WRAPPERS


def program_index(values: Sequence[str], start: int = 0) -> int:
    """Where the program is once the init wrappers in front of it (``tini --``,
    ``dumb-init``, ``/sbin/docker-init --``) have exec'd it; ``len(values)`` when none is
    left."""
    index = start
    while index < len(values) and is_init_wrapper(values[index]):
        index += 1
        while index < len(values) and values[index].startswith("-"):
            word = values[index]
            index += 2 if word in _INIT_OPTIONS_WITH_VALUE else 1
            if word == "--":
                break
    return min(index, len(values))


def shell_script(values: Sequence[str], start: int = 0) -> int | None:
    """The index of the script when ``values[start]`` is a shell given ``-c`` (``sh -c``,
    ``bash -ec``, ``sh -ce``, ``bash -o pipefail -c``, ``busybox sh -c``); None when it is
    not a shell, has no ``-c``, or no word is left for the script."""
    if start < len(values) - 1 and program_name(values[start]) == "busybox":
        start += 1
    if start >= len(values) or program_name(values[start]) not in SHELLS:
        return None
    index, reads_script = start + 1, False
    while index < len(values):
        word = values[index]
        if word in ("-", "--"):
            index += 1
            break
        if word.startswith("--"):
            index += 2 if word in _SHELL_LONG_OPTIONS_WITH_VALUE else 1
            continue
        if len(word) < 2 or word[0] not in "-+":
            break  # the first operand
        letters = word[1:]
        reads_script = reads_script or "c" in letters
        index += 1 + letters.count("o") + letters.count("O")  # each takes the next word
    return index if reads_script and index < len(values) else None


def scripts_in(values: Sequence[str]) -> dict[int, int]:
    """Every element a shell anywhere in the argv reads as its ``-c`` script (``gosu app
    sh -c '…'`` and ``tini -- sh -c '…'`` as well as a plain ``sh -c '…'``): the script's
    index, mapped to the index of its shell."""
    found: dict[int, int] = {}
    for index, word in enumerate(values):
        name = program_name(word)
        if name in SHELLS or name == "busybox":
            script = shell_script(values, index)
            if script is not None:
                found.setdefault(script, index)
    return found


def uses_positionals(script: str) -> bool:
    """Whether a ``-c`` script reads its positional parameters (``$0``, ``$1``, ``$@``,
    ``$*``, ``$#``, ``${1}``, …): then the words after it are meant for it."""
    return _POSITIONAL.search(script) is not None
