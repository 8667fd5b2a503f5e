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

This module composes the nodes and holds the limits. The reads live in ``yaml_reader``
(:class:`YamlReader`) and ``json_reader`` (:class:`JsonReader`, :func:`line_of_path`), the
scalar typing and the way messages name values in ``yaml_scalars``.
"""

from __future__ import annotations

from cmdresolve.model import InputError, Span
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from cmdresolve.model.facts import Param

__all__ = ["MAX_DEPTH", "MAX_NODES", "compose_documents", "line_too_deep"]

MAX_DEPTH = 1000
"""Deeper nesting is refused; real manifests nest a few dozen levels."""

MAX_NODES = 1_000_000
"""Values per document: composed, each takes about 300 bytes (``kubectl get -o yaml`` of
some 5,000 Deployments in one ``List``); JSON has no such limit."""


class _TooDeep(Exception):
    """Raised inside the composer; turned into an InputError with its line."""

    def __init__(self, template: str, line: int | None, **params: Param) -> None:
        super().__init__(template)
        self.template = template
        self.params = params
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
                    raise _TooDeep(N_("nesting deeper than {depth} levels"), line, depth=MAX_DEPTH)
                message = N_("more than {count} values in one YAML document; split it")
                raise _TooDeep(message, line, count=MAX_NODES)

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
        raise InputError(exc.template, Span(path, exc.line), None, **exc.params) from None
    except (yaml.MarkedYAMLError, RecursionError) as exc:
        # libyaml (0.2.5 and later) and the pure composer's recursion refuse deep
        # nesting on their own, before our composer hook, each in its own words: the
        # refusal is ours whenever our own count of the nesting passes the limit.
        deep = line_too_deep(text, MAX_DEPTH)
        if deep is not None:
            deeper = N_("nesting deeper than {depth} levels")
            raise InputError(deeper, Span(path, deep), depth=MAX_DEPTH) from None
        if isinstance(exc, RecursionError):
            raise InputError(N_("invalid YAML: nesting too deep"), Span(path)) from None
        raise _syntax_error(exc, path) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        control = N_("invalid YAML: control character U+{char} is not allowed")
        raise InputError(control, Span(path, line), char=f"{code:04X}") from None
    except yaml.YAMLError as exc:
        raise InputError(N_("invalid YAML: {problem}"), Span(path), problem=str(exc)) from None
    finally:
        loader.dispose()


def line_too_deep(text: str, limit: int) -> int | None:
    """The line where the nesting of ``text`` first passes ``limit`` levels, if it does.

    One pass, no backtracking: block levels are the stack of columns where nodes start
    (indentation, and each compact ``- `` or ``? `` entry), flow levels the open
    ``[``/``{`` outside quotes and comments. It counts what a YAML parser nests, give or
    take a level, and decides only for text a parser has already refused.
    """
    columns: list[int] = []
    flow = 0
    quote = ""
    for number, line in enumerate(text.split("\n"), 1):
        i, n = 0, len(line)
        if flow == 0 and not quote:
            while i < n and line[i] == " ":
                i += 1
            if i == n or line[i] == "#":
                continue
            while columns and columns[-1] >= i:
                columns.pop()
            columns.append(i)
            while line.startswith(("- ", "? "), i):
                i += 2
                while i < n and line[i] == " ":
                    i += 1
                columns.append(i)
            if len(columns) > limit:
                return number
        start = True  # a node may start here
        while i < n:
            char = line[i]
            if quote:
                if char == "\\" and quote == '"':
                    i += 1
                elif char == quote:
                    quote = ""
            elif char in "'\"" and start:
                quote = char
            elif char == "#" and (i == 0 or line[i - 1] in " \t"):
                break
            elif char in "[{" and (flow or start):
                flow += 1
                if len(columns) + flow > limit:
                    return number
                i += 1
                continue
            elif char in "]}" and flow:
                flow -= 1
            start = char in " \t" or (flow > 0 and char == ",")
            i += 1
    return None


def _syntax_error(exc: Any, path: str) -> InputError:
    """PyYAML's problem and context are its own words: params, in our sentence."""
    mark = exc.problem_mark or exc.context_mark
    span = Span(path) if mark is None else Span(path, mark.line + 1, mark.column + 1)
    problem = exc.problem
    if problem == "second occurrence" and exc.context_mark is not None:
        # go-yaml lets a later anchor replace an earlier one; PyYAML's composer refuses.
        return InputError(
            N_("invalid YAML: anchor defined twice (first at line {line}); rename one of them"),
            span,
            line=exc.context_mark.line + 1,
        )
    if exc.context and exc.context_mark is not None and exc.problem_mark is not None:
        line = exc.context_mark.line + 1
        if not problem:
            return InputError(
                N_("invalid YAML: syntax error ({context} at line {line})"),
                span,
                context=exc.context,
                line=line,
            )
        return InputError(
            N_("invalid YAML: {problem} ({context} at line {line})"),
            span,
            problem=problem,
            context=exc.context,
            line=line,
        )
    if not problem:
        return InputError(N_("invalid YAML: syntax error"), span)
    return InputError(N_("invalid YAML: {problem}"), span, problem=problem)
