"""The environment the kubelet builds for one container, before the runtime adds the image's.

``envFrom`` sources come first, in order, each key (with its prefix) replacing the same
name from an earlier source; then each ``env`` entry in order: a non-empty ``value`` is
``$(VAR)``-expanded against only what is already set (envFrom keys and earlier entries;
never the image ENV), otherwise ``valueFrom`` is resolved. The result replaces any
earlier value of that name. What only the cluster knows (pod IP, generated pod name,
objects not given) is kept as a symbol such as ``<status.podIP>`` with an Unknown.

Authority: kubernetes/kubernetes ``pkg/kubelet/kubelet_pods.go :: makeEnvironmentVariables,
podFieldSelectorRuntimeValue`` @ 001a80e9, tested by ``kubelet_pods_test.go ::
TestMakeEnvironmentVariables`` @ 001a80e9 (SEMANTICS §3.2, §7.7). Also read:
``pkg/fieldpath/fieldpath.go`` @ 9935d029, ``pkg/apis/core/pods/helpers.go`` @ 10bc1f5f,
``pkg/api/v1/resource/helpers.go`` @ f9cfc9d9, ``pkg/kubelet/util/manager/
watch_based_manager.go`` @ 04791b49 with ``pkg/kubelet/configmap/configmap_manager.go`` @
16913111 (the NotFound wording), ``pkg/kubelet/envvars/envvars.go`` @ 3085dc64,
``pkg/apis/core/validation/validation.go`` @ a7264f95 and
``plugin/pkg/admission/serviceaccount/admission.go`` (``Admit``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cmdresolve.model import Span, Step, Unknown
from cmdresolve.model.kubernetes import (
    ConfigData,
    EnvFrom,
    EnvValueSource,
    EnvVar,
    KubeContainer,
    PodSpec,
)
from cmdresolve.resolve.kubernetes_vars import expand_kubernetes_vars, mapping_for

__all__ = ["EnvEntry", "build_kubelet_env", "env_mapping"]

K8S = "kubernetes/kubernetes "
KUBELET = K8S + "pkg/kubelet/kubelet_pods.go :: makeEnvironmentVariables"
FIELD_REF = K8S + "pkg/kubelet/kubelet_pods.go :: podFieldSelectorRuntimeValue"
NOT_FOUND = K8S + "pkg/kubelet/util/manager/watch_based_manager.go :: objectCache.Get"
SERVICE_LINKS = K8S + "pkg/kubelet/kubelet_pods.go :: getServiceEnvVarMap"
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
ORDER = (
    "the kubelet builds the env as a Go map, so its order at run time is not defined; it is shown "
    "in declaration order (envFrom keys, then env entries, a redefined name at its last place)"
)
SERVICE_LINK_VARS = (
    "the kubelet also adds service-link variables (KUBERNETES_SERVICE_HOST, … and, with "
    "enableServiceLinks, a set per Service of the namespace) for names not set here; they "
    "depend on the cluster and are not shown"
)
RUNTIME_FIELDS = {
    "metadata.uid": "the API server assigns it when the pod is created",
    "status.podIP": "the pod's IP is assigned when it starts",
    "status.podIPs": "the pod's IPs are assigned when it starts",
    "status.hostIP": "it is the IP of the node the pod runs on",
    "status.hostIPs": "they are the IPs of the node the pod runs on",
}
# envvars.FromServices: NAME_SERVICE_HOST, NAME_SERVICE_PORT[_PORTNAME], NAME_PORT[_n_PROTO[_X]]
SERVICE_VAR = re.compile(
    r"[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?"
    r"|PORT(_[0-9]+_[A-Z]+(_(PROTO|PORT|ADDR))?)?)"
)


@dataclass(frozen=True, slots=True)
class EnvEntry:
    """One variable of the container's kubelet-built env.

    ``value`` is None when only the cluster knows it; ``symbol`` then shows it
    (``<status.podIP>``). ``source`` says where it came from, for a human.
    """

    name: str
    value: str | None
    symbol: str | None
    source: str
    span: Span | None
    path: str | None


class _Refused(Exception):
    """The kubelet (or the API server before it) refuses: the container does not start."""

    def __init__(self, message: str, authority: str) -> None:
        super().__init__(message)
        self.message = message
        self.authority = authority


@dataclass
class _State:
    pod: PodSpec
    container: KubeContainer
    config: tuple[ConfigData, ...]
    config_complete: bool
    env: dict[str, EnvEntry] = field(default_factory=dict)  # tmpEnv, in declaration order
    steps: list[Step] = field(default_factory=list)
    unknowns: list[Unknown] = field(default_factory=list)
    unseen_sources: list[str] = field(default_factory=list)  # envFrom sources not given

    def put(self, entry: EnvEntry) -> EnvEntry | None:
        """``tmpEnv[name] = value``; a redefined name moves to its last place."""
        previous = self.env.pop(entry.name, None)
        self.env[entry.name] = entry
        return previous

    def step(
        self, rule: str, summary: str, authority: str = KUBELET, span: Span | None = None
    ) -> None:
        self.steps.append(Step(rule, summary, authority, span))


def build_kubelet_env(
    pod: PodSpec,
    container: KubeContainer,
    config: Sequence[ConfigData],
    *,
    config_complete: bool = False,
) -> tuple[tuple[EnvEntry, ...], list[Step], list[Unknown], str | None]:
    """(entries in kubelet order, steps, unknowns, error or None).

    ``config`` holds the ConfigMaps and Secrets given as inputs. One that is not
    among them may exist in the cluster, so it is an Unknown; with
    ``config_complete`` the inputs are taken to hold every one of the pod's
    namespace, and a missing one fails as in the kubelet (unless ``optional``).
    """
    state = _State(pod, container, tuple(config), config_complete)
    try:
        for index, source in enumerate(container.env_from):
            _pour_env_from(state, index, source)
        for index, var in enumerate(container.env):
            entry = _env_entry(state, index, var)
            if entry is not None:
                _put_env(state, index, entry)
    except _Refused as refusal:
        state.step(
            "kubelet.env_error", f"the container is not started: {refusal}", refusal.authority
        )
        return (), state.steps, state.unknowns, refusal.message
    state.step("kubelet.env_order", ORDER)
    state.step("kubelet.service_links", SERVICE_LINK_VARS, SERVICE_LINKS)
    return tuple(state.env.values()), state.steps, state.unknowns, None


def env_mapping(entries: Sequence[EnvEntry]) -> dict[str, str]:
    """The known values, for ``$(VAR)`` in command/args (which see the final env).

    A variable known only at run time is left out, so ``$(NAME)`` stays as written
    here; the caller explains it with the entry's ``symbol``.
    """
    return {e.name: e.value for e in entries if e.value is not None}


def _pour_env_from(state: _State, index: int, source: EnvFrom) -> None:
    """Authority: ``makeEnvironmentVariables``: every key of ``configMap.Data`` /
    ``secret.Data``, ``envFrom.Prefix + k`` when a prefix is set, with no check of the
    key (a prefix may start with a digit); an absent optional source is skipped."""
    kind = "ConfigMap" if source.kind == "configMapRef" else "Secret"
    label = f"envFrom[{index}] {kind} {source.name}"
    if source.prefix:
        label += f" (prefix {source.prefix})"
    found = _find_config(state, kind, source.name, source.optional)
    if found is None:
        _skipped(state, label, f"{kind} {source.name} does not exist")
        return
    if isinstance(found, str):
        state.unseen_sources.append(label)
        fate = "nothing is added" if source.optional else "the kubelet refuses to start it"
        state.unknowns.append(
            Unknown(
                f"{label}: {found}; the variables it adds are not shown (if it does not "
                f"exist, {fate})",
                source.span,
            )
        )
        return
    replaced = []
    for key, value in found.data:
        entry = EnvEntry(source.prefix + key, value, None, label, source.span, source.path)
        if state.put(entry) is not None:
            replaced.append(entry.name)
    names = ", ".join(source.prefix + key for key, _ in found.data) or "nothing"
    summary = f"{label} sets {names}"
    if replaced:
        summary += f" (replacing the earlier {', '.join(replaced)})"
    state.step("kubelet.env_from", summary, span=source.span)


def _put_env(state: _State, index: int, entry: EnvEntry) -> None:
    previous = state.put(entry)
    if previous is not None:
        summary = f"env[{index}] {entry.name} replaces the value from {previous.source}"
        state.step("kubelet.env_override", summary, span=entry.span)


def _env_entry(state: _State, index: int, var: EnvVar) -> EnvEntry | None:
    """Authority: ``makeEnvironmentVariables``: ``if runtimeVal != ""`` expand it, else
    resolve ``ValueFrom``; neither gives ``""``. None means the variable is skipped."""
    if var.value:
        return _expand_value(state, index, var)
    source = var.value_from
    if source is None:
        return EnvEntry(var.name, "", None, f"env[{index}] value", var.span, var.path)
    match source.kind:
        case "configMapKeyRef" | "secretKeyRef":
            return _key_ref(state, index, var, source)
        case "fieldRef":
            return _field_ref(state, index, var, source.field_path or "")
        case "resourceFieldRef":
            return _resource_ref(state, index, var, source)
        case "fileKeyRef":
            why = (
                "fileKeyRef reads a file in a volume when the container starts (EnvFiles "
                'feature gate; with the gate off the kubelet sets "")'
            )
            symbol = f"<fileKeyRef {source.key}>"
            return _runtime(state, index, var, f"fileKeyRef {source.key}", symbol, why)


def _expand_value(state: _State, index: int, var: EnvVar) -> EnvEntry:
    """Authority: ``makeEnvironmentVariables``: ``expansion.Expand(runtimeVal,
    MappingFuncFor(tmpEnv, serviceEnv))`` while tmpEnv holds only what is set so far."""
    text = var.value or ""
    known = env_mapping(tuple(state.env.values()))
    symbols = {e.name: e.symbol or "" for e in state.env.values() if e.value is None}
    value, resolved, literal = expand_kubernetes_vars(text, mapping_for(known))
    later = {v.name for v in state.container.env[index + 1 :]}
    for name in literal:
        _explain_literal(state, index, var, name, symbols, later)
    label = f"env[{index}] value"
    if any(name in symbols for name in literal):
        shown = expand_kubernetes_vars(text, mapping_for(known, symbols))[0]
        return EnvEntry(var.name, None, shown, label, var.span, var.path)
    if resolved:
        summary = f"env[{index}] {var.name}: {text!r} becomes {value!r}"
        state.step("kubelet.env_expand", summary, span=var.span)
    return EnvEntry(var.name, value, None, label, var.span, var.path)


def _explain_literal(
    state: _State,
    index: int,
    var: EnvVar,
    name: str,
    symbols: Mapping[str, str],
    later: set[str],
) -> None:
    where = f"$({name}) in env[{index}] {var.name}"
    if name in symbols:
        reason = f"{where} is {symbols[name]}, only known at run time"
    elif SERVICE_VAR.fullmatch(name):
        reason = (
            f"{where} is left as written here, but the kubelet replaces it if a Service "
            "defines it: service-link variables depend on the cluster"
        )
    elif state.unseen_sources:
        reason = f"{where} is left as written unless {', '.join(state.unseen_sources)} sets it"
    else:
        why = (
            f"{name} is declared later (env values see only earlier variables)"
            if name in later
            else f"nothing sets {name} before it (the image ENV is not visible to $(VAR))"
        )
        summary = f"{where} stays as written: {why}"
        state.step("kubelet.env_literal", summary, span=var.span)
        return
    state.unknowns.append(Unknown(reason, var.span))


def _runtime(
    state: _State, index: int, var: EnvVar, source: str, symbol: str, why: str
) -> EnvEntry:
    state.unknowns.append(Unknown(f"env[{index}] {var.name} is not known here: {why}", var.span))
    return EnvEntry(var.name, None, symbol, source, var.span, var.path)


def _resource_ref(state: _State, index: int, var: EnvVar, source: EnvValueSource) -> EnvEntry:
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


def _key_ref(state: _State, index: int, var: EnvVar, source: EnvValueSource) -> EnvEntry | None:
    """Authority: ``makeEnvironmentVariables``: ``configMap.Data[key]`` /
    ``secret.Data[key]``; a missing object or key is an error unless ``optional``,
    which skips the variable (an earlier value of the name stays)."""
    kind = "ConfigMap" if source.kind == "configMapKeyRef" else "Secret"
    name, key = source.name or "", source.key or ""
    label = f"{kind} {name} key {key}"
    found = _find_config(state, kind, name, source.optional)
    if found is None:
        _skipped(state, f"env[{index}] {var.name}", f"{kind} {name} does not exist")
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
        _skipped(state, f"env[{index}] {var.name}", f"{kind} {name} has no key {key}")
        return None
    namespace = state.pod.namespace or "<namespace>"
    raise _Refused(f"couldn't find key {key} in {kind} {namespace}/{name}", KUBELET)


def _find_config(state: _State, kind: str, name: str, optional: bool) -> ConfigData | str | None:
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
    raise _Refused(f'{kind.lower()} "{name}" not found', NOT_FOUND)


def _in(namespace: str | None) -> str:
    return "without a namespace" if namespace is None else f"in namespace {namespace}"


def _skipped(state: _State, what: str, why: str) -> None:
    state.step("kubelet.env_optional", f"{what} is optional and skipped: {why}")


def _field_ref(state: _State, index: int, var: EnvVar, path: str) -> EnvEntry:
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


def _service_account(state: _State) -> str:
    if state.pod.service_account_name:
        return state.pod.service_account_name
    # Admit sets the default when len(ServiceAccountName) == 0, so "" counts as unset.
    summary = (
        'spec.serviceAccountName is not set: the ServiceAccount admission plugin sets "default"'
    )
    state.step("kubelet.service_account_default", summary, SA_ADMISSION)
    return "default"


def _metadata_item(state: _State, path: str, internal: str) -> tuple[str | None, str]:
    base, subscript = _split_subscript(internal)
    if subscript is None:
        if internal in CONVERTIBLE:
            allowed = ", ".join(f'"{p}"' for p in sorted(ENV_FIELDS))
            raise _Refused(f'Unsupported value: "{path}": supported values: {allowed}', VALIDATION)
        raise _Refused(f"error converting fieldPath: field label not supported: {path}", VALIDATION)
    if base not in ("metadata.labels", "metadata.annotations"):
        raise _Refused(
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
