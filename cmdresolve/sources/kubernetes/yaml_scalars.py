"""YAML 1.1 scalar typing as go-yaml v2 does it, and how a value is named in messages.

A plain scalar has the type go-yaml v2 gives it (authority: sigs.k8s.io/yaml
``goyaml.v2/resolve.go :: resolve``); a timestamp stays a string in ``interface{}``
(``decode.go :: scalar``); a quoted or block scalar is always a string. See
:mod:`cmdresolve.sources.kubernetes.yaml_nodes` for why Kubernetes reads YAML this way.
"""

from __future__ import annotations

import re

from cmdresolve.model.facts import N_, Words

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.model.facts import Param

__all__ = [
    "ARTICLE",
    "WANT",
    "describe",
    "not_a_string",
    "phrase",
    "plain_is_string",
    "plain_scalar_type",
    "quote_string",
    "scalar_type",
]

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
ARTICLE = {
    "integer": N_("an integer"),
    "float": N_("a float"),
    "boolean": N_("a boolean"),
    "null": N_("null"),
}
"""The article for each non-string type, in hints; its keys are the scalar types."""
_PHRASE = {
    "integer": N_("integer {value}"),
    "float": N_("float {value}"),
    "boolean": N_("boolean {value}"),
}
WANT = {  # a read's refusal, by what it wants (``{got}``: what it found, see describe)
    "a mapping": N_("{path}: must be a mapping, got {got}"),
    "a list": N_("{path}: must be a list, got {got}"),
    "a list of strings": N_("{path}: must be a list of strings, got {got}"),
    "a boolean (true or false)": N_("{path}: must be a boolean (true or false), got {got}"),
    "an integer": N_("{path}: must be an integer, got {got}"),
}
LIST_NOT_STRING = N_(
    "{path}: must be a list of strings, got {got} (write a list, one item per argument)"
)


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


def not_a_string(kind: str, shown: str, text: str | None) -> tuple[str, dict[str, Param]]:
    """``(template, params)`` of ``{path}: must be a string, got <kind> <shown>`` with its
    advice; ``text`` is the scalar as written (YAML). The reader adds ``path``."""
    if kind == "null":
        if text is None:
            return N_('{path}: must be a string, got null (write "" for an empty string)'), {}
        if text == "":
            return N_(
                "{path}: must be a string, got null "
                '(YAML reads an empty value as null; write "" for an empty string)'
            ), {}
        if text != "null":
            return N_(
                '{path}: must be a string, got null (YAML reads an unquoted {text} as null; '
                'quote it: "{text}")'
            ), {"text": text}
    got = phrase(kind, shown)
    if text is None or text == shown:
        return N_('{path}: must be a string, got {got} (quote it: "{shown}")'), {
            "got": got,
            "shown": shown,
        }
    return N_(
        "{path}: must be a string, got {got} (YAML reads an unquoted {text} as {article}; "
        'quote it: "{text}")'
    ), {"got": got, "text": text, "article": Words(ARTICLE[kind])}


def phrase(kind: str, shown: str) -> Words:
    """``integer 5``, ``boolean true``, ``null``: a typed value, for messages."""
    return Words(N_("null")) if kind == "null" else Words(_PHRASE[kind], value=shown)


def scalar_type(node: Any) -> tuple[str, str] | None:
    """Like :func:`plain_scalar_type` for a scalar node: its tag and style decide too."""
    tag = node.tag
    if not tag:
        return None if node.style else plain_scalar_type(node.value)
    kind = _STD_TAGS.get(tag)
    if kind is None:
        return None  # !!str, !!binary, !!timestamp and unknown tags decode to strings
    typed = plain_scalar_type(node.value)
    return typed if typed is not None and typed[0] == kind else (kind, node.value)


def describe(node: Any) -> Words:
    """``mapping``, ``list``, ``string "x"``, ``integer 5``: what a value is, for messages."""
    if node.id != "scalar":
        return Words(N_("mapping") if node.id == "mapping" else N_("list"))
    typed = scalar_type(node)
    return quote_string(node.value) if typed is None else phrase(*typed)


def quote_string(text: str) -> Words:
    """``string "text"`` for messages, long text cut short."""
    return Words(N_('string "{text}"'), text=text if len(text) <= 60 else text[:57] + "...")


def plain_is_string(text: str) -> bool:
    """Whether go-yaml v2 reads this plain scalar as a string (an empty one is null)."""
    return bool(text) and (text[0] not in _HINT or plain_scalar_type(text) is None)
