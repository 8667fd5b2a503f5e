"""Override layers a user puts on top of an image."""

from __future__ import annotations

from cmdresolve.model import Arg, Span
from cmdresolve.model.frozen import record
from cmdresolve.model.origins import Args

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model.process import Healthcheck


@record
class DockerRun:
    """What a ``docker run`` / ``docker create`` / ``podman run`` line asks for.

    ``entrypoint`` is ``None`` when ``--entrypoint`` is absent and ``""`` when it
    resets.  ``args`` is ``None`` when no token follows the image.  ``env`` keeps
    ``--env-file`` entries before ``-e`` ones, each as written (``K=V`` or ``K``).
    ``healthcheck`` is what ``--health-cmd`` and the other ``--health-*`` options or
    ``--no-healthcheck`` ask for (``None``: none of them).
    """

    image: str
    program: str
    entrypoint: Arg | None = None
    args: Args | None = None
    env: tuple[str, ...] = ()
    env_files: tuple[str, ...] = ()
    working_dir: str | None = None
    user: str | None = None
    init: bool = False
    span: Span | None = None
    healthcheck: Healthcheck | None = None
