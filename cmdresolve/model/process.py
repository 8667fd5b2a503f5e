"""The other processes of a container: probes, lifecycle hooks and health checks.

Kubernetes and Docker start more processes in a container than its main one, with the
same exec rules: a probe's or hook's ``exec.command`` and a ``HEALTHCHECK`` are argv
lists run in the container. A :class:`ProcessSpec` is one as the manifest writes it;
a :class:`Healthcheck` is an image's or container's ``Healthcheck.Test``; a
:class:`Process` is one resolved, with its argv and how it got there.
"""

from __future__ import annotations

from cmdresolve.model.facts import Kind
from cmdresolve.model.frozen import record

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from cmdresolve.model.origins import Arg
    from cmdresolve.model.script import Script
    from cmdresolve.model.span import Span
    from cmdresolve.model.steps import Step
    from cmdresolve.model.unknowns import Unknown

__all__ = ["Handler", "Healthcheck", "Process", "ProcessKind", "ProcessSpec"]


class ProcessKind(Kind):
    """Which process of the container (the API's own field names)."""

    LIVENESS = "liveness"
    READINESS = "readiness"
    STARTUP = "startup"
    POST_START = "postStart"
    PRE_STOP = "preStop"
    HEALTHCHECK = "healthcheck"


class Handler(Kind):
    """How the process is given: only ``exec``, ``CMD`` and ``CMD-SHELL`` run a program."""

    EXEC = "exec"
    HTTP_GET = "httpGet"  # the kubelet itself sends the request: no process
    TCP_SOCKET = "tcpSocket"
    GRPC = "grpc"
    SLEEP = "sleep"  # the kubelet waits: no process
    CMD = "CMD"  # Healthcheck.Test[0]: the rest is the argv
    CMD_SHELL = "CMD-SHELL"  # the rest is a script for the container's shell
    NONE = "NONE"  # the health check is switched off
    UNKNOWN = "unknown"  # a health check is asked for in a way not modelled (podman)

    @property
    def runs_program(self) -> bool:
        return self in (Handler.EXEC, Handler.CMD, Handler.CMD_SHELL)


PROBE_FIELDS = (
    ("livenessProbe", ProcessKind.LIVENESS),
    ("readinessProbe", ProcessKind.READINESS),
    ("startupProbe", ProcessKind.STARTUP),
)
HOOK_FIELDS = (("postStart", ProcessKind.POST_START), ("preStop", ProcessKind.PRE_STOP))


@record
class ProcessSpec:
    """A probe or lifecycle hook as the manifest writes it: ``command`` is the
    ``exec.command`` list (``None`` for any other handler), ``path`` the API field of
    the probe or hook (``spec.containers[0].livenessProbe``)."""

    kind: ProcessKind
    handler: Handler
    command: tuple[Arg, ...] | None
    span: Span | None
    path: str


@record
class Healthcheck:
    """``Healthcheck.Test`` of an image or a container: ``test`` is its first element
    (``CMD``, ``CMD-SHELL``, ``NONE`` or what else is written), ``None`` when the list is
    empty (the daemon then keeps the image's); ``args`` are the elements after it.
    ``known`` is False for one asked for in a way not modelled (podman's options)."""

    test: str | None
    args: tuple[Arg, ...] = ()
    span: Span | None = None
    known: bool = True


@record
class Process:
    """One process of the container besides its main one, resolved.

    ``argv`` is what is exec'd in the container; ``None`` when the handler runs no
    program (``httpGet``, ``tcpSocket``, ``grpc``, ``sleep``, ``NONE``) or the argv is
    not known. ``shell`` is the shell a ``CMD-SHELL`` script runs in; ``span`` and
    ``path`` say where it is written; ``steps`` and ``unknowns`` how it got its argv.
    ``runs`` is False for one that is written but never run (an image ``HEALTHCHECK``
    under Kubernetes, a check switched off). ``script`` is the ``-c`` script its argv
    hands a shell, read (as :attr:`Resolution.script <cmdresolve.model.Resolution>`).
    """

    kind: ProcessKind
    handler: Handler
    argv: tuple[Arg, ...] | None
    span: Span | None = None
    path: str | None = None
    shell: tuple[str, ...] | None = None
    steps: tuple[Step, ...] = ()
    unknowns: tuple[Unknown, ...] = ()
    runs: bool = True
    script: Script | None = None
