"""## What it does
Reports a container that cannot start because nothing is left to run: no
ENTRYPOINT and no CMD in the image, and no command or arguments from the run line or
the pod.

## Why is this bad?
Docker refuses to create the container (`no command specified`); under Kubernetes
the runtime fails `CreateContainer` with the same words and the pod shows
`CreateContainerError`. Often a `CMD []`, an `--entrypoint ""`, or `command: []`
on an image whose only CMD was dropped.

## Example
```dockerfile
FROM scratch
COPY app /app
CMD []
```

## Use instead
```dockerfile
FROM scratch
COPY app /app
CMD ["/app"]
```

## References
- moby/moby `daemon/create.go` (`no command specified`);
  containerd `internal/cri/opts/spec_opts.go :: WithProcessArgs`
- docs/semantics.md §2.2, §3.5
"""

from __future__ import annotations

from cmdresolve.model import Failure, FailureKind, Finding, Resolution
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity

CODE = "CR901"
NAME = "no-command"
SEVERITY: Severity = "error"
SUMMARY = N_("nothing is left to run: the container cannot start")


def check(result: Resolution) -> list[Finding]:
    error = result.error
    if not isinstance(error, Failure) or error.kind is not FailureKind.NO_COMMAND:
        return []
    span = next((s.span for s in reversed(result.steps) if s.span is not None), None)
    return [Finding(CODE, NAME, SEVERITY, {"error": error}, span)]
