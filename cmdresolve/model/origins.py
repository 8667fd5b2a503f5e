"""Where each argv element came from, and what the user must know about it.

Authority for the names: the fields of the real systems (the image config's
``Entrypoint``/``Cmd``, ``docker run``'s ``--entrypoint`` and trailing words, a
container's ``command``/``args``), see docs/semantics.md §0.
"""

from __future__ import annotations

from cmdresolve.model.facts import NO_PARAMS, Kind
from cmdresolve.model.frozen import record

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Iterable

    from cmdresolve.model.facts import Params
    from cmdresolve.model.span import Span

__all__ = ["Arg", "Note", "NoteKind", "Origin", "values", "values_or_none"]


class Origin(Kind):
    """The field an argv element was read from."""

    IMAGE_ENTRYPOINT = "image.entrypoint"
    IMAGE_ENTRYPOINT_SHELL = "image.entrypoint.shell"  # the shell a shell form is wrapped in
    IMAGE_CMD = "image.cmd"
    IMAGE_CMD_SHELL = "image.cmd.shell"
    RUN_ENTRYPOINT = "run.entrypoint"  # docker run --entrypoint
    RUN_ARGS = "run.args"  # the words after the image
    RUN_INIT = "run.init"  # docker-init, put in front by --init
    POD_COMMAND = "pod.command"
    POD_ARGS = "pod.args"
    KUBECTL_COMMAND = "kubectl.command"  # kubectl run --command -- …
    KUBECTL_ARGS = "kubectl.args"
    COMPOSE_ENTRYPOINT = "compose.entrypoint"  # a service's entrypoint
    COMPOSE_COMMAND = "compose.command"  # a service's command
    COMPOSE_RUN_ENTRYPOINT = "compose.run.entrypoint"  # docker compose run --entrypoint
    COMPOSE_RUN_ARGS = "compose.run.args"  # the words after the service
    COMPOSE_INIT = "compose.init"  # docker-init, put in front by init: true
    POD_PROBE = "pod.probe"  # a probe's exec.command
    POD_HOOK = "pod.hook"  # a lifecycle hook's exec.command
    IMAGE_HEALTHCHECK = "image.healthcheck"  # the image's Healthcheck.Test (HEALTHCHECK)
    RUN_HEALTHCHECK = "run.healthcheck"  # docker run --health-cmd
    COMPOSE_HEALTHCHECK = "compose.healthcheck"  # a service's healthcheck.test
    HEALTHCHECK_SHELL = "healthcheck.shell"  # the shell the daemon runs a CMD-SHELL in

    @property
    def is_shell(self) -> bool:
        """A shell a shell-form instruction was wrapped in (``/bin/sh``, ``-c``)."""
        return self in (Origin.IMAGE_ENTRYPOINT_SHELL, Origin.IMAGE_CMD_SHELL)

    @property
    def is_image(self) -> bool:
        return self.value.startswith("image.")


class NoteKind(Kind):
    """Something about one argv element that its value alone does not show."""

    SHELL_INSTRUCTION = "shell.instruction"  # the wrapping shell comes from SHELL
    DEFAULT_SHELL = "shell.default"  # /bin/sh -c
    DEFAULT_WINDOWS_SHELL = "shell.default_windows"  # cmd /S /C
    SHELL_SCRIPT = "shell.script"  # the -c script of a wrapped shell form
    SHELL_OPERAND = "shell.operand"  # $0, $1, … of that script; params: position
    EXPANDED = "kubelet.expanded"  # a $(VAR) replaced; params: name, source
    COMPOSE_VARIABLE = "compose.variable"  # interpolated; params: names, source, where, unset
    EMPTY_PROGRAM = "runtime.empty_program"  # "" as the program: created, exec fails


@record
class Note:
    kind: NoteKind
    params: Params = NO_PARAMS


@record
class Arg:
    """One argv element and where it came from.

    ``origin`` names the field; ``path`` is the API field it came from in a manifest
    (``spec.containers[0].args[1]``); ``notes`` say what the user must know about this
    element (for example that it is the shell's ``$0``).
    """

    value: str
    origin: Origin
    span: Span | None = None
    path: str | None = None
    notes: tuple[Note, ...] = ()

    def has_note(self, kind: NoteKind) -> bool:
        return any(note.kind is kind for note in self.notes)


def values(args: Iterable[Arg]) -> tuple[str, ...]:
    """The argv elements' values, without their origins."""
    return tuple(a.value for a in args)


def values_or_none(args: Iterable[Arg] | None) -> tuple[str, ...] | None:
    """:func:`values`, keeping ``None`` (not set) apart from ``()`` (set, empty)."""
    return None if args is None else tuple(a.value for a in args)
