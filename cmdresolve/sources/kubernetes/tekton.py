"""Tekton objects: every task that becomes a pod, with its steps and sidecars.

A ``Task`` or ``ClusterTask`` (``spec``) is one pod; a ``TaskRun`` with an embedded
``spec.taskSpec`` too. A ``Pipeline`` (``spec.tasks``, ``spec.finally``) or a
``PipelineRun`` (``spec.pipelineSpec``) is one pod per task with an embedded
``taskSpec``; a task that names another (``taskRef``) is read where that one is.

In the pod, steps are containers named ``step-NAME`` (``step-unnamed-INDEX`` without a
name), started one after the other by Tekton's entrypoint binary, and sidecars are
``sidecar-NAME``. A pipeline's containers are prefixed by the pipeline task's name
(``build/step-compile``). ``stepTemplate`` is merged under every step first.

Authority: tektoncd/pipeline ``pkg/apis/pipeline/v1/task_types.go`` (``TaskSpec``),
``container_types.go`` (``Step``, ``Sidecar``, ``StepTemplate``),
``pipeline_types.go`` (``PipelineTask``, ``EmbeddedTask``),
``pkg/pod/entrypoint.go :: StepName`` and ``pkg/pod/pod.go :: Builder.Build`` (the
names), ``pkg/apis/pipeline/v1/merge.go :: MergeStepsWithStepTemplate``. Known
parameter values are replaced as the controller replaces them
(:mod:`cmdresolve.sources.kubernetes.tekton_params`).
"""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import replace
from cmdresolve.model.kubernetes import KubeContainer, Launcher, PodSpec
from cmdresolve.model.unknowns import Notice, NoticeKind
from cmdresolve.sources.kubernetes.pods import read_container
from cmdresolve.sources.kubernetes.tekton_params import ParamValues, apply_params, read_params

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.model.kubernetes import EnvVar, LauncherKind, RunAs
    from cmdresolve.sources.kubernetes.json_reader import JsonReader
    from cmdresolve.sources.kubernetes.yaml_reader import YamlReader

    _Reader = YamlReader | JsonReader

__all__ = ["TEKTON_KINDS", "merge_step_template", "read_tekton_pods"]

TEKTON_KINDS = frozenset({"Task", "ClusterTask", "TaskRun", "Pipeline", "PipelineRun"})


def read_tekton_pods(
    r: _Reader,
    workload: str,
    namespace: str | None,
    obj: dict[str, Any],
    prefix: str,
    value: Any,
    notes: list[Notice],
) -> list[PodSpec]:
    """One pod spec per task with its steps in this object, in order."""
    kind = workload.partition("/")[0]
    spec_path = prefix + "spec"
    spec = r.mapping(obj.get("spec"), spec_path)
    if spec is None:
        raise r.fail(spec_path, N_("{path}: required"), value)
    account = r.string(spec.get("serviceAccountName"), spec_path + ".serviceAccountName")
    if kind in ("Task", "ClusterTask"):
        pod = _task_pod(r, workload, namespace, None, spec, spec_path, obj["spec"], "", notes)
        return [] if pod is None else [pod]
    if kind == "TaskRun":
        found = _embedded(r, spec, spec_path, "taskSpec", "taskRef", workload, value, notes)
        if found is None:
            return []
        task, where, node = found
        values = ParamValues()
        read_params(r, task.get("params"), where + ".params", "default", values, None)
        read_params(r, spec.get("params"), spec_path + ".params", "value", values, None)
        pod = _task_pod(
            r, workload, namespace, account or None, task, where, node, "", notes, values
        )
        return [] if pod is None else [pod]
    outer = None  # a Pipeline's own parameters are its run's
    if kind == "PipelineRun":
        found = _embedded(r, spec, spec_path, "pipelineSpec", "pipelineRef", workload, value, notes)
        if found is None:
            return []
        run, run_path = spec, spec_path
        spec, spec_path, _ = found
        outer = ParamValues()
        read_params(r, spec.get("params"), spec_path + ".params", "default", outer, None)
        read_params(r, run.get("params"), run_path + ".params", "value", outer, None)
    return _pipeline_pods(r, workload, namespace, account or None, spec, spec_path, notes, outer)


def _embedded(
    r: _Reader,
    spec: dict[str, Any],
    path: str,
    field: str,
    ref: str,
    workload: str,
    value: Any,
    notes: list[Notice],
) -> tuple[dict[str, Any], str, Any] | None:
    node = spec.get(field)
    embedded = r.mapping(node, f"{path}.{field}")
    if embedded is None:
        params = {"workload": workload, "field": ref}
        notes.append(Notice(NoticeKind.NO_EMBEDDED_SPEC, r.span(value), params))
        return None
    return embedded, f"{path}.{field}", node


def _pipeline_pods(
    r: _Reader,
    workload: str,
    namespace: str | None,
    account: str | None,
    spec: dict[str, Any],
    path: str,
    notes: list[Notice],
    outer: ParamValues | None,
) -> list[PodSpec]:
    pods = []
    for field in ("tasks", "finally"):
        base = f"{path}.{field}"
        for index, item in enumerate(r.sequence(spec.get(field), base) or ()):
            where = f"{base}[{index}]"
            task = r.mapping(item, where, item=True) or {}
            node = task.get("taskSpec")
            embedded = r.mapping(node, where + ".taskSpec")
            if embedded is None or "steps" not in embedded:
                continue  # taskRef (read where that Task is), or a custom task's spec
            name = r.string(task.get("name"), where + ".name")
            if not name:
                raise r.fail(where + ".name", N_("{path}: required"), item)
            values = ParamValues()
            spec_where = where + ".taskSpec"
            read_params(r, embedded.get("params"), spec_where + ".params", "default", values, None)
            read_params(r, task.get("params"), where + ".params", "value", values, outer)
            pod = _task_pod(
                r,
                workload,
                namespace,
                account,
                embedded,
                spec_where,
                node,
                name + "/",
                notes,
                values,
            )
            if pod is not None:
                pods.append(pod)
    return pods


def _task_pod(
    r: _Reader,
    workload: str,
    namespace: str | None,
    account: str | None,
    spec: dict[str, Any],
    path: str,
    value: Any,
    prefix: str,
    notes: list[Notice],
    values: ParamValues | None = None,
) -> PodSpec | None:
    """The task's pod: its steps (those that name a StepAction with ``ref`` are left
    out with a note) and sidecars; None when every step names one."""
    template_node = spec.get("stepTemplate")
    template_fields = r.mapping(template_node, path + ".stepTemplate")
    template = None
    if template_fields is not None:
        where = path + ".stepTemplate"
        template = read_container(r, template_fields, template_node, where, "container", "")
    containers = []
    base = path + ".steps"
    steps = r.sequence(spec.get("steps"), base) or ()
    if not steps:
        raise r.fail(base, N_("{path}: required (a task needs at least one step)"), value)
    for index, item in enumerate(steps):
        where = f"{base}[{index}]"
        if _refers(r, item, where, workload, notes):
            continue
        step = _tekton_container(r, item, where, index, prefix, sidecar=False)
        step = step if template is None else merge_step_template(template, step)
        containers.append(step if values is None else apply_params(step, values))
    if not containers:
        return None
    base = path + ".sidecars"
    for index, item in enumerate(r.sequence(spec.get("sidecars"), base) or ()):
        sidecar = _tekton_container(r, item, f"{base}[{index}]", index, prefix, True)
        containers.append(sidecar if values is None else apply_params(sidecar, values))
    return PodSpec(
        workload=workload,
        namespace=namespace,
        pod_name=None,
        labels=(),
        annotations=(),
        node_name=None,
        service_account_name=account,
        containers=tuple(containers),
        span=r.span(value),
        path=path,
    )


def _refers(r: _Reader, item: Any, path: str, workload: str, notes: list[Notice]) -> bool:
    """A step that runs a ``StepAction`` named by ``ref``: its fields are that object's."""
    fields = r.mapping(item, path, item=True) or {}
    if r.is_null(fields.get("ref")):
        return False
    params = {"workload": workload, "field": path + ".ref"}
    notes.append(Notice(NoticeKind.NO_EMBEDDED_SPEC, r.span(item), params))
    return True


def _tekton_container(
    r: _Reader, value: Any, path: str, index: int, prefix: str, sidecar: bool
) -> KubeContainer:
    """A step (``step-NAME``, or ``step-unnamed-INDEX``) or a sidecar (``sidecar-NAME``).

    A step runs under the entrypoint binary; a sidecar runs as written, unless it has
    a ``script``, which it runs from a file as a step does.
    """
    fields = r.mapping(value, path, item=True) or {}
    name = r.string(fields.get("name"), path + ".name") or ""
    if sidecar:
        full = f"{prefix}sidecar-{name}"
    else:
        full = f"{prefix}step-{name}" if name else f"{prefix}step-unnamed-{index}"
    node = fields.get("script")
    script = r.string(node, path + ".script") or None
    if script is not None and fields.get("command") is not None:
        message = N_("{path}: script cannot be used with command")
        raise r.fail(path + ".script", message, node)
    launcher: Launcher | None = None
    if script is not None or not sidecar:
        kind: LauncherKind = "tekton.sidecar" if sidecar else "tekton.entrypoint"
        span = None if script is None else r.span(node)
        where = None if script is None else path + ".script"
        launcher = Launcher(kind, script, span, where, index, sidecar)
    # Steps and sidecars alike are regular containers of the pod (Builder.Build).
    return read_container(r, fields, value, path, "container", full, launcher)


def merge_step_template(template: KubeContainer, step: KubeContainer) -> KubeContainer:
    """The step over ``stepTemplate``, as a strategic merge patch of ``Container``.

    Authority: tektoncd/pipeline ``pkg/apis/pipeline/v1/merge.go ::
    MergeStepsWithStepTemplate`` (``strategicpatch`` over ``corev1.Container``, with
    ``amendConflictingContainerFields``): a field the step sets (a non-empty list or
    string; empty ones are omitted from the patch) replaces the template's; ``env`` is
    merged by name, the template's order first and the step's new names after;
    ``securityContext`` field by field.
    """
    return replace(
        step,
        image=step.image or template.image,
        command=step.command or template.command,
        args=step.args or template.args,
        env=_merge_env(template.env, step.env),
        env_from=step.env_from or template.env_from,
        working_dir=step.working_dir or template.working_dir,
        run_as=_merge_run_as(template.run_as, step.run_as),
    )


def _merge_env(template: tuple[EnvVar, ...], step: tuple[EnvVar, ...]) -> tuple[EnvVar, ...]:
    own = {var.name: var for var in step}
    merged = [own.pop(var.name, var) for var in template]
    return (*merged, *own.values())


def _merge_run_as(template: RunAs | None, step: RunAs | None) -> RunAs | None:
    if template is None or step is None:
        return step or template
    user = step.user if step.user is not None else template.user
    group = step.group if step.group is not None else template.group
    return replace(step, user=user, group=group)
