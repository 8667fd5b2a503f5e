"""Pod specs in Kubernetes manifests: the containers in start order, with the fields that
decide each process (``command``, ``args``, ``env``, ``envFrom``, ``workingDir``,
``securityContext``), checked the way the API server decodes and validates them.

Authority: k8s.io/api ``core/v1/types.go`` (``PodSpec``, ``Container``, ``EnvVar``,
``EnvVarSource``, ``EnvFromSource``, ``SecurityContext``, ``PodSecurityContext``), and
kubernetes ``pkg/apis/core/validation/validation.go`` (``validateContainers``: a name is
required and unique across init, regular and ephemeral containers;
``validateEnvVarValueFrom``, ``validateEnvFrom``: exactly one source).
"""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.kubernetes import (
    EnvFrom,
    EnvValueSource,
    EnvVar,
    KubeContainer,
    Launcher,
    PodSpec,
    RunAs,
)
from cmdresolve.model.origins import Origin
from cmdresolve.model.process import (
    HOOK_FIELDS,
    PROBE_FIELDS,
    Handler,
    ProcessKind,
    ProcessSpec,
)
from cmdresolve.sources.kubernetes.config_data import read_string_map

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from cmdresolve.model.kubernetes import ContainerType, EnvFromKind
    from cmdresolve.sources.kubernetes.json_reader import JsonReader
    from cmdresolve.sources.kubernetes.yaml_reader import YamlReader

    _Reader = YamlReader | JsonReader  # the same reads over YAML nodes or JSON values


__all__ = ["MAX_ID", "read_container", "read_pod_spec", "read_run_as"]

MAX_ID = 2**31 - 1  # the largest runAsUser/runAsGroup the API server accepts
_CONTAINER_LISTS: tuple[tuple[str, ContainerType], ...] = (
    ("initContainers", "initContainer"),
    ("containers", "container"),
    ("ephemeralContainers", "ephemeralContainer"),
)
_VALUE_SOURCES = ("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef")
_ENV_FROM_SOURCES = ("configMapRef", "secretRef")
_ORIGIN = {
    ProcessKind.LIVENESS: Origin.POD_PROBE,
    ProcessKind.READINESS: Origin.POD_PROBE,
    ProcessKind.STARTUP: Origin.POD_PROBE,
    ProcessKind.POST_START: Origin.POD_HOOK,
    ProcessKind.PRE_STOP: Origin.POD_HOOK,
}


def read_pod_spec(
    r: _Reader,
    workload: str,
    namespace: str | None,
    pod_name: str | None,
    meta: dict[str, Any],
    holder: dict[str, Any],
    base: str,
    holder_value: Any,
    unnamed: Callable[[dict[str, Any], str], dict[tuple[str, int], str]] | None = None,
) -> PodSpec:
    """One pod spec (``base`` is the path of the object or template holding it).

    ``unnamed`` gives the names a controller's defaulting puts on containers written
    without one, by (list field, index) of the spec; without it a name is required.
    """
    dot = f"{base}." if base else ""
    spec_path, spec_value = dot + "spec", holder.get("spec")
    spec = r.mapping(spec_value, spec_path)
    if spec is None:
        raise r.fail(spec_path, N_("{path}: required"), holder_value)
    account = r.string(spec.get("serviceAccountName"), spec_path + ".serviceAccountName")
    if not account:  # the deprecated alias, copied over by the API server's defaulting
        account = r.string(spec.get("serviceAccount"), spec_path + ".serviceAccount")
    return PodSpec(
        workload=workload,
        namespace=namespace,
        pod_name=pod_name,
        labels=read_string_map(r, meta.get("labels"), dot + "metadata.labels"),
        annotations=read_string_map(r, meta.get("annotations"), dot + "metadata.annotations"),
        node_name=r.string(spec.get("nodeName"), spec_path + ".nodeName") or None,
        service_account_name=account or None,
        containers=_containers(
            r, spec, spec_path, spec_value, unnamed and unnamed(spec, spec_path)
        ),
        span=r.span(spec_value),
        path=spec_path,
        run_as=read_run_as(r, spec.get("securityContext"), spec_path + ".securityContext"),
    )


def _containers(
    r: _Reader,
    spec: dict[str, Any],
    spec_path: str,
    spec_value: Any,
    defaults: dict[tuple[str, int], str] | None = None,
) -> tuple[KubeContainer, ...]:
    """Init containers, then containers, then ephemeral containers: pod start order."""
    result: list[KubeContainer] = []
    names: set[str] = set()
    for field, container_type in _CONTAINER_LISTS:
        base = f"{spec_path}.{field}"
        for index, item in enumerate(r.sequence(spec.get(field), base) or ()):
            default = (defaults or {}).get((field, index))
            where = f"{base}[{index}]"
            result.append(_container(r, item, where, container_type, names, default))
    if not any(c.container_type == "container" for c in result):
        message = N_("{path}: required (a pod needs at least one container)")
        raise r.fail(f"{spec_path}.containers", message, spec_value)
    return tuple(result)


def _container(
    r: _Reader,
    value: Any,
    path: str,
    container_type: ContainerType,
    names: set[str],
    default: str | None = None,
) -> KubeContainer:
    fields = r.mapping(value, path, item=True) or {}
    name = r.string(fields.get("name"), path + ".name") or default
    if not name:
        raise r.fail(path + ".name", N_("{path}: required"), value)
    if name in names:
        message = N_('{path}: duplicate name "{name}"')
        raise r.fail(path + ".name", message, fields["name"], name=name)
    names.add(name)
    return read_container(r, fields, value, path, container_type, name)


def read_container(
    r: _Reader,
    fields: dict[str, Any],
    value: Any,
    path: str,
    container_type: ContainerType,
    name: str,
    launcher: Launcher | None = None,
) -> KubeContainer:
    """The fields of one container that decide its process (``name`` already chosen:
    a pod's is required, a controller may give its own, as Argo's ``main``)."""
    return KubeContainer(
        name=name,
        image=r.string(fields.get("image"), path + ".image") or None,
        command=r.args(fields.get("command"), path + ".command", Origin.POD_COMMAND),
        args=r.args(fields.get("args"), path + ".args", Origin.POD_ARGS),
        env=_env(r, fields.get("env"), path + ".env"),
        env_from=_env_from(r, fields.get("envFrom"), path + ".envFrom"),
        working_dir=r.string(fields.get("workingDir"), path + ".workingDir") or None,
        container_type=container_type,
        restart_policy=r.string(fields.get("restartPolicy"), path + ".restartPolicy") or None,
        span=r.span(value),
        path=path,
        run_as=read_run_as(r, fields.get("securityContext"), path + ".securityContext"),
        launcher=launcher,
        processes=_processes(r, fields, path),
    )


_PROBE_HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")
_HOOK_HANDLERS = ("exec", "httpGet", "tcpSocket", "sleep")


def _processes(r: _Reader, fields: dict[str, Any], path: str) -> tuple[ProcessSpec, ...]:
    """The exec probes and lifecycle hooks, and which other handler each has.

    Authority: k8s.io/api ``core/v1/types.go`` (``Probe`` and ``LifecycleHandler``
    embed one handler: ``exec.command``, ``httpGet``, ``tcpSocket``, ``grpc``,
    ``sleep``) and ``validation.go :: validateHandler`` (exactly one of them) and
    ``validateExecAction`` (``command`` is required and not empty).
    """
    found = [
        _handler(r, fields.get(key), f"{path}.{key}", kind, _PROBE_HANDLERS)
        for key, kind in PROBE_FIELDS
    ]
    lifecycle = r.mapping(fields.get("lifecycle"), path + ".lifecycle") or {}
    found += [
        _handler(r, lifecycle.get(key), f"{path}.lifecycle.{key}", kind, _HOOK_HANDLERS)
        for key, kind in HOOK_FIELDS
    ]
    return tuple(spec for spec in found if spec is not None)


def _handler(
    r: _Reader, value: Any, path: str, kind: ProcessKind, handlers: tuple[str, ...]
) -> ProcessSpec | None:
    fields = r.mapping(value, path)
    if fields is None:
        return None
    name, handler, where = _one_of(r, fields, handlers, path, value)
    command = None
    if name == "exec":
        command = r.args(handler.get("command"), where + ".command", _ORIGIN[kind])
        if not command:  # validateExecAction: len(exec.Command) == 0 is refused
            raise r.fail(where + ".command", N_("{path}: required"), fields[name])
    return ProcessSpec(kind, Handler(name), command, r.span(value), path)


def read_run_as(r: _Reader, value: Any, path: str) -> RunAs | None:
    """runAsUser/runAsGroup, checked as the API server checks them.

    Authority: kubernetes ``pkg/apis/core/validation/validation.go ::
    ValidateSecurityContext`` (and the pod-level twin) with apimachinery
    ``pkg/util/validation/validation.go :: IsValidUserID, IsValidGroupID``: an
    int64 from 0 to 2147483647.
    """
    fields = r.mapping(value, path)
    if fields is None:
        return None
    ids = []
    for key in ("runAsUser", "runAsGroup"):
        node = fields.get(key)
        number = r.integer(node, f"{path}.{key}")
        if number is not None and not 0 <= number <= MAX_ID:
            message = N_("{path}: must be between 0 and {max}, inclusive, got {number}")
            raise r.fail(f"{path}.{key}", message, node, max=MAX_ID, number=number)
        ids.append(number)
    user, group = ids
    return None if user is None and group is None else RunAs(user, group, path)


def _env(r: _Reader, value: Any, path: str) -> tuple[EnvVar, ...]:
    result = []
    for index, item in enumerate(r.sequence(value, path) or ()):
        where = f"{path}[{index}]"
        entry = r.mapping(item, where, item=True) or {}
        name = r.string(entry.get("name"), where + ".name")
        if not name:
            raise r.fail(where + ".name", N_("{path}: required"), item)
        literal = r.string(entry.get("value"), where + ".value")
        source = _value_from(r, entry.get("valueFrom"), where + ".valueFrom")
        result.append(EnvVar(name, literal, source, r.span(item), where))
    return tuple(result)


def _value_from(r: _Reader, value: Any, path: str) -> EnvValueSource | None:
    fields = r.mapping(value, path)
    if fields is None:
        return None
    kind, ref, where = _one_of(r, fields, _VALUE_SOURCES, path, value)

    def text(key: str) -> str | None:
        return r.string(ref.get(key), f"{where}.{key}")

    optional = bool(r.boolean(ref.get("optional"), where + ".optional"))
    match kind:
        case "configMapKeyRef" | "secretKeyRef":
            return EnvValueSource(kind, name=text("name"), key=text("key"), optional=optional)
        case "fieldRef":
            return EnvValueSource(kind, field_path=text("fieldPath"))
        case "resourceFieldRef":
            divisor = r.quantity(ref.get("divisor"), where + ".divisor")
            return EnvValueSource(
                kind,
                resource=text("resource"),
                container_name=text("containerName") or None,
                divisor=divisor,
            )
        case _:  # fileKeyRef: volumeName, path, key
            return EnvValueSource(
                "fileKeyRef",
                name=text("volumeName"),
                key=text("key"),
                optional=optional,
                field_path=text("path"),
            )


def _env_from(r: _Reader, value: Any, path: str) -> tuple[EnvFrom, ...]:
    result = []
    for index, item in enumerate(r.sequence(value, path) or ()):
        where = f"{path}[{index}]"
        entry = r.mapping(item, where, item=True) or {}
        kind, ref, ref_path = _one_of(r, entry, _ENV_FROM_SOURCES, where, item)
        name = r.string(ref.get("name"), ref_path + ".name")
        if not name:
            raise r.fail(ref_path + ".name", N_("{path}: required"), entry[kind])
        prefix = r.string(entry.get("prefix"), where + ".prefix") or ""
        optional = bool(r.boolean(ref.get("optional"), ref_path + ".optional"))
        source: EnvFromKind = "configMapRef" if kind == "configMapRef" else "secretRef"
        result.append(EnvFrom(source, name, prefix, optional, r.span(item), where))
    return tuple(result)


def _one_of(
    r: _Reader, fields: dict[str, Any], choices: tuple[str, ...], path: str, value: Any
) -> tuple[str, dict[str, Any], str]:
    """The one source set among ``choices``, as the API server's validation demands."""
    present = [key for key in choices if not r.is_null(fields.get(key))]
    if len(present) > 1:
        raise r.fail(
            path, N_("{path}: may not have more than one field specified at a time"), value
        )
    if not present:
        names = ", ".join(f"`{key}`" for key in choices[:-1]) + f" or `{choices[-1]}`"
        raise r.fail(path, N_("{path}: must specify one of: {names}"), value, names=names)
    key = present[0]
    return key, r.mapping(fields[key], f"{path}.{key}") or {}, f"{path}.{key}"
