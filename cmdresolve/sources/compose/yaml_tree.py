"""A compose file's YAML as Compose reads it: YAML 1.2 scalars, ``<<`` merge keys,
duplicate keys refused, tags kept.

Authority: compose-spec/compose-go ``loader/loader.go :: loadYamlFile`` decodes with
go-yaml v3 (``go.yaml.in/yaml``), whose ``resolve.go :: resolve`` types a plain scalar
by YAML 1.2's core schema: only ``true``/``false`` (any case form of them) are
booleans, so ``yes``, ``no``, ``on`` and ``off`` stay strings; ``~``, ``null`` and an
empty value are null. ``<<`` takes the keys of the mapping (or of each mapping in a
list, the first one winning) that the mapping does not set itself (docs/semantics.md
§12.1).
"""

from __future__ import annotations

import re

from cmdresolve.model import InputError, Span
from cmdresolve.model.compose import YList, YMap, YScalar
from cmdresolve.model.facts import N_
from cmdresolve.sources.kubernetes.yaml_nodes import compose_documents

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.model.compose import Scalar, YNode

__all__ = ["read_compose_documents", "read_compose_yaml", "typed_scalar"]

_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_INT = re.compile(r"[-+]?(?:[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = frozenset((".inf", ".Inf", ".INF", "+.inf", "-.inf", ".nan", ".NaN", ".NAN"))
_STR_TAG = "tag:yaml.org,2002:str"


def typed_scalar(text: str, plain: bool, tag: str | None) -> Scalar:
    """The value go-yaml v3 gives a scalar: a quoted or block scalar, or one tagged
    ``!!str``, is a string."""
    if not plain or tag == _STR_TAG:
        return text
    if text in _NULL:
        return None
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    if _INT.fullmatch(text):
        return int(text, 0) if not text.lstrip("+-").startswith("0") or text in "0" else _int(text)
    if _FLOAT.fullmatch(text) or text in _SPECIAL_FLOAT:
        return float(text.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf"))
    return text


def _int(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-")
    base = {"0x": 16, "0o": 8, "0b": 2}.get(body[:2], 10)
    return sign * int(body[2:] if base != 10 else body, base)


def read_compose_yaml(text: str, path: str) -> YMap:
    """The file's first document's top-level mapping (an empty file is an empty
    mapping)."""
    return read_compose_documents(text, path)[0]


def read_compose_documents(text: str, path: str) -> list[YMap]:
    """Each document's top-level mapping, in file order (the caller merges them as
    override files). An empty file is one empty mapping; an empty document after
    others (a trailing ``---``) is refused as Compose refuses it: "top-level object
    must be a mapping" (compose-go ``loader/loader.go :: loadYamlFile``, measured on
    v2.40.3; docs/semantics.md §5.7)."""
    roots = [r for r in compose_documents(text, path)]
    reader = _Reader(path)
    if not roots:
        return [YMap(span=Span(path, 1))]
    out = []
    for root in roots:
        node = reader.node(root, set())
        if isinstance(node, YScalar) and node.value is None and len(roots) == 1:
            return [YMap(span=Span(path, 1))]
        if not isinstance(node, YMap):
            raise InputError(N_("top-level object must be a mapping"), node.span)
        out.append(node)
    return out


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.cache: dict[int, YNode] = {}

    def span(self, node: Any) -> Span:
        mark = node.start_mark
        return Span(self.path, mark.line + 1, mark.column + 1)

    def node(self, node: Any, active: set[int]) -> YNode:
        if id(node) in self.cache:  # an alias: the anchored value again
            return self.cache[id(node)]
        tag = node.tag or None
        if tag is not None and tag.startswith("tag:yaml.org,2002:") and tag != _STR_TAG:
            tag = None
        result: YNode
        if node.id == "scalar":
            value = typed_scalar(node.value, not node.style, node.tag or None)
            result = YScalar(value, self.span(node), tag)
        elif node.id == "sequence":
            result = YList(tuple(self.node(i, active) for i in node.value), self.span(node), tag)
        else:
            keys: dict[str, Span] = {}
            result = YMap(self.mapping(node, active, keys), self.span(node), tag, keys)
        self.cache[id(node)] = result
        return result

    def mapping(
        self, node: Any, active: set[int], keys: dict[str, Span] | None = None
    ) -> dict[str, YNode]:
        if id(node) in active:
            raise InputError(
                N_("invalid YAML: a merge key (<<) includes its own mapping"), self.span(node)
            )
        active = active | {id(node)}
        own: dict[str, YNode] = {}
        merged: dict[str, YNode] = {}
        for key, value in node.value:
            name = self.key(key)
            if name == "<<" and not key.style:
                sources = value.value if value.id == "sequence" else [value]
                for source in sources:
                    if source.id != "mapping":
                        raise InputError(
                            N_(
                                "invalid YAML: map merge requires map or sequence of maps as "
                                "the value"
                            ),
                            self.span(source),
                        )
                    spans: dict[str, Span] = {}
                    for k, v in self.mapping(source, active, spans).items():
                        merged.setdefault(k, v)
                        if keys is not None:
                            keys.setdefault(k, spans[k])
                continue
            if name in own:
                raise InputError(
                    N_("invalid YAML: mapping key {key!r} already defined at line {line}"),
                    self.span(key),
                    key=name,
                    line=_line(own[name]),
                )
            own[name] = self.node(value, active)
            if keys is not None:
                keys[name] = self.span(key)
        return {**{k: v for k, v in merged.items() if k not in own}, **own} if merged else own

    def key(self, key: Any) -> str:
        if key.id != "scalar":
            raise InputError(N_("invalid YAML: a mapping key must be a scalar"), self.span(key))
        return str(key.value)


def _line(node: YNode) -> int:
    return node.span.line or 0 if node.span is not None else 0
