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

from cmdresolve.model import StepKind, Unknown, UnknownKind
from cmdresolve.model.facts import NO_PARAMS
from cmdresolve.model.frozen import record
from cmdresolve.resolve.kubernetes.env_state import K8S, KUBELET, EnvEntry, EnvRefused

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from cmdresolve.model.facts import Param
    from cmdresolve.model.kubernetes import ConfigData, EnvValueSource, EnvVar, PodSpec
    from cmdresolve.resolve.kubernetes.env_state import EnvState

__all__ = [
    "Unseen",
    "field_ref",
    "file_key_ref",
    "find_config",
    "key_ref",
    "resource_ref",
    "skipped_optional",
]

KUBECTL_NAMESPACE = (
    "kubernetes/cli-runtime pkg/resource/builder.go :: Builder.NamespaceParam, DefaultNamespace"
)
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
# The fields only the running pod knows (the reason is the field's, see render).
RUNTIME_FIELDS = frozenset(
    {"metadata.uid", "status.podIP", "status.podIPs", "status.hostIP", "status.hostIPs"}
)


@record
class Unseen:
    """A ConfigMap or Secret not among the inputs (or given in another namespace)."""

    kind: str
    name: str
    namespace_differs: bool = False
    given_namespace: str | None = None  # where the given object lands
    pod_namespace: str | None = None  # where the pod lands
    given_defaulted: bool = False  # the object has no metadata.namespace
    pod_defaulted: bool = False  # the workload has no metadata.namespace
    option: bool = False  # -n was given (else "default" is assumed)

    def params(self) -> dict[str, Param]:
        return {
            "object_kind": self.kind,
            "object": self.name,
            "namespace_differs": self.namespace_differs,
            "given_namespace": self.given_namespace,
            "pod_namespace": self.pod_namespace,
            "given_defaulted": self.given_defaulted,
            "pod_defaulted": self.pod_defaulted,
            "option": self.option,
        }


def find_config(
    state: EnvState, kind: str, name: str, optional: bool
) -> ConfigData | Unseen | None:
    """The object the kubelet reads from the pod's namespace; :class:`Unseen` says why
    it is not known; None is an optional object that does not exist.

    Objects without a namespace land where kubectl applies them
    (:meth:`EnvState.namespace_of`), the pod and the ConfigMap alike, so a ConfigMap
    with none beside a Deployment in ``prod`` is read only with ``-n prod``.

    Authority: ``makeEnvironmentVariables`` (``GetConfigMap(pod.Namespace, name)``,
    skipped when ``optional``) and ``watch_based_manager.go :: objectCache.Get``
    (``apierrors.NewNotFound``: ``configmap "NAME" not found``).
    """
    written = state.pod.namespace
    namespace = state.namespace_of(written)
    same_name = [c for c in state.config if c.kind == kind and c.name == name]
    for candidate in reversed(same_name):
        if state.namespace_of(candidate.namespace) == namespace:
            return candidate
    if same_name and not state.config_complete:  # given, but it lands in another namespace
        other = same_name[-1]
        given = state.namespace_of(other.namespace)
        option = state.namespace_option is not None
        return Unseen(
            kind, name, True, given, namespace, other.namespace is None, written is None, option
        )
    if not state.config_complete:
        return Unseen(kind, name)
    if optional:
        return None
    raise EnvRefused("not_found", NOT_FOUND, resource=kind.lower(), name=name)


def skipped_optional(
    state: EnvState, what: str, kind: str, name: str, key: str | None = None
) -> None:
    """An optional source that does not exist (or has no ``key``): nothing is set."""
    params = {"what": what, "object_kind": kind, "object": name, "key": key}
    state.step(StepKind.KUBELET_ENV_OPTIONAL, params)


def key_ref(state: EnvState, index: int, var: EnvVar, source: EnvValueSource) -> EnvEntry | None:
    """Authority: ``makeEnvironmentVariables``: ``configMap.Data[key]`` /
    ``secret.Data[key]``; a missing object or key is an error unless ``optional``,
    which skips the variable (an earlier value of the name stays)."""
    kind = "ConfigMap" if source.kind == "configMapKeyRef" else "Secret"
    name, key = source.name or "", source.key or ""
    label = f"{kind} {name} key {key}"
    found = find_config(state, kind, name, source.optional)
    if found is None:
        skipped_optional(state, f"env[{index}] {var.name}", kind, name)
        return None
    if isinstance(found, Unseen):
        symbol = f"<{kind[0].lower()}{kind[1:]} {name} key {key}>"
        why: dict[str, Param] = {
            "cause": "object_unseen",
            **found.params(),
            "optional": source.optional,
        }
        return _runtime(state, index, var, label, symbol, why)
    data = dict(found.data)
    if key in data:
        return EnvEntry(var.name, data[key], None, label, var.span, var.path)
    if source.optional:
        skipped_optional(state, f"env[{index}] {var.name}", kind, name, key)
        return None
    namespace = state.namespace_of(state.pod.namespace)
    raise EnvRefused(
        "missing_key", KUBELET, key=key, object_kind=kind, namespace=namespace, name=name
    )


def field_ref(state: EnvState, index: int, var: EnvVar, path: str) -> EnvEntry:
    """Authority: ``podFieldSelectorRuntimeValue`` (spec.nodeName, spec.serviceAccountName
    and the status IPs) and ``pkg/fieldpath/fieldpath.go :: ExtractFieldPathAsString``
    (metadata; a missing label or annotation key gives ""); ``spec.host`` is read as
    ``spec.nodeName`` (``pkg/apis/core/pods/helpers.go :: ConvertDownwardAPIFieldLabel``)."""
    internal = "spec.nodeName" if path == "spec.host" else path
    pod = state.pod
    value: str | None
    reason: str | None = None  # why only the cluster knows the value
    match internal:
        case "metadata.name":
            value = pod.pod_name or None
            reason = "generated_name" if _templated(pod) else "no_name"
        case "metadata.namespace":
            value = state.namespace_of(pod.namespace)
            if pod.namespace is None:
                option = state.namespace_option is not None
                ns: dict[str, Param] = {"namespace": value, "option": option}
                state.step(StepKind.NAMESPACE_DEFAULT, ns, KUBECTL_NAMESPACE)
        case "spec.nodeName":
            value, reason = pod.node_name or None, "node"
        case "spec.serviceAccountName":
            value = _service_account(state)
        case _ if internal in RUNTIME_FIELDS:
            value, reason = None, internal
        case _:
            value, reason = _metadata_item(state, path, internal)
    if value is None:
        why: dict[str, Param] = {
            "cause": "field",
            "field": path,
            "reason": reason,
            "workload": pod.workload,
        }
        return _runtime(state, index, var, f"fieldRef {path}", f"<{path}>", why)
    return EnvEntry(var.name, value, None, f"fieldRef {path}", var.span, var.path)


def _service_account(state: EnvState) -> str:
    if state.pod.service_account_name:
        return state.pod.service_account_name
    # Admit sets the default when len(ServiceAccountName) == 0, so "" counts as unset.
    state.step(StepKind.KUBELET_SERVICE_ACCOUNT_DEFAULT, NO_PARAMS, SA_ADMISSION)
    return "default"


def _metadata_item(state: EnvState, path: str, internal: str) -> tuple[str | None, str | None]:
    """(value, or None with why only the cluster knows it) of a label or annotation."""
    base, subscript = _split_subscript(internal)
    if subscript is None:
        if internal in CONVERTIBLE:
            supported = tuple(sorted(ENV_FIELDS))
            raise EnvRefused("unsupported_field", VALIDATION, path=path, supported=supported)
        raise EnvRefused("field_label", VALIDATION, path=path)
    if base not in ("metadata.labels", "metadata.annotations"):
        raise EnvRefused("subscript", VALIDATION, path=path)
    items = dict(state.pod.labels if base == "metadata.labels" else state.pod.annotations)
    if subscript in items:
        return items[subscript], None
    if _templated(state.pod):
        return None, "template_may_add"
    state.step(StepKind.KUBELET_FIELD_MISSING, {"field": path}, FIELD_REF)
    return "", None


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
    why: dict[str, Param] = {
        "cause": "resource",
        "resource": resource,
        "container": source.container_name,
    }
    symbol = (
        f"<{resource} of {source.container_name}>" if source.container_name else f"<{resource}>"
    )
    return _runtime(state, index, var, f"resourceFieldRef {resource}", symbol, why)


def file_key_ref(state: EnvState, index: int, var: EnvVar, source: EnvValueSource) -> EnvEntry:
    """fileKeyRef: a key of a file in a volume, read only when the container starts."""
    why: dict[str, Param] = {"cause": "file_key", "key": source.key}
    symbol = f"<fileKeyRef {source.key}>"
    return _runtime(state, index, var, f"fileKeyRef {source.key}", symbol, why)


def _runtime(
    state: EnvState, index: int, var: EnvVar, source: str, symbol: str, why: dict[str, Param]
) -> EnvEntry:
    """A value only the cluster knows: kept as ``symbol``; ``why`` has its ``cause``."""
    params = {"index": index, "name": var.name, **why}
    state.unknowns.append(Unknown(UnknownKind.KUBELET_ENV_VALUE, var.span, params=params))
    return EnvEntry(var.name, None, symbol, source, var.span, var.path)
