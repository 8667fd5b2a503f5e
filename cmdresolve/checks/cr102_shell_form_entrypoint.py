"""## What it does
Reports an ENTRYPOINT in shell form (`ENTRYPOINT exec app`) that the container runs.

## Why is this bad?
Shell form stores `["/bin/sh", "-c", "<text>"]`. Everything that follows it in the
argv — the image's CMD, `docker run` arguments, Kubernetes `args` — comes after the
`-c` script, so the shell gets them as `$0`, `$1`, … and ignores them unless the
script uses them. And the shell, not the program, is PID 1: whether the program
replaces it (and so receives `docker stop`'s SIGTERM) or runs as a child the signal
does not reach depends on the script and on the image's `/bin/sh`.

## Example
```dockerfile
FROM python:3.12
ENTRYPOINT python app.py
CMD ["--port", "80"]
```

## Use instead
```dockerfile
FROM python:3.12
ENTRYPOINT ["python", "app.py"]
CMD ["--port", "80"]
```

## References
- moby/buildkit `frontend/dockerfile/dockerfile2llb/convert.go :: dispatchEntrypoint, withShell`
- Dockerfile reference, "ENTRYPOINT" (shell form "will not receive Unix signals") and
  "Understand how CMD and ENTRYPOINT interact"
- POSIX `sh -c command_string [command_name [argument...]]`
- BuildKit check JSONArgsRecommended; hadolint DL3025
"""

from __future__ import annotations

import json

from cmdresolve.checks.rule import is_shell_script
from cmdresolve.model import Finding, Resolution

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity

CODE = "CR102"
NAME = "shell-form-entrypoint"
SEVERITY: Severity = "warning"
SUMMARY = "a shell-form ENTRYPOINT ignores CMD and run arguments and is PID 1 itself"

_SOURCES = {
    "image.cmd": "CMD",
    "image.cmd.shell": "CMD",
    "run.args": "run arguments",
    "pod.args": "Kubernetes args",
}


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    index = next(
        (
            i
            for i, a in enumerate(argv)
            if a.origin == "image.entrypoint" and is_shell_script(a)
        ),
        None,
    )
    if index is None:
        return []
    shell = next((a.value for a in argv if a.origin == "image.entrypoint.shell"), "the shell")
    after = argv[index + 1 :]
    if after:
        sources = " and ".join(dict.fromkeys(_SOURCES.get(a.origin, a.origin) for a in after))
        dropped = ", ".join(repr(a.value) for a in after)
        fate = (
            f"the {sources} ({dropped}) become the shell's $0, $1, … and are ignored unless "
            "the script uses them"
        )
    else:
        fate = (
            "any CMD, run arguments or Kubernetes args would become the shell's $0, $1, … "
            "and be ignored unless the script uses them"
        )
    values = json.dumps([a.value for a in argv], ensure_ascii=False)
    message = (
        f"ENTRYPOINT is shell form, so the argv is {values}: {fate}; and {shell}, not the "
        f"program, is the process the container starts: unless the script or the image's "
        f"{shell} execs the program, SIGTERM from `docker stop` reaches the shell, not it"
    )
    return [Finding(CODE, NAME, SEVERITY, message, argv[index].span)]
