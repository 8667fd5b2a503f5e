"""## What it does
Reports an exec-form element that carries quotes meant for a shell: one wrapped whole
in `'…'` or `"…"` (`"'daemon off;'"`), or an option whose value is (`"--name='web'"`).
It shows the element as it should be written, without the quotes.

## Why is this bad?
The exec form runs no shell, so nothing removes the quotes: the program gets the quote
characters as part of its argument. awesome-compose's nginx service writes
`CMD ["nginx", "-g", "'daemon off;'"]`, and nginx is handed `'daemon off;'` with its
quotes, a directive it does not know, so it refuses to start. On a shell command line
the quotes only keep the words together; in a JSON array each element already is one
word.

## Example
```dockerfile
FROM nginx:1.27
CMD ["nginx", "-g", "'daemon off;'"]
```

## Use instead
```dockerfile
FROM nginx:1.27
CMD ["nginx", "-g", "daemon off;"]
```

## References
- moby/moby `daemon/container.go :: getEntrypointAndArgs` and runc `execve`: each
  element is passed as is; POSIX.1-2017 XCU 2.6.7 Quote Removal is a shell's step
- docker/awesome-compose `nginx-golang/frontend/Dockerfile`-style `CMD` lines
- docs/semantics.md §1.2
- No hadolint or BuildKit rule
"""

from __future__ import annotations

from cmdresolve.checks.cr206_command_line_in_one_element import EXEC_ORIGINS
from cmdresolve.checks.rule import is_shell_script
from cmdresolve.model import Finding, Resolution
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR306"
NAME = "shell-quotes-in-exec-form"
SEVERITY: Severity = "warning"
SUMMARY = N_("an exec-form element keeps quotes meant for a shell, so the program gets them")


def unquoted(value: str) -> str | None:
    """``value`` without the shell quotes around it (or around an option's value after
    ``=``), or None when it has none."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        inner = value[1:-1]
        return inner if value[0] not in inner else None
    eq = value.find("=")
    if value.startswith("-") and 0 < eq < len(value) - 2:
        tail = unquoted(value[eq + 1 :])
        return None if tail is None else value[: eq + 1] + tail
    return None


def check(result: Resolution) -> list[Finding]:
    argv = result.argv
    if not argv:
        return []
    stop = result.script.index if result.script is not None else len(argv)
    found: list[Finding] = []
    for index, arg in enumerate(argv):
        if index >= stop:
            break
        if arg.origin not in EXEC_ORIGINS or is_shell_script(arg):
            continue
        fixed = unquoted(arg.value)
        if fixed is None:
            continue
        params: Params = {"index": index, "value": arg.value, "fixed": fixed}
        found.append(Finding(CODE, NAME, SEVERITY, params, arg.span))
    return found
