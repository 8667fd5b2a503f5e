"""## What it does
Reports a `docker run --entrypoint` value that contains whitespace, such as
`--entrypoint "sleep 10"`.

## Why is this bad?
The CLI turns `--entrypoint X` into an Entrypoint of exactly one element and never
splits it, so Docker looks for a program literally named `sleep 10`. The container
is created and the exec fails (`exec: "sleep 10": executable file not found`).

## Example
```sh
docker run --entrypoint "sleep 10" alpine
```

## Use instead
```sh
docker run --entrypoint sleep alpine 10
```

## References
- docker/cli `cli/command/container/opts.go :: parse` (`entrypoint = []string{copts.entrypoint}`),
  tested by `TestParseEntryPoint`
- docs/semantics.md §2.1 rule 2
- No hadolint or BuildKit rule (they read Dockerfiles, not run lines)
"""

from __future__ import annotations

from cmdresolve.model import Finding, Origin, Resolution, with_origin
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity

CODE = "CR202"
NAME = "entrypoint-with-spaces"
SEVERITY: Severity = "error"
SUMMARY = N_("--entrypoint with spaces names one program whose name contains the spaces")


def check(result: Resolution) -> list[Finding]:
    return [
        Finding(
            CODE, NAME, SEVERITY, {"value": arg.value, "words": tuple(arg.value.split())}, arg.span
        )
        for _, arg in with_origin(result.argv or (), (Origin.RUN_ENTRYPOINT,))
        if any(c.isspace() for c in arg.value)
    ]
