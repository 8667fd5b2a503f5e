"""## What it does
Reports a `-c` script (`sh -c`, `bash -c`, a shell-form CMD or ENTRYPOINT, a
`CMD-SHELL` health check) that the shell cannot parse: an unterminated quote, `$(` or
`${`, a missing `fi`, `done`, `esac` or `}`, an operator with nothing after it. It
names the line and column in the script and the shell whose grammar was used.

## Why is this bad?
The shell reads the script before it runs it: on a syntax error it prints
`Syntax error: …` and exits with status 2 (commands on earlier lines may have run).
The container stops at once, or restarts over and over, and nothing in the manifest
or Dockerfile looks wrong, since the script is one opaque string there.

## Example
```yaml
containers:
- name: app
  image: busybox:1.36
  command: ["sh", "-c", "if [ -f /ready ]; then exec app; else sleep 5"]
```

## Use instead
```yaml
containers:
- name: app
  image: busybox:1.36
  command: ["sh", "-c", "if [ -f /ready ]; then exec app; else sleep 5; fi"]
```

## References
- POSIX.1-2017 XCU 2.10 Shell Grammar, 2.2 Quoting, 2.6 Word Expansions
- `cmdresolve/resolve/shell/parser.py` (the reader) and docs/semantics.md §10
- ShellCheck SC1009 and neighbours report the same errors, when it is installed (CR308)
"""

from __future__ import annotations

from cmdresolve.model import Finding, Resolution
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR307"
NAME = "shell-script-syntax-error"
SEVERITY: Severity = "error"
SUMMARY = N_("the -c script has a syntax error, so the shell exits with status 2")


def check(result: Resolution) -> list[Finding]:
    script = result.script
    if script is None or script.error is None or script.error.is_limit or not result.argv:
        return []  # a script past the reader's bounds is not known to be wrong
    error = script.error
    params: Params = {
        "index": script.index,
        "problem": error.problem.value,
        "line": error.line,
        "col": error.col,
        "token": error.token,
        "expected": error.expected,
        "shell": script.dialect.value,
        "known_shell": script.shell is not None,
    }
    return [Finding(CODE, NAME, SEVERITY, params, result.argv[script.index].span)]
