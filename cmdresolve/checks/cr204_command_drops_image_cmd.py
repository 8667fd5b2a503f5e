"""## What it does
Reports a Kubernetes container that sets `command` but not `args` on an image whose
CMD is known and not empty, and whose ENTRYPOINT is set (not empty and not `[""]`).

It is a warning when the dropped CMD held something the container likely needs:
- `command` is the start of the CMD and stops short of it (`command: ["nginx"]` on an
  image whose CMD is `["nginx", "-g", "daemon off;"]`), or it repeats the ENTRYPOINT and
  stops there (`command: ["docker-entrypoint.sh"]`, which leaves the entrypoint nothing
  to run): the rest of the CMD is lost;
- the CMD starts with an init (`tini`, `dumb-init`, `docker-init`, …).

Otherwise it is `info`: a `command` that names its own arguments (`["node",
"server.js"]` on `node:20`, whose CMD is `["node"]`; `["postgres", "-c", "…"]` on
postgres) loses nothing it wanted. What the skipped ENTRYPOINT did is CR203's concern.

## Why is this bad?
The runtime uses the image CMD only when both `command` and `args` are empty, so a
`command` alone drops it: the argv is exactly `command`. Anyone who read `command`
as "replace the program, keep the default arguments" loses those arguments. Without
an image ENTRYPOINT the CMD is the whole default command, and `args` would drop it
just the same, so that case is not reported.

## Example
```yaml
# image: ENTRYPOINT ["/docker-entrypoint.sh"], CMD ["nginx", "-g", "daemon off;"]
containers:
- name: web
  image: nginx:1.27
  command: ["nginx"]          # argv: ["nginx"] -- "-g daemon off;" is gone
```

## Use instead
```yaml
containers:
- name: web
  image: nginx:1.27
  command: ["nginx"]
  args: ["-g", "daemon off;"]
```

## References
- containerd/containerd `internal/cri/opts/spec_opts.go :: WithProcessArgs` and
  cri-o/cri-o `internal/factory/container/container.go :: SpecSetProcessArgs`
  (`if len(command) == 0 { if len(args) == 0 { args = image.Cmd } ... }`)
- Kubernetes docs "Define a Command and Arguments for a Container" ("command only:
  the image Entrypoint and Cmd are ignored")
- docs/semantics.md §3.5 rule 13, §3.7
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

CODE = "CR204"
NAME = "command-drops-image-cmd"
SEVERITY: Severity = "warning"
SUMMARY = N_("Kubernetes command without args drops the image CMD")


def check(result: Resolution) -> list[Finding]:
    if result.runtime != "kubernetes" or result.argv is None:
        return []
    command = [a for a in result.argv if a.origin == Origin.POD_COMMAND]
    entrypoint, cmd = image_field(result, "entrypoint"), image_field(result, "cmd")
    if not command or not cmd or not entrypoint or entrypoint == ("",):
        return []  # without an ENTRYPOINT the CMD is a whole command that args drop too
    if any(a.origin == Origin.POD_ARGS for a in result.argv):
        return []
    given = values(command)
    if given[: len(entrypoint)] == entrypoint:
        given = given[len(entrypoint) :]  # what command gives the entrypoint to run
    cut = len(given) < len(cmd) and cmd[: len(given)] == given
    init = is_init_wrapper(cmd[0])
    params: Params = {
        "cmd": cmd,
        "argv": values(result.argv),
        "given": given,
        "dropped": cmd[len(given) :] if cut else (),  # the rest of the CMD, lost
        "init": init,
    }
    severity: Severity = SEVERITY if cut or init else "info"
    return [Finding(CODE, NAME, severity, params, command[0].span)]
