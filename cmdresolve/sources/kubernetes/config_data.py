"""ConfigMaps and Secrets in Kubernetes manifests, their data read as text, and the
``map[string]string`` read that ConfigMap data shares with pod labels and annotations.

Authority: k8s.io/api ``core/v1/types.go`` (``ConfigMap``, ``Secret``: ``data`` is
``map[string]string`` in a ConfigMap and ``map[string][]byte``, base64 in JSON, in a
Secret). Secret ``stringData`` overrides ``data``:
``pkg/apis/core/v1/conversion.go :: Convert_v1_Secret_To_core_Secret``.
"""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.kubernetes import ConfigData

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.model.kubernetes import ConfigKind
    from cmdresolve.sources.kubernetes.json_reader import JsonReader
    from cmdresolve.sources.kubernetes.yaml_reader import YamlReader

    _Reader = YamlReader | JsonReader  # the same reads over YAML nodes or JSON values


__all__ = ["read_config_data", "read_string_map"]


def read_config_data(
    r: _Reader,
    kind: str,
    name: str,
    namespace: str | None,
    obj: dict[str, Any],
    prefix: str,
    value: Any,
) -> ConfigData:
    """A ``ConfigMap`` or ``Secret`` (``kind``) with its data as text (``prefix`` is the
    path of the object, ending in a dot, or empty)."""
    if kind == "ConfigMap":
        data = dict(read_string_map(r, obj.get("data"), prefix + "data"))
    else:
        data = _secret_data(r, obj.get("data"), prefix + "data")
        data.update(read_string_map(r, obj.get("stringData"), prefix + "stringData"))
    config_kind: ConfigKind = "ConfigMap" if kind == "ConfigMap" else "Secret"
    return ConfigData(config_kind, name, namespace, tuple(data.items()), r.span(value))


def read_string_map(r: _Reader, value: Any, path: str) -> tuple[tuple[str, str], ...]:
    """A ``map[string]string`` (labels, annotations, ConfigMap data)."""
    fields = r.mapping(value, path)
    if not fields:
        return ()
    string = r.string
    return tuple((key, string(item, f"{path}.{key}") or "") for key, item in fields.items())


def _secret_data(r: _Reader, value: Any, path: str) -> dict[str, str]:
    """Secret ``data``: base64 (``[]byte`` in JSON, Go ``base64.StdEncoding``, which
    skips line breaks) holding UTF-8 text."""
    import base64

    result = {}
    for key, item in (r.mapping(value, path) or {}).items():
        where = f"{path}.{key}"
        encoded = (r.string(item, where) or "").replace("\n", "").replace("\r", "")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except ValueError:  # binascii.Error, and non-ASCII text (not base64 either)
            message = N_("{path}: not valid base64 (put plain text under stringData instead)")
            raise r.fail(where, message, item) from None
        try:
            result[key] = raw.decode("utf-8")
        except UnicodeDecodeError:
            message = N_("{path}: decodes to bytes that are not UTF-8 text")
            raise r.fail(where, message, item) from None
    return result
