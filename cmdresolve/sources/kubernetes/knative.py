"""Knative Serving objects: the pod template of a ``Service``, ``Configuration`` or
``Revision`` (``apiVersion: serving.knative.dev/…``).

``Service`` and ``Configuration`` keep a revision template in ``spec.template``, whose
``spec`` is a pod spec; a ``Revision`` is its own (``spec``). Containers may omit
their name: Knative's defaulting names them ``user-container`` (one container), or
``user-container-0``, ``user-container-1``, … skipping names the user took, and init
containers ``init-container`` the same way (the defaults of the ``config-defaults``
ConfigMap, which a cluster may change). The ``queue-proxy`` container Knative adds
beside them is its own and not shown.

Authority: knative/serving ``pkg/apis/serving/v1/revision_types.go`` (``RevisionSpec``
inlines ``corev1.PodSpec``), ``service_types.go``, ``configuration_types.go``,
``pkg/apis/serving/v1/revision_defaults.go :: RevisionSpec.SetDefaults,
applyDefaultContainerNames`` and ``pkg/apis/config/defaults.go``
(``DefaultUserContainerName``, ``DefaultInitContainerName``).
"""

from __future__ import annotations

from cmdresolve.model.frozen import replace
from cmdresolve.model.kubernetes import EnvValueSource, EnvVar, PodSpec

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.sources.kubernetes.json_reader import JsonReader
    from cmdresolve.sources.kubernetes.yaml_reader import YamlReader

    _Reader = YamlReader | JsonReader

__all__ = ["KNATIVE_TEMPLATE_PATHS", "knative_default_names", "with_knative_env"]

KNATIVE_TEMPLATE_PATHS: dict[str, tuple[str, ...]] = {
    "Service": ("spec", "template"),
    "Configuration": ("spec", "template"),
    "Revision": (),
}
"""Where each Knative kind keeps the object holding its pod ``spec``."""

USER_CONTAINER = "user-container"
INIT_CONTAINER = "init-container"


def knative_default_names(r: _Reader) -> Any:
    """The ``unnamed`` callback of ``read_pod_spec``: the names Knative's defaulting
    gives to containers without one."""

    def names(spec: dict[str, Any], spec_path: str) -> dict[tuple[str, int], str]:
        written: dict[str, list[str]] = {}
        for field in ("containers", "initContainers"):
            where = f"{spec_path}.{field}"
            items = r.sequence(spec.get(field), where) or ()
            written[field] = [_name(r, item, f"{where}[{i}]") for i, item in enumerate(items)]
        taken = {name for names in written.values() for name in names if name}
        given: dict[tuple[str, int], str] = {}
        for field, default in (("containers", USER_CONTAINER), ("initContainers", INIT_CONTAINER)):
            suffix = 0
            items = written[field]
            for index, own in enumerate(items):
                if own:
                    continue
                name = default
                if len(items) > 1 or name in taken:
                    while True:  # kmeta.ChildName: short names are joined as they are
                        name = f"{default}-{suffix}"
                        suffix += 1
                        if name not in taken:
                            break
                given[(field, index)] = name
        return given

    return names


def _name(r: _Reader, item: Any, path: str) -> str:
    fields = r.mapping(item, path, item=True) or {}
    return r.string(fields.get("name"), path + ".name") or ""


DEFAULT_USER_PORT = 8080  # pkg/apis/serving/v1/revision_helpers.go :: DefaultUserPort
REVISION_LABEL = "serving.knative.dev/revision"
ADDED_BY = "Knative"


def with_knative_env(
    r: _Reader,
    pod: PodSpec,
    kind: str,
    name: str,
    meta: dict[str, Any],
    template_meta: dict[str, Any],
    spec: dict[str, Any],
) -> PodSpec:
    """The pod with the variables Knative appends to each user container's env.

    The serving container (the only one, or the one with ``ports``) gets ``PORT``, its
    first ``containerPort`` or 8080; every container then gets ``K_REVISION``,
    ``K_CONFIGURATION`` and ``K_SERVICE``. They come after the user's own, so
    ``$(PORT)`` resolves in command and args but not in an earlier env value. The
    revision's name is generated unless the template names it; it is then the pod's
    ``serving.knative.dev/revision`` label, known only in the cluster.

    Authority: knative/serving ``pkg/reconciler/revision/resources/deploy.go ::
    BuildUserContainers, makeServingContainer, makeContainer, buildUserPortEnv`` and
    ``env_var.go :: getKnativeEnvVar``, ``pkg/apis/serving/v1/revision_helpers.go ::
    GetContainer`` (docs/semantics.md §3.9).
    """
    containers = r.sequence(spec.get("containers"), pod.path + ".containers") or ()
    ports = [
        _first_port(r, item, f"{pod.path}.containers[{i}]") for i, item in enumerate(containers)
    ]
    serving = 0 if len(ports) == 1 else next((i for i, p in enumerate(ports) if p is not None), -1)
    port = ports[serving] if serving >= 0 else None
    labels = dict(pod.labels)
    if kind == "Revision":
        revision: str | None = name
        configuration = _label(r, meta, "serving.knative.dev/configuration")
        service = _label(r, meta, "serving.knative.dev/service")
    else:
        revision = r.string(template_meta.get("name"), "spec.template.metadata.name") or None
        configuration = name
        service = name if kind == "Service" else _label(r, meta, "serving.knative.dev/service")
    if revision is not None:
        labels.setdefault(REVISION_LABEL, revision)
    shared = (
        _var("K_REVISION", revision, pod.path),
        _var("K_CONFIGURATION", configuration, pod.path),
        _var("K_SERVICE", service, pod.path),
    )
    index, result = 0, []
    for container in pod.containers:
        if container.container_type != "container":
            result.append(container)
            continue
        added: tuple[EnvVar, ...] = shared
        if index == serving:
            added = (_var("PORT", str(port or DEFAULT_USER_PORT), pod.path), *shared)
        result.append(replace(container, env=(*container.env, *added)))
        index += 1
    return replace(pod, containers=tuple(result), labels=tuple(labels.items()))


def _first_port(r: _Reader, item: Any, path: str) -> int | None:
    """The first ``containerPort`` (0 when unset), or None without ``ports``."""
    fields = r.mapping(item, path, item=True) or {}
    ports = r.sequence(fields.get("ports"), path + ".ports") or ()
    if not ports:
        return None
    first = r.mapping(ports[0], path + ".ports[0]", item=True) or {}
    return r.integer(first.get("containerPort"), path + ".ports[0].containerPort") or 0


def _label(r: _Reader, meta: dict[str, Any], key: str) -> str:
    labels = r.mapping(meta.get("labels"), "metadata.labels") or {}
    return r.string(labels.get(key), f"metadata.labels.{key}") or ""


def _var(name: str, value: str | None, path: str) -> EnvVar:
    """A variable Knative appends; the revision name, when generated, is the pod's label."""
    if value is not None:
        return EnvVar(name, value, None, None, path, ADDED_BY)
    source = EnvValueSource("fieldRef", field_path=f"metadata.labels['{REVISION_LABEL}']")
    return EnvVar(name, None, source, None, path, ADDED_BY)
