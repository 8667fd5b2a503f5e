"""``docker compose run`` and ``docker-compose run`` lines given to ``--run``.

Authority: docker/compose ``cmd/compose/run.go :: runCommand`` (``SetInterspersed(false)``:
every word after SERVICE is the command, ``--`` included, taken as written, never
interpolated nor re-split; ``--entrypoint`` is ``shellwords.Parse``d) and
``cmd/compose/compose.go`` (the global options before ``run``), docs/semantics.md §5.3.
"""

from __future__ import annotations

from collections.abc import Sequence

from cmdresolve.model import Arg, InputError, Origin, Span
from cmdresolve.model.compose import ComposeRun
from cmdresolve.model.facts import N_
from cmdresolve.resolve.compose.shellwords import ShellWordsError, split_compose_words
from cmdresolve.sources.cmdline.program import RUN_FILE, CommandLine, basename, run_error
from cmdresolve.sources.cmdline.shell_words import Word

__all__ = ["compose_run", "is_compose_run"]

# Global options of docker compose that take a value.
_GLOBAL_VALUES = frozenset(
    {
        "-f",
        "--file",
        "-p",
        "--project-name",
        "--profile",
        "--env-file",
        "--project-directory",
        "--ansi",
        "--progress",
        "--parallel",
    }
)
# Options of ``run`` that take a value.
_RUN_VALUES = frozenset(
    {
        "--entrypoint",
        "-e",
        "--env",
        "-w",
        "--workdir",
        "-u",
        "--user",
        "--name",
        "-l",
        "--label",
        "-p",
        "--publish",
        "-v",
        "--volume",
        "--cap-add",
        "--cap-drop",
        "--env-from-file",
        "--pull",
        "--network",
        "--platform",
    }
)
_RUN_FLAGS = frozenset(
    {
        "-d",
        "--detach",
        "--rm",
        "--no-deps",
        "-T",
        "--no-TTY",
        "-i",
        "--interactive",
        "-t",
        "--tty",
        "--service-ports",
        "--use-aliases",
        "--remove-orphans",
        "--build",
        "--quiet-pull",
        "-q",
        "--quiet",
        "-P",
        "--quiet-build",
        "--no-build",
    }
)


def is_compose_run(command: CommandLine) -> bool:
    """``docker compose …`` or ``docker-compose …``."""
    words = command.words[command.start :]
    if command.program == "docker-compose":
        return True
    return command.program == "docker" and len(words) > 1 and words[1].text == "compose"


def compose_run(command: CommandLine) -> ComposeRun:
    """The run's service and overrides. Authority: docker/compose ``runCommand``."""
    words = command.words
    i = command.start + (1 if command.program == "docker-compose" else 2)
    given: dict[str, list[str]] = {}
    i = _global_options(words, i, given)
    if i >= len(words) or words[i].text != "run":
        raise run_error(
            N_("only `docker compose run SERVICE …` is read from a compose line"),
            words[min(i, len(words) - 1)].col,
        )
    i += 1
    found: dict[str, str] = {}
    env: list[str] = []
    env_from_files: list[str] = []
    while i < len(words) and words[i].text.startswith("-") and words[i].text != "-":
        word = words[i].text
        if word == "--":
            i += 1
            break
        name, eq, value = word.partition("=")
        if name in _RUN_FLAGS and not eq:
            i += 1
            continue
        if name not in _RUN_VALUES:
            raise run_error(N_("unknown flag: {flag}"), words[i].col, flag=name)
        value, i = _flag_value(words, i, name, value if eq else None)
        if name in ("-e", "--env"):
            env.append(value)
        elif name == "--env-from-file":
            env_from_files.append(value)
        else:
            found[name] = value
    if i >= len(words):
        raise run_error(N_("docker compose run: a SERVICE is required"), None)
    service = words[i].text
    rest = words[i + 1 :]
    args = tuple(Arg(w.text, Origin.COMPOSE_RUN_ARGS, Span(RUN_FILE, None, w.col)) for w in rest)
    entrypoint = None
    if "--entrypoint" in found:
        entrypoint = _entrypoint(found["--entrypoint"])
    return ComposeRun(
        service=service,
        program="docker-compose"
        if basename(command.program) == "docker-compose"
        else "docker compose",
        entrypoint=entrypoint,
        args=args or None,
        env=tuple(env),
        working_dir=found.get("-w", found.get("--workdir")),
        user=found.get("-u", found.get("--user")),
        span=Span(RUN_FILE, None, words[i].col),
        env_from_files=tuple(env_from_files),
        files=tuple(given.get("-f", ())),
        project_name=given["-p"][-1] if "-p" in given else None,
        profiles=tuple(given.get("--profile", ())),
        env_files=tuple(given.get("--env-file", ())),
        project_directory=given["--project-directory"][-1]
        if "--project-directory" in given
        else None,
    )


def _entrypoint(text: str) -> tuple[Arg, ...]:
    """Authority: docker/compose ``cmd/compose/run.go``: ``shellwords.Parse(opts.entrypoint)``."""
    try:
        words = split_compose_words(text)
    except ShellWordsError:
        raise InputError(
            N_("--entrypoint {text!r}: invalid command line string"), Span(RUN_FILE), text=text
        ) from None
    return tuple(Arg(w, Origin.COMPOSE_RUN_ENTRYPOINT, Span(RUN_FILE)) for w in words.words)


_LONG = {"--file": "-f", "--project-name": "-p"}


def _flag_value(words: Sequence[Word], i: int, name: str, inline: str | None) -> tuple[str, int]:
    """The value of the flag at ``words[i]`` (``inline`` when written ``--flag=value``,
    else the next word) and the index after it."""
    if inline is not None:
        return inline, i + 1
    if i + 1 >= len(words):
        raise run_error(N_("flag needs an argument: {flag}"), words[i].col, flag=name)
    return words[i + 1].text, i + 2


def _global_options(words: Sequence[Word], i: int, given: dict[str, list[str]]) -> int:
    """The global options before ``run``, each value kept in ``given`` under its short
    name (``-f``, ``-p``) or long one (``--profile``, ``--env-file``,
    ``--project-directory``), repeated ones in order.

    Authority: docker/compose ``cmd/compose/compose.go :: ProjectOptions.addProjectFlags``
    (``-f`` and ``--profile`` and ``--env-file`` repeat; ``-p`` and
    ``--project-directory`` take one value), docs/semantics.md §5.8.
    """
    flags = frozenset({"--dry-run", "--compatibility", "--all-resources"})
    while i < len(words) and words[i].text.startswith("-"):
        name, eq, value = words[i].text.partition("=")
        if name.startswith("-f") and len(name) > 2 and not name.startswith("--"):
            name, eq, value = "-f", "=", words[i].text[2:]  # -fFILE
        if name in _GLOBAL_VALUES:
            value, i = _flag_value(words, i, name, value if eq else None)
            given.setdefault(_LONG.get(name, name), []).append(value)
        elif name in flags:
            i += 1
        else:
            raise run_error(N_("unknown flag: {flag}"), words[i].col, flag=name)
    return i
