"""## What it does
Reports a Compose `entrypoint: []` or `entrypoint: ""` (or `docker compose run
--entrypoint ''`) after which the image CMD still runs.

## Why is this bad?
The Compose docs say a non-null `entrypoint` makes Compose ignore the image's
default command. The engine does otherwise: an empty Entrypoint drops the image
ENTRYPOINT, and an empty Cmd is then filled from the image CMD. So the image CMD
alone becomes the argv (measured on Docker Compose v2.40.3), which is rarely what
clearing the entrypoint was meant to do.

## Example
```yaml
services:
  app:
    image: python:3.12
    entrypoint: []
```

## Use instead
```yaml
services:
  app:
    image: python:3.12
    entrypoint: []
    command: ["python", "-m", "http.server"]
```

## References
- moby/moby `daemon/commit.go :: merge` (an empty Entrypoint takes the image Cmd);
  docker/compose `pkg/compose/create.go :: getCreateConfigs`
- docker/compose#5272 ("The CMD is still used")
- docs/semantics.md §5.2, §5.5
- No hadolint or BuildKit rule
"""

from __future__ import annotations

from cmdresolve.model import Finding, Origin, Resolution, StepKind, values, with_origin
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR211"
NAME = "compose-empty-entrypoint-keeps-cmd"
SEVERITY: Severity = "warning"
SUMMARY = N_("a Compose entrypoint: [] drops the image ENTRYPOINT but the image CMD still runs")


def check(result: Resolution) -> list[Finding]:
    step = next((s for s in result.steps if s.kind is StepKind.COMPOSE_EMPTY_ENTRYPOINT), None)
    argv = result.argv or ()
    cmd = [a for _, a in with_origin(argv, (Origin.IMAGE_CMD,))]
    if step is None or not cmd:
        return []
    written = next(
        (s.span for s in result.steps if s.params.get("field") == "entrypoint" and s.span),
        None,
    )
    params: Params = {"cmd": values(cmd)}
    return [Finding(CODE, NAME, SEVERITY, params, written or step.span or cmd[0].span)]
