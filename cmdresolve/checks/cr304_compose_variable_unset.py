"""## What it does
Reports a `$NAME` or `${NAME}` in a Compose `command` or `entrypoint` whose variable
is set neither in the environment Compose runs in nor in the project's `.env`.

## Why is this bad?
Compose replaces an unset variable with the empty string and only prints a warning
that scrolls away. The argument silently vanishes or changes: `sleep ${SECONDS}`
runs `sleep` with no operand. `environment:` and `env_file:` do not count: they set
the container's environment, never the values Compose interpolates.

## Example
```yaml
services:
  app:
    command: sleep ${DELAY}
```

## Use instead
```yaml
services:
  app:
    command: sleep ${DELAY:-10}
```

## References
- compose-spec/compose-go `template/template.go :: DefaultReplacementAppliedFunc`
  ("The variable is not set. Defaulting to a blank string.")
- docs/semantics.md §12.2
- No hadolint or BuildKit rule
"""

from __future__ import annotations

from cmdresolve.model import Finding, Resolution, StepKind
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR304"
NAME = "compose-variable-unset"
SEVERITY: Severity = "warning"
SUMMARY = N_("a variable in a Compose command is not set, so Compose puts an empty string")


_FIELDS = (StepKind.COMPOSE_STRING_SPLIT, StepKind.COMPOSE_OPERATOR_CUT, StepKind.COMPOSE_LIST)


def check(result: Resolution) -> list[Finding]:
    findings = []
    for step in result.steps:
        unset = step.params.get("unset") if step.kind in _FIELDS else None
        if not unset:
            continue
        sources = step.params.get("unset_sources")
        assert isinstance(sources, tuple)
        params: Params = {"source": ", ".join(sources), "names": unset}
        findings.append(Finding(CODE, NAME, SEVERITY, params, step.span))
    return findings
