"""The sentences of the container's other processes (resolve/processes): probes,
lifecycle hooks and health checks, and how a finding names the process it is in."""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.process import Handler, ProcessKind
from cmdresolve.model.steps import StepKind
from cmdresolve.render.catalog import say

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model.facts import Param, Params
    from cmdresolve.render.phrases import Phrase

__all__ = ["FIELD", "HANDLERS", "STEPS", "in_process"]

# Each process as the field that writes it (code stays code).
FIELD: Mapping[object, str] = {
    ProcessKind.LIVENESS: "livenessProbe",
    ProcessKind.READINESS: "readinessProbe",
    ProcessKind.STARTUP: "startupProbe",
    ProcessKind.POST_START: "lifecycle.postStart",
    ProcessKind.PRE_STOP: "lifecycle.preStop",
    ProcessKind.HEALTHCHECK: "healthcheck",  # HEALTHCHECK, --health-cmd or healthcheck:
}
# A handler that runs no program in the container, said where its argv would be.
HANDLERS: Mapping[object, str] = {
    Handler.HTTP_GET: N_("httpGet: the kubelet sends the request; no process in the container"),
    Handler.TCP_SOCKET: N_("tcpSocket: the kubelet opens the connection; no process in the "
                           "container"),
    Handler.GRPC: N_("grpc: the kubelet makes the call; no process in the container"),
    Handler.SLEEP: N_("sleep: the kubelet waits; no process in the container"),
    Handler.NONE: N_("NONE: the health check is switched off"),
}


def _field(value: Param) -> str:
    return FIELD.get(value, str(value))


def _probe(params: Params) -> tuple[str, Params]:
    names, empty = params["names"], params["empty"]
    assert isinstance(names, tuple) and isinstance(empty, tuple)
    fields: Params = {"field": _field(params["kind"]), "names": ", ".join(names),
                      "empty": ", ".join(empty)}  # fmt: skip
    if empty:
        return (
            N_("the kubelet expands $(VAR) in the {field}'s exec.command against the "
               "container's own env values only ({names}); {empty} comes from valueFrom and "
               "reads as empty here; the list is then exec'd in the running container as the "
               "argv (CRI ExecSync: no image ENTRYPOINT, no shell)"),
            fields,
        )
    if names:
        return (
            N_("the kubelet expands $(VAR) in the {field}'s exec.command against the "
               "container's own env values only ({names}), then execs the list in the running "
               "container as the argv (CRI ExecSync: no image ENTRYPOINT, no shell)"),
            fields,
        )
    return (
        N_("the kubelet execs the {field}'s exec.command in the running container as the "
           "argv (CRI ExecSync: no image ENTRYPOINT, no shell; $(VAR) only from the "
           "container's own env values)"),
        fields,
    )


def _hook(params: Params) -> tuple[str, Params]:
    return (
        N_("the kubelet execs the {field} exec.command in the running container as written: "
           "the list is the argv, with no image ENTRYPOINT, no shell and no $(VAR) expansion"),
        {"field": _field(params["kind"])},
    )


def _no_program(params: Params) -> tuple[str, Params]:
    return (
        N_("the {field} uses {handler}, which the kubelet does itself: no process runs in "
           "the container"),
        {"field": _field(params["kind"]), "handler": params["handler"]},
    )


_SOURCE = {
    "image": N_("the image's HEALTHCHECK"),
    "run": N_("docker run --health-cmd"),
    "compose": N_("the service's healthcheck"),
}


def _source(value: Param) -> str:
    return say(_SOURCE.get(str(value), str(value)))


def _exec(params: Params) -> tuple[str, Params]:
    fields: Params = {"source": _source(params["source"]), "test": params["test"]}
    test = params["test"]
    if isinstance(test, tuple) and test and test[0] == "CMD-SHELL":
        return (
            N_("{source} is Test {test}: the daemon runs the script with the container's "
               "shell, as an exec in the running container"),
            fields,
        )
    return (
        N_("{source} is Test {test}: the daemon execs the elements after CMD in the running "
           "container as the argv (no ENTRYPOINT, no shell)"),
        fields,
    )


def _none(params: Params) -> tuple[str, Params]:
    test = params["test"]
    fields: Params = {"source": _source(params["source"]), "test": test}
    if isinstance(test, tuple) and test and test[0] == "NONE":
        return N_("{source} is Test {test}: no health check runs"), fields
    return N_("{source} is Test {test}, a type the daemon does not know: no health check "
              "runs (the daemon logs a warning)"), fields  # fmt: skip


def _override(params: Params) -> tuple[str, Params]:
    return (
        N_("{source} replaces the image's health check Test {image_test}"),
        {"source": _source(params["source"]), "image_test": params["image_test"]},
    )


def _keeps(params: Params) -> tuple[str, Params]:
    return (
        N_("{source} sets no test, so the daemon keeps the image's health check test"),
        {"source": _source(params["source"])},
    )


STEPS: Mapping[object, Phrase] = {
    StepKind.PROBE_EXEC: _probe,
    StepKind.HOOK_EXEC: _hook,
    StepKind.HANDLER_NO_PROGRAM: _no_program,
    StepKind.IMAGE_HEALTHCHECK_IGNORED: N_(
        "the image's HEALTHCHECK {test} never runs under Kubernetes: the kubelet runs only "
        "the pod's probes (use a livenessProbe or readinessProbe)"
    ),
    StepKind.HEALTHCHECK_EXEC: _exec,
    StepKind.HEALTHCHECK_SHELL: N_(
        "the daemon wraps the script in {shell}: the container's own Shell, which docker run "
        "and Compose never set, else the default; the image's SHELL instruction does not apply"
    ),
    StepKind.HEALTHCHECK_NONE: _none,
    StepKind.HEALTHCHECK_OVERRIDE: _override,
    StepKind.HEALTHCHECK_KEEPS_IMAGE_TEST: _keeps,
}


def in_process(params: Params) -> str | None:
    """Where a finding on a process is, said after its message; None for the main one."""
    kind = params.get("process")
    if kind is None:
        return None
    return say(N_("in the {field}, which runs in the container beside its main process"),
               {"field": _field(kind)})  # fmt: skip


