"""Kubernetes manifests: every pod template, its containers in start order, and the
ConfigMaps and Secrets given with them.

Input is multi-document YAML, or JSON such as ``kubectl get … -o json`` (one object, a
``List``, or objects one after another), read with the json module. Pod templates come
from ``Pod`` (``spec``), ``PodTemplate`` (``template``), ``Deployment``, ``ReplicaSet``,
``ReplicationController``, ``StatefulSet``, ``DaemonSet``, ``Job`` (``spec.template``) and
``CronJob`` (``spec.jobTemplate.spec.template``); ``List`` items are read recursively.
Other kinds are skipped with a note.

Only the fields that decide the process are read, and each is checked the way the API
server decodes and validates it: ``command``/``args`` are ``[]string``, and a YAML 1.1
number, boolean or null where a string belongs is an error whose message says so (see
:mod:`cmdresolve.sources.yaml_nodes` for how YAML scalars are typed).

Authority: k8s.io/api ``core/v1/types.go`` (``PodSpec``, ``Container``, ``EnvVar``,
``EnvVarSource``, ``EnvFromSource``, ``ConfigMap``, ``Secret``), ``apps/v1`` and
``batch/v1`` ``types.go`` (where each kind keeps its template), and kubernetes
``pkg/apis/core/validation/validation.go`` (``validateContainers``: a name is required and
unique across init, regular and ephemeral containers; ``validateEnvVarValueFrom``,
``validateEnvFrom``: exactly one source). Secret ``stringData`` overrides ``data``:
``pkg/apis/core/v1/conversion.go :: Convert_v1_Secret_To_core_Secret``.
"""

from __future__ import annotations

import gc
import re

from cmdresolve.model import InputError, Span
from cmdresolve.model.kubernetes import (
    ConfigData,
    EnvFrom,
    EnvValueSource,
    EnvVar,
    KubeContainer,
    Manifests,
    PodSpec,
    RunAs,
)
from cmdresolve.sources.sniff import looks_like_manifest
from cmdresolve.sources.text import read_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from json import JSONDecoder
    from typing import Any

    from cmdresolve.model.kubernetes import ConfigKind, ContainerType, EnvFromKind
    from cmdresolve.sources.yaml_nodes import JsonReader, YamlReader

    _Reader = YamlReader | JsonReader  # the same reads over YAML nodes or JSON values


__all__ = ["load_manifests", "looks_like_manifest", "parse_manifests"]

TEMPLATE_PATHS: dict[str, tuple[str, ...]] = {
    "Pod": (),
    "PodTemplate": ("template",),
    "Deployment": ("spec", "template"),
    "ReplicaSet": ("spec", "template"),
    "ReplicationController": ("spec", "template"),
    "StatefulSet": ("spec", "template"),
    "DaemonSet": ("spec", "template"),
    "Job": ("spec", "template"),
    "CronJob": ("spec", "jobTemplate", "spec", "template"),
}
"""Where each workload kind keeps its pod template (``Pod`` is its own)."""

MAX_ID = 2**31 - 1  # the largest runAsUser/runAsGroup the API server accepts
_CONTAINER_LISTS: tuple[tuple[str, ContainerType], ...] = (
    ("initContainers", "initContainer"),
    ("containers", "container"),
    ("ephemeralContainers", "ephemeralContainer"),
)
_VALUE_SOURCES = ("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef")
_ENV_FROM_SOURCES = ("configMapRef", "secretRef")
_JSON_START = re.compile(r'[ \t\r\n]*[{\[][ \t\r\n{\[]*["}\]]')
_WHITESPACE = re.compile(r"[ \t\r\n]*")


def load_manifests(path: str) -> Manifests:
    """Read the file at ``path`` (UTF-8, at most 64 MB) and parse it."""
    return parse_manifests(read_text(path, "Kubernetes manifest"), path)


def parse_manifests(text: str, path: str) -> Manifests:
    """Every pod template and ConfigMap/Secret in ``text``, in document order.

    JSON (the text opens with ``{`` or ``[`` and then a double-quoted string, as
    ``kubectl get -o json`` output does) is read with the json module, anything else as
    YAML, so YAML flow style (``{apiVersion: v1, …}``) stays YAML. Raises
    :class:`InputError` with ``path`` and a line for input that cannot be read and for
    any value the API server would refuse in the fields read here.

    The cyclic garbage collector is paused meanwhile: what is built here holds no
    cycles, and collection passes over the many new objects cost a third of the time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        text = text.removeprefix("\ufeff")
        return _from_json(text, path) if _JSON_START.match(text) else _from_yaml(text, path)
    except RecursionError:  # Lists nested hundreds deep
        raise InputError("nesting too deep", Span(path)) from None
    finally:
        if was_enabled:
            gc.enable()


def _from_json(text: str, path: str) -> Manifests:
    import json

    from cmdresolve.sources.yaml_nodes import JsonReader

    try:
        documents = _json_documents(text, json.JSONDecoder())
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", Span(path, exc.lineno, exc.colno)) from None
    except RecursionError:
        raise InputError("invalid JSON: nesting too deep", Span(path)) from None
    walk = _Walk(JsonReader(path, text))
    for start, end, document in documents:
        walk.r = JsonReader(path, text, start, end)
        walk.document(document)
    return walk.result()


def _json_documents(text: str, decoder: JSONDecoder) -> list[tuple[int, int, Any]]:
    """Each JSON value in ``text`` with its place: kubectl also reads a stream of them."""
    documents, position = [], _skip_space(text, 0)
    while position < len(text):
        document, end = decoder.raw_decode(text, position)
        documents.append((position, end, document))
        position = _skip_space(text, end)
    return documents


def _skip_space(text: str, position: int) -> int:
    match = _WHITESPACE.match(text, position)
    return match.end() if match else position


def _from_yaml(text: str, path: str) -> Manifests:
    from cmdresolve.sources.yaml_nodes import YamlReader, compose_documents

    walk = _Walk(YamlReader(path))
    for document in compose_documents(text, path):
        walk.r = YamlReader(path)  # anchors and the alias budget are per document
        walk.document(document)
    return walk.result()


class _Walk:
    """Walks objects, collecting pod specs, config and notes in document order."""

    def __init__(self, reader: _Reader) -> None:
        self.r = reader
        self.pods: list[PodSpec] = []
        self.config: list[ConfigData] = []
        self.notes: list[tuple[str, Span | None]] = []
        self._lists: set[int] = set()

    def result(self) -> Manifests:
        return Manifests(tuple(self.pods), tuple(self.config), tuple(self.notes))

    def document(self, value: Any) -> None:
        """A top-level value: an object, several in a list, or nothing (empty document)."""
        if self.r.is_null(value):
            return
        entries = self.r.items(value)
        if entries is None:
            self.object(value, "")
            return
        for index, entry in enumerate(entries):
            self.object(entry, f"[{index}].")

    def object(self, value: Any, prefix: str, default_kind: str | None = None) -> None:
        r = self.r
        obj = r.mapping(value, prefix[:-1] or "object", item=True) or {}
        meta = r.mapping(obj.get("metadata"), prefix + "metadata") or {}
        kind = r.string(obj.get("kind"), prefix + "kind") or default_kind
        if not kind:
            raise r.fail(prefix + "kind", "required (every Kubernetes object has a kind)", value)
        if kind in TEMPLATE_PATHS:
            self._workload(kind, obj, meta, prefix, value)
        elif kind.endswith("List") and (kind == "List" or "items" in obj):
            self._list(kind, obj, prefix, value)
        elif kind in ("ConfigMap", "Secret"):
            self._config(kind, obj, meta, prefix, value)
        else:
            try:
                name = r.string(meta.get("name"), prefix + "metadata.name") or ""
            except InputError:  # not ours to validate
                name = "?"
            self.notes.append((f"skipped {kind}/{name}: not a workload", r.span(value)))

    def _list(self, kind: str, obj: dict[str, Any], prefix: str, value: Any) -> None:
        """``List`` (``kubectl get -o yaml``) or a typed list such as ``PodList``, whose
        items may omit their kind (k8s.io/apimachinery ``meta/v1 List``, ``<Kind>List``)."""
        if id(value) in self._lists:
            raise self.r.fail(prefix + "items", "recursive alias: the List contains itself", value)
        self._lists.add(id(value))
        item_kind = kind[: -len("List")] or None
        for index, item in enumerate(self.r.sequence(obj.get("items"), prefix + "items") or ()):
            self.object(item, f"{prefix}items[{index}].", item_kind)
        self._lists.discard(id(value))

    def _name(self, meta: dict[str, Any], prefix: str, value: Any) -> str:
        """``metadata.name``, else ``generateName`` (the API server requires one)."""
        r = self.r
        name = r.string(meta.get("name"), prefix + "metadata.name") or r.string(
            meta.get("generateName"), prefix + "metadata.generateName"
        )
        if not name:
            raise r.fail(prefix + "metadata.name", "required", value)
        return name

    def _workload(
        self, kind: str, obj: dict[str, Any], meta: dict[str, Any], prefix: str, value: Any
    ) -> None:
        r = self.r
        workload = f"{kind}/{self._name(meta, prefix, value)}"
        namespace = r.string(meta.get("namespace"), prefix + "metadata.namespace") or None
        if kind == "Pod":
            pod_name = r.string(meta.get("name"), prefix + "metadata.name") or None
            self._pod(workload, namespace, pod_name, meta, obj, prefix[:-1], value)
            return
        holder, path = obj, prefix[:-1]
        for key in TEMPLATE_PATHS[kind]:
            path = f"{path}.{key}" if path else key
            child = holder.get(key)
            mapping = r.mapping(child, path)
            if mapping is None:
                raise r.fail(path, "required", value)
            holder, value = mapping, child
        template_meta = r.mapping(holder.get("metadata"), path + ".metadata") or {}
        self._pod(workload, namespace, None, template_meta, holder, path, value)

    def _pod(
        self,
        workload: str,
        namespace: str | None,
        pod_name: str | None,
        meta: dict[str, Any],
        holder: dict[str, Any],
        base: str,
        holder_value: Any,
    ) -> None:
        """One pod spec (``base`` is the path of the object or template holding it)."""
        r = self.r
        dot = f"{base}." if base else ""
        spec_path, spec_value = dot + "spec", holder.get("spec")
        spec = r.mapping(spec_value, spec_path)
        if spec is None:
            raise r.fail(spec_path, "required", holder_value)
        account = r.string(spec.get("serviceAccountName"), spec_path + ".serviceAccountName")
        if not account:  # the deprecated alias, copied over by the API server's defaulting
            account = r.string(spec.get("serviceAccount"), spec_path + ".serviceAccount")
        pod = PodSpec(
            workload=workload,
            namespace=namespace,
            pod_name=pod_name,
            labels=self._pairs(meta.get("labels"), dot + "metadata.labels"),
            annotations=self._pairs(meta.get("annotations"), dot + "metadata.annotations"),
            node_name=r.string(spec.get("nodeName"), spec_path + ".nodeName") or None,
            service_account_name=account or None,
            containers=self._containers(spec, spec_path, spec_value),
            span=r.span(spec_value),
            path=spec_path,
            run_as=self._run_as(spec.get("securityContext"), spec_path + ".securityContext"),
        )
        self.pods.append(pod)

    def _containers(
        self, spec: dict[str, Any], spec_path: str, spec_value: Any
    ) -> tuple[KubeContainer, ...]:
        """Init containers, then containers, then ephemeral containers: pod start order."""
        result: list[KubeContainer] = []
        names: set[str] = set()
        for field, container_type in _CONTAINER_LISTS:
            base = f"{spec_path}.{field}"
            for index, item in enumerate(self.r.sequence(spec.get(field), base) or ()):
                result.append(self._container(item, f"{base}[{index}]", container_type, names))
        if not any(c.container_type == "container" for c in result):
            message = "required (a pod needs at least one container)"
            raise self.r.fail(f"{spec_path}.containers", message, spec_value)
        return tuple(result)

    def _container(
        self, value: Any, path: str, container_type: ContainerType, names: set[str]
    ) -> KubeContainer:
        r = self.r
        fields = r.mapping(value, path, item=True) or {}
        name = r.string(fields.get("name"), path + ".name")
        if not name:
            raise r.fail(path + ".name", "required", value)
        if name in names:
            raise r.fail(path + ".name", f'duplicate name "{name}"', fields["name"])
        names.add(name)
        return KubeContainer(
            name=name,
            image=r.string(fields.get("image"), path + ".image") or None,
            command=r.args(fields.get("command"), path + ".command", "pod.command"),
            args=r.args(fields.get("args"), path + ".args", "pod.args"),
            env=self._env(fields.get("env"), path + ".env"),
            env_from=self._env_from(fields.get("envFrom"), path + ".envFrom"),
            working_dir=r.string(fields.get("workingDir"), path + ".workingDir") or None,
            container_type=container_type,
            restart_policy=r.string(fields.get("restartPolicy"), path + ".restartPolicy") or None,
            span=r.span(value),
            path=path,
            run_as=self._run_as(fields.get("securityContext"), path + ".securityContext"),
        )

    def _run_as(self, value: Any, path: str) -> RunAs | None:
        """runAsUser/runAsGroup, checked as the API server checks them.

        Authority: kubernetes ``pkg/apis/core/validation/validation.go ::
        ValidateSecurityContext`` (and the pod-level twin) with apimachinery
        ``pkg/util/validation/validation.go :: IsValidUserID, IsValidGroupID``: an
        int64 from 0 to 2147483647.
        """
        r = self.r
        fields = r.mapping(value, path)
        if fields is None:
            return None
        ids = []
        for key in ("runAsUser", "runAsGroup"):
            node = fields.get(key)
            number = r.integer(node, f"{path}.{key}")
            if number is not None and not 0 <= number <= MAX_ID:
                message = f"must be between 0 and {MAX_ID}, inclusive, got {number}"
                raise r.fail(f"{path}.{key}", message, node)
            ids.append(number)
        user, group = ids
        return None if user is None and group is None else RunAs(user, group, path)

    def _env(self, value: Any, path: str) -> tuple[EnvVar, ...]:
        r = self.r
        result = []
        for index, item in enumerate(r.sequence(value, path) or ()):
            where = f"{path}[{index}]"
            entry = r.mapping(item, where, item=True) or {}
            name = r.string(entry.get("name"), where + ".name")
            if not name:
                raise r.fail(where + ".name", "required", item)
            literal = r.string(entry.get("value"), where + ".value")
            source = self._value_from(entry.get("valueFrom"), where + ".valueFrom")
            result.append(EnvVar(name, literal, source, r.span(item), where))
        return tuple(result)

    def _value_from(self, value: Any, path: str) -> EnvValueSource | None:
        r = self.r
        fields = r.mapping(value, path)
        if fields is None:
            return None
        kind, ref, where = self._one_of(fields, _VALUE_SOURCES, path, value)

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

    def _env_from(self, value: Any, path: str) -> tuple[EnvFrom, ...]:
        r = self.r
        result = []
        for index, item in enumerate(r.sequence(value, path) or ()):
            where = f"{path}[{index}]"
            entry = r.mapping(item, where, item=True) or {}
            kind, ref, ref_path = self._one_of(entry, _ENV_FROM_SOURCES, where, item)
            name = r.string(ref.get("name"), ref_path + ".name")
            if not name:
                raise r.fail(ref_path + ".name", "required", entry[kind])
            prefix = r.string(entry.get("prefix"), where + ".prefix") or ""
            optional = bool(r.boolean(ref.get("optional"), ref_path + ".optional"))
            source: EnvFromKind = "configMapRef" if kind == "configMapRef" else "secretRef"
            result.append(EnvFrom(source, name, prefix, optional, r.span(item), where))
        return tuple(result)

    def _one_of(
        self, fields: dict[str, Any], choices: tuple[str, ...], path: str, value: Any
    ) -> tuple[str, dict[str, Any], str]:
        """The one source set among ``choices``, as the API server's validation demands."""
        r = self.r
        present = [key for key in choices if not r.is_null(fields.get(key))]
        if len(present) > 1:
            raise r.fail(path, "may not have more than one field specified at a time", value)
        if not present:
            names = ", ".join(f"`{key}`" for key in choices[:-1]) + f" or `{choices[-1]}`"
            raise r.fail(path, f"must specify one of: {names}", value)
        key = present[0]
        return key, r.mapping(fields[key], f"{path}.{key}") or {}, f"{path}.{key}"

    def _pairs(self, value: Any, path: str) -> tuple[tuple[str, str], ...]:
        """A ``map[string]string`` (labels, annotations, ConfigMap data)."""
        fields = self.r.mapping(value, path)
        if not fields:
            return ()
        string = self.r.string
        return tuple((key, string(item, f"{path}.{key}") or "") for key, item in fields.items())

    def _config(
        self, kind: str, obj: dict[str, Any], meta: dict[str, Any], prefix: str, value: Any
    ) -> None:
        r = self.r
        name = self._name(meta, prefix, value)
        namespace = r.string(meta.get("namespace"), prefix + "metadata.namespace") or None
        if kind == "ConfigMap":
            data = dict(self._pairs(obj.get("data"), prefix + "data"))
        else:
            data = self._secret_data(obj.get("data"), prefix + "data")
            data.update(self._pairs(obj.get("stringData"), prefix + "stringData"))
        config_kind: ConfigKind = "ConfigMap" if kind == "ConfigMap" else "Secret"
        self.config.append(
            ConfigData(config_kind, name, namespace, tuple(data.items()), r.span(value))
        )

    def _secret_data(self, value: Any, path: str) -> dict[str, str]:
        """Secret ``data``: base64 (``[]byte`` in JSON, Go ``base64.StdEncoding``, which
        skips line breaks) holding UTF-8 text."""
        import base64
        import binascii

        r = self.r
        result = {}
        for key, item in (r.mapping(value, path) or {}).items():
            where = f"{path}.{key}"
            encoded = (r.string(item, where) or "").replace("\n", "").replace("\r", "")
            try:
                raw = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                message = "not valid base64 (put plain text under stringData instead)"
                raise r.fail(where, message, item) from None
            try:
                result[key] = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise r.fail(where, "decodes to bytes that are not UTF-8 text", item) from None
        return result
