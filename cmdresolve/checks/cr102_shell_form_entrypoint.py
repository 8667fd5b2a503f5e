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

from cmdresolve.checks.rule import is_shell_script
from cmdresolve.model import Finding, Origin, Resolution, values, with_origin
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR102"
NAME = "shell-form-entrypoint"
SEVERITY: Severity = "warning"
SUMMARY = N_("a shell-form ENTRYPOINT ignores CMD and run arguments and is PID 1 itself")


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    index = next(
        (i for i, a in with_origin(argv, (Origin.IMAGE_ENTRYPOINT,)) if is_shell_script(a)), None
    )
    if index is None:
        return []
    after = argv[index + 1 :]
    params: Params = {
        "argv": values(argv),
        # The shell the script runs in (None: none in the argv, which the build never makes).
        "shell": next(
            (a.value for _, a in with_origin(argv, (Origin.IMAGE_ENTRYPOINT_SHELL,))), None
        ),
        "after": values(after),  # they become $0, $1, …
        "after_origins": tuple(dict.fromkeys(a.origin for a in after)),
    }
    return [Finding(CODE, NAME, SEVERITY, params, argv[index].span)]
