"""Whether deeply nested JSON decodes in Go, for the texts Python's json cannot take.

Python's decoder recurses once per ``[`` or ``{`` and gives up near a thousand
levels; Go's ``encoding/json`` scanner is a state machine that refuses more than
10,000 (``maxNestingDepth``, "exceeded max depth"). An exec-form line nested in
between is valid JSON to BuildKit, so this answers with a loop and a stack, in
time linear in the text.

Authority: golang/go ``src/encoding/json/scanner.go :: pushParseState``
(``maxNestingDepth = 10000``) and the JSON grammar it scans (RFC 8259); numbers out
of float64's range fail to decode, as ``forms._go_float`` says.
"""

from __future__ import annotations

import math
import re

GO_MAX_DEPTH = 10_000

_TOKEN = re.compile(
    r"[ \t\n\r]*(?:"
    r"(?P<open>[\[{])|(?P<close>[\]}])|(?P<comma>,)|(?P<colon>:)"
    r'|(?P<string>"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*")'
    r"|(?P<number>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)"
    r"|(?P<literal>true|false|null))"
)
_SPACE = re.compile(r"[ \t\n\r]*")


def decodes_in_go(text: str) -> bool:
    """Whether ``text`` is one JSON value that Go's ``json.Unmarshal`` decodes into
    ``any``: the grammar, at most :data:`GO_MAX_DEPTH` levels, numbers in range."""
    stack: list[str] = []  # "[" or "{" per open level
    expect_value, after_key, position = True, False, 0
    while True:
        match = _TOKEN.match(text, position)
        if match is None:
            return False
        position, kind = match.end(), match.lastgroup
        token = match.group(kind or "")
        if kind == "open":
            if not expect_value or len(stack) == GO_MAX_DEPTH:
                return False
            stack.append(token)
            expect_value, after_key = True, False
            closing = _TOKEN.match(text, position)  # an empty [] or {}
            if closing is not None and closing.lastgroup == "close":
                if (token == "[") != (closing.group("close") == "]"):
                    return False
                stack.pop()
                position, expect_value = closing.end(), False
        elif kind in ("string", "number", "literal"):
            if not expect_value:
                return False
            if kind == "number" and math.isinf(float(token)):
                return False
            in_object = bool(stack) and stack[-1] == "{"
            if in_object and not after_key and kind != "string":
                return False  # an object key must be a string
            if in_object and not after_key:
                colon = _TOKEN.match(text, position)
                if colon is None or colon.lastgroup != "colon":
                    return False
                position, expect_value, after_key = colon.end(), True, True
                continue
            expect_value, after_key = False, False
        elif kind == "comma":
            if expect_value or not stack:
                return False
            expect_value = True
        elif kind == "close":
            if expect_value or not stack or (stack.pop() == "[") != (token == "]"):
                return False
            expect_value = False
        else:  # a colon out of place
            return False
        if not stack and not expect_value:
            return _SPACE.match(text, position).end() == len(text)  # type: ignore[union-attr]
