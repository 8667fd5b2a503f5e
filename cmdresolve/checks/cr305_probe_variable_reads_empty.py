"""## What it does
Reports a `$(NAME)` in an exec probe's `command` where the container sets NAME with
`valueFrom` (a Secret, a ConfigMap key, a fieldRef).

## Why is this bad?
The kubelet expands a probe's command against the container's `env` entries as
written: it reads each entry's literal `value` and nothing else. An entry set by
`valueFrom` has no literal value, so `$(NAME)` becomes the empty string, although the
container's own process sees the real value. `redis-cli -a $(REDIS_PASSWORD) ping`
runs without a password, and the probe fails (or passes) for the wrong reason. A
lifecycle hook does not expand `$(NAME)` at all.

## Example
```yaml
env:
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef: {name: redis, key: password}
livenessProbe:
  exec:
    command: ["redis-cli", "-a", "$(REDIS_PASSWORD)", "ping"]
```

## Use instead
```yaml
livenessProbe:
  exec:
    command: ["sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" ping"]
```

## References
- kubernetes/kubernetes `pkg/kubelet/prober/prober.go :: runProbe` and
  `pkg/kubelet/container/helpers.go :: ExpandContainerCommandOnlyStatic,
  v1EnvVarsToMap` (a `valueFrom` entry maps to its empty `Value`)
- docs/semantics.md §13.1
- No hadolint or BuildKit rule
"""

from __future__ import annotations

from cmdresolve.model import Finding, NoteKind, Resolution, StepKind
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR305"
NAME = "probe-variable-reads-empty"
SEVERITY: Severity = "warning"
SUMMARY = N_("$(VAR) in a probe command reads as empty: VAR is set by valueFrom")


def check(result: Resolution) -> list[Finding]:
    empty = {
        name
        for step in result.steps
        if step.kind is StepKind.PROBE_EXEC
        for name in step.params.get("empty") or ()  # type: ignore[union-attr]
    }
    if not empty:
        return []
    findings = []
    for index, arg in enumerate(result.argv or ()):
        for note in arg.notes:
            if note.kind is not NoteKind.EXPANDED:
                continue
            names = note.params.get("names") or ()
            assert isinstance(names, tuple)
            for name in (n for n in names if n in empty):
                params: Params = {"name": name, "index": index}
                findings.append(Finding(CODE, NAME, SEVERITY, params, arg.span))
    return findings
