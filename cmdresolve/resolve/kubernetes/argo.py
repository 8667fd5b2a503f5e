"""What Argo Workflows' emissary starts in a container of a workflow pod.

The controller makes ``argoexec emissary … --`` the container's command, followed by
the container's own command and args, so the CRI runtime never merges them with the
image. When ``command`` is empty the controller looks the image up itself: its
ENTRYPOINT becomes the command, and its CMD the args only when ``args`` is not set at
all (``args: []`` keeps them empty, unlike the kubelet's rule). For a ``script``
template the path of the staged source is appended to args before that lookup, so
the image CMD is never used there. The emissary then looks the program up in PATH
and starts it with the path it found as argv[0].

Authority: argoproj/argo-workflows ``workflow/controller/workflowpod.go ::
podBuilder.build`` (``if len(c.Command) == 0`` … ``c.Command = x.Entrypoint``; ``if
c.Args == nil { c.Args = x.Cmd }``; ``execCmd := [argoexec, "emissary", log options…,
"--"]``, for every container but Argo's own), ``workflow/controller/operator.go ::
executeScript`` (``mainCtr.Args = append(mainCtr.Args, common.ExecutorScriptSourcePath)``
when ``source`` is not empty), ``workflow/common/common.go`` (``ExecutorScriptSourcePath
= "/argo/staging/script"``) and ``cmd/argoexec/commands/emissary.go :: runEmissary``
(``exec.LookPath(name)``, then ``exec.CommandContext(ctx, name, args...)``), at
argo-workflows@f016ad89 (docs/semantics.md §3.9).
"""

from __future__ import annotations

from cmdresolve.model import (
    Arg,
    Failure,
    FailureKind,
    ImageConfig,
    Origin,
    Step,
    StepKind,
    Unknown,
    UnknownKind,
    values_or_none,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from cmdresolve.model.facts import Param
    from cmdresolve.model.kubernetes import KubeContainer

__all__ = ["SCRIPT_PATH", "image_field_unknown", "merge_argo_emissary", "template_tags"]

ARGO = "argoproj/argo-workflows "
BUILD = ARGO + "workflow/controller/workflowpod.go :: podBuilder.build"
SCRIPT = ARGO + "workflow/controller/operator.go :: executeScript"
EMISSARY = ARGO + "cmd/argoexec/commands/emissary.go :: runEmissary"
SCRIPT_PATH = "/argo/staging/script"  # common.ExecutorScriptSourcePath

Argv = tuple[Arg, ...]


def merge_argo_emissary(
    image: ImageConfig, container: KubeContainer, command: Argv | None, args: Argv | None
) -> tuple[Argv | None, Failure | None, list[Step], list[Unknown]]:
    """(argv or None, error or None, steps, unknowns): what the emissary starts.

    ``command``/``args`` are the container's after ``$(VAR)`` expansion (None when
    empty); whether ``args`` was written at all is read from ``container``.
    """
    steps: list[Step] = []
    launcher = container.launcher
    args_given = container.args is not None
    if launcher is not None and launcher.script is not None:
        script = Arg(SCRIPT_PATH, Origin.ARGO_SCRIPT, launcher.script_span, launcher.script_path)
        args, args_given = (*(args or ()), script), True
        steps.append(Step(StepKind.ARGO_SCRIPT, {"path": SCRIPT_PATH}, SCRIPT, script.span))
    if not command:
        wanted = ["entrypoint"] if args_given else ["entrypoint", "cmd"]
        missing = [name for name in wanted if not image.knows(name)]
        if missing:
            return None, None, steps, [image_field_unknown(image, name) for name in missing]
        command = image.entrypoint
        cmd = None if args_given else values_or_none(image.cmd)
        if not args_given:
            args = image.cmd
        params: dict[str, Param] = {"entrypoint": values_or_none(image.entrypoint), "cmd": cmd}
        steps.append(Step(StepKind.ARGO_IMAGE_LOOKUP, params, BUILD))
    argv = (*(command or ()), *(args or ()))
    if not argv:
        return None, Failure(FailureKind.NO_COMMAND), steps, []
    program = argv[0].value
    found: dict[str, Param] = {"program": program, "looked_up": "/" not in program}
    steps.append(Step(StepKind.ARGO_EMISSARY, found, EMISSARY))
    return argv, None, steps, []


def template_tags(argv: Iterable[Arg]) -> list[Unknown]:
    """Each ``{{…}}`` Argo fills in when it creates the pod (inputs, workflow
    parameters, items): its value is the caller's, not the template's.

    Authority: argo-workflows ``workflow/common/util.go :: SubstituteParams`` over the
    template (``{{`` … ``}}`` tags of ``fasttemplate``).
    """
    found = []
    for arg in argv:
        start = arg.value.find("{{")
        while start != -1:
            end = arg.value.find("}}", start + 2)
            if end == -1:
                break
            tag = arg.value[start + 2 : end].strip()
            params = {"tag": tag, "field": arg.path or arg.origin.value}
            found.append(Unknown(UnknownKind.ARGO_TEMPLATE_TAG, arg.span, params=params))
            start = arg.value.find("{{", end + 2)
    return found


def image_field_unknown(image: ImageConfig, name: str) -> Unknown:
    """An image field the controller's lookup needs and that is not known."""
    return Unknown(UnknownKind.CRI_IMAGE_FIELD, params={"field": name, "image": image.source})
