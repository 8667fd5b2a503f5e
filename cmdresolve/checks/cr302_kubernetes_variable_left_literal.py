"""## What it does
Reports `$(VAR)` in Kubernetes `command`/`args` that the kubelet leaves as it is,
because the container's env does not define `VAR` (it may be set only by the image
ENV, which the kubelet never sees).

## Why is this bad?
The kubelet expands `$(VAR)` against the env it builds from `env` and `envFrom`
only; an unresolvable reference stays unchanged, without an error or event. The
program receives the characters `$(VAR)`. References whose value is merely not known
here (a Secret, a field of the running pod) are expanded at run time and are not
reported.

## Example
```yaml
# image: ENV DATA_DIR=/data
containers:
- name: app
  image: example/app
  args: ["--data-dir", "$(DATA_DIR)"]
```

## Use instead
```yaml
containers:
- name: app
  image: example/app
  env:
  - name: DATA_DIR
    value: /data
  args: ["--data-dir", "$(DATA_DIR)"]
```

## References
- kubernetes/kubernetes `pkg/kubelet/container/helpers.go ::
  ExpandContainerCommandAndArgs` and `third_party/forked/golang/expansion/expand.go
  :: MappingFuncFor` (an unresolved `$(name)` is returned unchanged)
- Kubernetes API docs, Container `command`/`args` ("references will never be
  expanded" when the variable cannot be resolved)
- docs/semantics.md §3.2 rule 7, §3.3 rule 8
- No hadolint or BuildKit rule
"""

from __future__ import annotations

from cmdresolve.model import Arg, Finding, Origin, Resolution, UnknownKind
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR302"
NAME = "kubernetes-variable-left-literal"
SEVERITY: Severity = "warning"
SUMMARY = N_("$(VAR) in command/args stays literal: the container env does not define VAR")

def check(result: Resolution) -> list[Finding]:
    if result.runtime != "kubernetes":
        return []
    image_env = {item.partition("=")[0] for item in result.env or ()}
    findings = []
    for index, arg in enumerate(result.argv or ()):
        if arg.origin not in (Origin.POD_COMMAND, Origin.POD_ARGS) or "$(" not in arg.value:
            continue
        for name in _undefined(result, arg):
            params: Params = {
                "name": name,
                "index": index,
                "value": arg.value,
                "in_image_env": name in image_env,
            }
            findings.append(Finding(CODE, NAME, SEVERITY, params, arg.span))
    return findings


def _undefined(result: Resolution, arg: Arg) -> list[str]:
    """The names the resolver left literal in ``arg`` because nothing defines them."""
    names = (
        str(u.params["name"])
        for u in result.unknowns
        if u.kind is UnknownKind.KUBELET_VAR_UNDEFINED and u.span == arg.span
    )
    return list(dict.fromkeys(name for name in names if f"$({name})" in arg.value))
