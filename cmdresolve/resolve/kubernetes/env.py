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

The ``valueFrom`` sources and the ConfigMap/Secret lookup are in
:mod:`cmdresolve.resolve.kubernetes.env_sources`; the env being built is in
:mod:`cmdresolve.resolve.kubernetes.env_state`.
"""

from __future__ import annotations

import re

from cmdresolve.model import Unknown
from cmdresolve.resolve.kubernetes.env_sources import (
    field_ref,
    file_key_ref,
    find_config,
    key_ref,
    resource_ref,
    skipped_optional,
)
from cmdresolve.resolve.kubernetes.env_state import K8S, EnvEntry, EnvRefused, EnvState
from cmdresolve.resolve.kubernetes.expansion import expand_kubernetes_vars, mapping_for

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from cmdresolve.model import Step
    from cmdresolve.model.kubernetes import ConfigData, EnvFrom, EnvVar, KubeContainer, PodSpec

__all__ = ["EnvEntry", "build_kubelet_env", "env_mapping"]

SERVICE_LINKS = K8S + "pkg/kubelet/kubelet_pods.go :: getServiceEnvVarMap"
ORDER = (
    "the kubelet builds the env as a Go map, so its order at run time is not defined; it is shown "
    "in declaration order (envFrom keys, then env entries, a redefined name at its last place)"
)
SERVICE_LINK_VARS = (
    "the kubelet also adds service-link variables (KUBERNETES_SERVICE_HOST, … and, with "
    "enableServiceLinks, a set per Service of the namespace) for names not set here; they "
    "depend on the cluster and are not shown"
)
# envvars.FromServices: NAME_SERVICE_HOST, NAME_SERVICE_PORT[_PORTNAME], NAME_PORT[_n_PROTO[_X]]
SERVICE_VAR = re.compile(
    r"[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?"
    r"|PORT(_[0-9]+_[A-Z]+(_(PROTO|PORT|ADDR))?)?)"
)


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
    state = EnvState(pod, container, tuple(config), config_complete)
    try:
        for index, source in enumerate(container.env_from):
            _pour_env_from(state, index, source)
        for index, var in enumerate(container.env):
            entry = _env_entry(state, index, var)
            if entry is not None:
                _put_env(state, index, entry)
    except EnvRefused as refusal:
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


def _pour_env_from(state: EnvState, index: int, source: EnvFrom) -> None:
    """Authority: ``makeEnvironmentVariables``: every key of ``configMap.Data`` /
    ``secret.Data``, ``envFrom.Prefix + k`` when a prefix is set, with no check of the
    key (a prefix may start with a digit); an absent optional source is skipped."""
    kind = "ConfigMap" if source.kind == "configMapRef" else "Secret"
    label = f"envFrom[{index}] {kind} {source.name}"
    if source.prefix:
        label += f" (prefix {source.prefix})"
    found = find_config(state, kind, source.name, source.optional)
    if found is None:
        skipped_optional(state, label, f"{kind} {source.name} does not exist")
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


def _put_env(state: EnvState, index: int, entry: EnvEntry) -> None:
    previous = state.put(entry)
    if previous is not None:
        summary = f"env[{index}] {entry.name} replaces the value from {previous.source}"
        state.step("kubelet.env_override", summary, span=entry.span)


def _env_entry(state: EnvState, index: int, var: EnvVar) -> EnvEntry | None:
    """Authority: ``makeEnvironmentVariables``: ``if runtimeVal != ""`` expand it, else
    resolve ``ValueFrom``; neither gives ``""``. None means the variable is skipped."""
    if var.value:
        return _expand_value(state, index, var)
    source = var.value_from
    if source is None:
        return EnvEntry(var.name, "", None, f"env[{index}] value", var.span, var.path)
    match source.kind:
        case "configMapKeyRef" | "secretKeyRef":
            return key_ref(state, index, var, source)
        case "fieldRef":
            return field_ref(state, index, var, source.field_path or "")
        case "resourceFieldRef":
            return resource_ref(state, index, var, source)
        case "fileKeyRef":
            return file_key_ref(state, index, var, source)


def _expand_value(state: EnvState, index: int, var: EnvVar) -> EnvEntry:
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
    state: EnvState,
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
