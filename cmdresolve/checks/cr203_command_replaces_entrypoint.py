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
- SEMANTICS.md §3.5-3.7
- No hadolint or BuildKit rule (they read Dockerfiles, not manifests)
"""

from __future__ import annotations

import ast
import re

from cmdresolve.model import Finding, Resolution

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity

CODE = "CR203"
NAME = "command-replaces-entrypoint"
SEVERITY: Severity = "warning"
SUMMARY = "Kubernetes command replaces the image ENTRYPOINT, which then never runs"

# The cri.command step shows each image field as a Python list repr or a
# parenthesised state; this grammar reads it back exactly (cri_merge._show).
_STR = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\""""
_LIST = rf"\[(?:(?:{_STR})(?:, (?:{_STR}))*)?\]"
_FIELD = rf"({_LIST})(?: \(empty\))?|\(not known\)|\(not set\)"
_COMMAND_STEP = re.compile(
    rf"command \(= Docker ENTRYPOINT\) {_LIST} replaces the image ENTRYPOINT (?:{_FIELD})"
    rf"(?: and drops the image CMD (?:{_FIELD}):|$)"
)


def image_fields(result: Resolution) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The image (ENTRYPOINT, CMD) the ``cri.command`` step names when ``command`` is set.

    Each is None when not known, not set, or not shown (the CMD is shown only when
    ``args`` is not set).
    """
    step = next((s for s in result.steps if s.rule == "cri.command"), None)
    match = _COMMAND_STEP.match(step.summary) if step is not None else None
    if match is None:
        return None, None
    entrypoint, cmd = (
        None if text is None else tuple(ast.literal_eval(text)) for text in match.groups()
    )
    return entrypoint, cmd


def check(result: Resolution) -> list[Finding]:
    if result.runtime != "kubernetes":
        return []
    command = [a for a in result.argv or () if a.origin == "pod.command"]
    entrypoint, _ = image_fields(result)
    if not command or not entrypoint or entrypoint == ("",):
        return []
    if tuple(a.value for a in command[: len(entrypoint)]) == entrypoint:
        return []  # command repeats the ENTRYPOINT: nothing of it is lost
    message = (
        f"command replaces the image ENTRYPOINT {list(entrypoint)}: argv starts with "
        f"{command[0].value!r} and {entrypoint[0]!r} never runs (command is Docker's "
        "ENTRYPOINT; args is its CMD)"
    )
    return [Finding(CODE, NAME, SEVERITY, message, command[0].span)]
