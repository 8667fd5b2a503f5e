"""One Kubernetes container, end to end: kubelet env, ``$(VAR)`` expansion, CRI merge.

Authority: kubernetes/kubernetes ``pkg/kubelet/kuberuntime/kuberuntime_container.go
:: generateContainerConfig`` (env built first, then ``ExpandContainerCommandAndArgs``
against the final env, then the runtime merges with the image) and containerd
``internal/cri/server/container_create.go`` (process env and cwd), docs/semantics.md §3.
"""

from __future__ import annotations

from collections.abc import Sequence

from cmdresolve.budget import Budget, OverBudget
from cmdresolve.model import (
    Arg,
    ImageConfig,
    InputError,
    Note,
    NoteKind,
    Resolution,
    Step,
    StepKind,
    Unknown,
    UnknownKind,
    values,
    values_or_none,
)
from cmdresolve.model.engine import EngineRequest
from cmdresolve.model.frozen import replace
from cmdresolve.model.kubernetes import ConfigData, KubeContainer, PodSpec
from cmdresolve.model.origins import Args
from cmdresolve.resolve.docker.run import annotate_shell_positionals
from cmdresolve.resolve.dockerfile.stages import DEFAULT_PATH
from cmdresolve.resolve.kubernetes.argo import merge_argo_emissary, template_tags
from cmdresolve.resolve.kubernetes.cri_merge import merge_cri_process_args, runtimes_differ
from cmdresolve.resolve.kubernetes.env import (
    OVER_BUDGET,
    EnvEntry,
    build_kubelet_env,
    env_mapping,
)
from cmdresolve.resolve.kubernetes.expansion import expand_kubernetes_vars
from cmdresolve.resolve.kubernetes.tekton import merge_tekton_step, tekton_variables
from cmdresolve.resolve.kubernetes.user import kubernetes_user
from cmdresolve.resolve.processes.kubernetes import kubernetes_processes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.model.facts import Param, Params

HELPERS = "kubernetes/kubernetes pkg/kubelet/container/helpers.go :: ExpandContainerCommandAndArgs"
ARGO_WORKLOADS = frozenset(
    {"Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow"}
)
TEKTON_WORKLOADS = frozenset({"Task", "ClusterTask", "TaskRun", "Pipeline", "PipelineRun"})
AT_RUN_TIME = frozenset(
    {UnknownKind.KUBELET_VAR_AT_RUN_TIME, UnknownKind.ARGO_TEMPLATE_TAG}
    | {UnknownKind.TEKTON_VARIABLE, UnknownKind.TEKTON_SCRIPT_PATH}
)
SIDECARS = (
    "kubernetes/kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go :: "
    "computeInitContainerActions (types.IsRestartableInitContainer)"
)


def resolve_kubernetes_container(
    pod: PodSpec,
    container: KubeContainer,
    image: ImageConfig,
    config: Sequence[ConfigData] = (),
    image_unknowns: Sequence[Unknown] = (),
    namespace: str | None = None,
) -> Resolution:
    """What the container runs under the kubelet and containerd (CRI-O noted when it differs).

    ``image_unknowns`` say why the image config is not known; they come first.
    ``namespace`` is kubectl's ``-n`` for objects that set none (None: ``default``).
    """
    written = sum(len(var.value or "") for var in container.env) + sum(
        len(a.value) for a in (*(container.command or ()), *(container.args or ()))
    )
    budget = Budget(written)
    entries, steps, unknowns, error = build_kubelet_env(
        pod, container, config, budget=budget, namespace=namespace
    )
    if is_sidecar(container):
        steps.insert(0, Step(StepKind.KUBELET_SIDECAR, {"restart_policy": "Always"}, SIDECARS))
    unknowns[:0] = image_unknowns
    if error is not None:
        return Resolution(
            runtime="kubernetes",
            argv=None,
            error=error,
            steps=tuple(steps),
            unknowns=tuple(unknowns),
            **_names(pod, container, image),
        )
    known = env_mapping(entries)
    command = expand_args(container.command, known, entries, steps, unknowns, "command", budget)
    args = expand_args(container.args, known, entries, steps, unknowns, "args", budget)
    launcher = container.launcher
    argv: Args | None
    if launcher is None:
        argv, merge_error, merge_steps, merge_unknowns = merge_cri_process_args(
            image, command, args
        )
    elif launcher.kind == "argo.emissary":
        argv, merge_error, merge_steps, merge_unknowns = merge_argo_emissary(
            image, container, command, args
        )
    else:
        argv, merge_error, merge_steps, merge_unknowns = merge_tekton_step(
            image, container, command, args
        )
    steps.extend(merge_steps)
    unknowns.extend(merge_unknowns)
    _controller_unknowns(pod, argv, unknowns)
    # A value only the cluster (or the controller) knows is filled in at run time.
    pending = any(u.kind in AT_RUN_TIME for u in unknowns)
    if launcher is None and runtimes_differ(image, command, args):
        steps.append(_cri_o_step(image, command, args))
    if argv is not None:
        argv = annotate_shell_positionals(argv, steps)
    env, env_complete = process_env(image, entries, unknowns)
    user, user_step = kubernetes_user(pod, container, image)
    if user_step is not None:
        steps.append(user_step)
    incomplete = {
        "argv": (argv is None and merge_error is None) or (argv is not None and pending),
        "env": not env_complete,
        "working_dir": container.working_dir is None and not image.knows("working_dir"),
        "user": user is None and not image.knows("user"),
    }
    request = (
        None
        if launcher is not None
        else EngineRequest(
            image=container.image,
            entrypoint=values_or_none(command),
            cmd=values_or_none(args),
            env=tuple(f"{e.name}={e.value}" for e in entries if e.value is not None),
            working_dir=container.working_dir,
            user=user if _sets_user(pod, container) else None,
        )
    )
    return Resolution(
        runtime="kubernetes",
        argv=argv,
        error=merge_error,
        engine_request=request,
        env=env,
        working_dir=container.working_dir or image.working_dir or "/",
        user=user,
        steps=tuple(steps),
        unknowns=tuple(unknowns),
        incomplete=frozenset(name for name, missing in incomplete.items() if missing),
        processes=kubernetes_processes(container, image),
        **_names(pod, container, image),
    )


def _controller_unknowns(
    pod: PodSpec, argv: tuple[Arg, ...] | None, unknowns: list[Unknown]
) -> None:
    """What Argo (``{{…}}`` tags) or Tekton (``$(params.x)``, …) fills in before the
    pod exists, told apart from the kubelet's own ``$(VAR)``."""
    kind = pod.workload.partition("/")[0]
    if kind in ARGO_WORKLOADS and argv is not None:
        unknowns.extend(template_tags(argv))
    elif kind in TEKTON_WORKLOADS:
        unknowns[:] = tekton_variables(unknowns)


def is_sidecar(container: KubeContainer) -> bool:
    """An init container with ``restartPolicy: Always``: a native sidecar (KEP-753).

    Authority: kubernetes ``pkg/kubelet/kuberuntime/kuberuntime_container.go ::
    computeInitContainerActions`` with ``pkg/kubelet/types :: IsRestartableInitContainer``
    (``RestartPolicy == ContainerRestartPolicyAlways``): it starts in init-container
    order, the next init container starts once it has *started* (not completed), and it
    keeps running, restarted when it exits, beside the app containers
    (docs/semantics.md §3.8).
    """
    return container.container_type == "initContainer" and container.restart_policy == "Always"


def _names(pod: PodSpec, container: KubeContainer, image: ImageConfig) -> dict[str, Any]:
    """What every Kubernetes answer says it is about, whether or not it can start."""
    return {
        "workload": pod.workload,
        "container": container.name,
        "container_type": "sidecar" if is_sidecar(container) else container.container_type,
        "image": container.image,
        "image_config": image,
        "source": container.span,
    }


def expand_args(
    items: tuple[Arg, ...] | None,
    known: dict[str, str],
    entries: Sequence[EnvEntry],
    steps: list[Step],
    unknowns: list[Unknown],
    field: str | None = None,
    budget: Budget | None = None,
) -> tuple[Arg, ...] | None:
    """``$(VAR)`` in command/args against the final env; an empty list becomes unset.

    Authority: kubernetes ``helpers.go :: ExpandContainerCommandAndArgs``
    (``if len(container.Command) != 0``) with ``MappingFuncFor`` over the env the
    kubelet built — later-declared variables resolve too; the image ENV never does.
    """
    if not items:
        if items is not None:
            steps.append(Step(StepKind.KUBELET_EMPTY_LIST, {"field": field}, HELPERS))
        return None
    sources = {e.name: e for e in entries}
    out = []
    for item in items:
        if "$" not in item.value:
            out.append(item)  # nothing to expand (the common case)
            continue
        try:
            value, resolved, literal = expand_kubernetes_vars(item.value, known.get, budget)
        except OverBudget as exc:
            path, reference = item.path or field or "", exc.reference
            raise InputError(
                OVER_BUDGET, item.span, path=path, reference=reference, limit=exc.limit
            ) from None
        notes = item.notes
        if resolved:
            origins = tuple(sources[n].source for n in resolved)
            notes = (*notes, Note(NoteKind.EXPANDED, {"names": resolved, "sources": origins}))
            params: Params = {"before": item.value, "after": value, "names": resolved}
            steps.append(Step(StepKind.KUBELET_EXPAND, params, HELPERS, item.span))
        for name in literal:
            unknowns.append(_literal_reason(name, sources.get(name), item))
        out.append(replace(item, value=value, notes=notes))
    return tuple(out)


def _literal_reason(name: str, entry: EnvEntry | None, item: Arg) -> Unknown:
    params: dict[str, Param] = {"name": name, "field": item.path or item.origin}
    if entry is not None:
        params["symbol"] = entry.symbol
        return Unknown(UnknownKind.KUBELET_VAR_AT_RUN_TIME, item.span, params=params)
    return Unknown(UnknownKind.KUBELET_VAR_UNDEFINED, item.span, params=params)


def _cri_o_step(
    image: ImageConfig, command: tuple[Arg, ...] | None, args: tuple[Arg, ...] | None
) -> Step:
    argv, error, _, _ = merge_cri_process_args(image, command, args, runtime="cri-o")
    params = {
        "runtime": "cri-o",
        "argv": None if error is not None else values(argv or ()),
        "error": None if error is None else error.kind,
    }
    return Step(
        StepKind.CRI_RUNTIME_DIFFERS,
        params,
        "cri-o/cri-o internal/factory/container/container.go :: SpecSetProcessArgs",
    )


def process_env(
    image: ImageConfig, entries: Sequence[EnvEntry], unknowns: list[Unknown]
) -> tuple[tuple[str, ...], bool]:
    """The process env containerd builds: default PATH, image env, then the pod's.

    Authority: containerd ``internal/cri/server/container_create.go`` and
    ``pkg/oci/spec_opts.go :: WithDefaultPathEnv, replaceOrAppendEnvValues``:
    a later key replaces an earlier one. HOSTNAME is the pod's and not shown.
    """
    env: dict[str, str] = {}
    order: list[str] = []
    for item in (DEFAULT_PATH, *(image.env or ())):
        key, _, value = item.partition("=")
        _put(env, order, key, value)
    complete = image.knows("env")
    for entry in entries:
        if entry.value is None:
            complete = False
            continue
        _put(env, order, entry.name, entry.value)
    return tuple(f"{key}={env[key]}" for key in order), complete


def _put(env: dict[str, str], order: list[str], key: str, value: str) -> None:
    if key not in env:
        order.append(key)
    env[key] = value


def _sets_user(pod: PodSpec, container: KubeContainer) -> bool:
    """Whether a securityContext sets runAsUser or runAsGroup (else the image USER holds)."""
    return any(
        r is not None and (r.user is not None or r.group is not None)
        for r in (container.run_as, pod.run_as)
    )
