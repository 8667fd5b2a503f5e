"""The health check the Docker daemon execs in a container.

Authority: moby/moby ``daemon/commit.go :: merge`` (the container's
``Healthcheck.Test`` wins when it is not empty, else the image's is kept),
``daemon/health.go :: getProbe`` (``CMD``: the rest is the argv; ``CMD-SHELL``: the
rest goes to the shell; ``NONE`` or anything else: no check) and ``cmdProbe.run`` with
``getShell`` (the *container* config's ``Shell``, which neither docker/cli nor
Compose sets, else ``/bin/sh -c`` on Linux and ``cmd /S /C`` on Windows: the image's
SHELL instruction does not apply), docs/semantics.md §13.
"""

from __future__ import annotations

from cmdresolve.model import (
    Arg,
    Note,
    NoteKind,
    Origin,
    Step,
    StepKind,
    Unknown,
    UnknownKind,
    values,
)
from cmdresolve.model.frozen import replace
from cmdresolve.model.process import Handler, Healthcheck, Process, ProcessKind

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from typing import Literal

    from cmdresolve.model import ImageConfig

    Source = Literal["image", "run", "compose"]

__all__ = ["docker_healthcheck", "merge_healthcheck"]

MERGE = "moby/moby daemon/commit.go :: merge (Healthcheck)"
PROBE = "moby/moby daemon/health.go :: getProbe, cmdProbe.run"
SHELL = "moby/moby daemon/health.go :: getShell"


def merge_healthcheck(
    image: ImageConfig, own: Healthcheck | None, source: Source, steps: list[Step]
) -> tuple[Healthcheck | None, Source]:
    """The ``Healthcheck`` the container gets: its own (``--health-cmd``, compose
    ``healthcheck``), else the image's; an own one with an empty ``Test`` (only
    ``--health-interval`` and the like) keeps the image's ``Test``."""
    inherited = image.healthcheck if image.knows("healthcheck") else None
    if own is None:
        return inherited, "image"
    if own.test is None:
        if inherited is not None:
            steps.append(Step(StepKind.HEALTHCHECK_KEEPS_IMAGE_TEST, {"source": source}, MERGE))
            return inherited, "image"
        return own, source
    if inherited is not None and inherited.test is not None:
        image_test = (inherited.test, *values(inherited.args))
        params = {"source": source, "image_test": image_test}
        steps.append(Step(StepKind.HEALTHCHECK_OVERRIDE, params, MERGE, own.span))
    return own, source


def docker_healthcheck(
    image: ImageConfig, own: Healthcheck | None = None, source: Source = "image"
) -> tuple[Process, ...]:
    """The health check process of a container on ``image`` (none when neither the
    image nor the container sets one, or the image's is not known)."""
    steps: list[Step] = []
    if own is not None and not own.known:
        unknown = Unknown(UnknownKind.PODMAN_HEALTHCHECK, own.span)
        return (Process(ProcessKind.HEALTHCHECK, Handler.UNKNOWN, None, own.span,
                        unknowns=(unknown,)),)  # fmt: skip
    check, source = merge_healthcheck(image, own, source, steps)
    if check is None or check.test is None:
        return ()
    test = (check.test, *values(check.args))
    if check.test == "CMD":
        steps.append(Step(StepKind.HEALTHCHECK_EXEC, {"source": source, "test": test}, PROBE))
        return (_process(Handler.CMD, check.args or None, check, steps),)
    if check.test == "CMD-SHELL":
        return (_shell_check(image, check, source, test, steps),)
    # NONE, and a type the daemon does not know (it logs a warning): no check runs.
    steps.append(Step(StepKind.HEALTHCHECK_NONE, {"source": source, "test": test}, PROBE))
    return (_process(Handler.NONE, None, check, steps, runs=False),)


def _shell_check(
    image: ImageConfig, check: Healthcheck, source: Source, test: tuple[str, ...],
    steps: list[Step],
) -> Process:  # fmt: skip
    shell = ("cmd", "/S", "/C") if image.os == "windows" else ("/bin/sh", "-c")
    where = NoteKind.DEFAULT_WINDOWS_SHELL if image.os == "windows" else NoteKind.DEFAULT_SHELL
    steps.append(Step(StepKind.HEALTHCHECK_EXEC, {"source": source, "test": test}, PROBE))
    steps.append(Step(StepKind.HEALTHCHECK_SHELL, {"shell": shell}, SHELL))
    wrapped = tuple(Arg(v, Origin.HEALTHCHECK_SHELL, notes=(Note(where),)) for v in shell)
    # The first element is the script; any after it are the shell's $0, $1, …
    args = check.args
    argv = (*wrapped, _as_script(args[0]), *args[1:]) if args else None
    return _process(Handler.CMD_SHELL, argv, check, steps, shell=shell)


def _as_script(arg: Arg) -> Arg:
    if arg.has_note(NoteKind.SHELL_SCRIPT):
        return arg
    return replace(arg, notes=(*arg.notes, Note(NoteKind.SHELL_SCRIPT)))


def _process(
    handler: Handler,
    argv: tuple[Arg, ...] | None,
    check: Healthcheck,
    steps: list[Step],
    shell: tuple[str, ...] | None = None,
    runs: bool = True,
) -> Process:
    return Process(
        ProcessKind.HEALTHCHECK,
        handler,
        argv,
        check.span,
        shell=shell,
        steps=tuple(steps),
        runs=runs,
    )
