"""## What it does
Reports `$VAR` and `${VAR}` in an exec-form argv element (Dockerfile JSON form,
`docker run` arguments and `--entrypoint`) and in Kubernetes `command`/`args`.

## Why is this bad?
Only a shell expands `$VAR`, and no shell runs an exec-form argv: Docker passes the
characters `$HOME` to the program. Kubernetes expands only `$(VAR)` in `command` and
`args` (from the container's env), never `$VAR` or `${VAR}`. An element that is the
script of a `-c` option (`["sh", "-c", "echo $HOME"]`, or a shell-form script) is
run by a shell and is not reported.

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
from cmdresolve.model import Arg, Finding, Origin, Resolution
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR301"
NAME = "shell-variable-not-expanded"
SEVERITY: Severity = "warning"
SUMMARY = N_("$VAR or ${VAR} in an exec-form element is passed on literally")

_REFERENCE = re.compile(r"\$(?:\{[A-Za-z_][A-Za-z0-9_]*[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)")
_SCRIPT_OPTION = re.compile(r"-[A-Za-z]*c")  # sh -c, bash -lc, sh -ec: the next word is a script
_EXEC_ORIGINS = frozenset(
    {Origin.IMAGE_ENTRYPOINT, Origin.IMAGE_CMD, Origin.RUN_ENTRYPOINT}
    | {Origin.RUN_ARGS, Origin.POD_COMMAND, Origin.POD_ARGS}
)


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    findings = []
    for i, arg in enumerate(argv):
        refs = _REFERENCE.findall(arg.value)
        if refs and arg.origin in _EXEC_ORIGINS and not _is_script(argv, i):
            params: Params = {
                "index": i,
                "value": arg.value,
                "refs": tuple(refs),
                "kubernetes": result.runtime == "kubernetes",
            }
            findings.append(Finding(CODE, NAME, SEVERITY, params, arg.span))
    return findings


def _is_script(argv: tuple[Arg, ...], index: int) -> bool:
    if is_shell_script(argv[index]):
        return True
    return index > 0 and _SCRIPT_OPTION.fullmatch(argv[index - 1].value) is not None
