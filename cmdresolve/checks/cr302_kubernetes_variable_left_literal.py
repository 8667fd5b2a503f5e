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

Inside the `-c` script of a shell (`command: ["sh", "-c", "echo $(date)"]`, also
`bash -ec`, `gosu app sh -c …`) the text the kubelet leaves alone reaches the shell,
and `$(…)` is the shell's own command substitution. There the finding depends on what
is between the parentheses:
- not a variable-like name (`$(date)`, `$(hostname -f)`, `$(($RANDOM % 5))`, anything
  with a space, a lower-case letter or a parenthesis): the shell's command substitution,
  as the author meant; not reported.
- an upper-case name such as `$(DATA_DIR)` that the container env does not define:
  still reported. The shell runs a command named `DATA_DIR`, which almost never exists;
  the author meant a variable (the shell's `$DATA_DIR`, or a `$(DATA_DIR)` the kubelet
  replaces once `env` defines it). The message says so.

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

import re

from cmdresolve.model import Arg, Finding, Origin, Resolution, UnknownKind, values
from cmdresolve.model.facts import N_
from cmdresolve.resolve.launchers import scripts_in, shell_name

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR302"
NAME = "kubernetes-variable-left-literal"
SEVERITY: Severity = "warning"
SUMMARY = N_("$(VAR) in command/args stays literal: the container env does not define VAR")

# Fields the kubelet expands $(VAR) in (a probe's against the static env only).
_EXPANDED = frozenset({Origin.POD_COMMAND, Origin.POD_ARGS, Origin.POD_PROBE})
_VARIABLE_LIKE = re.compile(r"[A-Z_][A-Z0-9_]*")  # DATA_DIR, not date or hostname -f


def check(result: Resolution) -> list[Finding]:
    if result.runtime != "kubernetes":
        return []
    argv = result.argv or ()
    image_env = {item.partition("=")[0] for item in result.env or ()}
    scripts: dict[int, str] | None = None  # found once, and only when a $( is seen
    findings = []
    for index, arg in enumerate(argv):
        if arg.origin not in _EXPANDED or "$(" not in arg.value:
            continue
        if scripts is None:
            words = values(argv)
            scripts = {i: shell_name(words, s) for i, s in scripts_in(words).items()}
        shell = scripts.get(index)
        for name in _undefined(result, arg):
            if shell is not None and not _VARIABLE_LIKE.fullmatch(name):
                continue  # the shell's own command substitution: $(date), $((1 + 2))
            params: Params = {
                "name": name,
                "index": index,
                "value": arg.value,
                "in_image_env": name in image_env,
                "shell": shell,
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
