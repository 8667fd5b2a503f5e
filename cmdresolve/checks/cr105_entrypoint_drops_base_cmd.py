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
- SEMANTICS.md §1.4 rule 23
"""

from __future__ import annotations

import json

from cmdresolve.model import Finding, Resolution

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity

CODE = "CR105"
NAME = "entrypoint-drops-base-cmd"
SEVERITY: Severity = "info"
SUMMARY = "ENTRYPOINT resets the CMD inherited from the base image"

# What build_instructions._dispatch_entrypoint says when the base image's Cmd is unknown.
_UNKNOWN_BASE_CMD = "(whatever it is)"
_USES_IMAGE_CMD = frozenset({"docker.inherit_cmd", "cri.inherit_cmd"})


def check(result: Resolution) -> list[Finding]:
    rules = [s.rule for s in result.steps]
    if "dockerfile.entrypoint_resets_cmd" not in rules:
        return []
    last = len(rules) - 1 - rules[::-1].index("dockerfile.entrypoint_resets_cmd")
    if "dockerfile.cmd" in rules[last:] or not _USES_IMAGE_CMD.intersection(rules):
        return []
    step = result.steps[last]
    if _UNKNOWN_BASE_CMD in step.summary:  # nothing is known to be lost: no claim
        return []
    if result.argv is not None:
        values = json.dumps([a.value for a in result.argv], ensure_ascii=False)
        outcome = f"the argv is {values}, with no CMD arguments"
    elif result.error is not None:
        outcome = f"nothing is left to run ({result.error!r})"
    else:
        return []
    message = f"{step.summary}: {outcome}"
    return [Finding(CODE, NAME, SEVERITY, message, step.span)]
