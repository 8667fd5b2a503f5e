"""## What it does
Reports a container whose argv cannot be known because it depends on the image's
ENTRYPOINT or CMD, and the image is not built from a given Dockerfile, not bound with
`--image`, and not in the bundled catalog. The message names the image and the
`--image REF=PATH` that binds it.

It is `info`: nothing is wrong with the container, cmdresolve only lacks a file. A pod
that sets `command` (the image ENTRYPOINT and CMD are then not used), or a run line with
`--entrypoint` and arguments, does not depend on the image, and nothing is reported,
whatever image it names.

## Why is this bad?
cmdresolve never guesses: the argv stays open, and the checks that read it cannot say
anything about it either. Binding the image (its Dockerfile, or the JSON of
`docker image inspect`) settles it.

## Example
```sh
cmdresolve pod.yaml   # image registry.example.com/app:1 is not known; the pod sets only args
```

## Use instead
```sh
cmdresolve pod.yaml --image registry.example.com/app:1=Dockerfile
docker image inspect registry.example.com/app:1 > app.json
cmdresolve pod.yaml --image registry.example.com/app:1=app.json
```

## References
- docs/design.md (images neither bound nor built are an explicit unknown)
- containerd/containerd `internal/cri/opts/spec_opts.go :: WithProcessArgs` and moby/moby
  `daemon/commit.go :: merge` (when the image's Entrypoint and Cmd are used at all)
"""

from __future__ import annotations

from cmdresolve.model import Finding, Resolution, UnknownKind
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR902"
NAME = "unknown-image-config"
SEVERITY: Severity = "info"
SUMMARY = N_("the argv needs an image ENTRYPOINT/CMD that is not known: bind it with --image")

# The image field the merge needed and could not read, and the image to bind for it.
_FIELD = (UnknownKind.CRI_IMAGE_FIELD, UnknownKind.DOCKER_IMAGE_FIELD)
_BIND = (UnknownKind.IMAGE_NOT_KNOWN, UnknownKind.DOCKERFILE_BASE_UNKNOWN)


def check(result: Resolution) -> list[Finding]:
    if result.argv is not None or result.error is not None:
        return []
    needed = [u for u in result.unknowns if u.kind in _FIELD]
    if not needed:
        return []  # the argv does not wait on the image
    fields = {str(u.params["field"]) for u in needed}
    what = "both" if len(fields) > 1 else fields.pop()
    bind = next((u for u in result.unknowns if u.kind in _BIND), None)
    if bind is None:  # no reference to bind (a base image that depends on the platform)
        first = result.unknowns[0]
        params: Params = {"what": what, "unknown": first}
        return [Finding(CODE, NAME, SEVERITY, params, first.span)]
    params = {"what": what, "image": str(bind.params["image"])}
    return [Finding(CODE, NAME, SEVERITY, params, bind.span)]
