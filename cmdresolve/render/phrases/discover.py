"""The sentences of a walk (discover/): what each file passed over is, and how the
images were linked to the Dockerfiles that build them."""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.steps import StepKind
from cmdresolve.model.unknowns import NoticeKind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model.facts import Params
    from cmdresolve.render.phrases import Phrase

_SKIPPED: dict[str, str] = {
    "empty": N_("skipped: an empty file"),
    "foreign": N_("skipped: not a Dockerfile, compose file, manifest or image config"),
    "ci_workflow": N_("skipped: a CI workflow, not a container's definition"),
    "helm_values": N_("skipped: Helm values, read by `helm template` with the chart's templates"),
    "helm_chart": N_("skipped: a Helm chart's metadata"),
    "template": N_(
        "skipped: a template ({{{{…}}}} placeholders or {{%…%}} statements); fill it in, then "
        "read the result with `cmdresolve -`"
    ),
    "dockerfile_template": N_(
        "skipped: a template that generates Dockerfiles (docker-library's jq templates), "
        "not a Dockerfile"
    ),
    "image_config": N_(
        "skipped: an image config; bind it to its image with --image REF=PATH or in "
        ".cmdresolve.toml [images]"
    ),
}


def _skipped(params: Params) -> tuple[str, Params]:
    what = str(params.get("what", "foreign"))
    return _SKIPPED.get(what, _SKIPPED["foreign"]), params


NOTICES: Mapping[object, Phrase] = {
    NoticeKind.SKIPPED_FILE: _skipped,
    NoticeKind.HELM_TEMPLATE: N_(
        "skipped: a Helm template; render it and read the result: "
        "`helm template {chart} | cmdresolve -`"
    ),
    NoticeKind.KUSTOMIZATION: N_(
        "skipped: a kustomization; build it and read the result: "
        "`kubectl kustomize {directory} | cmdresolve -`"
    ),
    NoticeKind.KUSTOMIZE_PATCH: N_(
        "skipped: a patch that {kustomization} applies, not a whole object"
    ),
    NoticeKind.COMPOSE_NOT_PICKED: N_(
        "skipped: docker compose reads {picked} in this folder; name both files to read "
        "them as one project"
    ),
    NoticeKind.NOT_REGULAR: N_(
        "skipped: not a regular file (a symlink, FIFO or device), not opened"
    ),
    NoticeKind.IMAGE_BY_REPOSITORY: N_(
        "image {image} linked to {dockerfile} by its repository: that Dockerfile builds {built}"
    ),
    NoticeKind.IMAGE_CANDIDATE: N_(
        "image {image} is not linked to a Dockerfile; if {dockerfile} builds it, say so in "
        ".cmdresolve.toml: [images] {line}"
    ),
}

STEPS: Mapping[object, Phrase] = {
    StepKind.ONE_DOCKERFILE: N_(
        "image {image} taken to be the one {dockerfile} builds: the only Dockerfile and the "
        "only unlinked image among the inputs (bind it with --image to say so)"
    ),
}
