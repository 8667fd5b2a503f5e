"""## What it does
Reports a Kubernetes container whose `command` replaces an image ENTRYPOINT that is
known and not empty, unless `command` starts with that ENTRYPOINT anyway.

It is a warning when the ENTRYPOINT does something the container likely needs: it is
an init (`tini`, `tini-static`, `dumb-init`, `docker-init`, `catatonit`) that runs as PID
1, reaps zombies and passes on signals, or a script that the bundled catalog records as
preparing the container before it execs its arguments (the official postgres, mysql,
mariadb, mongo, redis, nginx, rabbitmq, wordpress, nextcloud images and others: their
`entrypoint_setup`). Otherwise — an entrypoint script that only picks the program, such
as node's `docker-entrypoint.sh`, or one nothing is known about — it is `info`:
`command: ["node", "server.js"]` on `node:20` runs as written.

## Why is this bad?
`command` is Docker's ENTRYPOINT, not its CMD: setting it discards the image
ENTRYPOINT, and whatever that did before it execs the real program never happens. The
postgres entrypoint initialises an empty data directory, runs
`/docker-entrypoint-initdb.d` and drops root; skipping it starts `postgres` as root on
an empty directory, which fails. Without tini the program is PID 1 itself, and a
program that does not expect that ignores SIGTERM and leaves zombies. To pass
arguments to the image's program, set `args` (Docker's CMD) instead.

## Example
```yaml
# image: ENTRYPOINT ["docker-entrypoint.sh"], CMD ["postgres"]
containers:
- name: db
  image: postgres:16
  command: ["postgres", "-c", "max_connections=200"]
```

## Use instead
```yaml
containers:
- name: db
  image: postgres:16
  args: ["postgres", "-c", "max_connections=200"]
```

## References
- containerd/containerd `internal/cri/opts/spec_opts.go :: WithProcessArgs` and
  cri-o/cri-o `internal/factory/container/container.go :: SpecSetProcessArgs`
  (the image Entrypoint is used only when `command` is nil)
- Kubernetes docs "Define a Command and Arguments for a Container" (the table of
  command/args against ENTRYPOINT/CMD)
- The official images' entrypoint scripts, read at the commits in
  `cmdresolve/data/catalog.json` (docs/semantics.md §10)
- docs/semantics.md §3.5-3.7
- No hadolint or BuildKit rule (they read Dockerfiles, not manifests)
"""

from __future__ import annotations

from cmdresolve.checks.rule import image_field
from cmdresolve.model import Finding, Origin, Resolution, values
from cmdresolve.model.facts import N_
from cmdresolve.resolve.launchers import is_init_wrapper

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR203"
NAME = "command-replaces-entrypoint"
SEVERITY: Severity = "warning"
SUMMARY = N_("Kubernetes command replaces the image ENTRYPOINT, which then never runs")


def check(result: Resolution) -> list[Finding]:
    if result.runtime != "kubernetes":
        return []
    command = [a for a in result.argv or () if a.origin == Origin.POD_COMMAND]
    entrypoint = image_field(result, "entrypoint")
    if not command or not entrypoint or entrypoint == ("",):
        return []
    if values(command[: len(entrypoint)]) == entrypoint:
        return []  # command repeats the ENTRYPOINT: nothing of it is lost
    init = is_init_wrapper(entrypoint[0])
    setup = result.image_config is not None and result.image_config.entrypoint_setup
    params: Params = {
        "entrypoint": entrypoint,
        "program": command[0].value,
        "replaced": entrypoint[0],
        "init": init,
        "setup": setup,
    }
    severity: Severity = SEVERITY if init or setup else "info"
    return [Finding(CODE, NAME, severity, params, command[0].span)]
