"""A Kubernetes container's probes and lifecycle hooks, as the kubelet runs them.

Authority: kubernetes/kubernetes ``pkg/kubelet/prober/prober.go :: (*prober).runProbe``
(an ``exec`` probe's command goes through ``ExpandContainerCommandOnlyStatic`` and
then to ``RunInContainer``, the CRI ``ExecSync``: the list is the argv, with no image
ENTRYPOINT and no shell), ``pkg/kubelet/container/helpers.go ::
ExpandContainerCommandOnlyStatic, v1EnvVarsToMap`` (``$(VAR)`` against the
container's own ``env`` entries only, each its literal ``value``, so an entry set by
``valueFrom`` reads as empty and no ``envFrom`` or image variable is seen) and
``pkg/kubelet/lifecycle/handlers.go :: (*handlerRunner).Run`` (a hook's
``exec.command`` goes to ``RunInContainer`` as written: nothing is expanded; ``httpGet``
and ``sleep`` are done by the kubelet), docs/semantics.md §13.
"""

from __future__ import annotations

from cmdresolve.budget import Budget, OverBudget
from cmdresolve.model import InputError, Note, NoteKind, Step, StepKind, Unknown, UnknownKind
from cmdresolve.model.frozen import replace
from cmdresolve.model.process import Handler, Process, ProcessKind, ProcessSpec
from cmdresolve.resolve.kubernetes.env import OVER_BUDGET
from cmdresolve.resolve.kubernetes.expansion import expand_kubernetes_vars

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from cmdresolve.model import Arg, ImageConfig
    from cmdresolve.model.facts import Params
    from cmdresolve.model.kubernetes import KubeContainer

__all__ = ["kubernetes_processes"]

PROBER = (
    "kubernetes/kubernetes pkg/kubelet/prober/prober.go :: runProbe; "
    "pkg/kubelet/container/helpers.go :: ExpandContainerCommandOnlyStatic"
)
HOOKS = "kubernetes/kubernetes pkg/kubelet/lifecycle/handlers.go :: (*handlerRunner).Run"
NO_HEALTHCHECK = (
    "kubernetes/kubernetes pkg/kubelet/prober (only the pod's probes run); containerd "
    "internal/cri does not read the image config's Healthcheck"
)
_PROBES = frozenset({ProcessKind.LIVENESS, ProcessKind.READINESS, ProcessKind.STARTUP})


def kubernetes_processes(container: KubeContainer, image: ImageConfig) -> tuple[Process, ...]:
    """The probes and hooks of ``container`` in the order they are written, then the
    image's HEALTHCHECK, which no Kubernetes runtime runs."""
    static = _static_env(container)
    written = sum(len(v) for v in static.values()) + sum(
        len(a.value) for spec in container.processes for a in spec.command or ()
    )
    budget = Budget(written)
    labels = _labels(container)
    found = [_resolve(spec, static, budget, labels) for spec in container.processes]
    check = image.healthcheck if image.knows("healthcheck") else None
    if check is not None and check.test in ("CMD", "CMD-SHELL"):
        test = (check.test, *(a.value for a in check.args))
        step = Step(StepKind.IMAGE_HEALTHCHECK_IGNORED, {"test": test}, NO_HEALTHCHECK, check.span)
        handler = Handler.CMD if check.test == "CMD" else Handler.CMD_SHELL
        found.append(
            Process(ProcessKind.HEALTHCHECK, handler, None, check.span, steps=(step,), runs=False)
        )
    return tuple(found)


def _static_env(container: KubeContainer) -> dict[str, str]:
    """Authority: ``helpers.go :: v1EnvVarsToMap``: name to literal value, the last
    entry of a name winning; a ``valueFrom`` entry has the value ``""``."""
    return {var.name: var.value or "" for var in container.env}


def _labels(container: KubeContainer) -> dict[str, str]:
    """Where each name's static value comes from, as the container's notes say it."""
    return {
        var.name: f"env[{i}] {'valueFrom' if var.value_from is not None else 'value'}"
        for i, var in enumerate(container.env)
    }


def _resolve(
    spec: ProcessSpec, static: dict[str, str], budget: Budget, labels: dict[str, str]
) -> Process:
    if spec.command is None or spec.handler is not Handler.EXEC:
        handled: Params = {"kind": spec.kind, "handler": spec.handler}
        step = Step(StepKind.HANDLER_NO_PROGRAM, handled, PROBER if spec.kind in _PROBES else HOOKS)
        return Process(spec.kind, spec.handler, None, spec.span, spec.path, steps=(step,))
    if spec.kind not in _PROBES:
        step = Step(StepKind.HOOK_EXEC, {"kind": spec.kind}, HOOKS, spec.span)
        return Process(spec.kind, spec.handler, spec.command, spec.span, spec.path, steps=(step,))
    unknowns: list[Unknown] = []
    names: dict[str, None] = {}
    empty: dict[str, None] = {}
    seen = (names, empty)
    argv = tuple(_expand(arg, static, budget, seen, unknowns, labels) for arg in spec.command)
    params: Params = {"kind": spec.kind, "names": tuple(names), "empty": tuple(empty)}
    step = Step(StepKind.PROBE_EXEC, params, PROBER, spec.span)
    return Process(
        spec.kind, spec.handler, argv, spec.span, spec.path, steps=(step,), unknowns=tuple(unknowns)
    )


def _expand(
    arg: Arg,
    static: dict[str, str],
    budget: Budget,
    seen: tuple[dict[str, None], dict[str, None]],
    unknowns: list[Unknown],
    labels: dict[str, str],
) -> Arg:
    if "$" not in arg.value:
        return arg
    names, empty = seen
    try:
        value, resolved, literal = expand_kubernetes_vars(arg.value, static.get, budget)
    except OverBudget as exc:
        raise InputError(
            OVER_BUDGET, arg.span, path=arg.path or "", reference=exc.reference, limit=exc.limit
        ) from None
    for name in resolved:
        names[name] = None
        if not static[name]:
            empty[name] = None
    for name in literal:
        params = {"name": name, "field": arg.path or arg.origin}
        unknowns.append(Unknown(UnknownKind.KUBELET_VAR_UNDEFINED, arg.span, params=params))
    if not resolved:
        return arg if value == arg.value else replace(arg, value=value)
    sources = tuple(labels.get(name, name) for name in resolved)
    note = Note(NoteKind.EXPANDED, {"names": resolved, "sources": sources})
    return replace(arg, value=value, notes=(*arg.notes, note))
