"""Argo Workflows objects: every template that becomes a pod, with its containers.

``Workflow``, ``WorkflowTemplate`` and ``ClusterWorkflowTemplate`` keep their templates
in ``spec.templates``, ``CronWorkflow`` in ``spec.workflowSpec.templates``. A template
with ``container``, ``script`` or ``containerSet`` runs in a pod of its own; steps, DAG,
suspend, resource, data and HTTP templates run no container of the user's and are not
read. Each pod is one :class:`PodSpec` of workload ``Kind/name``.

Container names are the template's name, a slash and the name Argo gives the
container in the pod: ``main`` for ``container`` and ``script`` (the controller renames
it), the given name for a ``containerSet`` member, an init container or a sidecar.
So ``--container whalesay/main`` picks one template's container.

Authority: argoproj/argo-workflows ``pkg/apis/workflow/v1alpha1/workflow_types.go``
(``Template``, ``ScriptTemplate``, ``ContainerSetTemplate``, ``UserContainer``),
``workflow/controller/workflowpod.go :: podBuilder.build`` (``c.Name =
common.MainContainerName`` unless a containerSet; user init containers after Argo's,
sidecars after the main containers: ``addInitContainers``, ``addSidecars``) and
``workflow/controller/operator.go :: executeScript``.
"""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.kubernetes import KubeContainer, Launcher, PodSpec
from cmdresolve.sources.kubernetes.config_data import read_string_map
from cmdresolve.sources.kubernetes.pods import read_container, read_run_as

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.model.kubernetes import ContainerType
    from cmdresolve.sources.kubernetes.json_reader import JsonReader
    from cmdresolve.sources.kubernetes.yaml_reader import YamlReader

    _Reader = YamlReader | JsonReader

__all__ = ["ARGO_KINDS", "read_argo_pods"]

ARGO_KINDS: dict[str, tuple[str, ...]] = {
    "Workflow": ("spec",),
    "WorkflowTemplate": ("spec",),
    "ClusterWorkflowTemplate": ("spec",),
    "CronWorkflow": ("spec", "workflowSpec"),
}
"""Where each Argo kind keeps its ``WorkflowSpec``."""

EMISSARY = Launcher("argo.emissary")


def read_argo_pods(
    r: _Reader, workload: str, namespace: str | None, obj: dict[str, Any], prefix: str, value: Any
) -> list[PodSpec]:
    """One pod spec per template that runs containers, in template order."""
    path, holder = prefix[:-1], obj
    for key in ARGO_KINDS[workload.partition("/")[0]]:
        path = f"{path}.{key}" if path else key
        value = holder.get(key)
        mapping = r.mapping(value, path)
        if mapping is None:
            raise r.fail(path, N_("{path}: required"), value)
        holder = mapping
    account = r.string(holder.get("serviceAccountName"), path + ".serviceAccountName")
    pods = []
    base = path + ".templates"
    for index, item in enumerate(r.sequence(holder.get("templates"), base) or ()):
        where = f"{base}[{index}]"
        template = r.mapping(item, where, item=True) or {}
        pod = _template_pod(r, workload, namespace, account or None, template, where, item)
        if pod is not None:
            pods.append(pod)
    return pods


def _template_pod(
    r: _Reader,
    workload: str,
    namespace: str | None,
    account: str | None,
    template: dict[str, Any],
    path: str,
    value: Any,
) -> PodSpec | None:
    name = r.string(template.get("name"), path + ".name")
    if not name:
        raise r.fail(path + ".name", N_("{path}: required"), value)
    mains = _main_containers(r, name, template, path)
    if not mains:
        return None
    containers = [
        *_user_containers(r, name, template, path, "initContainers", "initContainer"),
        *mains,
        *_user_containers(r, name, template, path, "sidecars", "container"),
    ]
    _check_unique(r, containers, value)
    meta = r.mapping(template.get("metadata"), path + ".metadata") or {}
    own = r.string(template.get("serviceAccountName"), path + ".serviceAccountName")
    return PodSpec(
        workload=workload,
        namespace=namespace,
        pod_name=None,
        labels=read_string_map(r, meta.get("labels"), path + ".metadata.labels"),
        annotations=read_string_map(r, meta.get("annotations"), path + ".metadata.annotations"),
        node_name=None,
        service_account_name=own or account,
        containers=tuple(containers),
        span=r.span(value),
        path=path,
        run_as=read_run_as(r, template.get("securityContext"), path + ".securityContext"),
    )


def _main_containers(
    r: _Reader, template_name: str, template: dict[str, Any], path: str
) -> list[KubeContainer]:
    """``container`` or ``script`` (named ``main``), or each ``containerSet`` member."""
    for field in ("container", "script"):
        node = template.get(field)
        fields = r.mapping(node, f"{path}.{field}")
        if fields is None:
            continue
        where = f"{path}.{field}"
        launcher = EMISSARY
        if field == "script":
            source = fields.get("source")
            text = r.string(source, where + ".source")
            if text:  # an empty source adds no path (executeScript)
                launcher = Launcher("argo.emissary", text, r.span(source), where + ".source")
        name = f"{template_name}/main"
        return [read_container(r, fields, node, where, "container", name, launcher)]
    where = f"{path}.containerSet"
    holder = r.mapping(template.get("containerSet"), where)
    if holder is None:
        return []
    where += ".containers"
    members = r.sequence(holder.get("containers"), where) or ()
    return [
        _named(r, template_name, item, f"{where}[{index}]", "container", EMISSARY)
        for index, item in enumerate(members)
    ]


def _user_containers(
    r: _Reader,
    template_name: str,
    template: dict[str, Any],
    path: str,
    field: str,
    container_type: ContainerType,
) -> list[KubeContainer]:
    """Init containers run as written; sidecars are regular containers of the pod,
    started through the emissary too (``podBuilder.build`` wraps every container but
    Argo's own)."""
    base = f"{path}.{field}"
    launcher = EMISSARY if field == "sidecars" else None
    return [
        _named(r, template_name, item, f"{base}[{index}]", container_type, launcher)
        for index, item in enumerate(r.sequence(template.get(field), base) or ())
    ]


def _named(
    r: _Reader,
    template_name: str,
    value: Any,
    path: str,
    container_type: ContainerType,
    launcher: Launcher | None,
) -> KubeContainer:
    fields = r.mapping(value, path, item=True) or {}
    name = r.string(fields.get("name"), path + ".name")
    if not name:
        raise r.fail(path + ".name", N_("{path}: required"), value)
    full = f"{template_name}/{name}"
    return read_container(r, fields, value, path, container_type, full, launcher)


def _check_unique(r: _Reader, containers: list[KubeContainer], value: Any) -> None:
    """The pod's container names must differ, as the API server checks them."""
    seen: set[str] = set()
    for container in containers:
        if container.name in seen:
            message = N_('{path}: duplicate name "{name}"')
            raise r.fail(container.path + ".name", message, value, name=container.name)
        seen.add(container.name)
