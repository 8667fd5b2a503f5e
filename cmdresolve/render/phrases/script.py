"""The sentences of a ``-c`` script: what ends as PID 1, the syntax error, its findings."""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.script import Context, Pid1Reason, ShellKind, SyntaxProblem
from cmdresolve.render.phrases import docker

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model.facts import Params

__all__ = ["CONTEXTS", "FINDINGS", "PID1", "PROBLEMS", "SHELL_NAMES"]

CONTEXTS: Mapping[Context, str] = {
    Context.SUBSHELL: N_("in ( … )"),
    Context.GROUP: N_("in { … }"),
    Context.IF: N_("in an if"),
    Context.LOOP: N_("in a loop"),
    Context.CASE: N_("in a case"),
    Context.FUNCTION: N_("in a function"),
    Context.SUBSTITUTION: N_("in a $( … ) substitution"),
}

SHELL_NAMES: Mapping[ShellKind, str] = {
    ShellKind.BUSYBOX: "BusyBox ash",
    ShellKind.DASH: "dash",
    ShellKind.BASH: "bash",
}

# What is PID 1 (the program, or the shell), and why; {program} is the exec'd command.
PID1: Mapping[Pid1Reason, str] = {
    Pid1Reason.EXEC: N_("{program}: the script execs it, so signals reach it"),
    Pid1Reason.LAST_COMMAND: N_(
        "{program}: {shell} execs the script's last command, so signals reach it"
    ),
    Pid1Reason.NEVER: N_(
        "the shell: dash never execs the last command of a -c script, so signals go to the "
        "shell, not the program (write exec in front of it)"
    ),
    Pid1Reason.REDIRECTION: N_(
        "the shell: bash does not exec a last command that has a redirection, so signals go "
        "to the shell"
    ),
    Pid1Reason.SUBSHELL: N_(
        "the shell: bash does not exec a command inside ( … ), so signals go to the shell"
    ),
    Pid1Reason.PIPELINE: N_(
        "the shell: it waits for the commands of the last pipeline, so signals go to the shell"
    ),
    Pid1Reason.BACKGROUND: N_(
        "the shell: the last command runs in the background, so signals go to the shell"
    ),
    Pid1Reason.JOB: N_(
        "the shell: bash does not exec the last command once the script has started a job "
        "in the background, so signals go to the shell"
    ),
    Pid1Reason.TRAP: N_("the shell: the script sets a trap, so the shell stays to run it"),
    Pid1Reason.LOOP: N_(
        "the shell: the script ends in a loop the shell runs itself, so signals go to the shell"
    ),
    Pid1Reason.BUILTIN: N_(
        "the shell: the last command is a builtin or a function of the script, which the "
        "shell runs itself"
    ),
    Pid1Reason.NOT_MEASURED: N_(
        "not known: the script ends in a compound command (if, case, {{ … }}) whose handling "
        "was not measured"
    ),
    Pid1Reason.EMPTY: N_("the shell: the script runs no command, and the shell exits"),
    Pid1Reason.EXPANDS: N_(
        "not known: the last command's name is only known when the script runs"
    ),
    Pid1Reason.SYNTAX_ERROR: N_(
        "nothing: the shell stops at a syntax error and exits with status 2"
    ),
    Pid1Reason.NOT_READ: N_("not known: {limit}"),
}

PROBLEMS: Mapping[SyntaxProblem, str] = {
    SyntaxProblem.UNTERMINATED_SINGLE_QUOTE: N_("a ' quote is never closed"),
    SyntaxProblem.UNTERMINATED_DOUBLE_QUOTE: N_('a " quote is never closed'),
    SyntaxProblem.UNTERMINATED_BACKQUOTE: N_("a ` quote is never closed"),
    SyntaxProblem.UNTERMINATED_SUBSTITUTION: N_("a $( , $(( or ${{ is never closed"),
    SyntaxProblem.UNEXPECTED_TOKEN: N_("{token!r} is not expected there"),
    SyntaxProblem.UNEXPECTED_END: N_("the script ends where more is expected"),
    SyntaxProblem.TOO_DEEP: N_(
        "the script nests deeper than {expected} levels, which is not read"
    ),
    SyntaxProblem.TOO_MANY_COMMANDS: N_(
        "the script has more than {expected} simple commands, which are not read"
    ),
    SyntaxProblem.TOO_MANY_WORDS: N_(
        "the script has more than {expected} words, which are not read"
    ),
}


def _syntax_error(params: Params) -> tuple[str, Params]:
    from cmdresolve.render.catalog import say

    problem = SyntaxProblem(str(params["problem"]))
    what = say(PROBLEMS[problem], {"token": params["token"], "expected": params["expected"]})
    if problem is SyntaxProblem.UNEXPECTED_END and params["expected"] is not None:
        template = N_("the script ends where {expected!r} is expected")
        what = say(template, {"expected": params["expected"]})
    fields = {**params, "what": what, "shell": SHELL_NAMES[ShellKind(str(params["shell"]))]}
    if params["known_shell"]:
        template = N_(
            "the script in argv[{index}] does not parse as {shell} reads it, at line {line}, "
            "column {col}: {what}; the shell exits with status 2"
        )
    else:
        template = N_(
            "the script in argv[{index}] does not parse as POSIX sh ({shell}) reads it, at line "
            "{line}, column {col}: {what}; the shell exits with status 2"
        )
    return template, fields


def _program_not_in_image(params: Params) -> tuple[str, Params]:
    if params.get("script_line") is None:
        return docker.FINDINGS["CR208"](params)  # type: ignore[operator]
    at_path, suggested = params["path"] is None, params["suggestion"] is not None
    if at_path and suggested:
        template = N_(
            "the script runs {program!r} (line {script_line}, column {script_col}), which is not "
            "a program of {image} at that path nor a builtin of its shell; did you mean "
            "{suggestion!r}?"
        )
    elif at_path:
        template = N_(
            "the script runs {program!r} (line {script_line}, column {script_col}), which is not "
            "a program of {image} at that path nor a builtin of its shell"
        )
    elif suggested:
        template = N_(
            "the script runs {program!r} (line {script_line}, column {script_col}), which is not "
            "a program of {image} in PATH {path} nor a builtin of its shell; did you mean "
            "{suggestion!r}?"
        )
    else:
        template = N_(
            "the script runs {program!r} (line {script_line}, column {script_col}), which is not "
            "a program of {image} in PATH {path} nor a builtin of its shell"
        )
    return template, params


FINDINGS: Mapping[object, object] = {
    "CR208": _program_not_in_image,
    "CR306": N_(
        "argv[{index}] {value!r} keeps its quotes: no shell runs an exec-form element, so the "
        "program gets the quote characters; write {fixed!r}"
    ),
    "CR307": _syntax_error,
    "CR308": N_(
        "ShellCheck {sc} ({level}) on the script in argv[{index}], line {script_line}, column "
        "{script_col}: {message}"
    ),
}
