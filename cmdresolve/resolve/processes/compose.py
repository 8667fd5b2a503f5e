"""A compose service's ``healthcheck``, as Compose hands it to the engine.

Authority: compose-spec/compose-go ``types/healthcheck.go ::
HealthCheckTest.DecodeMapstructure`` (a string is ``["CMD-SHELL", string]``, a list
is kept), ``loader/validate.go`` (the list starts with ``CMD``, ``CMD-SHELL`` or
``NONE``) and docker/compose ``pkg/compose/convert.go :: ToMobyHealthCheck``
(``disable: true`` is ``["NONE"]``; no ``healthcheck`` leaves the image's), then the
daemon's rules (:mod:`cmdresolve.resolve.processes.healthcheck`), docs/semantics.md §13.
"""

from __future__ import annotations

from cmdresolve.model import Arg, InputError, Note, NoteKind, Origin
from cmdresolve.model.compose import YList, YMap, YScalar
from cmdresolve.model.facts import N_
from cmdresolve.model.process import Healthcheck
from cmdresolve.resolve.processes.healthcheck import docker_healthcheck

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from cmdresolve.model import ImageConfig
    from cmdresolve.model.compose import ComposeService, YNode
    from cmdresolve.model.process import Process

__all__ = ["compose_healthcheck", "service_healthcheck"]

_TYPES = ("CMD", "CMD-SHELL", "NONE")


def compose_healthcheck(service: ComposeService, image: ImageConfig) -> tuple[Process, ...]:
    """The health check process of the service's container."""
    path = f"services.{service.name}.healthcheck"
    return docker_healthcheck(image, service_healthcheck(service.healthcheck, path), "compose")


def service_healthcheck(node: YNode | None, path: str) -> Healthcheck | None:
    """The ``Healthcheck`` Compose sends: ``None`` when the service has none."""
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return None
    if not isinstance(node, YMap):
        raise InputError(N_("{path} must be a mapping"), node.span, path=path)
    disable = node.get("disable")
    if isinstance(disable, YScalar) and _true(disable.value):
        return Healthcheck("NONE", (), disable.span)
    test = node.get("test")
    if test is None or (isinstance(test, YScalar) and test.value is None):
        return Healthcheck(None, (), node.span)
    where = f"{path}.test"
    if isinstance(test, YScalar) and isinstance(test.value, str):
        script = Arg(test.value, Origin.COMPOSE_HEALTHCHECK, test.span, where,
                     (Note(NoteKind.SHELL_SCRIPT),))  # fmt: skip
        return Healthcheck("CMD-SHELL", (script,), test.span)
    if not isinstance(test, YList):
        raise InputError(N_("{path} must be a string or a list of strings"), test.span, path=where)
    items = []
    for index, item in enumerate(test.items):
        if not (isinstance(item, YScalar) and isinstance(item.value, str)):
            raise InputError(
                N_("{path} must be a string or a list of strings"), item.span, path=where
            )
        items.append(Arg(item.value, Origin.COMPOSE_HEALTHCHECK, item.span, f"{where}[{index}]"))
    if not items:
        return Healthcheck(None, (), test.span)
    if items[0].value not in _TYPES:
        raise InputError(
            N_('healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"'), test.span
        )
    return Healthcheck(items[0].value, tuple(items[1:]), test.span)


def _true(value: object) -> bool:
    """compose-go ``loader/interpolate.go`` casts ``disable`` with ``toBoolean``."""
    return value is True or (isinstance(value, str) and value.lower() in ("true", "yes", "y", "on"))
