"""The container runtime's merge of Kubernetes ``command``/``args`` with the image.

The kubelet hands the runtime ``command`` and ``args`` in the CRI ``ContainerConfig``,
already ``$(VAR)``-expanded and with an empty list turned into nil; containerd or
CRI-O merges them with the image ENTRYPOINT and CMD into the OCI ``process.args``.
The names map one to one: ``command`` is Docker's ENTRYPOINT, ``args`` is its CMD.

Authority: containerd/containerd ``internal/cri/opts/spec_opts.go :: WithProcessArgs``
(Linux and Darwin; Windows uses ``spec_windows.go :: getArgs``) at CTRD@301026e5,
tested by ``internal/cri/server/container_create_test.go :: TestContainerSpecCommand``;
cri-o/cri-o ``internal/factory/container/container.go :: SpecSetProcessArgs`` at
CRIO@f954a17e, tested by ``container_test.go`` "SpecSetProcessArgs" (SEMANTICS
§3.4-3.7).
"""

from __future__ import annotations

from cmdresolve.model import Arg, ImageConfig, Step, Unknown

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from typing import Literal

    CriRuntime = Literal["containerd", "cri-o"]

__all__ = [
    "NO_COMMAND",
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
NO_COMMAND = "no command specified"

Argv = tuple[Arg, ...]


def merge_cri_process_args(
    image: ImageConfig,
    command: Argv | None,
    args: Argv | None,
    runtime: CriRuntime = "containerd",
) -> tuple[Argv | None, str | None, list[Step], list[Unknown]]:
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
        steps.append(_no_command_step(runtime))
        return None, NO_COMMAND, steps, unknowns
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
    return (_values(argv_a), error_a) != (_values(argv_b), error_b)


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
    return _values(image.entrypoint) == ("",)


def _unknown_needed(image: ImageConfig, command: Argv | None, args: Argv | None) -> list[str]:
    needed = []
    if command is None and not image.knows("entrypoint"):
        needed.append("entrypoint")
    if args_take_image_cmd(command, args) and not image.knows("cmd"):
        needed.append("cmd")
    return needed


def _unknown_field(image: ImageConfig, name: str) -> Unknown:
    label, pod = ("ENTRYPOINT", "command") if name == "entrypoint" else ("CMD", "args")
    return Unknown(
        f"the image {label} is not known (image {image.source}), and the pod sets no "
        f"{pod} to replace it; bind the image with --image REF=PATH"
    )


def _authority(image: ImageConfig, runtime: CriRuntime) -> str:
    if runtime == "cri-o":
        return CRIO_MERGE
    return CTRD_WINDOWS if image.os == "windows" else CTRD_MERGE


def _runtime_name(image: ImageConfig, runtime: CriRuntime) -> str:
    if runtime == "cri-o":
        return "CRI-O"
    return "containerd (Windows)" if image.os == "windows" else "containerd (Linux)"


def _command_step(
    image: ImageConfig, command: Argv | None, args: Argv | None, runtime: CriRuntime
) -> Step:
    """Say what ``command`` (Docker ENTRYPOINT) does to the image ENTRYPOINT and CMD."""
    authority = _authority(image, runtime)
    entrypoint = _show(image, "entrypoint")
    if command:
        summary = (
            f"command (= Docker ENTRYPOINT) {_list(command)} replaces the image "
            f"ENTRYPOINT {entrypoint}"
        )
        if not args:
            summary += (
                f" and drops the image CMD {_show(image, 'cmd')}: args (= Docker CMD) is not "
                "set, and the image CMD is only used when command is empty too"
            )
        return Step("cri.command", summary, authority)
    if command is not None:
        return Step(
            "cri.empty_command",
            "command (= Docker ENTRYPOINT) is set to [] (non-nil; the kubelet never sends "
            f"this, it turns [] into nil): the image ENTRYPOINT {entrypoint} is not used",
            authority,
        )
    if image_entrypoint_counts_as_none(image, runtime):
        return Step(
            "cri.empty_entrypoint",
            "command (= Docker ENTRYPOINT) is not set, and the image ENTRYPOINT [''] counts "
            "as none on containerd (Linux): nothing is taken from it",
            authority,
        )
    return _inherit_entrypoint_step(image, runtime)


def _inherit_entrypoint_step(image: ImageConfig, runtime: CriRuntime) -> Step:
    summary = (
        "command (= Docker ENTRYPOINT) is not set: the image ENTRYPOINT "
        f"{_show(image, 'entrypoint')} is used"
    )
    if image.knows("entrypoint") and _values(image.entrypoint) == ("",):
        summary += (
            f"; {_runtime_name(image, runtime)} has no special case for [''] "
            "(containerd on Linux ignores it), so the program name is empty"
        )
    return Step("cri.inherit_entrypoint", summary, _authority(image, runtime))


def _args_step(image: ImageConfig, args: Argv, runtime: CriRuntime) -> Step:
    return Step(
        "cri.args",
        f"args (= Docker CMD) {_list(args)} replace the image CMD {_show(image, 'cmd')}",
        _authority(image, runtime),
    )


def _inherit_cmd_step(image: ImageConfig, runtime: CriRuntime) -> Step:
    return Step(
        "cri.inherit_cmd",
        f"args (= Docker CMD) is not set: the image CMD {_show(image, 'cmd')} is used",
        _authority(image, runtime),
    )


def _no_command_step(runtime: CriRuntime) -> Step:
    if runtime == "cri-o":
        surfaces = (
            f'CreateContainer fails with "{NO_COMMAND}" (returned unwrapped) and the kubelet '
            "reports CreateContainerError"
        )
        authority = f"{CRIO_MERGE}; cri-o/cri-o server/container_create.go :: CreateContainer"
    else:
        surfaces = (
            f'CreateContainer fails with `failed to generate container "<id>" spec: failed '
            f"to generate spec: {NO_COMMAND}` (`failed to apply OCI options:` in the middle "
            "when a base runtime spec is configured) and the kubelet reports "
            "CreateContainerError"
        )
        authority = (
            f"{CTRD_MERGE}; containerd/containerd internal/cri/server/container_create.go :: "
            "createContainer, runtimeSpec"
        )
    return Step(
        "cri.no_command",
        "neither command nor args is left (Docker: no Entrypoint and no Cmd): " + surfaces,
        f"{authority}; {KUBELET_CREATE}",
    )


def _argv_step(image: ImageConfig, runtime: CriRuntime) -> Step:
    return Step(
        "cri.argv",
        "argv = command + args (Docker: Entrypoint + Cmd); no shell is added at run time",
        _authority(image, runtime),
    )


def _mark_empty_program(
    argv: Argv, image: ImageConfig, runtime: CriRuntime, steps: list[Step]
) -> Argv:
    """An empty program name passes the merge but cannot be executed."""
    if argv[0].value != "":
        return argv
    first = argv[0]
    note = "an empty program name: the container is created but the exec fails"
    if first.note is not None:
        note = f"{first.note}; {note}"
    steps.append(
        Step(
            "cri.empty_program",
            f"argv[0] is the empty string (from {first.origin}): {runtime} accepts it, and "
            "the exec fails when the container starts",
            f"{_authority(image, runtime)} (no check on the program name; the exec failure "
            "is DERIVED, SEMANTICS §3.5-3.6)",
        )
    )
    return (Arg(first.value, first.origin, first.span, note), *argv[1:])


def _values(args: Argv | None) -> tuple[str, ...] | None:
    return None if args is None else tuple(a.value for a in args)


def _list(args: Argv) -> str:
    return str([a.value for a in args])


def _show(image: ImageConfig, name: str) -> str:
    if not image.knows(name):
        return "(not known)"
    value: Argv | None = getattr(image, name)
    if value is None:
        return "(not set)"
    return _list(value) if value else "[] (empty)"
