"""A ``-c`` script in the output: what ends as PID 1 (text and JSON), and with ``-v``
the script's simple commands, in order, with the operator after each."""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.script import Pid1Reason, Separator
from cmdresolve.render.catalog import say
from cmdresolve.render.escape import escape_line
from cmdresolve.render.phrases.script import CONTEXTS, PID1, PROBLEMS, SHELL_NAMES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.model import Resolution
    from cmdresolve.model.script import Command, Pid1, Script
    from cmdresolve.render.screen import Screen

__all__ = ["pid1_text", "script_commands", "script_json", "script_lines"]

# Whether the program gets the signals sent to PID 1 (None: not known).
SIGNALS = {reason: False for reason in Pid1Reason} | {
    Pid1Reason.EXEC: True,
    Pid1Reason.LAST_COMMAND: True,
    Pid1Reason.NOT_MEASURED: None,
    Pid1Reason.EXPANDS: None,
    Pid1Reason.NOT_READ: None,
}
MOST_COMMANDS = 300  # commands listed with -v; the rest are counted
LONGEST_COMMAND = 120  # characters of one command's text


def command_text(command: Command) -> str:
    text = " ".join(w.text for w in (*command.assignments, *command.words))
    if command.redirected:
        text = say(N_("{command} (with a redirection)"), {"command": text})
    if len(text) > LONGEST_COMMAND:
        text = text[: LONGEST_COMMAND - 1] + "…"
    return text


def _program(script: Script, outcome: Pid1) -> str:
    if outcome.command is None:
        return ""
    command = script.commands[outcome.command]
    words = command.words
    if words and words[0].value == "exec":
        rest = [w for w in words[1:] if not (w.value or "").startswith("-")]
        words = tuple(rest) if rest else words
    text = " ".join(w.text for w in words)
    return text if len(text) <= LONGEST_COMMAND else text[: LONGEST_COMMAND - 1] + "…"


def pid1_text(script: Script, outcome: Pid1) -> str:
    limit = ""
    error = script.error
    if outcome.reason is Pid1Reason.NOT_READ and error is not None:
        limit = say(PROBLEMS[error.problem], {"expected": error.expected, "token": error.token})
    return say(
        PID1[outcome.reason],
        {"program": _program(script, outcome), "shell": SHELL_NAMES[outcome.shell], "limit": limit},
    )


def script_lines(r: Resolution, s: Screen) -> list[str]:
    """``PID 1 …`` under the argv."""
    script = r.script
    if script is None:
        return []
    lines: list[str] = []
    label = say(N_("PID 1"))
    head = "  " + label + "  "
    hang = " " * len(head)
    if script.shell is not None:
        lines.extend(s.wrap(escape_line(pid1_text(script, script.pid1[0])), head, hang))
    else:
        first = script.pid1[0]
        if all(o.reason is first.reason and o.command == first.command for o in script.pid1):
            lines.extend(s.wrap(escape_line(pid1_text(script, first)), head, hang))
        else:
            lines.extend(
                s.wrap(
                    say(N_("depends on what /bin/sh is in the image, which is not known here:")),
                    head,
                    hang,
                )
            )
            for outcome in script.pid1:
                text = say(
                    N_("with {shell}, {outcome}"),
                    {"shell": SHELL_NAMES[outcome.shell], "outcome": pid1_text(script, outcome)},
                )
                lines.extend(s.wrap(escape_line(text), hang + "· ", hang + "  "))
    return lines


def script_commands(script: Script, s: Screen) -> list[str]:
    """The script's simple commands, in order, each with the operator after it (``-v``)."""
    if script.shell is None:
        title = say(N_("the script's commands (read as POSIX sh)"))
    else:
        title = say(
            N_("the script's commands (read as {shell})"), {"shell": SHELL_NAMES[script.dialect]}
        )
    lines = ["  " + title]
    width = len(str(min(len(script.commands), MOST_COMMANDS)))
    for number, command in enumerate(script.commands[:MOST_COMMANDS], 1):
        text = command_text(command)
        if command.after not in (Separator.END, Separator.NEWLINE):
            text += "  " + command.after.value
        if command.contexts:
            text += "   (" + ", ".join(say(CONTEXTS[c]) for c in command.contexts) + ")"
        head = "    " + str(number).rjust(width) + "  "
        lines.extend(s.wrap(escape_line(text), head, " " * len(head)))
    if len(script.commands) > MOST_COMMANDS:
        more = len(script.commands) - MOST_COMMANDS
        lines.append("    " + say(N_("… and {count} more"), {"count": more}))
    return lines


def script_json(script: Script | None) -> dict[str, Any] | None:
    """The JSON contract's ``script`` (docs/design.md)."""
    if script is None:
        return None
    error = script.error
    return {
        "index": script.index,
        "shell": None if script.shell is None else script.shell.value,
        "shell_source": script.shell_source,
        "dialect": script.dialect.value,
        "commands": [
            {
                "words": [w.value for w in c.words],
                "text": [w.text for w in c.words],
                "assignments": [w.text for w in c.assignments],
                "redirected": c.redirected,
                "after": c.after.value,
                "contexts": [x.value for x in c.contexts],
                "negated": c.negated,
                "start": c.words[0].start if c.words else None,
            }
            for c in script.commands
        ],
        "functions": list(script.functions),
        "pid1": [
            {
                "shell": o.shell.value,
                "reason": o.reason.value,
                "command": o.command,
                "program": _program(script, o) or None,
                "signals_reach_program": SIGNALS[o.reason],
            }
            for o in script.pid1
        ],
        "error": None
        if error is None
        else {
            "problem": error.problem.value,
            "line": error.line,
            "col": error.col,
            "token": error.token,
            "expected": error.expected,
        },
    }
