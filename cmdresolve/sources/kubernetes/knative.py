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

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.sources.kubernetes.json_reader import JsonReader
    from cmdresolve.sources.kubernetes.yaml_reader import YamlReader

    _Reader = YamlReader | JsonReader

__all__ = ["KNATIVE_GROUP", "KNATIVE_TEMPLATE_PATHS", "knative_default_names"]

KNATIVE_GROUP = "serving.knative.dev/"
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
