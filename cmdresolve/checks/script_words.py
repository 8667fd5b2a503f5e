"""The command words of a ``-c`` script that no program of the image answers (CR208).

Each simple command's first word (and the program after ``exec``) is looked up as the
shell looks it up: a function the script defines and a builtin of the shell come first
(POSIX.1-2017 XCU 2.9.1.1 Command Search and Execution), then ``PATH``. A word that
holds an expansion is not judged. When what ``/bin/sh`` is is not known, a builtin of
any shell it may be counts.
"""

from __future__ import annotations

from cmdresolve.model import Finding
from cmdresolve.resolve.shell import UNKNOWN_SH
from cmdresolve.resolve.shell.pid1 import BUILTINS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Resolution, Severity
    from cmdresolve.model.facts import Params
    from cmdresolve.model.script import Word
    from cmdresolve.sources.image.programs import Programs

__all__ = ["script_word_findings"]


def script_word_findings(
    result: Resolution, listed: Programs, path: str, code: str, name: str, severity: Severity
) -> list[Finding]:
    script = result.script
    if script is None or not result.argv:
        return []
    text = result.argv[script.index].value
    shells = (script.shell,) if script.shell is not None else UNKNOWN_SH
    builtins = frozenset().union(*(BUILTINS[s] for s in shells))
    functions = frozenset(script.functions)
    found: list[Finding] = []
    for index, command in enumerate(script.commands):
        words = command.words
        if not words:
            continue
        word: Word = words[0]
        if word.value == "exec":
            rest = [w for w in words[1:] if not (w.value or "").startswith("-")]
            if not rest:
                continue
            word = rest[0]
        program = word.value
        if program is None or not program or program in builtins or program in functions:
            continue
        if listed.find(program, path):
            continue
        line = text.count("\n", 0, word.start) + 1
        col = word.start - (text.rfind("\n", 0, word.start) + 1) + 1
        params: Params = {
            "program": program,
            "image": listed.label,
            "path": None if program.startswith("/") else path,
            "suggestion": listed.closest(program),
            "script_index": script.index,
            "command": index,
            "script_line": line,
            "script_col": col,
        }
        found.append(Finding(code, name, severity, params, result.argv[script.index].span))
    return found
