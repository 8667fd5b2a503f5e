"""The containers kubectl builds, alike for ``kubectl run`` and ``kubectl create``.

Authority: kubernetes/kubectl @ dee3483a ``pkg/cmd/run/run.go :: createPod``
and ``pkg/cmd/create/create_{deployment,job,cronjob}.go``: a container with a
name, an image, and ``command`` or ``args`` from the words after NAME; every
other field is left unset.
"""

from __future__ import annotations

from cmdresolve.model import Arg, Span
from cmdresolve.model.kubernetes import EnvVar, KubeContainer
from cmdresolve.model.origins import Origin
from cmdresolve.sources.cmdline.program import RUN_FILE
from cmdresolve.sources.cmdline.shell_words import Word

__all__ = ["build_container", "container_args"]


def build_container(
    name: Word,
    image: str,
    *,
    command: tuple[Arg, ...] | None,
    path: str,
    args: tuple[Arg, ...] | None = None,
    env: tuple[EnvVar, ...] = (),
) -> KubeContainer:
    """A container as kubectl builds it; an empty image is omitted (``omitempty``)."""
    return KubeContainer(
        name=name.text,
        image=image or None,
        command=command,
        args=args,
        env=env,
        env_from=(),
        working_dir=None,
        container_type="container",
        restart_policy=None,
        span=Span(RUN_FILE, None, name.col),
        path=path,
    )


def container_args(words: tuple[Word, ...], field: str, container: str) -> tuple[Arg, ...] | None:
    """The words after NAME as the container's ``field`` (``None`` when there are none)."""
    if not words:
        return None
    return tuple(
        Arg(
            w.text,
            Origin.KUBECTL_COMMAND if field == "command" else Origin.KUBECTL_ARGS,
            Span(RUN_FILE, None, w.col),
            path=f"{container}.{field}[{k}]",
        )
        for k, w in enumerate(words)
    )
