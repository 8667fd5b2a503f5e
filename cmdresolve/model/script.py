"""A shell script a container runs (``sh -c SCRIPT``, a shell-form CMD): its commands.

:class:`Script` is what :mod:`cmdresolve.resolve.shell` reads from a script: every
simple command in the order written, with the operator that follows it and the
constructs it sits in, the syntax error that stops the shell (if any), and, for each
shell that may run it, which program ends as PID 1 (docs/semantics.md §10).
"""

from __future__ import annotations

from cmdresolve.model.facts import Kind
from cmdresolve.model.frozen import record

__all__ = [
    "Command",
    "Context",
    "Pid1",
    "Pid1Reason",
    "Script",
    "ScriptError",
    "Separator",
    "ShellKind",
    "SyntaxProblem",
    "Word",
]


class ShellKind(Kind):
    """Which shell runs the script (what ``/bin/sh`` is, or the shell named)."""

    BUSYBOX = "busybox"  # BusyBox ash
    DASH = "dash"
    BASH = "bash"


class Separator(Kind):
    """What follows a simple command."""

    SEMICOLON = ";"
    AND = "&&"
    OR = "||"
    PIPE = "|"
    BACKGROUND = "&"
    NEWLINE = "newline"
    END = "end"  # the end of its list (the script's, a group's, a substitution's)


class Context(Kind):
    """A construct a simple command sits in (outermost first)."""

    SUBSHELL = "subshell"  # ( … )
    GROUP = "group"  # { …; }
    IF = "if"
    LOOP = "loop"  # while, until, for
    CASE = "case"
    FUNCTION = "function"  # a function's body: runs when it is called
    SUBSTITUTION = "substitution"  # $( … ) or ` … `


class SyntaxProblem(Kind):
    UNTERMINATED_SINGLE_QUOTE = "unterminated_single_quote"
    UNTERMINATED_DOUBLE_QUOTE = "unterminated_double_quote"
    UNTERMINATED_BACKQUOTE = "unterminated_backquote"
    UNTERMINATED_SUBSTITUTION = "unterminated_substitution"  # $( or $(( or ${
    UNEXPECTED_TOKEN = "unexpected_token"  # params: token
    UNEXPECTED_END = "unexpected_end"  # params: expected
    # Not the shell's errors: the bounds of what cmdresolve reads (expected: the bound).
    TOO_DEEP = "too_deep"  # nesting
    TOO_MANY_COMMANDS = "too_many_commands"
    TOO_MANY_WORDS = "too_many_words"


_LIMITS = frozenset(
    (SyntaxProblem.TOO_DEEP, SyntaxProblem.TOO_MANY_COMMANDS, SyntaxProblem.TOO_MANY_WORDS)
)


@record
class Word:
    """One word: ``start``/``end`` are offsets in the script; ``value`` is the word after
    quote removal, or None when it holds an expansion (``$x``, ``$(…)``, a backquote)."""

    text: str
    start: int
    end: int
    value: str | None


@record
class Command:
    """One simple command: its assignments, words and whether it has a redirection.

    ``after`` is the operator that follows it; ``contexts`` the constructs it is in,
    outermost first; ``negated`` for ``! cmd``.
    """

    words: tuple[Word, ...]
    assignments: tuple[Word, ...] = ()
    redirected: bool = False
    after: Separator = Separator.END
    contexts: tuple[Context, ...] = ()
    negated: bool = False

    @property
    def name(self) -> str | None:
        """The command word after quote removal; None when there is none or it expands."""
        return self.words[0].value if self.words else None


@record
class ScriptError:
    """The syntax error the shell stops at, or the bound of this reader the script goes
    past (:attr:`is_limit`): ``offset`` in the script, 1-based ``line`` and ``col``;
    ``token`` the token found, ``expected`` the keyword or bracket missing (the bound, for
    a limit)."""

    problem: SyntaxProblem
    offset: int
    line: int
    col: int
    token: str | None = None
    expected: str | None = None

    @property
    def is_limit(self) -> bool:
        """The script goes past what is read here (a bound, not the shell's error)."""
        return self.problem in _LIMITS


class Pid1Reason(Kind):
    """Why the program, or the shell, ends as PID 1 (docs/semantics.md §10 rule 1)."""

    EXEC = "exec"  # an explicit ``exec prog``
    LAST_COMMAND = "last_command"  # the shell execs the script's last simple command
    NEVER = "never"  # dash never execs the last command of a -c script
    REDIRECTION = "redirection"  # bash does not when the last command has a redirection
    SUBSHELL = "subshell"  # bash does not inside ( … )
    PIPELINE = "pipeline"
    BACKGROUND = "background"
    JOB = "job"  # bash: an earlier command was started in the background
    TRAP = "trap"  # a trap was set before
    LOOP = "loop"  # the script ends in a loop: the shell runs it
    BUILTIN = "builtin"  # the last command is a builtin or a function of the script
    NOT_MEASURED = "not_measured"  # the script ends in a construct not measured (if, case, { })
    EMPTY = "empty"  # no command at all
    EXPANDS = "expands"  # the program's name is only known when the script runs
    SYNTAX_ERROR = "syntax_error"  # the shell stops before running anything
    NOT_READ = "not_read"  # the script goes past a bound of the reader (ScriptError.is_limit)


@record
class Pid1:
    """What is PID 1 once ``shell`` has started the script: ``command`` is the index in
    :attr:`Script.commands` of the command exec'd in the shell's place, None when the
    shell itself stays PID 1 (or, for NOT_MEASURED and EXPANDS, when it is not known)."""

    shell: ShellKind
    reason: Pid1Reason
    command: int | None = None


@record
class Script:
    """The script at ``index`` of the argv, read as ``dialect`` (the shell's grammar).

    ``shell`` is the shell that runs it, None when ``/bin/sh`` of the image is not known;
    ``pid1`` then holds the outcome for each shell ``/bin/sh`` may be. ``functions`` are
    the names the script defines.
    """

    index: int
    shell: ShellKind | None
    dialect: ShellKind
    commands: tuple[Command, ...]
    pid1: tuple[Pid1, ...]
    error: ScriptError | None = None
    functions: tuple[str, ...] = ()
    shell_source: str | None = None  # where the shell was read: catalog, config, argv
