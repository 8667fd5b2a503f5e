"""Command lines given to ``--run``: docker and podman ``run``/``create``, kubectl
``run``/``create``."""

from __future__ import annotations

from cmdresolve.sources import collector_paused
from cmdresolve.sources.cmdline.program import CommandLine

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from cmdresolve.model.compose import ComposeRun
    from cmdresolve.model.kubernetes import PodSpec
    from cmdresolve.model.overrides import DockerRun

__all__ = ["parse_command_line"]


def parse_command_line(line: str) -> DockerRun | PodSpec | ComposeRun:
    """The one reading of a ``--run`` line: split once, then read by its program's rules.

    A ``kubectl`` line is the pod kubectl would create; any other is read as a docker
    or podman line (which refuses programs it does not know).
    """
    with collector_paused():
        return _parse_command_line(line)


def _parse_command_line(line: str) -> DockerRun | PodSpec | ComposeRun:
    command = CommandLine(line)
    from cmdresolve.sources.cmdline.compose_run import compose_run, is_compose_run

    if is_compose_run(command):
        return compose_run(command)
    if command.program == "kubectl":
        from cmdresolve.sources.cmdline.kubectl import kubectl_pod

        return kubectl_pod(command)
    from cmdresolve.sources.cmdline.docker import docker_run

    return docker_run(command)
