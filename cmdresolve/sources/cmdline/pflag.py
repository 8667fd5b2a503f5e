"""Read command-line options as spf13/pflag and spf13/cobra read them.

Shared by the ``--run`` readers: ``run_line`` (docker, podman) and
``kubectl_line``.  A ``Flags`` is one command's option set (which long names
take a value, which are boolean, the shorthands and alias spellings); the
option tables themselves are in ``run_flags`` and ``kubectl_options``.

Authority: spf13/pflag v1.0.10 ``flag.go :: parseArgs, parseLongArg,
parseShortArg, parseSingleShortArg``: ``--opt value``, ``--opt=value``,
boolean options never take the next word (``--rm=false`` is allowed),
``-itp80:80`` is a cluster whose value-taking last letter takes the rest of
the word or the next word, ``--`` ends the options, and the last of repeated
options wins; a boolean value is read by Go's ``strconv.ParseBool``.  cobra
prints help or the version, and runs nothing, when ``--help`` or
``--version`` ends up true.  docker/cli @ 28f75608 ``opts/env.go ::
ValidateEnv`` refuses an ``--env`` value with an empty name.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from cmdresolve.model import InputError
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import field, record
from cmdresolve.sources.cmdline.program import run_error
from cmdresolve.sources.cmdline.shell_words import Word

__all__ = [
    "GO_BOOLS",
    "Flags",
    "Setting",
    "check_exits",
    "go_quote",
    "parse_flags",
    "parse_long",
    "parse_short",
    "refuse",
]

GO_BOOLS = MappingProxyType(
    {
        **dict.fromkeys(("1", "t", "T", "TRUE", "true", "True"), True),
        **dict.fromkeys(("0", "f", "F", "FALSE", "false", "False"), False),
    }
)


@record
class Flags:
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


@record
class Setting:
    """One option as parsed: long name, value, column of the value's first character."""

    name: str
    value: str
    col: int


def refuse(flags: Flags, detail: str, col: int) -> InputError:
    """``detail`` is the tool's own error, as it prints it (in English): data, quoted."""
    return run_error(
        N_("`{command}` would refuse this line: {detail}"),
        col,
        command=flags.command,
        detail=detail,
    )


def go_quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def parse_flags(words: Sequence[Word], i: int, flags: Flags) -> tuple[list[Setting], int]:
    """Read options from ``words[i]`` on, as pflag with interspersing off.

    Returns the settings in order and the index of the first non-option word
    (the word after ``--`` when ``--`` ends the options).
    """
    settings: list[Setting] = []
    while i < len(words):
        text = words[i].text
        if text == "--":
            i += 1
            break
        if len(text) < 2 or text[0] != "-":
            break
        parse = parse_long if text.startswith("--") else parse_short
        i = parse(words, i, flags, settings)
    check_exits(flags, settings)
    return settings, i


def parse_long(words: Sequence[Word], i: int, flags: Flags, out: list[Setting]) -> int:
    word = words[i]
    name, eq, value = word.text[2:].partition("=")
    if word.text[2] in "-=":
        raise refuse(flags, f"bad flag syntax: {word.text}", word.col)
    canonical = flags.lookup(name)
    if canonical is None:
        if name == "help":
            raise _exits(flags, "help", word.col)
        raise refuse(flags, f"unknown flag: --{name}", word.col)
    if eq:
        return _accept(flags, Setting(canonical, value, word.col_at(len(name) + 3)), out, i + 1)
    if canonical in flags.boolean:
        return _accept(flags, Setting(canonical, "true", word.col), out, i + 1)
    if i + 1 < len(words):
        return _accept(flags, Setting(canonical, words[i + 1].text, words[i + 1].col), out, i + 2)
    raise refuse(flags, f"flag needs an argument: --{name}", word.col)


def parse_short(words: Sequence[Word], i: int, flags: Flags, out: list[Setting]) -> int:
    word, pos = words[i], 1
    text = word.text  # indexed, not sliced per letter: ``-iiii…`` stays linear
    while pos < len(text):
        letter = text[pos]
        name = flags.shorthands.get(letter)
        if name is None:
            if letter == "h":
                raise _exits(flags, "help", word.col)
            raise refuse(flags, f"unknown shorthand flag: '{letter}' in -{text[pos:]}", word.col)
        if len(text) - pos > 2 and text[pos + 1] == "=":
            return _accept(flags, Setting(name, text[pos + 2 :], word.col_at(pos + 2)), out, i + 1)
        if name in flags.boolean:
            _accept(flags, Setting(name, "true", word.col), out, i)
            pos += 1
        elif len(text) - pos > 1:
            return _accept(flags, Setting(name, text[pos + 1 :], word.col_at(pos + 1)), out, i + 1)
        elif i + 1 < len(words):
            return _accept(flags, Setting(name, words[i + 1].text, words[i + 1].col), out, i + 2)
        else:
            raise refuse(flags, f"flag needs an argument: '{letter}' in -{text[pos:]}", word.col)
    return i + 1


def _accept(flags: Flags, setting: Setting, out: list[Setting], next_i: int) -> int:
    """Check a value the way the flag's ``Set`` would, keep it, return ``next_i``."""
    name, value = setting.name, setting.value
    if name in flags.boolean and value not in GO_BOOLS:
        raise refuse(
            flags,
            f"invalid argument {go_quote(value)} for {go_quote(flags.display(name))} flag: "
            f"strconv.ParseBool: parsing {go_quote(value)}: invalid syntax",
            setting.col,
        )
    if flags.checks_env and name == "env" and value.partition("=")[0] == "":
        raise refuse(
            flags,
            f"invalid argument {go_quote(value)} for {go_quote(flags.display(name))} flag: "
            f"invalid environment variable: {value}",
            setting.col,
        )
    out.append(setting)
    return next_i


def check_exits(flags: Flags, settings: list[Setting]) -> None:
    """cobra prints help or the version, and stops, when the flag ends up true."""
    final = {s.name: s for s in settings if s.name in ("help", "version")}
    for name, last in final.items():
        if GO_BOOLS[last.value]:
            raise _exits(flags, name, last.col)


def _exits(flags: Flags, name: str, col: int) -> InputError:
    return run_error(
        N_("`{command} --{flag}` prints usage and runs no container")
        if name == "help"
        else N_("`{command} --{flag}` prints its version and runs no container"),
        col,
        command=flags.command,
        flag=name,
    )
