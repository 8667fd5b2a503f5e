"""The sentences of the final process behind an entrypoint script (model/final.py)."""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.final import ArgTest, FinalProcess, FinalRule, SetupKind
from cmdresolve.render.catalog import say
from cmdresolve.render.escape import shell_word

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model.final import Setup
    from cmdresolve.model.origins import Arg

__all__ = ["ORIGIN_LABEL", "THEN", "final_notes", "final_summary", "setup_text"]

THEN = N_("then")  # the label of the line under the argv: what the script execs
ORIGIN_LABEL = N_("entrypoint script")  # a word the script puts in

_PREPENDED: Mapping[object, str] = {
    ArgTest.FLAG: N_('{script} puts {program} in front, since the first argument starts with "-"'),
    ArgTest.CONF: N_('{script} puts {program} in front, since the first argument ends in ".conf"'),
    ArgTest.NOT_ON_PATH: N_(
        "{script} puts {program} in front, since the first argument is not a command on PATH"
    ),
}
_RULES: Mapping[object, str] = {
    FinalRule.AS_GIVEN: N_("{script} execs its arguments as they are"),
    FinalRule.DEPENDS: N_(
        "{script} puts {program} in front only if {first} is not a command on the image's "
        "PATH, which is not known here: it runs either {given} or {prefixed}"
    ),
    FinalRule.SCRIPT_EXECS_ARGS: N_(
        '{script} ends in exec "$@": the command replaces its shell as PID 1'
    ),
    FinalRule.SCRIPT_MAY_EXEC_ARGS: N_(
        '{script} execs "$@" (or a program in front of it) only on some of its paths, not '
        "as its last line: whether the command ends as PID 1 is not known"
    ),
    FinalRule.SCRIPT_RUNS_ARGS: N_(
        '{script} runs "$@" without exec: its shell {shell} stays PID 1 and the command '
        "runs as its child, so signals reach the shell, not the command"
    ),
    FinalRule.SCRIPT_NO_ARGS: N_(
        '{script} never runs "$@": the command is passed to it and ignored, and the script '
        "itself stays PID 1"
    ),
    FinalRule.SCRIPT_UNREAD: N_(
        "{script} is copied from the build context but could not be read: what it runs "
        "is not known"
    ),
}
_SETUP: Mapping[object, str] = {
    SetupKind.CHOWN: N_("first it gives user {user} the files it needs (chown)"),
    SetupKind.DROP_USER: N_(
        "run as root, it re-runs itself as user {user} with {via}; PID 1 is still the program"
    ),
    SetupKind.INIT_DATA: N_("it initialises the data directory when that is empty"),
    SetupKind.INIT_SCRIPTS: N_("it runs the files of {dir} first"),
    SetupKind.NUMA: N_(
        "it runs the program through numactl --interleave=all where that works; numactl "
        "execs it, so PID 1 is still the program"
    ),
}
_INCOMPLETE = N_("{script} may add words of its own that depend on the image's files")
_DEPENDS_ON = N_(
    "whether {script} adds more words depends on the file given with {option}, which is "
    "not read"
)
_NOT_PID1 = N_("not PID 1: {shell} stays PID 1")
_SOURCE = N_("read from {source}")


def _line(argv: tuple[Arg, ...]) -> str:
    return " ".join(shell_word(a.value) for a in argv)


def final_summary(f: FinalProcess) -> str:
    """What the script does with its arguments, in one sentence."""
    params: dict[str, str] = {"script": f.script, "shell": f.shell or "/bin/sh"}
    program = next((a.value for a in f.argv or () if a.origin.value == "entrypoint.script"), "")
    if f.rule is FinalRule.PREPENDED and f.test is not None:
        return say(_PREPENDED[f.test], {**params, "program": program})
    if f.rule is FinalRule.DEPENDS and len(f.alternatives) == 2:
        given, prefixed = f.alternatives
        first = given[0].value if given else ""
        program = prefixed[0].value if prefixed else ""
        return say(
            _RULES[f.rule],
            {
                **params,
                "program": program,
                "first": shell_word(first),
                "given": _line(given),
                "prefixed": _line(prefixed),
            },
        )
    return say(_RULES[f.rule], params)


def final_notes(f: FinalProcess) -> list[str]:
    """What else the answer must say: PID 1, words the script may add."""
    notes: list[str] = []
    if f.pid1 is False:
        notes.append(say(_NOT_PID1, {"shell": f.shell or "/bin/sh"}))
    if not f.complete:
        notes.append(say(_INCOMPLETE, {"script": f.script}))
    if f.depends_on:
        notes.append(say(_DEPENDS_ON, {"script": f.script, "option": f.depends_on}))
    return notes


def setup_text(setup: Setup) -> str:
    return say(
        _SETUP[setup.kind],
        {"user": setup.user or "", "via": setup.via or "", "dir": setup.dir or ""},
    )


def source_line(f: FinalProcess) -> str:
    return say(_SOURCE, {"source": f.source})
