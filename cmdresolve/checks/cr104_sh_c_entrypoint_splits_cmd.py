"""## What it does
Reports `ENTRYPOINT ["sh", "-c"]` (or bash, dash, ash, zsh, ksh, mksh, with `-c` or
an option cluster ending in `c` such as `-lc`, `-ec`, `-xc`) followed by an
exec-form CMD of more than one element.

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

import json
import re

from cmdresolve.model import Finding, Resolution

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from cmdresolve.model import Arg, Severity

CODE = "CR104"
NAME = "sh-c-entrypoint-splits-cmd"
SEVERITY: Severity = "warning"
SUMMARY = "with ENTRYPOINT [sh, -c] only the first CMD element is the script"

_SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"})
_DASH_C = re.compile(r"-[A-Za-z]*c")
_USES_POSITIONALS = re.compile(r"\$\{?[0-9@*#]")


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    entrypoint = _leading(argv, "image.entrypoint")
    cmd = _leading(argv[len(entrypoint) :], "image.cmd")
    if len(entrypoint) < 2 or len(cmd) < 2:
        return []
    program = entrypoint[0].value.rsplit("/", 1)[-1]
    if program not in _SHELLS or not _DASH_C.fullmatch(entrypoint[-1].value):
        return []
    if _USES_POSITIONALS.search(cmd[0].value):  # "exec \"$@\"": the split is deliberate
        return []
    positionals = ", ".join(f"${i}={a.value!r}" for i, a in enumerate(cmd[1:]))
    message = (
        f"ENTRYPOINT {_json(entrypoint)} takes only the first CMD element as the script: "
        f"the argv is {_json(argv)}, so {program} runs the script {cmd[0].value!r} and the "
        f"other CMD elements become its positional parameters ({positionals}), ignored "
        "unless the script uses them"
    )
    return [Finding(CODE, NAME, SEVERITY, message, cmd[0].span)]


def _leading(argv: tuple[Arg, ...], origin: str) -> tuple[Arg, ...]:
    count = 0
    while count < len(argv) and argv[count].origin == origin:
        count += 1
    return argv[:count]


def _json(args: Iterable[Arg]) -> str:
    return json.dumps([a.value for a in args], ensure_ascii=False)
