"""## What it does
Reports a CMD or ENTRYPOINT written like an exec-form JSON array that is not valid
JSON — single quotes (`CMD ['a','b']`), text after the closing `]`
(`CMD ["a"] # note`), or a `[` that is never closed — and so became shell form.

## Why is this bad?
BuildKit tries strict JSON and, when that fails, silently keeps the whole text as
one shell-form string. The stored argv is `["/bin/sh", "-c", "['a','b']"]`: the
shell runs the bracketed text as a script, whose first word starts with `[`, instead
of running `a` with argument `b`.

## Example
```dockerfile
FROM alpine
CMD ['echo', 'hello']
```

## Use instead
```dockerfile
FROM alpine
CMD ["echo", "hello"]
```

## References
- moby/buildkit `frontend/dockerfile/parser/line_parsers.go :: parseMaybeJSON, parseJSON`
  (any JSON error falls back to shell form); test `testInvalidJSONCommands`
- hadolint DL3025; BuildKit check JSONArgsRecommended
- docs/semantics.md §1.2 rules 10 and 12
"""

from __future__ import annotations

import json

from cmdresolve.checks.rule import INSTRUCTION, is_shell_script, shell_start
from cmdresolve.model import Finding, Resolution, values, with_origin
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR101"
NAME = "exec-form-not-json"
SEVERITY: Severity = "error"
SUMMARY = N_("a CMD/ENTRYPOINT written as a JSON array is not valid JSON, so it is shell form")


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    findings = []
    for i, arg in with_origin(argv, INSTRUCTION):
        keyword = INSTRUCTION[arg.origin]
        if not is_shell_script(arg) or not arg.value.lstrip().startswith("["):
            continue
        wrapped = values(argv[shell_start(argv, i) : i + 1])
        problem = _what_is_wrong(arg.value.lstrip())
        params: Params = {"instruction": keyword, "argv": wrapped, **problem}
        findings.append(Finding(CODE, NAME, SEVERITY, params, arg.span))
    return findings


def _what_is_wrong(text: str) -> dict[str, str]:
    """Which of the usual mistakes keeps ``text`` (starting with ``[``) from being JSON:
    ``problem`` names it, ``trailing`` and ``json_error`` give its details."""
    end, single_quoted = _closing_bracket(text)
    if end is None:
        return {"problem": "unclosed"}
    trailing = text[end + 1 :].strip()
    if single_quoted and trailing:
        return {"problem": "single_quotes_and_trailing_text", "trailing": trailing}
    if single_quoted:
        return {"problem": "single_quotes"}
    if trailing:
        return {"problem": "trailing_text", "trailing": trailing}
    try:
        json.loads(text)
    except ValueError as exc:
        return {"problem": "invalid_json", "json_error": getattr(exc, "msg", str(exc))}
    except RecursionError:  # valid to Go up to 10,000 levels would not reach here
        return {"problem": "invalid_json", "json_error": "nested too deeply"}
    return {"problem": "not_strings"}


def _closing_bracket(text: str) -> tuple[int | None, bool]:
    """Index of the ``]`` that closes the first ``[`` (quotes of either kind skipped),
    and whether a single-quoted string was seen before it."""
    depth, quote, escaped, single = 0, "", False, False
    for i, char in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote, single = char, single or char == "'"
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return i, single
    return None, single
