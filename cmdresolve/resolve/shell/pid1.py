"""What ends as PID 1 once a shell runs a ``-c`` script (docs/semantics.md §10 rule 1).

A shell started as PID 1 with ``-c SCRIPT`` either stays PID 1 while its commands run
as its children, or, in some cases, execs the script's last simple command in its own
place. Which cases depends on the shell; the rules below are the ones measured on a
real engine (BusyBox 1.35 ash, bash 5.2.15, dash 0.5.12), and a case not measured is
said to be not known, never guessed.

Authority: docs/semantics.md §10 rule 1 (measurements); BusyBox ``shell/ash.c ::
evaltree`` (``EV_EXIT`` passed to the last command of a list, an and-or list and a
subshell), bash ``builtins/evalstring.c :: parse_and_execute`` with
``execute_cmd.c :: should_optimize_fork`` (``CMD_NO_FORK`` for a lone simple command or
the right side of ``&&``/``||``/``;`` without redirections, not after ``trap`` nor once
a job runs in the background: measured, tests/engine/test_engine_shells.py), dash
``src/eval.c :: evalcommand`` (no such step for ``-c``).
"""

from __future__ import annotations

from cmdresolve.model.script import Command, Context, Pid1, Pid1Reason, ShellKind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.resolve.shell.parser import Node, Parsed

__all__ = ["BUILTINS", "is_builtin", "pid1"]

# Builtins and keywords-as-commands each shell runs itself (no program is looked up).
# Authority: POSIX.1-2017 XCU 2.14 (special builtins) and 1.7 (the regular builtins that
# must not be looked up by PATH first), BusyBox ``shell/ash.c :: builtintab``, bash
# ``builtins/*.def``, dash ``src/builtins.def.in``.
_POSIX = frozenset(
    (
        ":",
        ".",
        "break",
        "continue",
        "eval",
        "exec",
        "exit",
        "export",
        "readonly",
        "return",
        "set",
        "shift",
        "times",
        "trap",
        "unset",
        "alias",
        "bg",
        "cd",
        "command",
        "false",
        "fc",
        "fg",
        "getopts",
        "hash",
        "jobs",
        "kill",
        "newgrp",
        "pwd",
        "read",
        "true",
        "type",
        "ulimit",
        "umask",
        "unalias",
        "wait",
        "echo",
        "printf",
        "test",
        "[",
        "local",
    )
)
BUILTINS: dict[ShellKind, frozenset[str]] = {
    ShellKind.DASH: _POSIX,
    ShellKind.BUSYBOX: _POSIX | {"[[", "let", "source", "help", "history", "chdir"},
    ShellKind.BASH: _POSIX
    | {
        "[[",
        "let",
        "source",
        "declare",
        "typeset",
        "shopt",
        "builtin",
        "caller",
        "compgen",
        "complete",
        "compopt",
        "dirs",
        "disown",
        "enable",
        "help",
        "history",
        "logout",
        "mapfile",
        "readarray",
        "popd",
        "pushd",
        "suspend",
    },
}


def is_builtin(name: str, shell: ShellKind) -> bool:
    return name in BUILTINS[shell]


def _exec_target(cmd: Command) -> int | None:
    """For ``exec [-a NAME] prog …``, the index of ``prog`` in the words; else None."""
    words = cmd.words
    if not words or words[0].value != "exec":
        return None
    i = 1
    while i < len(words) and (words[i].value or "").startswith("-") and words[i].value != "--":
        i += 2 if words[i].value == "-a" else 1
    if i < len(words) and words[i].value == "--":
        i += 1
    return i if i < len(words) else None


def pid1(parsed: Parsed, shell: ShellKind) -> Pid1:
    """What is PID 1 when ``shell`` runs the script ``parsed`` as ``shell -c``."""
    if parsed.error is not None:
        # Past a bound of the reader the rest is not known, and the shell runs it all.
        limit = parsed.error.is_limit
        return Pid1(shell, Pid1Reason.NOT_READ if limit else Pid1Reason.SYNTAX_ERROR)
    commands = parsed.commands
    # An explicit exec at the top level hands PID 1 over in every shell, once reached.
    for index, cmd in enumerate(commands):
        if (
            not cmd.contexts
            and _exec_target(cmd) is not None
            and not _in_pipeline_or_bg(parsed.top, index)
        ):
            return Pid1(shell, Pid1Reason.EXEC, index)
    top = parsed.top
    if not top.items:
        return Pid1(shell, Pid1Reason.EMPTY)
    if shell is ShellKind.DASH:
        return Pid1(shell, Pid1Reason.NEVER)
    if any(c.name == "trap" and not c.contexts for c in commands):
        return Pid1(shell, Pid1Reason.TRAP)
    if shell is ShellKind.BASH and "&" in top.ops[:-1]:
        return Pid1(shell, Pid1Reason.JOB)  # measured: bash stays after starting a job
    return _last(parsed, top, shell)


def _in_pipeline_or_bg(top: Node, index: int) -> bool:
    for item, op in zip(top.items, top.ops):
        for pipeline in item.items:
            if any(n.kind == "simple" and n.index == index for n in pipeline.items):
                return len(pipeline.items) > 1 or op == "&"
    return False


def _last(parsed: Parsed, node: Node, shell: ShellKind) -> Pid1:
    """The outcome for the list ``node`` run last by ``shell`` (ash or bash)."""
    if node.ops and node.ops[-1] == "&":
        return Pid1(shell, Pid1Reason.BACKGROUND)
    pipeline = node.items[-1].items[-1]
    if len(pipeline.items) > 1 or pipeline.negated:
        return Pid1(shell, Pid1Reason.PIPELINE)
    last = pipeline.items[0]
    if last.kind == "loop":
        return Pid1(shell, Pid1Reason.LOOP)
    if last.kind == "subshell":
        if shell is ShellKind.BASH:
            return Pid1(shell, Pid1Reason.SUBSHELL)
        return _last(parsed, last.items[0], shell)
    if last.kind != "simple":
        return Pid1(shell, Pid1Reason.NOT_MEASURED)
    cmd = parsed.commands[last.index]
    if not cmd.words:
        return Pid1(shell, Pid1Reason.BUILTIN)  # only assignments or redirections
    name = cmd.name
    if name is None:
        return Pid1(shell, Pid1Reason.EXPANDS)
    if is_builtin(name, shell) or name in parsed.functions:
        return Pid1(shell, Pid1Reason.BUILTIN)
    if shell is ShellKind.BASH and cmd.redirected:
        return Pid1(shell, Pid1Reason.REDIRECTION)
    if Context.SUBSTITUTION in cmd.contexts:  # pragma: no cover - a substitution is never last
        return Pid1(shell, Pid1Reason.NOT_MEASURED)
    return Pid1(shell, Pid1Reason.LAST_COMMAND, last.index)
