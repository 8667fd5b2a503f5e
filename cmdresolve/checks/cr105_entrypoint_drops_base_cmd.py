"""## What it does
Reports an ENTRYPOINT that drops the CMD inherited from the base image (or base
stage), when no later CMD sets it again and the container runs with the image's CMD.
When the base image's CMD is not known, nothing is reported.

## Why is this bad?
BuildKit clears the Cmd when a stage sets ENTRYPOINT before any CMD of its own. The
base image's default arguments (`CMD ["nginx", "-g", "daemon off;"]`,
`CMD ["python3"]`) are gone: the argv is the ENTRYPOINT alone, or nothing at all
after `ENTRYPOINT []`.

## Example
```dockerfile
FROM nginx
ENTRYPOINT ["/docker-entrypoint.sh"]
```

## Use instead
```dockerfile
FROM nginx
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD ["nginx", "-g", "daemon off;"]
```

## References
- moby/buildkit `frontend/dockerfile/dockerfile2llb/convert.go :: dispatchEntrypoint`
  (`if !d.cmd.IsSet { Config.Cmd = nil }`); moby test `TestBuildCleanupCmdOnEntrypoint`
- Dockerfile reference, note under "Understand how CMD and ENTRYPOINT interact"
- docs/semantics.md §1.4 rule 23
"""

from __future__ import annotations

from cmdresolve.model import Finding, Resolution, StepKind, values
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Param

CODE = "CR105"
NAME = "entrypoint-drops-base-cmd"
SEVERITY: Severity = "info"
SUMMARY = N_("ENTRYPOINT resets the CMD inherited from the base image")

_USES_IMAGE_CMD = frozenset({StepKind.DOCKER_INHERIT_CMD, StepKind.CRI_INHERIT_CMD})


def check(result: Resolution) -> list[Finding]:
    kinds = [s.kind for s in result.steps]
    if StepKind.DOCKERFILE_ENTRYPOINT_RESETS_CMD not in kinds:
        return []
    last = len(kinds) - 1 - kinds[::-1].index(StepKind.DOCKERFILE_ENTRYPOINT_RESETS_CMD)
    if StepKind.DOCKERFILE_CMD in kinds[last:] or not _USES_IMAGE_CMD.intersection(kinds):
        return []
    step = result.steps[last]
    if not step.params["cmd_known"]:  # nothing is known to be lost: no claim
        return []
    params: dict[str, Param] = {"cmd": step.params["cmd"]}
    if result.argv is not None:
        params["argv"] = values(result.argv)
    elif result.error is not None:
        params["failure"] = result.error
    else:
        return []
    return [Finding(CODE, NAME, SEVERITY, params, step.span)]
