"""## What it does
Reports an exec-form ENTRYPOINT whose CMD is in shell form, when the container uses
both.

## Why is this bad?
Shell form stores CMD as `["/bin/sh", "-c", "<text>"]`, and the argv is ENTRYPOINT
followed by CMD: the entrypoint program receives `/bin/sh`, `-c` and the text as its
arguments. That works only for an entrypoint that runs its arguments as a command
(`exec "$@"`, `tini --`); `ENTRYPOINT ["python"]` with `CMD app.py` runs
`python /bin/sh -c app.py`.

## Example
```dockerfile
FROM python:3.12
ENTRYPOINT ["python"]
CMD app.py --port 80
```

## Use instead
```dockerfile
FROM python:3.12
ENTRYPOINT ["python"]
CMD ["app.py", "--port", "80"]
```

## References
- moby/buildkit `frontend/dockerfile/dockerfile2llb/convert.go :: dispatchCmd, withShell`
- Dockerfile reference, "Understand how CMD and ENTRYPOINT interact" (the table row
  `ENTRYPOINT ["exec_entry", "p1_entry"]` with `CMD exec_cmd p1_cmd`)
- BuildKit check JSONArgsRecommended; hadolint DL3025
"""

from __future__ import annotations

from cmdresolve.model import Finding, Origin, Resolution, values, with_origin
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR103"
NAME = "shell-cmd-passed-to-exec-entrypoint"
SEVERITY: Severity = "warning"
SUMMARY = N_("an exec ENTRYPOINT receives a shell-form CMD as `/bin/sh -c …` arguments")


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    entrypoint = [a for _, a in with_origin(argv, (Origin.IMAGE_ENTRYPOINT,))]
    shell = [a for _, a in with_origin(argv, (Origin.IMAGE_CMD_SHELL,))]
    script = next((a for _, a in with_origin(argv, (Origin.IMAGE_CMD,))), None)
    exec_entrypoint = next(with_origin(argv, (Origin.IMAGE_ENTRYPOINT_SHELL,)), None) is None
    if not entrypoint or not exec_entrypoint or not shell or script is None:
        return []
    params: Params = {
        "entrypoint": values(entrypoint),
        "argv": values(argv),
        "program": entrypoint[0].value,
        "passed": values((*shell, script)),  # the shell-form CMD, as arguments
    }
    return [Finding(CODE, NAME, SEVERITY, params, script.span)]
