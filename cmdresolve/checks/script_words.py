"""The command words of a ``-c`` script that no program of the image answers (CR208).

Each simple command's first word (and the program after ``exec``) is looked up as the
shell looks it up: a function the script defines and a builtin of the shell come first
(POSIX.1-2017 XCU 2.9.1.1 Command Search and Execution), then ``PATH``. A word that
holds an expansion is not judged. When what ``/bin/sh`` is is not known, a builtin of
any shell it may be counts. A missing program is reported once, where it is first run.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from cmdresolve.checks.cr208_program_not_in_image import missing_params
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
    seen: set[str] = set()  # each missing program once, at its first use
    newlines: list[int] | None = None
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
        if program in seen or listed.find(program, path):
            continue
        seen.add(program)
        if newlines is None:  # once: where each line starts, for line and column by bisection
            newlines = [m.start() for m in re.finditer("\n", text)]
        line = bisect_left(newlines, word.start) + 1
        col = word.start - (newlines[line - 2] + 1 if line > 1 else 0) + 1
        params: Params = {
            **missing_params(program, listed, path),
            "script_index": script.index,
            "command": index,
            "script_line": line,
            "script_col": col,
        }
        found.append(Finding(code, name, severity, params, result.argv[script.index].span))
    return found
