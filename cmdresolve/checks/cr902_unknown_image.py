"""## What it does
Reports a container whose argv cannot be known because the image's ENTRYPOINT or
CMD is not known: the image is not built from a given Dockerfile, not bound with
`--image`, and not in the bundled catalog.

## Why is this bad?
cmdresolve never guesses: the argv stays open. A pod that sets both `command` and
`args`, or a run line with `--entrypoint` and arguments, does not need the image;
anything else does.

## Example
```sh
cmdresolve pod.yaml          # image registry.example.com/app:1 is not known
```

## Use instead
```sh
cmdresolve pod.yaml --image registry.example.com/app:1=Dockerfile
docker image inspect registry.example.com/app:1 > app.json
cmdresolve pod.yaml --image registry.example.com/app:1=app.json
```

## References
- docs/design.md (images neither bound nor built are an explicit unknown)
"""

from __future__ import annotations

from cmdresolve.model import Finding, Resolution
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity

CODE = "CR902"
NAME = "unknown-image-config"
SEVERITY: Severity = "warning"
SUMMARY = N_("the image's ENTRYPOINT/CMD are not known, so the argv is not either")


def check(result: Resolution) -> list[Finding]:
    if result.argv is not None or result.error is not None or not result.unknowns:
        return []
    first = result.unknowns[0]
    return [Finding(CODE, NAME, SEVERITY, {"unknown": first}, first.span)]
