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
- SEMANTICS.md §2.2 rule 7, §3.5, §3.7
- No hadolint or BuildKit rule
"""

from __future__ import annotations

from cmdresolve.model import Finding, Resolution

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity

CODE = "CR205"
NAME = "program-is-a-flag"
SEVERITY: Severity = "error"
SUMMARY = "the program to execute starts with '-': options without their program"

_HINTS = {
    "pod.args": "args on an image without ENTRYPOINT replace the image CMD, program included",
    "pod.command": "command is Docker's ENTRYPOINT: put options in args",
    "run.args": "arguments after the image replace the image CMD, program included",
}


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    index = next((i for i, a in enumerate(argv) if a.origin != "run.init"), None)
    if index is None or not argv[index].value.startswith("-"):
        return []
    program = argv[index]
    message = (
        f"argv[{index}] {program.value!r} (from {program.origin}) is the program to "
        "execute, but it is an option: the exec fails"
    )
    hint = _HINTS.get(program.origin)
    if hint is not None:
        message += f" ({hint})"
    return [Finding(CODE, NAME, SEVERITY, message, program.span)]
