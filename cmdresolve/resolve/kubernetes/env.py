"""The environment the kubelet builds for one container, before the runtime adds the image's.

``envFrom`` sources come first, in order, each key (with its prefix) replacing the same
name from an earlier source; then each ``env`` entry in order: a non-empty ``value`` is
``$(VAR)``-expanded against only what is already set (envFrom keys and earlier entries;
never the image ENV), otherwise ``valueFrom`` is resolved. The result replaces any
earlier value of that name. What only the cluster knows (pod IP, generated pod name,
objects not given) is kept as a symbol such as ``<status.podIP>`` with an Unknown.

Authority: kubernetes/kubernetes ``pkg/kubelet/kubelet_pods.go :: makeEnvironmentVariables,
podFieldSelectorRuntimeValue`` @ 001a80e9, tested by ``kubelet_pods_test.go ::
TestMakeEnvironmentVariables`` @ 001a80e9 (docs/semantics.md §3.2, §7.7). Also read:
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

from cmdresolve.budget import Budget, OverBudget
from cmdresolve.model import Failure, InputError, StepKind, Unknown, UnknownKind
from cmdresolve.model.facts import N_, NO_PARAMS, assert_never
from cmdresolve.resolve.kubernetes.env_sources import (
    Unseen,
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
    from collections.abc import Sequence

    from cmdresolve.model import Step
    from cmdresolve.model.facts import Param, Params
    from cmdresolve.model.kubernetes import ConfigData, EnvFrom, EnvVar, KubeContainer, PodSpec

__all__ = ["EnvEntry", "build_kubelet_env", "env_mapping"]

OVER_BUDGET = N_(
    "{path}: expanding {reference} makes more than {limit} characters in this container "
    "(does a variable double itself, as in B: $(A)$(A), C: $(B)$(B)?)"
)
SERVICE_LINKS = K8S + "pkg/kubelet/kubelet_pods.go :: getServiceEnvVarMap"
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
    budget: Budget | None = None,
    namespace: str | None = None,
) -> tuple[tuple[EnvEntry, ...], list[Step], list[Unknown], Failure | None]:
    """(entries in kubelet order, steps, unknowns, error or None).

    ``config`` holds the ConfigMaps and Secrets given as inputs. One that is not
    among them may exist in the cluster, so it is an Unknown; with
    ``config_complete`` the inputs are taken to hold every one of the pod's
    namespace, and a missing one fails as in the kubelet (unless ``optional``).
    ``namespace`` is kubectl's ``-n``, given to objects without one (None: ``default``).
    """
    state = EnvState(
        pod, container, tuple(config), config_complete, budget=budget, namespace_option=namespace
    )
    state.last_declared = {var.name: i for i, var in enumerate(container.env)}
    try:
        for index, source in enumerate(container.env_from):
            _pour_env_from(state, index, source)
        for index, var in enumerate(container.env):
            entry = _env_entry(state, index, var)
            if entry is not None:
                _put_env(state, index, entry, expanded=bool(var.value))
    except EnvRefused as refusal:
        state.step(StepKind.KUBELET_ENV_ERROR, refusal.failure.params, refusal.authority)
        return (), state.steps, state.unknowns, refusal.failure
    state.step(StepKind.KUBELET_ENV_ORDER, NO_PARAMS)
    state.step(StepKind.KUBELET_SERVICE_LINKS, NO_PARAMS, SERVICE_LINKS)
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
        skipped_optional(state, label, kind, source.name)
        return
    if isinstance(found, Unseen):
        state.unseen_sources.append(label)
        unseen: dict[str, Param] = {"source": label, **found.params()}
        unseen["optional"] = source.optional
        state.unknowns.append(
            Unknown(UnknownKind.KUBELET_ENV_FROM_UNSEEN, source.span, params=unseen)
        )
        return
    replaced = []
    for key, value in found.data:
        entry = EnvEntry(source.prefix + key, value, None, label, source.span, source.path)
        if state.put(entry) is not None:
            replaced.append(entry.name)
    names = tuple(source.prefix + key for key, _ in found.data)
    params: Params = {"source": label, "names": names, "replaced": tuple(replaced)}
    state.step(StepKind.KUBELET_ENV_FROM, params, span=source.span)


def _put_env(state: EnvState, index: int, entry: EnvEntry, *, expanded: bool) -> None:
    previous = state.put(entry, earns=not expanded)
    if previous is not None:
        params: Params = {"index": index, "name": entry.name, "previous": previous.source}
        state.step(StepKind.KUBELET_ENV_OVERRIDE, params, span=entry.span)


def _env_entry(state: EnvState, index: int, var: EnvVar) -> EnvEntry | None:
    """Authority: ``makeEnvironmentVariables``: ``if runtimeVal != ""`` expand it, else
    resolve ``ValueFrom``; neither gives ``""``. None means the variable is skipped."""
    if var.value:
        return _expand_value(state, index, var)
    source = var.value_from
    if source is None:
        label = var.added_by or f"env[{index}] value"
        return EnvEntry(var.name, "", None, label, var.span, var.path)
    match source.kind:
        case "configMapKeyRef" | "secretKeyRef":
            return key_ref(state, index, var, source)
        case "fieldRef":
            return field_ref(state, index, var, source.field_path or "")
        case "resourceFieldRef":
            return resource_ref(state, index, var, source)
        case "fileKeyRef":
            return file_key_ref(state, index, var, source)
        case _:
            assert_never(source.kind)


def _expand_value(state: EnvState, index: int, var: EnvVar) -> EnvEntry:
    """Authority: ``makeEnvironmentVariables``: ``expansion.Expand(runtimeVal,
    MappingFuncFor(tmpEnv, serviceEnv))`` while tmpEnv holds only what is set so far.

    The lookups read ``state.env`` itself: a copy per variable would make a
    container of many variables quadratic.
    """
    text = var.value or ""
    env = state.env

    def known(name: str) -> str | None:
        entry = env.get(name)
        return None if entry is None else entry.value

    def symbol(name: str) -> str | None:
        entry = env.get(name)
        return None if entry is None or entry.value is not None else entry.symbol or ""

    try:
        value, resolved, literal = expand_kubernetes_vars(text, known, state.budget)
    except OverBudget as exc:
        where = f"{var.path}.value" if var.path else f"env[{index}].value"
        raise InputError(
            OVER_BUDGET, var.span, path=where, reference=exc.reference, limit=exc.limit
        ) from None
    for name in literal:
        later = state.last_declared.get(name, -1) > index
        _explain_literal(state, index, var, name, symbol(name), later)
    label = var.added_by or f"env[{index}] value"
    if any(symbol(name) is not None for name in literal):
        shown = expand_kubernetes_vars(text, mapping_for(known, symbol))[0]
        return EnvEntry(var.name, None, shown, label, var.span, var.path)
    if resolved:
        params: Params = {"index": index, "name": var.name, "before": text, "after": value}
        state.step(StepKind.KUBELET_ENV_EXPAND, params, span=var.span)
    return EnvEntry(var.name, value, None, label, var.span, var.path)


def _explain_literal(
    state: EnvState,
    index: int,
    var: EnvVar,
    name: str,
    symbol: str | None,
    later: bool,
) -> None:
    params: dict[str, Param] = {"name": name, "index": index, "var": var.name}
    if symbol is not None:
        kind = UnknownKind.KUBELET_ENV_REF_AT_RUN_TIME
        params["symbol"] = symbol
    elif SERVICE_VAR.fullmatch(name):
        kind = UnknownKind.KUBELET_ENV_REF_SERVICE
    elif state.unseen_sources:
        kind = UnknownKind.KUBELET_ENV_REF_UNSEEN
        params["sources"] = tuple(state.unseen_sources)
    else:
        params["later"] = later
        state.step(StepKind.KUBELET_ENV_LITERAL, params, span=var.span)
        return
    state.unknowns.append(Unknown(kind, var.span, params=params))
