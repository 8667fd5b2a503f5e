"""## What it does
Reports a shell-form CMD or ENTRYPOINT, wrapped in the default `/bin/sh -c`, in an
image built `FROM scratch`, when `/bin/sh` is the program the container starts.

## Why is this bad?
Shell form stores `["/bin/sh", "-c", "<text>"]`, so the container's program is
`/bin/sh`. `scratch` is an empty filesystem: unless a COPY or ADD puts a shell at
`/bin/sh`, the runtime cannot exec it and the container fails to start.

## Example
```dockerfile
FROM scratch
COPY app /app
CMD /app --serve
```

## Use instead
```dockerfile
FROM scratch
COPY app /app
CMD ["/app", "--serve"]
```

## References
- moby/buildkit `frontend/dockerfile/dockerfile2llb/convert.go :: withShell`,
  `defaultshell.go :: defaultShell` and `image.go :: emptyImage` (scratch)
- BuildKit check JSONArgsRecommended; hadolint DL3025
- Only `FROM scratch` is known to have no shell: the bundled catalog records no
  distroless image, and cmdresolve never guesses.
"""

from __future__ import annotations

from cmdresolve.checks.rule import INSTRUCTION, SHELL_ORIGIN
from cmdresolve.model import Finding, NoteKind, Origin, Resolution, StepKind, values
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR107"
NAME = "shell-form-without-shell"
SEVERITY: Severity = "warning"
SUMMARY = N_("shell form needs /bin/sh, which an image FROM scratch does not have")


def check(result: Resolution) -> list[Finding]:
    if not any(s.kind is StepKind.DOCKERFILE_FROM_SCRATCH for s in result.steps):
        return []
    argv = result.argv or ()
    start = 0
    while start < len(argv) and argv[start].origin == Origin.RUN_INIT:
        start += 1  # docker-init execs the program in turn
    if len(argv) < start + 3:
        return []
    program, script = argv[start], argv[start + 2]
    keyword = INSTRUCTION.get(script.origin)
    if (
        keyword is None
        or program.origin != SHELL_ORIGIN[script.origin]
        or program.value != "/bin/sh"
        or not program.has_note(NoteKind.DEFAULT_SHELL)
    ):
        return []
    params: Params = {"instruction": keyword, "argv": values(argv)}
    return [Finding(CODE, NAME, SEVERITY, params, script.span)]
