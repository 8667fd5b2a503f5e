"""## What it does
Reports `docker run --entrypoint PROGRAM IMAGE` with no arguments after the image
when the image has a CMD: the CMD is not passed to the new entrypoint.

## Why is this bad?
People expect `--entrypoint` to swap only the program and keep the image's default
arguments. The daemon does otherwise: a user Entrypoint that is not empty inherits
neither the image ENTRYPOINT nor the image CMD, so the container runs `PROGRAM`
alone. Arguments meant for it must follow the image name.

## Example
```console
$ docker run --entrypoint /usr/local/bin/nginx-debug nginx
# argv: ["/usr/local/bin/nginx-debug"] (the image CMD -g "daemon off;" is gone)
```

## Use instead
```console
$ docker run --entrypoint /usr/local/bin/nginx-debug nginx -g "daemon off;"
```

## References
- moby/moby `daemon/commit.go :: merge` (the image Cmd is taken only when the user
  Entrypoint is empty) and docker/cli `cli/command/container/opts.go :: parse`
- Docker docs, "docker run --entrypoint" ("clears out any default command")
- No hadolint or BuildKit rule (they read Dockerfiles, not run lines)
"""

from __future__ import annotations

from cmdresolve.checks.rule import image_field
from cmdresolve.model import Finding, Origin, Resolution, with_origin
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR201"
NAME = "entrypoint-flag-drops-cmd"
SEVERITY: Severity = "warning"
SUMMARY = N_("docker run --entrypoint without arguments drops the image CMD")


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    flag = next((a for _, a in with_origin(argv, (Origin.RUN_ENTRYPOINT,))), None)
    if flag is None or flag.value == "" or next(with_origin(argv, (Origin.RUN_ARGS,)), None):
        return []
    cmd = image_field(result, "cmd")
    if not cmd:
        return []
    params: Params = {"entrypoint": flag.value, "cmd": cmd}
    return [Finding(CODE, NAME, SEVERITY, params, flag.span)]
