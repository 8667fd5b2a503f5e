"""The answer for one container."""

from __future__ import annotations

from cmdresolve.model.frozen import field, record
from cmdresolve.model.origins import values_or_none

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from typing import Literal

    from cmdresolve.model import engine
    from cmdresolve.model.final import FinalProcess
    from cmdresolve.model.image import ImageConfig
    from cmdresolve.model.origins import Args
    from cmdresolve.model.process import Process
    from cmdresolve.model.script import Script
    from cmdresolve.model.span import Span
    from cmdresolve.model.steps import Step
    from cmdresolve.model.unknowns import Failure, Finding, Unknown

__all__ = ["Resolution"]


@record
class Resolution:
    """The answer for one container: argv (or the error that stops it) and why.

    ``incomplete`` names the parts (``argv``, ``env``, ``working_dir``, ``user``)
    whose value is not, or not wholly, known; ``unknowns`` say why.
    ``image_config`` is the config the run-time merge used (not rendered), so checks
    read the image's fields instead of the steps' prose; ``engine_request`` says how
    to reproduce the container on a Docker engine (``--verify``; not rendered).
    ``source`` is where the container is declared (a manifest's container entry, a
    compose service, a run line), so that many results can be shown by file; None for
    a Dockerfile's own result, whose ``image`` is the Dockerfile's path.
    ``processes`` are the container's other processes (probes, hooks, health checks).
    ``final_process`` is what the argv's program, an entrypoint script the catalog
    knows (or one copied from the build context), ends in; None for any other program.
    ``script`` is the ``-c`` script the argv hands a shell (``sh -c``, a shell form),
    read into its commands with what ends as PID 1; None when no shell runs a script.
    """

    runtime: Literal["docker", "kubernetes", "compose"]
    argv: Args | None
    error: Failure | None = None
    env: tuple[str, ...] | None = None
    working_dir: str | None = None
    user: str | None = None
    steps: tuple[Step, ...] = ()
    unknowns: tuple[Unknown, ...] = ()
    findings: tuple[Finding, ...] = ()
    workload: str | None = None
    container: str | None = None
    container_type: str | None = None
    image: str | None = None
    incomplete: frozenset[str] = field(default=frozenset())
    image_config: ImageConfig | None = None
    engine_request: engine.EngineRequest | None = field(default=None, compare=False)
    verification: engine.Verification | None = field(default=None, compare=False)
    source: Span | None = field(default=None, compare=False)
    processes: tuple[Process, ...] = ()
    final_process: FinalProcess | None = None
    script: Script | None = None

    @property
    def values(self) -> tuple[str, ...] | None:
        return values_or_none(self.argv)
