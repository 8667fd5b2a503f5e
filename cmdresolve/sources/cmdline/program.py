"""Find the program a ``--run`` line runs, and docker's or podman's subcommand.

Both ``--run`` readers (``run_line`` for docker/podman, ``kubectl_line``) start
here: the words are split by ``shell_words.split_words``; ``NAME=value``
prefixes and a leading ``sudo`` with its options (sudo(8) stops at its first
operand; its option table is in ``run_flags``) are stepped over, and the next
word names the program.  For docker and podman the subcommand follows the
global options: ``run`` or ``create``, or the same after ``container``
(docker/cli @ 28f75608 ``cli/command/container/run.go :: newRunCommand``,
``create.go :: newCreateCommand``; containers/podman @ c6580b4a
``cmd/podman/containers/run.go``, ``create.go``).  Errors carry the file
``--run`` and the column of the offending word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cmdresolve.model import InputError, Span
from cmdresolve.model.facts import N_
from cmdresolve.sources.cmdline import docker_flags as run_flags
from cmdresolve.sources.cmdline.shell_words import Word, Words, split_words

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from cmdresolve.model.facts import Param

__all__ = [
    "NO_PROGRAM",
    "RUN_FILE",
    "SUBCOMMANDS",
    "CommandLine",
    "basename",
    "container_subcommand",
    "container_tool",
    "run_error",
]

RUN_FILE = "--run"

SUBCOMMANDS = ("run", "create")
# Each refusal names what is supported, as a whole sentence of the catalog.
NO_PROGRAM = N_(
    "the command line names no program: give `docker run`, `docker create`, "
    "`docker container run`, `docker container create`, or the same with `podman`"
)
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")


def run_error(template: str, col: int | None = None, **params: Param) -> InputError:
    """An ``InputError`` in the ``--run`` line, at column ``col``."""
    return InputError(template, Span(RUN_FILE, None, col), None, **params)


def basename(text: str) -> str:
    base = text.replace("\\", "/").rsplit("/", 1)[-1]
    return base[:-4].lower() if base.lower().endswith(".exe") else base


def _skip_assignments(words: Sequence[Word], i: int, line: str) -> int:
    while i < len(words):
        found = _ASSIGNMENT.match(words[i].text)
        start = words[i].col - 1
        if found is None or line[start : start + found.end()] != found.group():
            break
        i += 1
    return i


def _skip_sudo(words: Sequence[Word], i: int) -> int:
    """Step over ``sudo`` and its options (sudo(8) stops at its first operand)."""
    i += 1
    while i < len(words):
        text = words[i].text
        if text == "--":
            return i + 1
        if len(text) < 2 or text[0] != "-":
            break
        if text.startswith("--"):
            takes_next = "=" not in text and text[2:] in run_flags.SUDO_VALUE_LONG
        else:
            at = next(
                (k for k, c in enumerate(text[1:], 1) if c in run_flags.SUDO_VALUE_SHORT), None
            )
            takes_next = at == len(text) - 1
        i += 2 if takes_next else 1
    return i


def _program_index(words: Sequence[Word], line: str) -> int:
    """Index of the program word, past ``NAME=value`` prefixes and ``sudo``."""
    i = _skip_assignments(words, 0, line)
    if i < len(words) and basename(words[i].text) == "sudo":
        i = _skip_assignments(words, _skip_sudo(words, i), line)
    return i


class CommandLine:
    """A ``--run`` line split into words once, and the program it runs.

    ``start`` is the index of the program word (past ``NAME=value`` prefixes and
    ``sudo``), ``program`` its base name (``docker``, ``kubectl``; ``""`` for none).
    Both readers, docker/podman's and kubectl's, take it from here.
    """

    __slots__ = ("line", "program", "start", "words")

    def __init__(self, line: str) -> None:
        self.line = line
        self.words = split_words(line, RUN_FILE)
        if not self.words:
            raise run_error(N_("the command line is empty"), None)
        self.start = _program_index(self.words, line)
        found = self.start < len(self.words)
        self.program = basename(self.words[self.start].text) if found else ""

    def hand_over(self, index: int) -> Words:
        """The words from ``index`` on, which this line then no longer holds."""
        rest = self.words[index:]
        self.words.drop_from(index)
        return rest

    def program_index(self, no_program: str = NO_PROGRAM) -> int:
        """Where the program word is; a line that names none is refused (``no_program``)."""
        if self.start >= len(self.words):
            raise run_error(no_program, 1)
        return self.start


def container_tool(word: Word) -> str:
    """``docker`` or ``podman``, from the program word; refuses any other program."""
    base = basename(word.text)
    if base in ("docker", "podman"):
        return base
    if base == "kubectl":
        raise run_error(
            N_("kubectl run lines are not supported yet: give a docker or podman run line"),
            word.col,
        )
    raise run_error(
        N_(
            "`{program}` is not a supported program: give `docker run`, `docker create`, "
            "`docker container run`, `docker container create`, or the same with `podman`"
        ),
        word.col,
        program=word.text,
    )


def container_subcommand(words: Sequence[Word], i: int, tool: str) -> tuple[str, int]:
    """``run`` or ``create`` at ``words[i]`` (or after ``container``), and the next index."""
    said = [w.text for w in words[i : i + 2]]
    if said[:1] and said[0] in SUBCOMMANDS:
        return said[0], i + 1
    if said[:1] == ["container"] and said[1:] and said[1] in SUBCOMMANDS:
        return said[1], i + 2
    if not said:
        raise run_error(
            N_(
                "`{tool}` has no subcommand: give `docker run`, `docker create`, "
                "`docker container run`, `docker container create`, or the same with `podman`"
            ),
            words[i - 1].col,
            tool=tool,
        )
    shown = " ".join(said if said[0] == "container" else said[:1])
    raise run_error(
        N_(
            "`{tool} {subcommand}` is not supported: give `docker run`, `docker create`, "
            "`docker container run`, `docker container create`, or the same with `podman`"
        ),
        words[i].col,
        tool=tool,
        subcommand=shown,
    )
