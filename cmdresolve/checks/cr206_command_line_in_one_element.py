"""## What it does
Reports an exec-form program (argv[0]) that holds a whole command line in one list
element: `CMD ["sleep 20"]`, `command: ["/bin/bash /run.sh"]`.

## Why is this bad?
Exec form and Kubernetes `command`/`args` are the argv itself: no shell splits the
elements, so the runtime looks for a program literally named `sleep 20` and the exec
fails. (`docker run --entrypoint "sleep 10"` is the same trap and is reported by
CR202; a shell-form script is one element on purpose and is not reported.)

## Example
```dockerfile
CMD ["/bin/bash /run.sh"]
```

## Use instead
```dockerfile
CMD ["/bin/bash", "/run.sh"]
```

## References
- BuildKit `frontend/dockerfile/parser/line_parsers.go :: parseJSON` (each JSON
  string is one element); moby/moby `daemon/container.go :: getEntrypointAndArgs`
- Kubernetes docs "Define a Command and Arguments for a Container" (command is "not
  executed within a shell")
- docs/semantics.md §1.2, §2.2 rule 7, §3.1
- No hadolint or BuildKit rule
"""

from __future__ import annotations

from cmdresolve.checks.rule import is_shell_script
from cmdresolve.model import Finding, Origin, Resolution
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR206"
NAME = "command-line-in-one-element"
SEVERITY: Severity = "error"
SUMMARY = N_("one exec-form element holds a whole command line, so the program name has spaces")

EXEC_ORIGINS = frozenset(
    {
        Origin.IMAGE_ENTRYPOINT,
        Origin.IMAGE_CMD,
        Origin.RUN_ARGS,
        Origin.POD_COMMAND,
        Origin.POD_ARGS,
        Origin.COMPOSE_ENTRYPOINT,
        Origin.COMPOSE_COMMAND,
        Origin.COMPOSE_RUN_ARGS,
        Origin.POD_PROBE,
        Origin.POD_HOOK,
        Origin.IMAGE_HEALTHCHECK,
        Origin.COMPOSE_HEALTHCHECK,
    }
)


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    skipped = (Origin.RUN_INIT, Origin.COMPOSE_INIT)
    index = next((i for i, a in enumerate(argv) if a.origin not in skipped), None)
    if index is None:
        return []
    program = argv[index]
    words = program.value.split()
    if program.origin not in EXEC_ORIGINS or len(words) < 2 or is_shell_script(program):
        return []
    params: Params = {"index": index, "program": program.value, "words": tuple(words)}
    return [Finding(CODE, NAME, SEVERITY, params, program.span)]
