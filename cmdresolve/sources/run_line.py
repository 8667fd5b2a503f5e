"""Read a ``docker run`` / ``docker create`` / ``podman run`` command line.

``parse_run_line`` turns the one string given to ``--run`` into a ``DockerRun``:
the image, the ``--entrypoint`` override, the words after the image, and the
``-e``/``--env-file``/``-w``/``-u``/``--init`` settings.  Nothing is read from
disk and nothing is merged with an image here; that is the resolver's work.

Splitting.  Words are split as a POSIX shell splits them, which is what
``shlex.split(line, posix=True)`` does for quotes and backslashes, with three
shell rules shlex gets wrong for a pasted command line: ``#`` starts a comment
only at the start of a word (shlex's ``comments=True`` also cuts ``a#b``, its
default keeps ``# note`` as words); backslash-newline is a line continuation
and vanishes (shlex keeps the newline); and unquoted ``| && || < > ( )`` are
refused instead of being glued into argv words (a trailing ``;`` or ``&`` or a
newline ends the command).  No expansion is done: ``$HOME``, ``~``, ``*`` and
``$(...)`` stay as written.  Every word keeps the 1-based column of its first
character in the line.

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

__all__ = ["parse_run_line"]

_FILE = "--run"


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# docker/cli opts.go :: addFlags -- shared by `docker run` and `docker create`.
DOCKER_CONTAINER_VALUE_FLAGS = _names("""
    add-host annotation attach blkio-weight blkio-weight-device cap-add cap-drop
    cgroup-parent cgroupns cidfile cpu-count cpu-percent cpu-period cpu-quota
    cpu-rt-period cpu-rt-runtime cpu-shares cpus cpuset-cpus cpuset-mems device
    device-cgroup-rule device-read-bps device-read-iops device-write-bps
    device-write-iops dns dns-opt dns-option dns-search domainname entrypoint
    env env-file expose gpus group-add health-cmd health-interval health-retries
    health-start-interval health-start-period health-timeout hostname
    io-maxbandwidth io-maxiops ip ip6 ipc isolation kernel-memory label
    label-file link link-local-ip log-driver log-opt mac-address memory
    memory-reservation memory-swap memory-swappiness mount net net-alias network
    network-alias oom-score-adj pid pids-limit publish restart runtime
    security-opt shm-size stop-signal stop-timeout storage-opt sysctl tmpfs
    ulimit user userns uts volume volume-driver volumes-from workdir
""")
DOCKER_CONTAINER_BOOL_FLAGS = _names("""
    init interactive no-healthcheck oom-kill-disable privileged publish-all
    read-only rm tty
""")
DOCKER_CONTAINER_SHORTHANDS = MappingProxyType(
    {
        "P": "publish-all",
        "a": "attach",
        "c": "cpu-shares",
        "e": "env",
        "h": "hostname",
        "i": "interactive",
        "l": "label",
        "m": "memory",
        "p": "publish",
        "t": "tty",
        "u": "user",
        "v": "volume",
        "w": "workdir",
    }
)
# docker/cli create.go :: newCreateCommand (run.go adds the DOCKER_RUN_ONLY ones).
DOCKER_CREATE_VALUE_FLAGS = _names("name platform pull")
DOCKER_CREATE_BOOL_FLAGS = _names("disable-content-trust help quiet use-api-socket")
DOCKER_RUN_ONLY_VALUE_FLAGS = _names("detach-keys")
DOCKER_RUN_ONLY_BOOL_FLAGS = _names("detach sig-proxy")
# docker/cli cli/flags/options.go :: InstallFlags, cmd/docker/docker.go (--version).
DOCKER_GLOBAL_VALUE_FLAGS = _names("config context host log-level tlscacert tlscert tlskey")
DOCKER_GLOBAL_BOOL_FLAGS = _names("debug help tls tlsverify version")
DOCKER_GLOBAL_SHORTHANDS = MappingProxyType(
    {
        "D": "debug",
        "H": "host",
        "c": "context",
        "h": "help",
        "l": "log-level",
        "v": "version",
    }
)

# podman common/create.go :: DefineCreateFlags(CreateMode) + netflags.go :: DefineNetFlags.
PODMAN_CONTAINER_VALUE_FLAGS = _names("""
    add-host annotation arch attach authfile blkio-weight blkio-weight-device
    cap-add cap-drop cert-dir cgroup-conf cgroup-parent cgroupns cgroups
    chrootdirs cidfile conmon-pidfile cpu-period cpu-quota cpu-rt-period
    cpu-rt-runtime cpu-shares cpus cpuset-cpus cpuset-mems creds decryption-key
    device device-cgroup-rule device-read-bps device-read-iops device-write-bps
    device-write-iops dns dns-option dns-search entrypoint env env-file
    env-merge expose gidmap gpus group-add group-entry health-cmd
    health-interval health-log-destination health-max-log-count
    health-max-log-size health-on-failure health-retries health-start-period
    health-startup-cmd health-startup-interval health-startup-retries
    health-startup-success health-startup-timeout health-timeout hostname
    hosts-file hostuser image-volume init-path ip ip6 ipc kernel-memory label
    label-file log-driver log-opt mac-address memory memory-reservation
    memory-swap memory-swappiness mount name network network-alias oom-score-adj
    os passwd-entry personality pid pidfile pids-limit platform pod pod-id-file
    publish pull rdt-class requires restart retry retry-delay sdnotify
    seccomp-policy secret security-opt shm-size shm-size-systemd
    signature-policy stop-signal stop-timeout subgidname subuidname sysctl
    systemd timeout tmpfs tz uidmap ulimit umask unsetenv user userns uts
    variant volume volumes-from workdir
""")
# tls-verify is an OptionalBool (NoOptDefVal "true"): parsed like a boolean.
PODMAN_CONTAINER_BOOL_FLAGS = _names("""
    disable-content-trust env-host help http-proxy init interactive
    no-healthcheck no-hostname no-hosts oom-kill-disable privileged publish-all
    quiet read-only read-only-tmpfs replace rm rootfs tls-verify tty
    unsetenv-all
""")
PODMAN_CONTAINER_SHORTHANDS = MappingProxyType({**DOCKER_CONTAINER_SHORTHANDS, "q": "quiet"})
PODMAN_RUN_ONLY_VALUE_FLAGS = _names("detach-keys preserve-fd preserve-fds")
PODMAN_RUN_ONLY_BOOL_FLAGS = _names("detach passwd rmi sig-proxy")
PODMAN_CREATE_ONLY_VALUE_FLAGS = _names("init-ctr")
# podman root.go :: rootFlags, cmd.PersistentFlags(): valid before and after `run`.
PODMAN_PERSISTENT_VALUE_FLAGS = _names("""
    cdi-spec-dir cgroup-manager conmon cpu-profile default-mounts-file
    events-backend hooks-dir imagestore log-level max-workers memory-profile
    namespace network-backend network-config-dir pull-option registries-conf
    root runroot runtime runtime-flag storage-driver storage-opt tmpdir
    volumepath
""")
PODMAN_PERSISTENT_BOOL_FLAGS = _names("help syslog trace transient-store")
# podman root.go :: rootFlags, cmd.Flags() (plus cobra's --version): before the subcommand.
PODMAN_GLOBAL_VALUE_FLAGS = _names("""
    config connection context host identity module out ssh tls-ca tls-cert
    tls-details tls-key url
""")
PODMAN_GLOBAL_BOOL_FLAGS = _names("debug noout remote version")
PODMAN_GLOBAL_SHORTHANDS = MappingProxyType(
    {"D": "debug", "H": "host", "c": "connection", "r": "remote", "v": "version"}
)
# podman utils/alias.go :: AliasFlags (the names a run/create option set knows).
PODMAN_ALIASES = MappingProxyType(
    {
        "dns-opt": "dns-option",
        "healthcheck-command": "health-cmd",
        "healthcheck-interval": "health-interval",
        "healthcheck-retries": "health-retries",
        "healthcheck-start-period": "health-start-period",
        "healthcheck-timeout": "health-timeout",
        "net": "network",
        "override-arch": "arch",
        "override-os": "os",
        "override-variant": "variant",
    }
)

# sudo(8) options that take the next word as their value.
SUDO_VALUE_SHORT = frozenset("CDRTUacgprtu")
SUDO_VALUE_LONG = _names("""
    auth-type chdir chroot close-from command-timeout group login-class
    other-user prompt role type user
""")

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


# ---------------------------------------------------------------- splitting


@dataclass(frozen=True, slots=True)
class _Word:
    """One shell word: its text, its column, and the column of each character."""

    text: str
    col: int
    cols: tuple[int, ...]

    def col_at(self, index: int) -> int:
        return self.cols[index] if index < len(self.cols) else self.col


_BLANKS = " \t\n"
_OPERATORS = "|&;<>()"


class _Splitter:
    """POSIX shell word splitting with columns (see the module docstring)."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.pos = 0
        self.words: list[_Word] = []
        self.ended = False

    def split(self) -> list[_Word]:
        line = self.line
        while self.pos < len(line):
            ch = line[self.pos]
            if ch in _BLANKS:
                self.ended = self.ended or (ch == "\n" and bool(self.words))
                self.pos += 1
            elif ch == "#":
                end = line.find("\n", self.pos)
                self.pos = len(line) if end < 0 else end
            elif line.startswith("\\\n", self.pos):
                self.pos += 2
            elif ch in _OPERATORS:
                self._operator()
            else:
                self._word()
        return self.words

    def _operator(self) -> None:
        op = self.line[self.pos : self.pos + 2]
        if op[:1] in ";&" and op not in (";;", "&&", "&>"):
            self.ended = self.ended or bool(self.words)
            self.pos += 1
            return
        if op not in ("&&", "||", ";;", ">>", "<<", ">&", "<&", ">|", "<>", "&>"):
            op = op[:1]
        raise _error(
            f"`{op}` at column {self.pos + 1} is a shell operator: give one command, "
            "without pipes, lists or redirections",
            self.pos + 1,
        )

    def _word(self) -> None:
        start = self.pos
        if self.ended:
            raise _error(
                f"a second command starts at column {start + 1}: give one command",
                start + 1,
            )
        chars: list[tuple[str, int]] = []
        line = self.line
        while self.pos < len(line) and line[self.pos] not in _BLANKS + _OPERATORS:
            ch = line[self.pos]
            if ch == "'":
                self._single_quoted(chars)
            elif ch == '"':
                self._double_quoted(chars)
            elif ch == "\\":
                self._escaped(chars)
            else:
                chars.append((ch, self.pos + 1))
                self.pos += 1
        text = "".join(c for c, _ in chars)
        self.words.append(_Word(text, start + 1, tuple(col for _, col in chars)))

    def _single_quoted(self, chars: list[tuple[str, int]]) -> None:
        close = self.line.find("'", self.pos + 1)
        if close < 0:
            raise _unbalanced("'", self.pos)
        chars.extend((self.line[k], k + 1) for k in range(self.pos + 1, close))
        self.pos = close + 1

    def _double_quoted(self, chars: list[tuple[str, int]]) -> None:
        opened, line = self.pos, self.line
        self.pos += 1
        while self.pos < len(line) and line[self.pos] != '"':
            pair = line[self.pos : self.pos + 2]
            if pair == "\\\n":
                self.pos += 2
            elif len(pair) == 2 and pair[0] == "\\" and pair[1] in '$`"\\':
                chars.append((pair[1], self.pos + 2))
                self.pos += 2
            else:
                chars.append((line[self.pos], self.pos + 1))
                self.pos += 1
        if self.pos >= len(line):
            raise _unbalanced('"', opened)
        self.pos += 1

    def _escaped(self, chars: list[tuple[str, int]]) -> None:
        if self.pos + 1 >= len(self.line):
            raise _error(
                f"the backslash at column {self.pos + 1} ends the line and escapes nothing",
                self.pos + 1,
            )
        if self.line[self.pos + 1] != "\n":
            chars.append((self.line[self.pos + 1], self.pos + 2))
        self.pos += 2


def _unbalanced(quote: str, pos: int) -> InputError:
    return _error(f"unbalanced quote: the {quote} at column {pos + 1} is never closed", pos + 1)


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
        valued = DOCKER_CONTAINER_VALUE_FLAGS | DOCKER_CREATE_VALUE_FLAGS
        boolean = DOCKER_CONTAINER_BOOL_FLAGS | DOCKER_CREATE_BOOL_FLAGS
        shorts: dict[str, str] = {**DOCKER_CONTAINER_SHORTHANDS, "q": "quiet"}
        if sub == "run":
            valued = valued | DOCKER_RUN_ONLY_VALUE_FLAGS
            boolean = boolean | DOCKER_RUN_ONLY_BOOL_FLAGS
            shorts["d"] = "detach"
        return _Flags(f"docker {sub}", valued, boolean, MappingProxyType(shorts), checks_env=True)
    valued = PODMAN_CONTAINER_VALUE_FLAGS | PODMAN_PERSISTENT_VALUE_FLAGS
    boolean = PODMAN_CONTAINER_BOOL_FLAGS | PODMAN_PERSISTENT_BOOL_FLAGS
    shorts = dict(PODMAN_CONTAINER_SHORTHANDS)
    if sub == "run":
        valued = valued | PODMAN_RUN_ONLY_VALUE_FLAGS
        boolean = boolean | PODMAN_RUN_ONLY_BOOL_FLAGS
        shorts["d"] = "detach"
    else:
        valued = valued | PODMAN_CREATE_ONLY_VALUE_FLAGS
    return _Flags(f"podman {sub}", valued, boolean, MappingProxyType(shorts), PODMAN_ALIASES)


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
            "docker", DOCKER_GLOBAL_VALUE_FLAGS, DOCKER_GLOBAL_BOOL_FLAGS, DOCKER_GLOBAL_SHORTHANDS
        ),
        "podman": _Flags(
            "podman",
            PODMAN_GLOBAL_VALUE_FLAGS | PODMAN_PERSISTENT_VALUE_FLAGS,
            PODMAN_GLOBAL_BOOL_FLAGS | PODMAN_PERSISTENT_BOOL_FLAGS,
            PODMAN_GLOBAL_SHORTHANDS,
            MappingProxyType({"cni-config-dir": "network-config-dir"}),
        ),
    }
)


def _refuse(flags: _Flags, detail: str, col: int) -> InputError:
    return _error(f"`{flags.command}` would refuse this line: {detail}", col)


def _go_quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _parse_flags(words: list[_Word], i: int, flags: _Flags) -> tuple[list[_Setting], int]:
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


def _parse_long(words: list[_Word], i: int, flags: _Flags, out: list[_Setting]) -> int:
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


def _parse_short(words: list[_Word], i: int, flags: _Flags, out: list[_Setting]) -> int:
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


def _skip_assignments(words: list[_Word], i: int, line: str) -> int:
    while i < len(words):
        found = _ASSIGNMENT.match(words[i].text)
        start = words[i].col - 1
        if found is None or line[start : start + found.end()] != found.group():
            break
        i += 1
    return i


def _skip_sudo(words: list[_Word], i: int) -> int:
    """Step over ``sudo`` and its options (sudo(8) stops at its first operand)."""
    i += 1
    while i < len(words):
        text = words[i].text
        if text == "--":
            return i + 1
        if len(text) < 2 or text[0] != "-":
            break
        if text.startswith("--"):
            takes_next = "=" not in text and text[2:] in SUDO_VALUE_LONG
        else:
            at = next((k for k, c in enumerate(text[1:], 1) if c in SUDO_VALUE_SHORT), None)
            takes_next = at == len(text) - 1
        i += 2 if takes_next else 1
    return i


def _program(words: list[_Word], line: str) -> int:
    """Index of the program word, past ``NAME=value`` prefixes and ``sudo``."""
    i = _skip_assignments(words, 0, line)
    if i < len(words) and _basename(words[i].text) == "sudo":
        i = _skip_assignments(words, _skip_sudo(words, i), line)
    if i >= len(words):
        raise _error(f"the command line names no program: {_SUPPORTED}", 1)
    return i


def _tool(word: _Word) -> str:
    base = _basename(word.text)
    if base in ("docker", "podman"):
        return base
    if base == "kubectl":
        raise _error(
            "kubectl run lines are not supported yet: give a docker or podman run line", word.col
        )
    raise _error(f"`{word.text}` is not a supported program: {_SUPPORTED}", word.col)


def _subcommand(words: list[_Word], i: int, tool: str) -> tuple[str, int]:
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


def _image(words: list[_Word], i: int, program: str) -> _Word:
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
    words = _Splitter(line).split()
    if not words:
        raise _error("the command line is empty", None)
    start = _program(words, line)
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
