"""How ``--help`` and argparse's own messages read: in the chosen language, laid out by
display width (a Hangul syllable is two terminal columns wide) in at most 80 columns.

Imported only when argparse is built (``--help``, ``--version`` and mistakes on the
command line): a plain run never pays for argparse.
"""

from __future__ import annotations

import argparse

from cmdresolve.model.facts import N_
from cmdresolve.render.catalog import say, translate
from cmdresolve.render.screen import width_of, wrap_words

__all__ = ["ARGPARSE_WORDS", "HELP", "VERSION", "epilog", "formatter", "wrap"]

WIDEST = 80
"""The widest ``--help`` is laid out for, however wide the terminal."""

HELP = N_("show this help message and exit")
VERSION = N_("show program's version number and exit")
# argparse's own words, as it looks them up (its gettext domain "argparse" has no
# catalog in Python): the ones a user of cmdresolve can meet. %-templates, as argparse
# fills them.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    HELP,
    VERSION,
    N_("argument %(argument_name)s: %(message)s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("ignored explicit argument %r"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
)
# What --help shows under "examples": each command line as it is typed, and what it shows.
EXAMPLES = (
    (
        "cmdresolve Dockerfile pod.yaml",
        N_("the pod's containers, their image built from the Dockerfile"),
    ),
    (
        "cmdresolve --run 'docker run --entrypoint sleep2.0 ubuntu-sleeper 10' \\\n"
        "           --image ubuntu-sleeper=Dockerfile",
        N_("a `docker run` line, its image built from the Dockerfile"),
    ),
)


def use_catalog() -> None:
    """Let argparse say its own words through the catalog: ``usage:``, its headings and
    its errors (it looks up ``_`` and ``ngettext`` in its module when it says them)."""
    words = vars(argparse)
    words["_"] = translate
    words["ngettext"] = lambda one, many, count: translate(one if count == 1 else many)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken between words only (a word
    wider than that keeps a line of its own); none for blank text."""
    return wrap_words(" ".join(text.split()), width) if text.split() else []


def width() -> int:
    """The columns argparse lays the help out in: the terminal's, at most :data:`WIDEST`,
    less the two argparse keeps free."""
    import shutil

    return min(shutil.get_terminal_size().columns, WIDEST) - 2


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout, wrapped by display width; an indented line of the description
    or the epilog is kept as written (a command line is never broken)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out: list[str] = []
        for line in text.splitlines():
            if not line.strip() or line[0].isspace():
                out.append(line)
            else:
                out += [indent + part for part in wrap(line, width - width_of(indent))]
        return "\n".join(out)


def formatter() -> type[HelpFormatter]:
    """The formatter class argparse is given, for this terminal's width."""
    columns_now = width() + 2  # argparse takes its two back off

    class Formatter(HelpFormatter):
        def __init__(self, prog: str) -> None:
            super().__init__(prog, width=columns_now, max_help_position=24)

    return Formatter


def usage() -> str:
    """The usage lines after argparse's ``usage:`` (its width in this language)."""
    indent = " " * width_of(translate("usage: "))
    return f"cmdresolve [FILE ...] [options]\n{indent}cmdresolve rules | rule CODE"


def epilog() -> str:
    """The examples, each under its command line, and where the checks are explained."""
    lines = [say(N_("examples")) + ":"]
    for command, what in EXAMPLES:
        lines += ["  " + part for part in command.splitlines()]
        lines += ["      " + part for part in wrap(say(what), width() - 6)]
    checks = N_("Checks: `cmdresolve rules` lists them, `cmdresolve rule CODE` explains one.")
    return "\n".join([*lines, "", say(checks)])
