"""## What it does
Reports an argv whose program (argv[0], or the first element after `docker-init --`
with `--init`) starts with `-`.

## Why is this bad?
An option is not a program: the runtime tries to execute a file named `--color` and
the container fails to start. It usually means the options were meant for a program
that is not there: `args` (Docker's CMD) on an image without an ENTRYPOINT replace
the whole CMD, program included, and `command: ["--color", "green"]` replaces the
ENTRYPOINT with the options.

## Example
```yaml
# image: CMD ["/app"], no ENTRYPOINT
containers:
- name: app
  image: example/app
  args: ["--color", "green"]
```

## Use instead
```yaml
containers:
- name: app
  image: example/app
  args: ["/app", "--color", "green"]
```

## References
- moby/moby `daemon/container.go :: getEntrypointAndArgs` (`Path` is the first
  element); containerd/containerd `internal/cri/opts/spec_opts.go :: WithProcessArgs`
  (argv = command + args)
- Kubernetes docs "Define a Command and Arguments for a Container"
- docs/semantics.md §2.2 rule 7, §3.5, §3.7
- No hadolint or BuildKit rule
"""

from __future__ import annotations

from cmdresolve.model import Finding, Origin, Resolution
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR205"
NAME = "program-is-a-flag"
SEVERITY: Severity = "error"
SUMMARY = N_("the program to execute starts with '-': options without their program")


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    index = next((i for i, a in enumerate(argv) if a.origin != Origin.RUN_INIT), None)
    if index is None or not argv[index].value.startswith("-"):
        return []
    program = argv[index]
    params: Params = {"index": index, "program": program.value, "origin": program.origin}
    return [Finding(CODE, NAME, SEVERITY, params, program.span)]
