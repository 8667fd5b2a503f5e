"""## What it does
Reports shell operators (`&&`, `||`, `|`, `;`, `>`, `>>`, `<`, `&`) that stand as
separate elements of an exec-form argv.

## Why is this bad?
No shell runs an exec-form argv or a Kubernetes `command`/`args`, so an operator is
just one more argument: `["npm", "install", "&&", "npm", "start"]` runs `npm` with
the arguments `install && npm start`, and nothing is chained, piped or redirected.
Operators inside a `sh -c` script, and the elements a shell-form script receives as
`$0, $1, …`, are not reported. An operator after the script of an exec-form `sh -c`
(`["sh", "-c", "npm install", "&&", "npm start"]`) is: the shell runs, but it reads only
its script, and the operator becomes one of the script's positional parameters (the
message names which one; CR209 reports the split itself). A `;` that ends a
`find -exec` is an argument on purpose and is not reported either.

## Example
```dockerfile
CMD ["npm", "install", "&&", "npm", "start"]
```

## Use instead
```dockerfile
CMD ["/bin/sh", "-c", "npm install && npm start"]
```

## References
- Dockerfile reference, "Shell and exec form" (exec form does not invoke a shell);
  moby/moby `daemon/container.go :: getEntrypointAndArgs`
- Kubernetes docs "Define a Command and Arguments for a Container" (use
  `command: ["/bin/sh"]`, `args: ["-c", "..."]` for shell features)
- docs/semantics.md §1.2, §3.7
- No hadolint or BuildKit rule
"""

from __future__ import annotations

from cmdresolve.checks.rule import is_shell_script
from cmdresolve.model import Arg, Finding, NoteKind, Origin, Resolution, values
from cmdresolve.model.facts import N_
from cmdresolve.resolve.launchers import (
    program_index,
    shell_name,
    shell_script,
    uses_positionals,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR207"
NAME = "shell-operator-as-argument"
SEVERITY: Severity = "warning"
SUMMARY = N_("a shell operator is a separate exec-form element, passed on as a plain argument")

OPERATORS = frozenset({"&&", "||", "|", ";", ">", ">>", "<", "&"})
_FIND_ACTIONS = frozenset({"-exec", "-execdir", "-ok", "-okdir"})


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    program = next((a.value for a in argv if a.origin != Origin.RUN_INIT), "")
    words = values(argv)
    start = program_index(words)
    script = shell_script(words, start)
    findings = []
    for i, value in enumerate(words):
        if value not in OPERATORS:
            continue
        arg = argv[i]
        if not _exec_element(arg):
            continue
        if arg.value == ";" and any(a.value in _FIND_ACTIONS for a in argv[:i]):
            continue
        params: Params = {"index": i, "operator": arg.value, "program": program}
        if script is not None and i > script:  # an operand of the shell: $0, $1, …
            params = {
                **params,
                "shell": shell_name(words, start),
                "script": script,
                "position": i - script - 1,
                "read": uses_positionals(words[script]),  # "$@" hands the words on
            }
        findings.append(Finding(CODE, NAME, SEVERITY, params, arg.span))
    return findings


def _exec_element(arg: Arg) -> bool:
    """Not the shell's own words, not a shell-form script, not its ``$0, $1, …``."""
    if arg.origin.is_shell or arg.origin == Origin.RUN_INIT:
        return False
    return not arg.has_note(NoteKind.SHELL_OPERAND) and not is_shell_script(arg)
