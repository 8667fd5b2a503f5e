"""The container runtime's merge of Kubernetes ``command``/``args`` with the image.

The kubelet hands the runtime ``command`` and ``args`` in the CRI ``ContainerConfig``,
already ``$(VAR)``-expanded and with an empty list turned into nil; containerd or
CRI-O merges them with the image ENTRYPOINT and CMD into the OCI ``process.args``.
The names map one to one: ``command`` is Docker's ENTRYPOINT, ``args`` is its CMD.

Authority: containerd/containerd ``internal/cri/opts/spec_opts.go :: WithProcessArgs``
(Linux and Darwin; Windows uses ``spec_windows.go :: getArgs``) at CTRD@301026e5,
tested by ``internal/cri/server/container_create_test.go :: TestContainerSpecCommand``;
cri-o/cri-o ``internal/factory/container/container.go :: SpecSetProcessArgs`` at
CRIO@f954a17e, tested by ``container_test.go`` "SpecSetProcessArgs" (docs/semantics.md
§3.4-3.7).
"""

from __future__ import annotations

from cmdresolve.model import (
    Arg,
    Failure,
    FailureKind,
    ImageConfig,
    Note,
    NoteKind,
    Step,
    StepKind,
    Unknown,
    UnknownKind,
    values_or_none,
)
from cmdresolve.model.frozen import replace

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from typing import Literal

    from cmdresolve.model.facts import Param

    CriRuntime = Literal["containerd", "cri-o"]

__all__ = [
    "args_take_image_cmd",
    "command_takes_image_entrypoint",
    "image_entrypoint_counts_as_none",
    "merge_cri_process_args",
    "no_command_left",
    "runtimes_differ",
]

CRI_RUNTIMES = ("containerd", "cri-o")
CTRD_MERGE = "containerd/containerd internal/cri/opts/spec_opts.go :: WithProcessArgs"
CTRD_WINDOWS = "containerd/containerd internal/cri/opts/spec_windows.go :: getArgs"
CRIO_MERGE = "cri-o/cri-o internal/factory/container/container.go :: SpecSetProcessArgs"
KUBELET_CREATE = (
    "kubernetes/kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go :: "
    "startContainer (ErrCreateContainer)"
)

Argv = tuple[Arg, ...]


def merge_cri_process_args(
    image: ImageConfig,
    command: Argv | None,
    args: Argv | None,
    runtime: CriRuntime = "containerd",
) -> tuple[Argv | None, Failure | None, list[Step], list[Unknown]]:
    """(argv or None, error or None, steps, unknowns) for one container.

    ``command`` and ``args`` are what the kubelet sends (``None`` for an absent or
    empty list); ``()`` is a non-nil empty list, which only a direct CRI client sends.
    The argv is ``None`` with no error when it depends on an image field we do not know.

    Authority: containerd/containerd ``internal/cri/opts/spec_opts.go :: WithProcessArgs``
    and cri-o/cri-o ``internal/factory/container/container.go :: SpecSetProcessArgs``:
    argv is the merged command followed by the merged args, unless both are empty.
    """
    if runtime not in CRI_RUNTIMES:
        raise ValueError(f"unknown CRI runtime {runtime!r}; expected one of {CRI_RUNTIMES}")
    steps = [_command_step(image, command, args, runtime)]
    if args:
        steps.append(_args_step(image, args, runtime))
    elif not command:
        steps.append(_inherit_cmd_step(image, runtime))
    unknowns = [_unknown_field(image, name) for name in _unknown_needed(image, command, args)]
    if unknowns:
        return None, None, steps, unknowns
    first = image.entrypoint if command_takes_image_entrypoint(image, command, runtime) else command
    second = image.cmd if args_take_image_cmd(command, args) else args
    if no_command_left(first, second):
        steps.append(_no_command_step(image, runtime))
        return None, Failure(FailureKind.NO_COMMAND), steps, unknowns
    argv = (*(first or ()), *(second or ()))
    steps.append(_argv_step(image, runtime))
    return _mark_empty_program(argv, image, runtime, steps), None, steps, unknowns


def runtimes_differ(image: ImageConfig, command: Argv | None, args: Argv | None) -> bool:
    """True when containerd and CRI-O give this container different argv or errors.

    False when the answer is not known (an image field it depends on is unknown).
    The two merges part ways only where containerd ignores an image ENTRYPOINT of
    ``[""]``, so every other container is answered without merging twice.
    """
    if command is not None or not image_entrypoint_counts_as_none(image, "containerd"):
        return False
    argv_a, error_a, _, _ = merge_cri_process_args(image, command, args, "containerd")
    argv_b, error_b, _, _ = merge_cri_process_args(image, command, args, "cri-o")
    return (values_or_none(argv_a), error_a) != (values_or_none(argv_b), error_b)


def args_take_image_cmd(command: Argv | None, args: Argv | None) -> bool:
    """Whether the image CMD becomes the args.

    Authority: containerd/containerd ``internal/cri/opts/spec_opts.go :: WithProcessArgs``
    and cri-o/cri-o ``internal/factory/container/container.go :: SpecSetProcessArgs``:
    only when ``len(command) == 0`` and ``len(args) == 0`` (nil and ``[]`` alike), so a
    non-empty command drops the image CMD even when no args are given.
    """
    return not command and not args


def no_command_left(command: Argv | None, args: Argv | None) -> bool:
    """Whether the merge fails with "no command specified".

    Authority: containerd/containerd ``internal/cri/opts/spec_opts.go :: WithProcessArgs``
    (``len(command) == 0 && len(args) == 0``) and cri-o/cri-o
    ``internal/factory/container/container.go :: SpecSetProcessArgs`` (the ``default``
    case), both after the image fields are merged in.
    """
    return not command and not args


def command_takes_image_entrypoint(
    image: ImageConfig, command: Argv | None, runtime: CriRuntime
) -> bool:
    """Whether the image ENTRYPOINT becomes the command.

    Authority: containerd/containerd ``internal/cri/opts/spec_opts.go :: WithProcessArgs``
    and cri-o/cri-o ``internal/factory/container/container.go :: SpecSetProcessArgs``:
    only when ``command == nil`` (a non-nil ``[]`` takes nothing), and on containerd
    not when the image ENTRYPOINT counts as none (``image_entrypoint_counts_as_none``).
    """
    return command is None and not image_entrypoint_counts_as_none(image, runtime)


def image_entrypoint_counts_as_none(image: ImageConfig, runtime: CriRuntime) -> bool:
    """Whether an image ENTRYPOINT of exactly ``[""]`` is ignored.

    Authority: containerd/containerd ``internal/cri/opts/spec_opts.go :: WithProcessArgs``
    copies the image Entrypoint only ``if len(image.Entrypoint) != 1 ||
    image.Entrypoint[0] != ""``; its Windows twin ``spec_windows.go :: getArgs`` and
    cri-o/cri-o ``internal/factory/container/container.go :: SpecSetProcessArgs`` have
    no such test.
    """
    if runtime != "containerd" or image.os == "windows" or not image.knows("entrypoint"):
        return False
    return values_or_none(image.entrypoint) == ("",)


def _unknown_needed(image: ImageConfig, command: Argv | None, args: Argv | None) -> list[str]:
    needed = []
    if command is None and not image.knows("entrypoint"):
        needed.append("entrypoint")
    if args_take_image_cmd(command, args) and not image.knows("cmd"):
        needed.append("cmd")
    return needed


def _unknown_field(image: ImageConfig, name: str) -> Unknown:
    return Unknown(UnknownKind.CRI_IMAGE_FIELD, params={"field": name, "image": image.source})


def _authority(image: ImageConfig, runtime: CriRuntime) -> str:
    if runtime == "cri-o":
        return CRIO_MERGE
    return CTRD_WINDOWS if image.os == "windows" else CTRD_MERGE


def _runtime_params(image: ImageConfig, runtime: CriRuntime) -> dict[str, Param]:
    """Which runtime merges (containerd on Linux or Windows, or CRI-O)."""
    return {"runtime": runtime, "os": image.os}


def _image_params(image: ImageConfig, *names: str) -> dict[str, Param]:
    """The image fields a step shows: ``image_<name>`` (None: not set) and whether known."""
    params: dict[str, Param] = {}
    for name in names:
        known = image.knows(name)
        params[f"image_{name}_known"] = known
        params[f"image_{name}"] = values_or_none(getattr(image, name)) if known else None
    return params


def _command_step(
    image: ImageConfig, command: Argv | None, args: Argv | None, runtime: CriRuntime
) -> Step:
    """Say what ``command`` (Docker ENTRYPOINT) does to the image ENTRYPOINT and CMD."""
    authority = _authority(image, runtime)
    params = _runtime_params(image, runtime)
    if command:
        params.update(_image_params(image, "entrypoint", "cmd"))
        params.update(command=values_or_none(command), args_set=bool(args))
        return Step(StepKind.CRI_COMMAND, params, authority)
    if command is not None:
        params.update(_image_params(image, "entrypoint"))
        return Step(StepKind.CRI_EMPTY_COMMAND, params, authority)
    if image_entrypoint_counts_as_none(image, runtime):
        return Step(StepKind.CRI_EMPTY_ENTRYPOINT, params, authority)
    return _inherit_entrypoint_step(image, runtime)


def _inherit_entrypoint_step(image: ImageConfig, runtime: CriRuntime) -> Step:
    params = {**_runtime_params(image, runtime), **_image_params(image, "entrypoint")}
    return Step(StepKind.CRI_INHERIT_ENTRYPOINT, params, _authority(image, runtime))


def _args_step(image: ImageConfig, args: Argv, runtime: CriRuntime) -> Step:
    params = {**_runtime_params(image, runtime), **_image_params(image, "cmd")}
    params["args"] = values_or_none(args)
    return Step(StepKind.CRI_ARGS, params, _authority(image, runtime))


def _inherit_cmd_step(image: ImageConfig, runtime: CriRuntime) -> Step:
    params = {**_runtime_params(image, runtime), **_image_params(image, "cmd")}
    return Step(StepKind.CRI_INHERIT_CMD, params, _authority(image, runtime))


def _no_command_step(image: ImageConfig, runtime: CriRuntime) -> Step:
    if runtime == "cri-o":
        authority = f"{CRIO_MERGE}; cri-o/cri-o server/container_create.go :: CreateContainer"
    else:
        authority = (
            f"{CTRD_MERGE}; containerd/containerd internal/cri/server/container_create.go :: "
            "createContainer, runtimeSpec"
        )
    params = {**_runtime_params(image, runtime), "error": FailureKind.NO_COMMAND}
    return Step(StepKind.CRI_NO_COMMAND, params, f"{authority}; {KUBELET_CREATE}")


def _argv_step(image: ImageConfig, runtime: CriRuntime) -> Step:
    return Step(StepKind.CRI_ARGV, _runtime_params(image, runtime), _authority(image, runtime))


def _mark_empty_program(
    argv: Argv, image: ImageConfig, runtime: CriRuntime, steps: list[Step]
) -> Argv:
    """An empty program name passes the merge but cannot be executed."""
    if argv[0].value != "":
        return argv
    first = argv[0]
    params = {**_runtime_params(image, runtime), "origin": first.origin}
    steps.append(
        Step(
            StepKind.CRI_EMPTY_PROGRAM,
            params,
            f"{_authority(image, runtime)} (no check on the program name; the exec failure "
            "is DERIVED, docs/semantics.md §3.5-3.6)",
        )
    )
    # As before the typed notes: the element keeps its value, origin, span and notes only.
    marked = replace(first, path=None, notes=(*first.notes, Note(NoteKind.EMPTY_PROGRAM)))
    return (marked, *argv[1:])

