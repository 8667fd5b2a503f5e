"""## What it does
Reports a Kubernetes container whose `command` replaces an image ENTRYPOINT that is
known and not empty, unless `command` starts with that ENTRYPOINT anyway.

## Why is this bad?
`command` is Docker's ENTRYPOINT, not its CMD: setting it discards the image
ENTRYPOINT, often a wrapper such as `docker-entrypoint.sh` that prepares the
container before it execs the real program. The wrapper never runs. To pass
arguments to the image's program, set `args` (Docker's CMD) instead.

## Example
```yaml
# image: ENTRYPOINT ["docker-entrypoint.sh"], CMD ["postgres"]
containers:
- name: db
  image: postgres:16
  command: ["postgres", "-c", "max_connections=200"]
```

## Use instead
```yaml
containers:
- name: db
  image: postgres:16
  args: ["postgres", "-c", "max_connections=200"]
```

## References
- containerd/containerd `internal/cri/opts/spec_opts.go :: WithProcessArgs` and
  cri-o/cri-o `internal/factory/container/container.go :: SpecSetProcessArgs`
  (the image Entrypoint is used only when `command` is nil)
- Kubernetes docs "Define a Command and Arguments for a Container" (the table of
  command/args against ENTRYPOINT/CMD)
- docs/semantics.md §3.5-3.7
- No hadolint or BuildKit rule (they read Dockerfiles, not manifests)
"""

from __future__ import annotations

from cmdresolve.checks.rule import image_field
from cmdresolve.model import Finding, Origin, Resolution, values
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR203"
NAME = "command-replaces-entrypoint"
SEVERITY: Severity = "warning"
SUMMARY = N_("Kubernetes command replaces the image ENTRYPOINT, which then never runs")


def check(result: Resolution) -> list[Finding]:
    if result.runtime != "kubernetes":
        return []
    command = [a for a in result.argv or () if a.origin == Origin.POD_COMMAND]
    entrypoint = image_field(result, "entrypoint")
    if not command or not entrypoint or entrypoint == ("",):
        return []
    if values(command[: len(entrypoint)]) == entrypoint:
        return []  # command repeats the ENTRYPOINT: nothing of it is lost
    params: Params = {
        "entrypoint": entrypoint,
        "program": command[0].value,
        "replaced": entrypoint[0],
    }
    return [Finding(CODE, NAME, SEVERITY, params, command[0].span)]
