"""Read a ``docker run`` / ``docker create`` / ``podman run`` command line.

``parse_run_line`` turns the one string given to ``--run`` into a ``DockerRun``:
the image, the ``--entrypoint`` override, the words after the image, and the
``-e``/``--env-file``/``-w``/``-u``/``--init`` settings.  Nothing is read from
disk and nothing is merged with an image here; that is the resolver's work.

Words are split by ``shell_words.split_words`` (POSIX shell rules, no
expansion, one command only); the option tables are in ``run_flags``, options
are read by ``pflag_options``, and the program and its subcommand are found by
``run_program``.

Options.  Authority: docker/cli @ 28f75608 ``cli/command/container/run.go ::
newRunCommand`` (``Use: "run [OPTIONS] IMAGE [COMMAND] [ARG...]"`` and
``flags.SetInterspersed(false)``: the first non-option word is the image and
every later word is the command, flag-like or not), ``create.go ::
newCreateCommand`` (same), ``opts.go :: addFlags`` (the option table),
``opts.go :: parse`` (``--entrypoint X`` is ``[X]``, never split; an empty
value resets), ``opts/env.go :: ValidateEnv``, ``cli/flags/options.go ::
InstallFlags`` (options before the subcommand).  Options are read as
spf13/pflag v1.0.10 ``flag.go :: parseArgs, parseLongArg, parseShortArg,
parseSingleShortArg`` reads them: ``--opt value``, ``--opt=value``, boolean
options never take the next word (``--rm=false`` is allowed), ``-itp80:80`` is
a cluster whose value-taking last letter takes the rest of the word or the
next word, ``--`` ends the options, and the last of repeated options wins.
Podman: containers/podman @ c6580b4a ``cmd/podman/common/create.go ::
DefineCreateFlags``, ``common/netflags.go :: DefineNetFlags``,
``containers/run.go :: runFlags``, ``containers/create.go :: createFlags``,
``root.go :: rootFlags`` (persistent options are also accepted after ``run``),
``utils/alias.go :: AliasFlags``, ``pkg/specgenutil/specgen.go ::
FillOutSpecGen`` (podman reads ``--entrypoint`` as a JSON array when it can).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from types import MappingProxyType

from cmdresolve.model import Arg, Span
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import replace
from cmdresolve.model.origins import ArgRun, Note, NoteKind, Origin
from cmdresolve.model.overrides import DockerRun
from cmdresolve.model.process import Healthcheck
from cmdresolve.sources.cmdline import docker_flags as run_flags
from cmdresolve.sources.cmdline.pflag import GO_BOOLS, Flags, Setting, parse_flags, refuse
from cmdresolve.sources.cmdline.program import (
    RUN_FILE,
    SUBCOMMANDS,
    CommandLine,
    container_subcommand,
    container_tool,
    run_error,
)
from cmdresolve.sources.cmdline.shell_words import Word, Words

__all__ = ["docker_run", "parse_run_line"]


def _command_flags(tool: str, sub: str) -> Flags:
    if tool == "docker":
        valued = run_flags.DOCKER_CONTAINER_VALUE_FLAGS | run_flags.DOCKER_CREATE_VALUE_FLAGS
        boolean = run_flags.DOCKER_CONTAINER_BOOL_FLAGS | run_flags.DOCKER_CREATE_BOOL_FLAGS
        shorts: dict[str, str] = {**run_flags.DOCKER_CONTAINER_SHORTHANDS, "q": "quiet"}
        if sub == "run":
            valued = valued | run_flags.DOCKER_RUN_ONLY_VALUE_FLAGS
            boolean = boolean | run_flags.DOCKER_RUN_ONLY_BOOL_FLAGS
            shorts["d"] = "detach"
        return Flags(f"docker {sub}", valued, boolean, MappingProxyType(shorts), checks_env=True)
    valued = run_flags.PODMAN_CONTAINER_VALUE_FLAGS | run_flags.PODMAN_PERSISTENT_VALUE_FLAGS
    boolean = run_flags.PODMAN_CONTAINER_BOOL_FLAGS | run_flags.PODMAN_PERSISTENT_BOOL_FLAGS
    shorts = dict(run_flags.PODMAN_CONTAINER_SHORTHANDS)
    if sub == "run":
        valued = valued | run_flags.PODMAN_RUN_ONLY_VALUE_FLAGS
        boolean = boolean | run_flags.PODMAN_RUN_ONLY_BOOL_FLAGS
        shorts["d"] = "detach"
    else:
        valued = valued | run_flags.PODMAN_CREATE_ONLY_VALUE_FLAGS
    return Flags(
        f"podman {sub}", valued, boolean, MappingProxyType(shorts), run_flags.PODMAN_ALIASES
    )


_COMMAND_FLAGS = MappingProxyType(
    {(tool, sub): _command_flags(tool, sub) for tool in ("docker", "podman") for sub in SUBCOMMANDS}
)
_GLOBAL_FLAGS = MappingProxyType(
    {
        "docker": Flags(
            "docker",
            run_flags.DOCKER_GLOBAL_VALUE_FLAGS,
            run_flags.DOCKER_GLOBAL_BOOL_FLAGS,
            run_flags.DOCKER_GLOBAL_SHORTHANDS,
        ),
        "podman": Flags(
            "podman",
            run_flags.PODMAN_GLOBAL_VALUE_FLAGS | run_flags.PODMAN_PERSISTENT_VALUE_FLAGS,
            run_flags.PODMAN_GLOBAL_BOOL_FLAGS | run_flags.PODMAN_PERSISTENT_BOOL_FLAGS,
            run_flags.PODMAN_GLOBAL_SHORTHANDS,
            MappingProxyType({"cni-config-dir": "network-config-dir"}),
        ),
    }
)


def _entrypoint(setting: Setting, tool: str) -> Arg:
    if tool == "podman" and _is_json_list(setting.value):
        raise run_error(
            N_(
                "podman reads `--entrypoint {value}` as a JSON argv list, which is not supported "
                "yet: give the program with --entrypoint and its arguments after the image"
            ),
            setting.col,
            value=setting.value,
        )
    return Arg(setting.value, Origin.RUN_ENTRYPOINT, Span(RUN_FILE, None, setting.col))


def _is_json_list(value: str) -> bool:
    try:
        decoded = json.loads(value)
    except (ValueError, RecursionError):
        return False
    return decoded is None or isinstance(decoded, list)


def _image(words: Sequence[Word], i: int, program: str) -> Word:
    if i >= len(words):
        raise run_error(
            N_("no image given: `{program}` needs IMAGE after its options"),
            words[-1].col,
            program=program,
        )
    if words[i].text == "":
        raise run_error(
            N_("the image name at column {column} is empty"), words[i].col, column=words[i].col
        )
    return words[i]


def parse_run_line(line: str) -> DockerRun:
    """Parse one ``docker``/``podman`` ``run``/``create`` command line.

    Authority: docker/cli ``run.go :: newRunCommand`` and ``create.go ::
    newCreateCommand`` with ``flags.SetInterspersed(false)``: the first
    non-option word is the image and every later word (``--`` included) is
    the command; ``opts.go :: parse``: ``--entrypoint`` is one element, empty
    means reset; the last of repeated single-valued options wins (pflag).

    ``program`` is ``docker run``, ``docker create``, ``podman run`` or
    ``podman create`` (``docker container run`` is the same command).  Values
    are kept as written: ``-w ''`` stays ``""`` and a relative ``-w`` is not
    judged here.  A leading ``sudo`` (with its options) and ``NAME=value``
    prefixes are stepped over; the client environment they change is not
    modelled, so a bare ``-e NAME`` stays ``NAME``.  Raises ``InputError``
    (file ``--run``, column of the offending word) for anything docker or
    podman would refuse and for lines this reader does not handle.
    """
    return docker_run(CommandLine(line))


def docker_run(command: CommandLine) -> DockerRun:
    """:func:`parse_run_line` of a line already split into words."""
    words = command.words
    start = command.program_index()
    tool = container_tool(words[start])
    _, i = parse_flags(words, start + 1, _GLOBAL_FLAGS[tool])
    sub, i = container_subcommand(words, i, tool)
    settings, i = parse_flags(words, i, _COMMAND_FLAGS[tool, sub])
    image = _image(words, i, f"{tool} {sub}")
    result = DockerRun(
        image=image.text,
        program=f"{tool} {sub}",
        args=_run_args(command.hand_over(i + 1)),
        span=Span(RUN_FILE, None, words[start].col),
    )
    applied = _apply(result, settings, tool)
    health = _healthcheck(settings, _COMMAND_FLAGS[tool, sub], tool)
    return applied if health is None else replace(applied, healthcheck=health)


_HEALTH_OPTIONS = frozenset(
    {"health-interval", "health-retries", "health-start-interval", "health-start-period",
     "health-timeout"}
)  # fmt: skip
_ZERO = re.compile(r"[+-]?[0.]*(?:ns|us|µs|μs|ms|s|m|h)?")  # a Go duration or int of 0


def _healthcheck(settings: list[Setting], flags: Flags, tool: str) -> Healthcheck | None:
    """Authority: docker/cli ``opts.go :: parse``: ``--no-healthcheck`` is ``["NONE"]``
    and refuses any ``--health-*`` option; ``--health-cmd X`` is ``["CMD-SHELL", X]``;
    other non-zero ``--health-*`` options alone give an empty ``Test``. podman reads its
    options otherwise (``specgenutil.MakeHealthCheckFromCli``: a JSON array, ``CMD``,
    ``NONE``, per version), which is not modelled: such a check is not known."""
    if tool == "podman":
        used = [s for s in settings if s.name in ("health-cmd", "no-healthcheck")]
        if not used:
            return None
        return Healthcheck(None, (), Span(RUN_FILE, None, used[0].col), known=False)
    command: Setting | None = None
    others = disabled = None
    for s in settings:
        if s.name == "health-cmd":
            command = s
        elif s.name == "no-healthcheck":
            disabled = s if GO_BOOLS[s.value] else None
        elif s.name in _HEALTH_OPTIONS and not _ZERO.fullmatch(s.value.strip()):
            others = s
    configured = (command is not None and command.value != "") or others is not None
    if disabled is not None:
        if configured:
            raise refuse(flags, "--no-healthcheck conflicts with --health-* options", disabled.col)
        return Healthcheck("NONE", (), Span(RUN_FILE, None, disabled.col))
    if not configured:
        return None
    if command is None or command.value == "":
        return Healthcheck(None, ())
    span = Span(RUN_FILE, None, command.col)
    script = Arg(command.value, Origin.RUN_HEALTHCHECK, span, notes=(Note(NoteKind.SHELL_SCRIPT),))
    return Healthcheck("CMD-SHELL", (script,), span)


def _run_args(words: Words) -> ArgRun | None:
    """The words after the image as arguments, kept as texts and columns: a line of a
    million words holds no million objects."""
    if not words:
        return None
    return ArgRun(tuple(words.texts), words.cols, Origin.RUN_ARGS, RUN_FILE)


def _apply(result: DockerRun, settings: list[Setting], tool: str) -> DockerRun:
    entrypoint: Arg | None = None
    working_dir: str | None = None
    user: str | None = None
    init = False
    env: list[str] = []
    env_files: list[str] = []
    for s in settings:
        match s.name:
            case "entrypoint":
                entrypoint = _entrypoint(s, tool)
            case "env":
                env.append(s.value)
            case "env-file":
                env_files.append(s.value)
            case "workdir":
                working_dir = s.value
            case "user":
                user = s.value
            case "init":
                init = GO_BOOLS[s.value]
    return replace(
        result,
        entrypoint=entrypoint,
        env=tuple(env),
        env_files=tuple(env_files),
        working_dir=working_dir,
        user=user,
        init=init,
    )
