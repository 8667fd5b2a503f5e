"""Where the kubelet reads an env value from, other than a literal ``value``.

ConfigMaps and Secrets of the pod's namespace (for ``envFrom`` and for ``valueFrom``
``configMapKeyRef`` / ``secretKeyRef``), the pod's fields (``fieldRef``), the
container's resources (``resourceFieldRef``) and files in volumes (``fileKeyRef``).
What only the cluster knows is kept as a symbol such as ``<status.podIP>`` with an
Unknown.

Authority: kubernetes/kubernetes ``pkg/kubelet/kubelet_pods.go :: makeEnvironmentVariables,
podFieldSelectorRuntimeValue`` @ 001a80e9. Also read: ``pkg/fieldpath/fieldpath.go`` @
9935d029, ``pkg/apis/core/pods/helpers.go`` @ 10bc1f5f, ``pkg/api/v1/resource/helpers.go`` @
f9cfc9d9, ``pkg/kubelet/util/manager/watch_based_manager.go`` @ 04791b49 with
``pkg/kubelet/configmap/configmap_manager.go`` @ 16913111 (the NotFound wording),
``pkg/apis/core/validation/validation.go`` @ a7264f95 and
``plugin/pkg/admission/serviceaccount/admission.go`` (``Admit``).
"""

from __future__ import annotations

from cmdresolve.model import Unknown
from cmdresolve.resolve.kubernetes.env_state import K8S, KUBELET, EnvEntry, EnvRefused

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from cmdresolve.model.kubernetes import ConfigData, EnvValueSource, EnvVar, PodSpec
    from cmdresolve.resolve.kubernetes.env_state import EnvState

__all__ = [
    "field_ref",
    "file_key_ref",
    "find_config",
    "key_ref",
    "resource_ref",
    "skipped_optional",
]

FIELD_REF = K8S + "pkg/kubelet/kubelet_pods.go :: podFieldSelectorRuntimeValue"
NOT_FOUND = K8S + "pkg/kubelet/util/manager/watch_based_manager.go :: objectCache.Get"
SA_ADMISSION = K8S + "plugin/pkg/admission/serviceaccount/admission.go :: Admit"
VALIDATION = K8S + "pkg/apis/core/validation/validation.go :: validateObjectFieldSelector"

# validEnvDownwardAPIFieldPathExpressions; plus metadata.labels['k'] / annotations['k'].
ENV_FIELDS = frozenset(
    {"metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName"}
    | {"spec.serviceAccountName", "status.hostIP", "status.hostIPs"}
    | {"status.podIP", "status.podIPs"}
)
# pods.ConvertDownwardAPIFieldLabel knows these too, but validation refuses them in env.
CONVERTIBLE = frozenset(
    {"metadata.annotations", "metadata.labels", "spec.restartPolicy"}
    | {"spec.schedulerName", "status.phase"}
)
RUNTIME_FIELDS = {
    "metadata.uid": "the API server assigns it when the pod is created",
    "status.podIP": "the pod's IP is assigned when it starts",
    "status.podIPs": "the pod's IPs are assigned when it starts",
    "status.hostIP": "it is the IP of the node the pod runs on",
    "status.hostIPs": "they are the IPs of the node the pod runs on",
}


def find_config(state: EnvState, kind: str, name: str, optional: bool) -> ConfigData | str | None:
    """The object the kubelet reads from the pod's namespace; a string says why it is
    not known; None is an optional object that does not exist.

    Authority: ``makeEnvironmentVariables`` (``GetConfigMap(pod.Namespace, name)``,
    skipped when ``optional``) and ``watch_based_manager.go :: objectCache.Get``
    (``apierrors.NewNotFound``: ``configmap "NAME" not found``).
    """
    namespace = state.pod.namespace
    same_name = [c for c in state.config if c.kind == kind and c.name == name]
    for candidate in reversed(same_name):
        if candidate.namespace == namespace:
            return candidate
    for candidate in reversed(same_name):
        if (candidate.namespace is None) != (namespace is None):
            return (
                f"{kind} {name} is given {_in(candidate.namespace)} and the pod "
                f"{_in(namespace)}: it is the one read only if both go to the same namespace"
            )
    if not state.config_complete:
        return f"{kind} {name} is not among the inputs (it may exist in the cluster)"
    if optional:
        return None
    raise EnvRefused(f'{kind.lower()} "{name}" not found', NOT_FOUND)


def _in(namespace: str | None) -> str:
    return "without a namespace" if namespace is None else f"in namespace {namespace}"


def skipped_optional(state: EnvState, what: str, why: str) -> None:
    state.step("kubelet.env_optional", f"{what} is optional and skipped: {why}")


def key_ref(state: EnvState, index: int, var: EnvVar, source: EnvValueSource) -> EnvEntry | None:
    """Authority: ``makeEnvironmentVariables``: ``configMap.Data[key]`` /
    ``secret.Data[key]``; a missing object or key is an error unless ``optional``,
    which skips the variable (an earlier value of the name stays)."""
    kind = "ConfigMap" if source.kind == "configMapKeyRef" else "Secret"
    name, key = source.name or "", source.key or ""
    label = f"{kind} {name} key {key}"
    found = find_config(state, kind, name, source.optional)
    if found is None:
        skipped_optional(state, f"env[{index}] {var.name}", f"{kind} {name} does not exist")
        return None
    if isinstance(found, str):
        if source.optional:
            found += "; optional: the variable is omitted if it does not exist"
        symbol = f"<{kind[0].lower()}{kind[1:]} {name} key {key}>"
        return _runtime(state, index, var, label, symbol, found)
    data = dict(found.data)
    if key in data:
        return EnvEntry(var.name, data[key], None, label, var.span, var.path)
    if source.optional:
        skipped_optional(state, f"env[{index}] {var.name}", f"{kind} {name} has no key {key}")
        return None
    namespace = state.pod.namespace or "<namespace>"
    raise EnvRefused(f"couldn't find key {key} in {kind} {namespace}/{name}", KUBELET)


def field_ref(state: EnvState, index: int, var: EnvVar, path: str) -> EnvEntry:
    """Authority: ``podFieldSelectorRuntimeValue`` (spec.nodeName, spec.serviceAccountName
    and the status IPs) and ``pkg/fieldpath/fieldpath.go :: ExtractFieldPathAsString``
    (metadata; a missing label or annotation key gives ""); ``spec.host`` is read as
    ``spec.nodeName`` (``pkg/apis/core/pods/helpers.go :: ConvertDownwardAPIFieldLabel``)."""
    internal = "spec.nodeName" if path == "spec.host" else path
    pod = state.pod
    value: str | None
    match internal:
        case "metadata.name":
            value = pod.pod_name or None
            why = (
                f"{pod.workload} generates the pod's name"
                if _templated(pod)
                else "the manifest gives the pod no fixed name"
            )
        case "metadata.namespace":
            value = pod.namespace or None
            why = "the manifest sets no namespace: it is the one it is applied to (kubectl -n)"
        case "spec.nodeName":
            value, why = pod.node_name or None, "the scheduler picks the node"
        case "spec.serviceAccountName":
            value, why = _service_account(state), ""
        case _ if internal in RUNTIME_FIELDS:
            value, why = None, RUNTIME_FIELDS[internal]
        case _:
            value, why = _metadata_item(state, path, internal)
    if value is None:
        return _runtime(state, index, var, f"fieldRef {path}", f"<{path}>", f"{path}: {why}")
    return EnvEntry(var.name, value, None, f"fieldRef {path}", var.span, var.path)


def _service_account(state: EnvState) -> str:
    if state.pod.service_account_name:
        return state.pod.service_account_name
    # Admit sets the default when len(ServiceAccountName) == 0, so "" counts as unset.
    summary = (
        'spec.serviceAccountName is not set: the ServiceAccount admission plugin sets "default"'
    )
    state.step("kubelet.service_account_default", summary, SA_ADMISSION)
    return "default"


def _metadata_item(state: EnvState, path: str, internal: str) -> tuple[str | None, str]:
    base, subscript = _split_subscript(internal)
    if subscript is None:
        if internal in CONVERTIBLE:
            allowed = ", ".join(f'"{p}"' for p in sorted(ENV_FIELDS))
            raise EnvRefused(
                f'Unsupported value: "{path}": supported values: {allowed}', VALIDATION
            )
        raise EnvRefused(
            f"error converting fieldPath: field label not supported: {path}", VALIDATION
        )
    if base not in ("metadata.labels", "metadata.annotations"):
        raise EnvRefused(
            f"error converting fieldPath: field label does not support subscript: {path}",
            VALIDATION,
        )
    items = dict(state.pod.labels if base == "metadata.labels" else state.pod.annotations)
    if subscript in items:
        return items[subscript], ""
    if _templated(state.pod):
        return None, f"the template does not set it, but {state.pod.workload} may add it to the pod"
    state.step("kubelet.field_missing", f'the pod does not set {path}: its value is ""', FIELD_REF)
    return "", ""


def _templated(pod: PodSpec) -> bool:
    """A pod a controller creates from a template (its name, labels and annotations may grow)."""
    return not pod.workload.startswith("Pod/")


def _split_subscript(path: str) -> tuple[str, str | None]:
    """Authority: ``pkg/fieldpath/fieldpath.go :: SplitMaybeSubscriptedPath``."""
    if not path.endswith("']"):
        return path, None
    base, sep, subscript = path[:-2].partition("['")
    if not sep or not base:
        return path, None
    return base, subscript


def resource_ref(state: EnvState, index: int, var: EnvVar, source: EnvValueSource) -> EnvEntry:
    """Authority: ``containerResourceRuntimeValue`` and ``ExtractContainerResourceValue``
    (limits/requests of this or the named container, ceiling of value / divisor, unset
    limits defaulted to the node's allocatable by ``defaultPodLimitsForDownwardAPI``)."""
    resource = source.resource or ""
    owner = f"container {source.container_name}" if source.container_name else "the container"
    why = (
        f"it is {resource} of {owner}, and resources are not read here "
        "(an unset limit becomes the node's allocatable)"
    )
    symbol = (
        f"<{resource} of {source.container_name}>" if source.container_name else f"<{resource}>"
    )
    return _runtime(state, index, var, f"resourceFieldRef {resource}", symbol, why)


def file_key_ref(state: EnvState, index: int, var: EnvVar, source: EnvValueSource) -> EnvEntry:
    """fileKeyRef: a key of a file in a volume, read only when the container starts."""
    why = (
        "fileKeyRef reads a file in a volume when the container starts (EnvFiles "
        'feature gate; with the gate off the kubelet sets "")'
    )
    symbol = f"<fileKeyRef {source.key}>"
    return _runtime(state, index, var, f"fileKeyRef {source.key}", symbol, why)


def _runtime(
    state: EnvState, index: int, var: EnvVar, source: str, symbol: str, why: str
) -> EnvEntry:
    state.unknowns.append(Unknown(f"env[{index}] {var.name} is not known here: {why}", var.span))
    return EnvEntry(var.name, None, symbol, source, var.span, var.path)
