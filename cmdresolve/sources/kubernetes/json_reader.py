"""The reads of :class:`~cmdresolve.sources.kubernetes.yaml_reader.YamlReader` over json values.

Error lines are found only when an error happens, by composing the text again as YAML.
"""

from __future__ import annotations

import re

from cmdresolve.model import Arg, InputError, Span
from cmdresolve.model.facts import N_, Words
from cmdresolve.sources.kubernetes.yaml_reader import mapping_keys
from cmdresolve.sources.kubernetes.yaml_scalars import (
    ARTICLE,
    LIST_NOT_STRING,
    WANT,
    not_a_string,
    phrase,
    quote_string,
)
from cmdresolve.sources.text import LongInteger

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.model.facts import Param
    from cmdresolve.model.origins import Origin

__all__ = ["JsonReader", "line_of_path"]


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

    def fail(self, path: str, template: str, value: Any, **params: Param) -> InputError:
        """``template`` starts with ``{path}: `` (every read has a path)."""
        line = line_of_path(self._text[self._start : self._end], path)
        if line is not None:
            line += self._text.count("\n", 0, self._start)
        return InputError(template, Span(self.file, line), None, path=path, **params)

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
        if kind in ARTICLE:
            template, params = not_a_string(kind, shown, None)
            raise self.fail(path, template, value, **params)
        got = _json_describe(value)
        raise self.fail(path, N_("{path}: must be a string, got {got}"), value, got=got)

    def boolean(self, value: Any, path: str) -> bool | None:
        result: bool | None = value
        if value is None or type(value) is bool:
            return result
        raise self._want(path, "a boolean (true or false)", value)

    def quantity(self, value: Any, path: str) -> str | None:
        if type(value) in (int, float):
            return str(value)
        return self.string(value, path)

    def integer(self, value: Any, path: str) -> int | None:
        result: int | None = value
        if value is None or type(value) is int:
            return result
        raise self._want(path, "an integer", value)

    def args(self, value: Any, path: str, origin: Origin) -> tuple[Arg, ...] | None:
        items = self.sequence(value, path, "a list of strings")
        if items is None:
            return None
        span, result = self._span, []
        for index, item in enumerate(items):
            where = f"{path}[{index}]"
            text = item if type(item) is str else self.string(item, where, item=True) or ""
            result.append(Arg(text, origin, span, where))
        return tuple(result)

    def _want(self, path: str, what: str, value: Any) -> InputError:
        got = _json_describe(value)
        if what == "a list of strings" and type(value) is str:
            return self.fail(path, LIST_NOT_STRING, value, got=got)
        return self.fail(path, WANT[what], value, got=got)


def _json_describe(value: Any) -> Words:
    kind, shown = _json_type(value)
    if kind in ("mapping", "list"):
        return Words(N_("mapping") if kind == "mapping" else N_("list"))
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
    if type(value) is LongInteger:
        return ("integer", value.digits)
    if type(value) is str:
        return ("string", value)
    return ("mapping", "") if type(value) is dict else ("list", "")


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def line_of_path(text: str, path: str) -> int | None:
    """The line of the deepest node along ``path`` (``items[3].spec.containers[0]``).

    Used for JSON, which the json module reads without positions: JSON is YAML flow
    syntax, so composing the text again finds the line. None when that fails, or for
    text over 8 MB (reading it again would cost seconds).
    """
    if len(text) > 8 * 1024 * 1024:
        return None
    # Imported here: JSON without errors never needs the YAML composer.
    from cmdresolve.sources.kubernetes.yaml_nodes import compose_documents

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
            node = mapping_keys(node).get(name)
        elif index and node.id == "sequence" and int(index) < len(node.value):
            node = node.value[int(index)]
        else:
            node = None
    return line if node is None else node.start_mark.line + 1
