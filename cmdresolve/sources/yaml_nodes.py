"""YAML read the way Kubernetes reads it, from composed PyYAML nodes.

Kubernetes turns YAML into JSON with sigs.k8s.io/yaml ``yaml.go :: YAMLToJSON``: go-yaml
v2 ``Unmarshal`` into ``interface{}`` with no target type, so nothing is coerced to a
string, and the API server then decodes that JSON into the Go types of k8s.io/api, where
a number in a ``string`` field fails. A plain scalar therefore has the type go-yaml v2
gives it (YAML 1.1; authority: sigs.k8s.io/yaml ``goyaml.v2/resolve.go :: resolve``):
``y``/``yes``/``on``/``true`` and ``n``/``no``/``off``/``false`` (lower, Title and UPPER
case) are booleans; ``~``, ``null`` and an empty value are null; ``0x10``, ``0o17``,
``017``, ``0b101`` and ``1_000`` are integers; ``1e3``, ``1.``, ``.5``, ``08`` and ``.inf``
are floats; a timestamp stays a string in ``interface{}`` (``decode.go :: scalar``); a
quoted or block scalar is always a string. PyYAML's resolver disagrees (``y``, ``1e3``
and ``0o17`` are strings to it, ``1:30`` an integer), so it is bypassed: plain scalars are
typed here, which also makes composing faster.

Nodes are composed, never constructed, so every value keeps its line. Limits keep bad
input bounded: nesting deeper than :data:`MAX_DEPTH` (go-yaml refuses 10000; libyaml's
C composer recurses and would crash the process), more than :data:`MAX_NODES` nodes in
one document, and go-yaml's own alias-expansion budget while walking
(``goyaml.v2/decode.go :: allowedAliasRatio``).
"""

from __future__ import annotations

import re

from cmdresolve.model import Arg, InputError, Span

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "JsonReader",
    "YamlReader",
    "compose_documents",
    "describe",
    "line_of_path",
    "not_a_string_hint",
    "phrase",
    "plain_scalar_type",
    "quote_string",
]

MAX_DEPTH = 1000
"""Deeper nesting is refused; real manifests nest a few dozen levels."""

MAX_NODES = 1_000_000
"""Values per document: composed, each takes about 300 bytes (``kubectl get -o yaml`` of
some 5,000 Deployments in one ``List``); JSON has no such limit."""

_HINT = frozenset("+-0123456789yYnNtTfFoO~.")
_RESOLVE_MAP: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE"), ("boolean", "true")),
    **dict.fromkeys(("on", "On", "ON"), ("boolean", "true")),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "false", "False", "FALSE"), ("boolean", "false")),
    **dict.fromkeys(("off", "Off", "OFF"), ("boolean", "false")),
    **dict.fromkeys(("~", "null", "Null", "NULL"), ("null", "null")),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), ("float", "nan")),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), ("float", "inf")),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), ("float", "-inf")),
}
_GO_INT = re.compile(r"([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)")
_GO_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_DOT_FLOAT = re.compile(r"\.[0-9]+([eE][-+]?[0-9]+)?")
_STD_TAGS = {
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:null": "null",
}
_ARTICLE = {"integer": "an integer", "float": "a float", "boolean": "a boolean", "null": "null"}


def plain_scalar_type(text: str) -> tuple[str, str] | None:
    """``None`` when go-yaml v2 reads this plain scalar as a string, else (type, value shown).

    Authority: sigs.k8s.io/yaml ``goyaml.v2/resolve.go :: resolve``: the first byte picks
    a hint; words come from ``resolveMap``; a ``.`` start is tried with ``ParseFloat``;
    a digit or sign start with ``_`` removed is tried with ``ParseInt``/``ParseUint``
    (base 0), then ``yamlStyleFloat``, then ``big.Int`` for unsigned integers out of range.
    A ``YYYY-`` start is a timestamp or nothing, a string either way.
    """
    if not text:
        return ("null", "null")
    first = text[0]
    if first not in _HINT:
        return None
    known = _RESOLVE_MAP.get(text)
    if known is not None:
        return known
    if first == ".":
        return _go_float(text) if _DOT_FLOAT.fullmatch(text) else None
    if first in "yYnNtTfFoO~":
        return None
    return _go_number(text.replace("_", ""))


def _go_number(plain: str) -> tuple[str, str] | None:
    match = _GO_INT.fullmatch(plain)
    if match is None:
        return _go_float(plain) if _GO_FLOAT.fullmatch(plain) else None
    sign, body = match.groups()
    value = _int_body(body) if len(body) <= 70 else None
    if value is not None:
        signed = -value if sign == "-" else value
        if -(2**63) <= signed < 2**63 or (not sign and signed < 2**64):
            return ("integer", str(signed))
    floated = _go_float(plain) if _GO_FLOAT.fullmatch(plain) else None
    if floated is not None:
        return floated
    return None if sign else ("integer", plain)  # big.Int takes only the unsigned


def _int_body(body: str) -> int:
    if len(body) > 1 and body[0] == "0":
        base = {"x": 16, "X": 16, "o": 8, "O": 8, "b": 2, "B": 2}.get(body[1])
        return int(body[2:], base) if base else int(body[1:], 8)
    return int(body)


def _go_float(text: str) -> tuple[str, str] | None:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        return None  # ParseFloat's ErrRange: go-yaml keeps the text as a string
    return ("float", repr(value))


def not_a_string_hint(kind: str, shown: str, text: str | None) -> str:
    """The advice after ``got <kind> <shown>``; ``text`` is the scalar as written (YAML)."""
    if kind == "null":
        if text is None:
            return ' (write "" for an empty string)'
        if text == "":
            return ' (YAML reads an empty value as null; write "" for an empty string)'
        if text != "null":
            return f' (YAML reads an unquoted {text} as null; quote it: "{text}")'
    if text is None or text == shown:
        return f' (quote it: "{shown}")'
    return f' (YAML reads an unquoted {text} as {_ARTICLE[kind]}; quote it: "{text}")'


def phrase(kind: str, shown: str) -> str:
    return "null" if kind == "null" else f"{kind} {shown}"


def _scalar_type(node: Any) -> tuple[str, str] | None:
    tag = node.tag
    if not tag:
        return None if node.style else plain_scalar_type(node.value)
    kind = _STD_TAGS.get(tag)
    if kind is None:
        return None  # !!str, !!binary, !!timestamp and unknown tags decode to strings
    typed = plain_scalar_type(node.value)
    return typed if typed is not None and typed[0] == kind else (kind, node.value)


def describe(node: Any) -> str:
    """``mapping``, ``list``, ``string "x"``, ``integer 5``: what a value is, for messages."""
    if node.id != "scalar":
        return "mapping" if node.id == "mapping" else "list"
    typed = _scalar_type(node)
    return quote_string(node.value) if typed is None else phrase(*typed)


def quote_string(text: str) -> str:
    """``string "text"`` for messages, long text cut short."""
    return f'string "{text if len(text) <= 60 else text[:57] + "..."}"'


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

    def fail(self, path: str, message: str, node: Any) -> InputError:
        line = None if node is None else node.start_mark.line + 1
        return InputError(f"{path}: {message}" if path else message, Span(self.file, line))

    def items(self, node: Any) -> list[Any] | None:
        """The entries of a top-level list, or None when ``node`` is not a list."""
        return node.value if node.id == "sequence" else None

    def is_null(self, node: Any) -> bool:
        return node is None or (node.id == "scalar" and _scalar_type(node) == ("null", "null"))

    def mapping(self, node: Any, path: str, item: bool = False) -> dict[str, Any] | None:
        """The mapping's keys (merge keys applied), None when absent or null."""
        if node is not None and node.id == "mapping":
            self._expand(node, path)
            pairs = _keys(node)
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
            typed = _scalar_type(node)
            if typed is None:
                return node.value  # type: ignore[no-any-return]
            if typed[0] == "null" and not item:
                return None
            hint = not_a_string_hint(*typed, node.value if not node.tag else None)
            raise self.fail(path, f"must be a string, got {phrase(*typed)}{hint}", node)
        raise self.fail(path, f"must be a string, got {describe(node)}", node)

    def boolean(self, node: Any, path: str) -> bool | None:
        typed = None if node is None or node.id != "scalar" else _scalar_type(node)
        if node is None or typed == ("null", "null"):
            return None
        if typed is not None and typed[0] == "boolean":
            return typed[1] == "true"
        raise self._want(path, "a boolean (true or false)", node)

    def quantity(self, node: Any, path: str) -> str | None:
        """A resource.Quantity: a string or a number (``UnmarshalJSON`` takes both)."""
        typed = None if node is None or node.id != "scalar" else _scalar_type(node)
        if typed is not None and typed[0] in ("integer", "float"):
            return node.value  # type: ignore[no-any-return]
        return self.string(node, path)

    def args(self, node: Any, path: str, origin: str) -> tuple[Arg, ...] | None:
        """``command``/``args``: a list of strings; each item keeps its span and path."""
        items = self.sequence(node, path, "a list of strings")
        if items is None:
            return None
        file, result = self.file, []
        for index, item in enumerate(items):
            where = f"{path}[{index}]"
            if item.id == "scalar" and not item.tag and (item.style or _plain_str(item.value)):
                value = item.value
            else:
                value = self.string(item, where, item=True)
            mark = item.start_mark
            result.append(
                Arg(value, origin, Span(file, mark.line + 1, mark.column + 1), None, where)
            )
        return tuple(result)

    def _want(self, path: str, what: str, node: Any) -> InputError:
        got = "null" if node is None else describe(node)
        hint = ""
        if what == "a list of strings" and got.startswith("string "):
            hint = " (write a list, one item per argument)"
        return self.fail(path, f"must be {what}, got {got}{hint}", node)

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
            raise self.fail(path, "document contains excessive aliasing (a YAML alias bomb)", node)

    def _merged(self, node: Any, path: str, active: set[int]) -> dict[str, Any]:
        """Keys with ``<<`` merges applied in go-yaml v2 order (``decode.go :: merge``):
        a merge sets its keys where it stands, a list of maps from last to first."""
        if id(node) in active:
            raise self.fail(
                path, "recursive alias: a merge key (<<) includes its own mapping", node
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
                    message = "map merge requires map or sequence of maps as the value"
                    raise self.fail(path, message, source)
                self._expand(source, path)
                result.update(self._merged(source, path, active))
        active.discard(id(node))
        return result


class JsonReader:
    """The same reads over values from the json module (JSON has no YAML typing quirks).

    Values carry no position: spans name the file only, and an error's line is found by
    composing the text as YAML flow syntax (:func:`line_of_path`), only when it happens.
    """

    def __init__(self, file: str, text: str, start: int = 0, end: int | None = None) -> None:
        self.file = file
        self._text, self._start, self._end = text, start, end  # this document's place
        self._span = Span(file)

    def span(self, value: Any) -> Span:
        return self._span

    def fail(self, path: str, message: str, value: Any) -> InputError:
        line = line_of_path(self._text[self._start : self._end], path)
        if line is not None:
            line += self._text.count("\n", 0, self._start)
        return InputError(f"{path}: {message}" if path else message, Span(self.file, line))

    def items(self, value: Any) -> list[Any] | None:
        return value if type(value) is list else None

    def is_null(self, value: Any) -> bool:
        return value is None

    def mapping(self, value: Any, path: str, item: bool = False) -> dict[str, Any] | None:
        result: dict[str, Any] | None = value
        if type(value) is dict or (value is None and not item):
            return result
        raise self._want(path, "a mapping", value)

    def sequence(self, value: Any, path: str, what: str = "a list") -> list[Any] | None:
        result: list[Any] | None = value
        if type(value) is list or value is None:
            return result
        raise self._want(path, what, value)

    def string(self, value: Any, path: str, item: bool = False) -> str | None:
        result: str | None = value
        if type(value) is str or (value is None and not item):
            return result
        kind, shown = _json_type(value)
        hint = not_a_string_hint(kind, shown, None) if kind in _ARTICLE else ""
        raise self.fail(path, f"must be a string, got {_json_describe(value)}{hint}", value)

    def boolean(self, value: Any, path: str) -> bool | None:
        result: bool | None = value
        if value is None or type(value) is bool:
            return result
        raise self._want(path, "a boolean (true or false)", value)

    def quantity(self, value: Any, path: str) -> str | None:
        if type(value) in (int, float):
            return str(value)
        return self.string(value, path)

    def args(self, value: Any, path: str, origin: str) -> tuple[Arg, ...] | None:
        items = self.sequence(value, path, "a list of strings")
        if items is None:
            return None
        span, result = self._span, []
        for index, item in enumerate(items):
            where = f"{path}[{index}]"
            text = item if type(item) is str else self.string(item, where, item=True) or ""
            result.append(Arg(text, origin, span, None, where))
        return tuple(result)

    def _want(self, path: str, what: str, value: Any) -> InputError:
        got = _json_describe(value)
        hint = ""
        if what == "a list of strings" and type(value) is str:
            hint = " (write a list, one item per argument)"
        return self.fail(path, f"must be {what}, got {got}{hint}", value)


def _json_describe(value: Any) -> str:
    kind, shown = _json_type(value)
    if kind in ("mapping", "list"):
        return kind
    return quote_string(shown) if kind == "string" else phrase(kind, shown)


def _json_type(value: Any) -> tuple[str, str]:
    if value is None:
        return ("null", "null")
    if type(value) is bool:
        return ("boolean", "true" if value else "false")
    if type(value) is int:
        return ("integer", str(value))
    if type(value) is float:
        return ("float", repr(value))
    if type(value) is str:
        return ("string", value)
    return ("mapping", "") if type(value) is dict else ("list", "")


def _keys(node: Any) -> dict[str, Any]:
    try:
        return {key.value: value for key, value in node.value}
    except TypeError:  # a mapping or list used as a key: never a field of ours
        return {key.value: value for key, value in node.value if key.id == "scalar"}


def _plain_str(text: str) -> bool:
    return bool(text) and (text[0] not in _HINT or plain_scalar_type(text) is None)


class _TooDeep(Exception):
    """Raised inside the composer; turned into an InputError with its line."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


_LOADER: Any = None


def _loader_class() -> Any:
    """A safe C loader (pure-Python SafeLoader without libyaml) that only composes.

    Its resolver answers ``""`` for every node (typing happens in :class:`YamlReader`),
    and its resolver path hooks, which the composer calls around every node, count the
    depth and the nodes so that bad input stops early.
    """
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class ManifestLoader(base):  # type: ignore[valid-type,misc]
        depth = 0
        nodes = 0

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return ""

        def descend_resolver(self, parent: Any, index: Any) -> None:
            if parent is None:
                self.nodes = 0
            self.depth += 1
            self.nodes += 1
            if self.depth > MAX_DEPTH or self.nodes > MAX_NODES:
                line = None if parent is None else parent.start_mark.line + 1
                if self.depth > MAX_DEPTH:
                    raise _TooDeep(f"nesting deeper than {MAX_DEPTH} levels", line)
                message = f"more than {MAX_NODES} values in one YAML document; split it"
                raise _TooDeep(message, line)

        def ascend_resolver(self) -> None:
            self.depth -= 1

    _LOADER = ManifestLoader
    return _LOADER


def compose_documents(text: str, path: str) -> Iterator[Any]:
    """Each document's root node, in order; errors become one-line :class:`InputError`."""
    import yaml

    loader = _loader_class()(text)
    try:
        while loader.check_node():
            yield loader.get_node()
    except _TooDeep as exc:
        raise InputError(str(exc), Span(path, exc.line)) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, path) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"invalid YAML: control character U+{code:04X} is not allowed"
        raise InputError(message, Span(path, line)) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", Span(path)) from None
    except RecursionError:
        raise InputError("invalid YAML: nesting too deep", Span(path)) from None
    finally:
        loader.dispose()


def _syntax_error(exc: Any, path: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "syntax error"
    if exc.problem == "second occurrence" and exc.context_mark is not None:
        # go-yaml lets a later anchor replace an earlier one; PyYAML's composer refuses.
        first = exc.context_mark.line + 1
        problem = f"anchor defined twice (first at line {first}); rename one of them"
    elif exc.context and exc.context_mark is not None and exc.problem_mark is not None:
        problem += f" ({exc.context} at line {exc.context_mark.line + 1})"
    if mark is None:
        return InputError(f"invalid YAML: {problem}", Span(path))
    return InputError(f"invalid YAML: {problem}", Span(path, mark.line + 1, mark.column + 1))


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def line_of_path(text: str, path: str) -> int | None:
    """The line of the deepest node along ``path`` (``items[3].spec.containers[0]``).

    Used for JSON, which the json module reads without positions: JSON is YAML flow
    syntax, so composing the text again finds the line. None when that fails, or for
    text over 8 MB (reading it again would cost seconds).
    """
    if len(text) > 8 * 1024 * 1024:
        return None
    try:
        node = next(compose_documents(text, "<json>"), None)
    except InputError:
        return None
    line = None
    for name, index in _PATH_PART.findall(path):
        if node is None:
            break
        line = node.start_mark.line + 1
        if name and node.id == "mapping":
            node = _keys(node).get(name)
        elif index and node.id == "sequence" and int(index) < len(node.value):
            node = node.value[int(index)]
        else:
            node = None
    return line if node is None else node.start_mark.line + 1
