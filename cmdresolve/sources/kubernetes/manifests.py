"""Kubernetes manifests: every pod template, its containers in start order, and the
ConfigMaps and Secrets given with them.

Input is multi-document YAML, or JSON such as ``kubectl get … -o json`` (one object, a
``List``, or objects one after another), read with the json module. Pod templates come
from ``Pod`` (``spec``), ``PodTemplate`` (``template``), ``Deployment``, ``ReplicaSet``,
``ReplicationController``, ``StatefulSet``, ``DaemonSet``, ``Job`` (``spec.template``) and
``CronJob`` (``spec.jobTemplate.spec.template``); ``List`` items are read recursively.
Objects of Argo Workflows (:mod:`~cmdresolve.sources.kubernetes.argo`), Tekton
(:mod:`~cmdresolve.sources.kubernetes.tekton`) and Knative Serving
(:mod:`~cmdresolve.sources.kubernetes.knative`) that embed container specs give their
pods too, told by kind and API group. Other kinds are skipped with a note.

Only the fields that decide the process are read, and each is checked the way the API
server decodes and validates it: ``command``/``args`` are ``[]string``, and a YAML 1.1
number, boolean or null where a string belongs is an error whose message says so (see
:mod:`cmdresolve.sources.kubernetes.yaml_nodes` for how YAML scalars are typed).

Authority: k8s.io/api ``core/v1/types.go`` (``PodSpec``, ``Container``, ``EnvVar``,
``EnvVarSource``, ``EnvFromSource``, ``ConfigMap``, ``Secret``), ``apps/v1`` and
``batch/v1`` ``types.go`` (where each kind keeps its template), and kubernetes
``pkg/apis/core/validation/validation.go`` (``validateContainers``: a name is required and
unique across init, regular and ephemeral containers; ``validateEnvVarValueFrom``,
``validateEnvFrom``: exactly one source). Secret ``stringData`` overrides ``data``:
``pkg/apis/core/v1/conversion.go :: Convert_v1_Secret_To_core_Secret``.

This module reads the documents and dispatches on kind. Pod specs, their containers,
env, envFrom and securityContext are read in :mod:`cmdresolve.sources.kubernetes.pods`,
ConfigMap and Secret data in :mod:`cmdresolve.sources.kubernetes.config_data`.
"""

from __future__ import annotations

import gc
import re

from cmdresolve.discover.classify import looks_like_manifest
from cmdresolve.model import InputError, Notice, NoticeKind, Span
from cmdresolve.model.facts import N_
from cmdresolve.model.kubernetes import ConfigData, Manifests, PodSpec
from cmdresolve.sources.kubernetes.argo import ARGO_KINDS, read_argo_pods
from cmdresolve.sources.kubernetes.config_data import read_config_data
from cmdresolve.sources.kubernetes.knative import (
    KNATIVE_TEMPLATE_PATHS,
    knative_default_names,
    with_knative_env,
)
from cmdresolve.sources.kubernetes.pods import read_pod_spec
from cmdresolve.sources.kubernetes.tekton import TEKTON_KINDS, read_tekton_pods
from cmdresolve.sources.text import json_int, json_nesting_line, read_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from json import JSONDecoder
    from typing import Any

    from cmdresolve.sources.kubernetes.json_reader import JsonReader
    from cmdresolve.sources.kubernetes.yaml_reader import YamlReader

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
EMBEDDING_KINDS = frozenset(ARGO_KINDS) | TEKTON_KINDS | frozenset(KNATIVE_TEMPLATE_PATHS)

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
        raise InputError(N_("nesting too deep"), Span(path)) from None
    finally:
        if was_enabled:
            gc.enable()


def _from_json(text: str, path: str) -> Manifests:
    import json

    from cmdresolve.sources.kubernetes.json_reader import JsonReader

    try:
        documents = _json_documents(text, json.JSONDecoder(parse_int=json_int))
    except json.JSONDecodeError as exc:
        span = Span(path, exc.lineno, exc.colno)
        raise InputError(N_("invalid JSON: {problem}"), span, problem=exc.msg) from None
    except RecursionError:
        span = Span(path, json_nesting_line(text))
        raise InputError(N_("invalid JSON: nesting too deep"), span) from None
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
    from cmdresolve.sources.kubernetes.yaml_nodes import compose_documents
    from cmdresolve.sources.kubernetes.yaml_reader import YamlReader

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
        self.notes: list[Notice] = []
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
            raise r.fail(
                prefix + "kind", N_("{path}: required (every Kubernetes object has a kind)"), value
            )
        if kind in TEMPLATE_PATHS:
            self._workload(kind, obj, meta, prefix, value)
        elif kind in EMBEDDING_KINDS and self._embedding(kind, obj, meta, prefix, value):
            return
        elif kind.endswith("List") and (kind == "List" or "items" in obj):
            self._list(kind, obj, prefix, value)
        elif kind in ("ConfigMap", "Secret"):
            self._config(kind, obj, meta, prefix, value)
        else:
            try:
                name = r.string(meta.get("name"), prefix + "metadata.name") or ""
            except InputError:  # not ours to validate
                name = "?"
            params = {"kind": kind, "name": name}
            self.notes.append(Notice(NoticeKind.NOT_A_WORKLOAD, r.span(value), params))

    def _list(self, kind: str, obj: dict[str, Any], prefix: str, value: Any) -> None:
        """``List`` (``kubectl get -o yaml``) or a typed list such as ``PodList``, whose
        items may omit their kind (k8s.io/apimachinery ``meta/v1 List``, ``<Kind>List``)."""
        if id(value) in self._lists:
            raise self.r.fail(
                prefix + "items", N_("{path}: recursive alias: the List contains itself"), value
            )
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
            raise r.fail(prefix + "metadata.name", N_("{path}: required"), value)
        return name

    def _workload(
        self,
        kind: str,
        obj: dict[str, Any],
        meta: dict[str, Any],
        prefix: str,
        value: Any,
        knative: tuple[str, ...] | None = None,
    ) -> None:
        """A pod, or the pod template of a workload (``knative``: where a Knative kind
        keeps the object holding its pod spec)."""
        r = self.r
        workload = f"{kind}/{self._name(meta, prefix, value)}"
        namespace = self._namespace(meta, prefix)
        if kind == "Pod" and knative is None:
            pod_name = r.string(meta.get("name"), prefix + "metadata.name") or None
            self.pods.append(
                read_pod_spec(r, workload, namespace, pod_name, meta, obj, prefix[:-1], value)
            )
            return
        holder, path = obj, prefix[:-1]
        for key in TEMPLATE_PATHS[kind] if knative is None else knative:
            path = f"{path}.{key}" if path else key
            child = holder.get(key)
            mapping = r.mapping(child, path)
            if mapping is None:
                raise r.fail(path, N_("{path}: required"), value)
            holder, value = mapping, child
        template_meta = r.mapping(holder.get("metadata"), path + ".metadata") or {}
        unnamed = None if knative is None else knative_default_names(r)
        pod = read_pod_spec(
            r, workload, namespace, None, template_meta, holder, path, value, unnamed
        )
        if knative is not None:
            spec = r.mapping(holder.get("spec"), pod.path) or {}
            name = workload.partition("/")[2]
            pod = with_knative_env(r, pod, kind, name, meta, template_meta, spec)
        self.pods.append(pod)

    def _embedding(
        self,
        kind: str,
        obj: dict[str, Any],
        meta: dict[str, Any],
        prefix: str,
        value: Any,
    ) -> bool:
        """Argo, Tekton and Knative objects that embed container specs; False if not one
        (a kind of the same name in another API group)."""
        r = self.r
        group = _group(r, obj, prefix)
        if group == "argoproj.io" and kind in ARGO_KINDS:
            workload = f"{kind}/{self._name(meta, prefix, value)}"
            self.pods.extend(
                read_argo_pods(r, workload, self._namespace(meta, prefix), obj, prefix, value)
            )
        elif group == "tekton.dev" and kind in TEKTON_KINDS:
            workload = f"{kind}/{self._name(meta, prefix, value)}"
            namespace = self._namespace(meta, prefix)
            pods = read_tekton_pods(r, workload, namespace, obj, prefix, value, self.notes)
            self.pods.extend(pods)
        elif group == "serving.knative.dev" and kind in KNATIVE_TEMPLATE_PATHS:
            self._workload(kind, obj, meta, prefix, value, KNATIVE_TEMPLATE_PATHS[kind])
        else:
            return False
        return True

    def _namespace(self, meta: dict[str, Any], prefix: str) -> str | None:
        return self.r.string(meta.get("namespace"), prefix + "metadata.namespace") or None

    def _config(
        self, kind: str, obj: dict[str, Any], meta: dict[str, Any], prefix: str, value: Any
    ) -> None:
        r = self.r
        name = self._name(meta, prefix, value)
        namespace = r.string(meta.get("namespace"), prefix + "metadata.namespace") or None
        self.config.append(read_config_data(r, kind, name, namespace, obj, prefix, value))


def _group(r: _Reader, obj: dict[str, Any], prefix: str) -> str | None:
    """The API group of ``apiVersion`` (``argoproj.io`` of ``argoproj.io/v1alpha1``);
    None for the core group or when it is not a string."""
    try:
        version = r.string(obj.get("apiVersion"), prefix + "apiVersion")
    except InputError:  # not ours to validate
        return None
    group, slash, _ = (version or "").rpartition("/")
    return group if slash else None
