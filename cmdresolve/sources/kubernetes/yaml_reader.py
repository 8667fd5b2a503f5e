"""Typed reads over composed PyYAML nodes, as the API server would decode them.

Each read checks a value the way k8s.io/api's Go types take it, typing plain scalars as
go-yaml v2 does (:mod:`cmdresolve.sources.kubernetes.yaml_scalars`), applying merge keys in go-yaml
v2 order and counting go-yaml's alias-expansion budget while walking
(``goyaml.v2/decode.go :: allowedAliasRatio``). Nodes come from
:func:`cmdresolve.sources.kubernetes.yaml_nodes.compose_documents`.
"""

from __future__ import annotations

from cmdresolve.model import Arg, InputError, Span
from cmdresolve.model.facts import N_, Words
from cmdresolve.sources.kubernetes.yaml_scalars import (
    LIST_NOT_STRING,
    WANT,
    describe,
    not_a_string,
    plain_is_string,
    scalar_type,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.model.facts import Param
    from cmdresolve.model.origins import Origin

__all__ = ["YamlReader", "mapping_keys"]


class YamlReader:
    """Typed reads of one document's nodes, as the API server would decode them.

    Every mapping or list walked twice (through an alias) counts against go-yaml v2's
    budget, ``goyaml.v2/decode.go :: allowedAliasRatio``: over 100 aliased values that
    make up more than 99% of all values decoded (10% past 4 million) is refused.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self._seen: set[int] = set()
        self._walked = 0
        self._aliased = 0

    def span(self, node: Any) -> Span:
        mark = node.start_mark
        return Span(self.file, mark.line + 1, mark.column + 1)

    def fail(
        self, path: str, template: str, node: Any, code: str | None = None, **params: Param
    ) -> InputError:
        """``template`` starts with ``{path}: `` (every read has a path)."""
        line = None if node is None else node.start_mark.line + 1
        return InputError(template, Span(self.file, line), code, path=path, **params)

    def items(self, node: Any) -> list[Any] | None:
        """The entries of a top-level list, or None when ``node`` is not a list."""
        return node.value if node.id == "sequence" else None

    def is_null(self, node: Any) -> bool:
        return node is None or (node.id == "scalar" and scalar_type(node) == ("null", "null"))

    def mapping(self, node: Any, path: str, item: bool = False) -> dict[str, Any] | None:
        """The mapping's keys (merge keys applied), None when absent or null."""
        if node is not None and node.id == "mapping":
            self._expand(node, path)
            pairs = mapping_keys(node)
            return self._merged(node, path, set()) if "<<" in pairs else pairs
        if not item and self.is_null(node):
            return None
        raise self._want(path, "a mapping", node)

    def sequence(self, node: Any, path: str, what: str = "a list") -> list[Any] | None:
        if node is not None and node.id == "sequence":
            self._expand(node, path)
            return node.value  # type: ignore[no-any-return]
        if self.is_null(node):
            return None
        raise self._want(path, what, node)

    def string(self, node: Any, path: str, item: bool = False) -> str | None:
        if node is None:
            return None
        if node.id == "scalar":
            typed = scalar_type(node)
            if typed is None:
                return node.value  # type: ignore[no-any-return]
            if typed[0] == "null" and not item:
                return None
            template, params = not_a_string(*typed, node.value if not node.tag else None)
            # Kubernetes decodes YAML 1.1 (go-yaml v2): the API refuses the typed value.
            raise self.fail(path, template, node, "CR303", **params)
        raise self.fail(path, N_("{path}: must be a string, got {got}"), node, got=describe(node))

    def boolean(self, node: Any, path: str) -> bool | None:
        typed = None if node is None or node.id != "scalar" else scalar_type(node)
        if node is None or typed == ("null", "null"):
            return None
        if typed is not None and typed[0] == "boolean":
            return typed[1] == "true"
        raise self._want(path, "a boolean (true or false)", node)

    def quantity(self, node: Any, path: str) -> str | None:
        """A resource.Quantity: a string or a number (``UnmarshalJSON`` takes both)."""
        typed = None if node is None or node.id != "scalar" else scalar_type(node)
        if typed is not None and typed[0] in ("integer", "float"):
            return node.value  # type: ignore[no-any-return]
        return self.string(node, path)

    def integer(self, node: Any, path: str) -> int | None:
        """An int64 field. sigs.k8s.io/yaml turns YAML into JSON first, so a float with
        no fraction (``1e3``) arrives as the JSON number 1000 and decodes too."""
        typed = None if node is None or node.id != "scalar" else scalar_type(node)
        if node is None or typed == ("null", "null"):
            return None
        if typed is not None and typed[0] == "integer" and typed[1].lstrip("-").isdigit():
            return int(typed[1])
        if typed is not None and typed[0] == "float" and float(typed[1]).is_integer():
            return int(float(typed[1]))
        raise self._want(path, "an integer", node)

    def args(self, node: Any, path: str, origin: Origin) -> tuple[Arg, ...] | None:
        """``command``/``args``: a list of strings; each item keeps its span and path."""
        items = self.sequence(node, path, "a list of strings")
        if items is None:
            return None
        file, result = self.file, []
        for index, item in enumerate(items):
            where = f"{path}[{index}]"
            if item.id == "scalar" and not item.tag and (item.style or plain_is_string(item.value)):
                value = item.value
            else:
                value = self.string(item, where, item=True)
            mark = item.start_mark
            result.append(
                Arg(value, origin, Span(file, mark.line + 1, mark.column + 1), where)
            )
        return tuple(result)

    def _want(self, path: str, what: str, node: Any) -> InputError:
        got = Words(N_("null")) if node is None else describe(node)
        if what == "a list of strings" and got.startswith("string "):
            return self.fail(path, LIST_NOT_STRING, node, got=got)
        return self.fail(path, WANT[what], node, got=got)

    def _expand(self, node: Any, path: str) -> None:
        size = len(node.value)
        self._walked += size
        if id(node) not in self._seen:
            self._seen.add(id(node))
            return
        self._aliased += size
        walked = self._walked
        ratio = 0.99 if walked <= 400_000 else max(0.10, 0.99 - 0.89 * (walked - 400_000) / 3.6e6)
        if self._aliased > 100 and walked > 1000 and self._aliased > ratio * walked:
            message = N_("{path}: document contains excessive aliasing (a YAML alias bomb)")
            raise self.fail(path, message, node)

    def _merged(self, node: Any, path: str, active: set[int]) -> dict[str, Any]:
        """Keys with ``<<`` merges applied in go-yaml v2 order (``decode.go :: merge``):
        a merge sets its keys where it stands, a list of maps from last to first."""
        if id(node) in active:
            raise self.fail(
                path, N_("{path}: recursive alias: a merge key (<<) includes its own mapping"), node
            )
        active.add(id(node))
        result: dict[str, Any] = {}
        for key, value in node.value:
            if key.id != "scalar":
                continue
            if not (key.value == "<<" and not key.style and not key.tag):
                result[key.value] = value
                continue
            sources = value.value if value.id == "sequence" else [value]
            for source in reversed(sources):
                if source.id != "mapping":
                    raise self.fail(
                        path,
                        N_("{path}: map merge requires map or sequence of maps as the value"),
                        source,
                    )
                self._expand(source, path)
                result.update(self._merged(source, path, active))
        active.discard(id(node))
        return result


def mapping_keys(node: Any) -> dict[str, Any]:
    """A mapping node's values by key; keys that are not scalars are left out."""
    try:
        return {key.value: value for key, value in node.value}
    except TypeError:  # a mapping or list used as a key: never a field of ours
        return {key.value: value for key, value in node.value if key.id == "scalar"}
