"""## What it does
Reports a CMD or ENTRYPOINT that a later CMD or ENTRYPOINT of the same build stage
replaces.

## Why is this bad?
Each CMD or ENTRYPOINT overwrites the image field outright: only the last one of a
stage counts and the earlier ones do nothing. Often a leftover from debugging, or an
attempt to run two programs (a container runs one argv; use a process manager or
two containers).

## Example
```dockerfile
FROM alpine
CMD ["crond", "-f"]
CMD ["nginx", "-g", "daemon off;"]
```

## Use instead
```dockerfile
FROM alpine
CMD ["nginx", "-g", "daemon off;"]
```

## References
- moby/buildkit `frontend/dockerfile/dockerfile2llb/convert.go :: dispatchCmd,
  dispatchEntrypoint` and `validations.go :: validateUsedOnce`
- BuildKit check MultipleInstructionsDisallowed; hadolint DL4003 (multiple CMD) and
  DL4004 (multiple ENTRYPOINT)
- Dockerfile reference, CMD: "If you list more than one CMD, only the last one takes effect"
"""

from __future__ import annotations

from cmdresolve.model import Finding, Resolution, StepKind
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity

CODE = "CR106"
NAME = "repeated-cmd-or-entrypoint"
SEVERITY: Severity = "warning"
SUMMARY = N_("a later CMD/ENTRYPOINT of the same stage replaces this one, which has no effect")

_KINDS = (StepKind.DOCKERFILE_CMD_REPLACED, StepKind.DOCKERFILE_ENTRYPOINT_REPLACED)


def check(result: Resolution) -> list[Finding]:
    """The finding carries the replaced step's parameters (``instruction``, ``line``)."""
    return [
        Finding(CODE, NAME, SEVERITY, step.params, step.span)
        for step in result.steps
        if step.kind in _KINDS
    ]
