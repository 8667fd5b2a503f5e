"""## What it does
Reports `$VAR` and `${VAR}` in an exec-form argv element (Dockerfile JSON form,
`docker run` arguments and `--entrypoint`) and in Kubernetes `command`/`args`.

## Why is this bad?
Only a shell expands `$VAR`, and no shell runs an exec-form argv: Docker passes the
characters `$HOME` to the program. Kubernetes expands only `$(VAR)` in `command` and
`args` (from the container's env), never `$VAR` or `${VAR}`. An element that a shell
reads as its `-c` script is run by a shell and is not reported: a shell-form script,
`["sh", "-c", "echo $HOME"]`, and also `-c` inside an option cluster (`bash -ec`,
`sh -ce`, `-xc`), after options that take a value (`bash -o pipefail -c`), and a shell
started by another program (`gosu app sh -c …`, `tini -- sh -c …`). The `-c` of a
program that is not a shell (`python -c`) is not a shell script.

## Example
```dockerfile
CMD ["echo", "$HOME"]
```
```yaml
args: ["--data-dir", "${DATA_DIR}"]
```

## Use instead
```dockerfile
CMD ["/bin/sh", "-c", "echo $HOME"]
```
```yaml
args: ["--data-dir", "$(DATA_DIR)"]   # DATA_DIR set in the container's env
```

## References
- Dockerfile reference, "Shell and exec form" (`RUN [ "echo", "$HOME" ]` does not
  substitute `$HOME`); moby/moby `daemon/container.go :: getEntrypointAndArgs`
- kubernetes/kubernetes `third_party/forked/golang/expansion/expand.go :: Expand`
  (`${X}`, `$X` are not special) and `pkg/kubelet/container/helpers.go ::
  ExpandContainerCommandAndArgs`
- docs/semantics.md §1.2, §3.3 rule 8
- No hadolint or BuildKit rule
"""

from __future__ import annotations

import re

from cmdresolve.checks.rule import is_shell_script
from cmdresolve.model import Finding, Origin, Resolution, values
from cmdresolve.model.facts import N_
from cmdresolve.resolve.launchers import scripts_in

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR301"
NAME = "shell-variable-not-expanded"
SEVERITY: Severity = "warning"
SUMMARY = N_("$VAR or ${VAR} in an exec-form element is passed on literally")

_REFERENCE = re.compile(r"\$(?:\{[A-Za-z_][A-Za-z0-9_]*[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)")
_EXEC_ORIGINS = frozenset(
    {Origin.IMAGE_ENTRYPOINT, Origin.IMAGE_CMD, Origin.RUN_ENTRYPOINT}
    | {Origin.RUN_ARGS, Origin.POD_COMMAND, Origin.POD_ARGS}
    | {Origin.COMPOSE_ENTRYPOINT, Origin.COMPOSE_COMMAND, Origin.COMPOSE_RUN_ARGS}
    | {Origin.POD_PROBE, Origin.POD_HOOK, Origin.IMAGE_HEALTHCHECK, Origin.COMPOSE_HEALTHCHECK}
)


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    findings = []
    scripts: dict[int, int] | None = None  # found once, and only when a $VAR is seen
    words = values(argv)
    for i, value in enumerate(words):
        refs = _REFERENCE.findall(value) if "$" in value else None
        if not refs:
            continue
        arg = argv[i]
        if arg.origin not in _EXEC_ORIGINS or is_shell_script(arg):
            continue
        if scripts is None:
            scripts = scripts_in(words)
        if i in scripts:
            continue
        params: Params = {
            "index": i,
            "value": arg.value,
            "refs": tuple(refs),
            "kubernetes": result.runtime == "kubernetes",
        }
        findings.append(Finding(CODE, NAME, SEVERITY, params, arg.span))
    return findings
