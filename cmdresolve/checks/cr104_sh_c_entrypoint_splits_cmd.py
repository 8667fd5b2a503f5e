"""## What it does
Reports `ENTRYPOINT ["sh", "-c"]` (or bash, dash, ash, zsh, ksh, mksh, with `-c` alone
or in an option cluster such as `-lc`, `-ec`, `-ce`, after options that take a value such
as `-o pipefail`, or behind an init such as `tini --`) followed by an exec-form CMD of
more than one element. The same split made anywhere else (a run line, a pod's `command`
and `args`, one exec-form CMD) is CR209.

## Why is this bad?
`sh -c` takes exactly one operand as the script; the operands after it become the
script's `$0`, `$1`, … The argv `["sh", "-c", "echo", "hello"]` runs the script
`echo` with `$0` set to `hello`, and prints an empty line. A script that uses
`$0`, `$1`, `$@` … is taken to mean it and is not reported.

## Example
```dockerfile
FROM alpine
ENTRYPOINT ["sh", "-c"]
CMD ["echo", "hello"]
```

## Use instead
```dockerfile
FROM alpine
ENTRYPOINT ["sh", "-c"]
CMD ["echo hello"]
```

## References
- POSIX `sh -c command_string [command_name [argument...]]`
- moby/buildkit `frontend/dockerfile/dockerfile2llb/convert.go :: dispatchCmd`
  (exec form is stored element for element)
- Dockerfile reference, "Understand how CMD and ENTRYPOINT interact"
"""

from __future__ import annotations

from cmdresolve.model import Finding, Origin, Resolution, values
from cmdresolve.model.facts import N_
from cmdresolve.resolve.launchers import program_index, shell_name, shell_script, uses_positionals

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Arg, Severity
    from cmdresolve.model.facts import Params
    from cmdresolve.model.origins import Args

CODE = "CR104"
NAME = "sh-c-entrypoint-splits-cmd"
SEVERITY: Severity = "warning"
SUMMARY = N_("with ENTRYPOINT [sh, -c] only the first CMD element is the script")


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    entrypoint = _leading(argv, Origin.IMAGE_ENTRYPOINT)
    cmd = _leading(argv, Origin.IMAGE_CMD, len(entrypoint))
    if len(entrypoint) < 2 or len(cmd) < 2:
        return []
    words = values(argv)
    start = program_index(words)
    if shell_script(words, start) != len(entrypoint):  # the script is not CMD's first word
        return []
    if uses_positionals(cmd[0].value):  # "exec \"$@\"": the split is deliberate
        return []
    program = shell_name(words, start)
    params: Params = {
        "entrypoint": values(entrypoint),
        "argv": values(argv),
        "program": program,
        "script": cmd[0].value,
        "positionals": values(cmd[1:]),  # $0, $1, …
    }
    return [Finding(CODE, NAME, SEVERITY, params, cmd[0].span)]


def _leading(argv: Args, origin: Origin, start: int = 0) -> tuple[Arg, ...]:
    """The elements of ``origin`` from ``start`` on, up to the first of another."""
    end = start
    while end < len(argv) and argv[end].origin == origin:
        end += 1
    return argv[start:end]
