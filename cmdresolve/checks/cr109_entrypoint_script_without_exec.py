"""## What it does
Reports an ENTRYPOINT script copied from the build context (`COPY entrypoint.sh /`,
then `ENTRYPOINT ["/entrypoint.sh"]`) that does not end in `exec "$@"`: one that runs
`"$@"` as a child, or never runs its arguments at all. The file is read, never run; a
file that cannot be read, or one that execs its arguments on only some of its paths,
is not reported.

## Why is this bad?
The runtime passes the CMD (or a Kubernetes `args`) to the script as its arguments.
A script started through its shebang does not exec its last command by itself
(docs/semantics.md §10, measured with dash, bash and BusyBox ash): only `exec "$@"`
makes the CMD the container's PID 1. Without `exec`, the script's shell stays PID 1,
`docker stop`'s SIGTERM reaches the shell, not the program, which is killed after the
grace period; a script without `"$@"` ignores the CMD altogether, so `docker run IMAGE
ARGS` and a pod's `args` change nothing.

## Example
```sh
#!/bin/sh
chown -R app /data
"$@"
```

## Use instead
```sh
#!/bin/sh
chown -R app /data
exec "$@"
```

## References
- docs/semantics.md §10 item 2 (script files: only `exec "$@"` hands over PID 1)
- POSIX XCU 2.14 `exec` (replaces the shell with the command)
- No hadolint or BuildKit rule
"""

from __future__ import annotations

from cmdresolve.model import Finding, Resolution
from cmdresolve.model.facts import N_
from cmdresolve.model.final import FinalRule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR109"
NAME = "entrypoint-script-without-exec"
SEVERITY: Severity = "warning"
SUMMARY = N_('an ENTRYPOINT script without exec "$@": the CMD never runs as PID 1')


def check(result: Resolution) -> list[Finding]:
    final = result.final_process
    if final is None or not result.argv:
        return []
    if final.rule not in (FinalRule.SCRIPT_RUNS_ARGS, FinalRule.SCRIPT_NO_ARGS):
        return []
    params: Params = {
        "script": final.script,
        "file": final.source,
        "shell": final.shell or "/bin/sh",
        "runs_args": final.rule is FinalRule.SCRIPT_RUNS_ARGS,
    }
    return [Finding(CODE, NAME, SEVERITY, params, result.argv[0].span)]
