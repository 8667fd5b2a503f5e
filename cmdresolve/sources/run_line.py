"""Read a ``docker run`` / ``docker create`` / ``podman run`` command line.

``parse_run_line`` turns the one string given to ``--run`` into a ``DockerRun``:
the image, the ``--entrypoint`` override, the words after the image, and the
``-e``/``--env-file``/``-w``/``-u``/``--init`` settings.  Nothing is read from
disk and nothing is merged with an image here; that is the resolver's work.

Words are split by ``shell_words.split_words`` (POSIX shell rules, no
expansion, one command only); the option tables are in ``run_flags``.

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
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from cmdresolve.model import Arg, InputError, Span
from cmdresolve.model.overrides import DockerRun
from cmdresolve.sources import run_flags
from cmdresolve.sources.shell_words import Word, split_words

__all__ = ["parse_run_line"]

_FILE = "--run"

_SUBCOMMANDS = ("run", "create")
_SUPPORTED = (
    "give `docker run`, `docker create`, `docker container run`, "
    "`docker container create`, or the same with `podman`"
)
_GO_BOOLS = MappingProxyType(
    {
        **dict.fromkeys(("1", "t", "T", "TRUE", "true", "True"), True),
        **dict.fromkeys(("0", "f", "F", "FALSE", "false", "False"), False),
    }
)
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")


def _error(message: str, col: int | None = None) -> InputError:
    return InputError(message, Span(_FILE, None, col))


# ------------------------------------------------------------------ options


@dataclass(frozen=True, slots=True)
class _Flags:
    """One command's pflag option set: which long names take a value."""

    command: str
    valued: frozenset[str]
    boolean: frozenset[str]
    shorthands: Mapping[str, str]
    aliases: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    checks_env: bool = False

    def lookup(self, name: str) -> str | None:
        name = self.aliases.get(name, name)
        return name if name in self.valued or name in self.boolean else None

    def display(self, name: str) -> str:
        """pflag's name for a flag in messages: ``-d, --detach`` or ``--rm``."""
        short = [s for s, long_name in self.shorthands.items() if long_name == name]
        return f"-{short[0]}, --{name}" if short else f"--{name}"


@dataclass(frozen=True, slots=True)
class _Setting:
    """One option as parsed: long name, value, column of the value's first character."""

    name: str
    value: str
    col: int


def _command_flags(tool: str, sub: str) -> _Flags:
    if tool == "docker":
        valued = run_flags.DOCKER_CONTAINER_VALUE_FLAGS | run_flags.DOCKER_CREATE_VALUE_FLAGS
        boolean = run_flags.DOCKER_CONTAINER_BOOL_FLAGS | run_flags.DOCKER_CREATE_BOOL_FLAGS
        shorts: dict[str, str] = {**run_flags.DOCKER_CONTAINER_SHORTHANDS, "q": "quiet"}
        if sub == "run":
            valued = valued | run_flags.DOCKER_RUN_ONLY_VALUE_FLAGS
            boolean = boolean | run_flags.DOCKER_RUN_ONLY_BOOL_FLAGS
            shorts["d"] = "detach"
        return _Flags(f"docker {sub}", valued, boolean, MappingProxyType(shorts), checks_env=True)
    valued = run_flags.PODMAN_CONTAINER_VALUE_FLAGS | run_flags.PODMAN_PERSISTENT_VALUE_FLAGS
    boolean = run_flags.PODMAN_CONTAINER_BOOL_FLAGS | run_flags.PODMAN_PERSISTENT_BOOL_FLAGS
    shorts = dict(run_flags.PODMAN_CONTAINER_SHORTHANDS)
    if sub == "run":
        valued = valued | run_flags.PODMAN_RUN_ONLY_VALUE_FLAGS
        boolean = boolean | run_flags.PODMAN_RUN_ONLY_BOOL_FLAGS
        shorts["d"] = "detach"
    else:
        valued = valued | run_flags.PODMAN_CREATE_ONLY_VALUE_FLAGS
    return _Flags(
        f"podman {sub}", valued, boolean, MappingProxyType(shorts), run_flags.PODMAN_ALIASES
    )


_COMMAND_FLAGS = MappingProxyType(
    {
        (tool, sub): _command_flags(tool, sub)
        for tool in ("docker", "podman")
        for sub in _SUBCOMMANDS
    }
)
_GLOBAL_FLAGS = MappingProxyType(
    {
        "docker": _Flags(
            "docker",
            run_flags.DOCKER_GLOBAL_VALUE_FLAGS,
            run_flags.DOCKER_GLOBAL_BOOL_FLAGS,
            run_flags.DOCKER_GLOBAL_SHORTHANDS,
        ),
        "podman": _Flags(
            "podman",
            run_flags.PODMAN_GLOBAL_VALUE_FLAGS | run_flags.PODMAN_PERSISTENT_VALUE_FLAGS,
            run_flags.PODMAN_GLOBAL_BOOL_FLAGS | run_flags.PODMAN_PERSISTENT_BOOL_FLAGS,
            run_flags.PODMAN_GLOBAL_SHORTHANDS,
            MappingProxyType({"cni-config-dir": "network-config-dir"}),
        ),
    }
)


def _refuse(flags: _Flags, detail: str, col: int) -> InputError:
    return _error(f"`{flags.command}` would refuse this line: {detail}", col)


def _go_quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _parse_flags(words: list[Word], i: int, flags: _Flags) -> tuple[list[_Setting], int]:
    """Read options from ``words[i]`` on, as pflag with interspersing off.

    Returns the settings in order and the index of the first non-option word
    (the word after ``--`` when ``--`` ends the options).
    """
    settings: list[_Setting] = []
    while i < len(words):
        text = words[i].text
        if text == "--":
            i += 1
            break
        if len(text) < 2 or text[0] != "-":
            break
        parse = _parse_long if text.startswith("--") else _parse_short
        i = parse(words, i, flags, settings)
    _check_exits(flags, settings)
    return settings, i


def _parse_long(words: list[Word], i: int, flags: _Flags, out: list[_Setting]) -> int:
    word = words[i]
    name, eq, value = word.text[2:].partition("=")
    if word.text[2] in "-=":
        raise _refuse(flags, f"bad flag syntax: {word.text}", word.col)
    canonical = flags.lookup(name)
    if canonical is None:
        if name == "help":
            raise _exits(flags, "help", word.col)
        raise _refuse(flags, f"unknown flag: --{name}", word.col)
    if eq:
        return _accept(flags, _Setting(canonical, value, word.col_at(len(name) + 3)), out, i + 1)
    if canonical in flags.boolean:
        return _accept(flags, _Setting(canonical, "true", word.col), out, i + 1)
    if i + 1 < len(words):
        return _accept(flags, _Setting(canonical, words[i + 1].text, words[i + 1].col), out, i + 2)
    raise _refuse(flags, f"flag needs an argument: --{name}", word.col)


def _parse_short(words: list[Word], i: int, flags: _Flags, out: list[_Setting]) -> int:
    word, pos = words[i], 1
    while pos < len(word.text):
        rest = word.text[pos:]
        name = flags.shorthands.get(rest[0])
        if name is None:
            if rest[0] == "h":
                raise _exits(flags, "help", word.col)
            raise _refuse(flags, f"unknown shorthand flag: '{rest[0]}' in -{rest}", word.col)
        if len(rest) > 2 and rest[1] == "=":
            return _accept(flags, _Setting(name, rest[2:], word.col_at(pos + 2)), out, i + 1)
        if name in flags.boolean:
            _accept(flags, _Setting(name, "true", word.col), out, i)
            pos += 1
        elif len(rest) > 1:
            return _accept(flags, _Setting(name, rest[1:], word.col_at(pos + 1)), out, i + 1)
        elif i + 1 < len(words):
            return _accept(flags, _Setting(name, words[i + 1].text, words[i + 1].col), out, i + 2)
        else:
            raise _refuse(flags, f"flag needs an argument: '{rest[0]}' in -{rest}", word.col)
    return i + 1


def _accept(flags: _Flags, setting: _Setting, out: list[_Setting], next_i: int) -> int:
    """Check a value the way the flag's ``Set`` would, keep it, return ``next_i``."""
    name, value = setting.name, setting.value
    if name in flags.boolean and value not in _GO_BOOLS:
        raise _refuse(
            flags,
            f"invalid argument {_go_quote(value)} for {_go_quote(flags.display(name))} flag: "
            f"strconv.ParseBool: parsing {_go_quote(value)}: invalid syntax",
            setting.col,
        )
    if flags.checks_env and name == "env" and value.partition("=")[0] == "":
        raise _refuse(
            flags,
            f"invalid argument {_go_quote(value)} for {_go_quote(flags.display(name))} flag: "
            f"invalid environment variable: {value}",
            setting.col,
        )
    out.append(setting)
    return next_i


def _check_exits(flags: _Flags, settings: list[_Setting]) -> None:
    """cobra prints help or the version, and stops, when the flag ends up true."""
    final = {s.name: s for s in settings if s.name in ("help", "version")}
    for name, last in final.items():
        if _GO_BOOLS[last.value]:
            raise _exits(flags, name, last.col)


def _exits(flags: _Flags, name: str, col: int) -> InputError:
    shows = "usage" if name == "help" else "its version"
    return _error(f"`{flags.command} --{name}` prints {shows} and runs no container", col)


# ------------------------------------------------------------------ the line


def _basename(text: str) -> str:
    base = text.replace("\\", "/").rsplit("/", 1)[-1]
    return base[:-4].lower() if base.lower().endswith(".exe") else base


def _skip_assignments(words: list[Word], i: int, line: str) -> int:
    while i < len(words):
        found = _ASSIGNMENT.match(words[i].text)
        start = words[i].col - 1
        if found is None or line[start : start + found.end()] != found.group():
            break
        i += 1
    return i


def _skip_sudo(words: list[Word], i: int) -> int:
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


def _program_index(words: list[Word], line: str) -> int:
    """Index of the program word, past ``NAME=value`` prefixes and ``sudo``."""
    i = _skip_assignments(words, 0, line)
    if i < len(words) and _basename(words[i].text) == "sudo":
        i = _skip_assignments(words, _skip_sudo(words, i), line)
    return i


def find_program(words: list[Word], line: str, supported: str = _SUPPORTED) -> int:
    """Like ``_program_index``, refusing a line that names no program."""
    i = _program_index(words, line)
    if i >= len(words):
        raise _error(f"the command line names no program: {supported}", 1)
    return i


def program_name(line: str) -> str:
    """The program a ``--run`` line runs (``docker``, ``kubectl``, …), or ``""`` for none.

    Lets the caller pick the reader; both readers step over the same prefixes.
    """
    words = split_words(line, _FILE)
    i = _program_index(words, line)
    return _basename(words[i].text) if i < len(words) else ""


def _tool(word: Word) -> str:
    base = _basename(word.text)
    if base in ("docker", "podman"):
        return base
    if base == "kubectl":
        raise _error(
            "kubectl run lines are not supported yet: give a docker or podman run line", word.col
        )
    raise _error(f"`{word.text}` is not a supported program: {_SUPPORTED}", word.col)


def _subcommand(words: list[Word], i: int, tool: str) -> tuple[str, int]:
    said = [w.text for w in words[i : i + 2]]
    if said[:1] and said[0] in _SUBCOMMANDS:
        return said[0], i + 1
    if said[:1] == ["container"] and said[1:] and said[1] in _SUBCOMMANDS:
        return said[1], i + 2
    if not said:
        raise _error(f"`{tool}` has no subcommand: {_SUPPORTED}", words[i - 1].col)
    shown = " ".join(said if said[0] == "container" else said[:1])
    raise _error(f"`{tool} {shown}` is not supported: {_SUPPORTED}", words[i].col)


def _entrypoint(setting: _Setting, tool: str) -> Arg:
    if tool == "podman" and _is_json_list(setting.value):
        raise _error(
            f"podman reads `--entrypoint {setting.value}` as a JSON argv list, which is not "
            "supported yet: give the program with --entrypoint and its arguments after the image",
            setting.col,
        )
    return Arg(setting.value, "run.entrypoint", Span(_FILE, None, setting.col))


def _is_json_list(value: str) -> bool:
    try:
        decoded = json.loads(value)
    except (ValueError, RecursionError):
        return False
    return decoded is None or isinstance(decoded, list)


def _image(words: list[Word], i: int, program: str) -> Word:
    if i >= len(words):
        raise _error(f"no image given: `{program}` needs IMAGE after its options", words[-1].col)
    if words[i].text == "":
        raise _error(f"the image name at column {words[i].col} is empty", words[i].col)
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
    words = split_words(line, _FILE)
    if not words:
        raise _error("the command line is empty", None)
    start = find_program(words, line)
    tool = _tool(words[start])
    _, i = _parse_flags(words, start + 1, _GLOBAL_FLAGS[tool])
    sub, i = _subcommand(words, i, tool)
    settings, i = _parse_flags(words, i, _COMMAND_FLAGS[tool, sub])
    image = _image(words, i, f"{tool} {sub}")
    rest = words[i + 1 :]
    result = DockerRun(
        image=image.text,
        program=f"{tool} {sub}",
        args=tuple(Arg(w.text, "run.args", Span(_FILE, None, w.col)) for w in rest) or None,
        span=Span(_FILE, None, words[start].col),
    )
    return _apply(result, settings, tool)


def _apply(result: DockerRun, settings: list[_Setting], tool: str) -> DockerRun:
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
                init = _GO_BOOLS[s.value]
    return replace(
        result,
        entrypoint=entrypoint,
        env=tuple(env),
        env_files=tuple(env_files),
        working_dir=working_dir,
        user=user,
        init=init,
    )
