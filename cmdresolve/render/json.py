"""The versioned JSON document (docs/design.md, schema_version 1; only ever extended)."""

from __future__ import annotations

import json
from itertools import chain

from cmdresolve.model import Arg, Finding, Resolution, Span, Step, Unknown, values
from cmdresolve.model.process import Process
from cmdresolve.render.escape import escape_json
from cmdresolve.render.phrases import (
    failure_text,
    finding_message,
    note_text,
    notice_text,
    step_summary,
    unknown_reason,
)
from cmdresolve.render.script import script_json

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from typing import Any

    from cmdresolve.model import Notice
    from cmdresolve.model.final import FinalProcess

SCHEMA_VERSION = 1


def render_json(results: Iterable[Resolution]) -> dict[str, Any]:
    """The document as a dict, for callers that keep it in memory."""
    return {"schema_version": SCHEMA_VERSION, "results": [_whole(r) for r in results]}


def _whole(r: Resolution) -> dict[str, Any]:
    fields = _result(r)
    for key, make in _MAKERS.items():
        fields[key] = [make(item) for item in fields[key]]
    return fields


def render_json_text(
    results: Iterable[Resolution], notes: Sequence[Notice] = ()
) -> Iterator[str]:
    """The document as text, in pieces, one result per line, made as results arrive.

    One line per result keeps the output greppable and lets the caller write each
    result and drop it: json's C encoder serialises a line, where ``indent=`` would
    fall back to its pure-Python encoder (several times slower on big inputs).
    """
    yield f'{{\n  "schema_version": {SCHEMA_VERSION},\n  "results": ['
    separator = "\n    "
    for r in results:
        yield separator
        yield from _result_text(r)
        separator = ",\n    "
    end = "\n  ]" if separator != "\n    " else "]"
    if notes:  # read at the end: a note may be added as the results are made
        shown = (json.dumps(note_json(n), ensure_ascii=False) for n in notes)
        lines = ",\n    ".join(escape_json(line) for line in shown)
        end += f',\n  "notes": [\n    {lines}\n  ]'
    yield end + "\n}\n"


def note_json(notice: Notice) -> dict[str, Any]:
    """One note of the document: where, what kind, and the sentence."""
    span = notice.span
    return {
        "file": span.file if span else None,
        "line": span.line if span else None,
        "kind": notice.kind.value,
        "message": notice_text(notice),
    }


_CHUNK = 500
_LIGHT = 64 * 1024  # characters of argv and env under which a result is one encoder call


def _result_text(r: Resolution) -> Iterator[str]:
    """One result's line, its lists written a few items at a time: a million-token
    argv, or a 10 MB value quoted in several steps, never sits in memory as one line.
    A result whose argv and env are short (most are) is one encoder call: the same text."""
    if _light(r):
        yield escape_json(json.dumps(_whole(r), ensure_ascii=False))
        return
    fields = _result(r)
    lists = {key: fields[key] for key in _MAKERS}
    for key in _MAKERS:
        fields[key] = []
    line = escape_json(json.dumps(fields, ensure_ascii=False))
    for key, make in _MAKERS.items():
        # The first '"key": []' is the key: inside a string every '"' is escaped.
        marker = f'"{key}": ['
        cut = line.index(marker) + len(marker)
        yield line[:cut]
        line = line[cut:]
        items = lists[key]
        # Many items: a few hundred to one encoder call. Few: one at a time, since
        # one of them may quote a 10 MB value.
        size = _CHUNK if len(items) > _CHUNK else 1
        for start in range(0, len(items), size):
            chunk = [make(item) for item in items[start : start + size]]
            pieces = json.dumps(chunk, ensure_ascii=False)[1:-1]
            yield (", " if start else "") + escape_json(pieces)
    yield line


def _light(r: Resolution) -> bool:
    """Whether the values a result's steps and findings mostly quote, its argv and env,
    are short (a long one elsewhere, such as an unused ARG, costs one copy, not more)."""
    left = _LIGHT
    for text in chain(values(r.argv or ()), r.env or ()):
        left -= len(text)
        if left < 0:
            return False
    return True


def _result(r: Resolution) -> dict[str, Any]:
    fields = _fields(r)
    if r.verification is not None:  # only with --verify
        from cmdresolve.render.verification import verification_json

        fields["verify"] = verification_json(r.verification)
    return fields


def _fields(r: Resolution) -> dict[str, Any]:
    return {
        "workload": r.workload,
        "container": r.container,
        "container_type": r.container_type,
        "runtime": r.runtime,
        "image": r.image,
        "argv": None if r.argv is None else list(values(r.argv)),
        "error": None if r.error is None else failure_text(r.error),
        "args": r.argv or (),  # turned into dicts by the caller, a few at a time
        "env": None if r.env is None else _env(r.env),
        "incomplete": sorted(r.incomplete),
        "working_dir": r.working_dir,
        "user": r.user,
        "steps": list(r.steps),  # this and the next two: made into dicts by the caller
        "unknowns": list(r.unknowns),
        "findings": list(r.findings),
        "final_process": _final(r.final_process),
        "script": script_json(r.script),
        # Last: its items hold "args" and "steps" of their own, made here whole.
        "processes": [_process(p) for p in r.processes],
    }


def _process(p: Process) -> dict[str, Any]:
    """One probe, hook or health check: what runs, and where it is written."""
    return {
        "kind": p.kind,
        "handler": p.handler,
        "runs": p.runs,
        "argv": None if p.argv is None else [a.value for a in p.argv],
        "origin": {**_where(p.span), "path": p.path},
        "shell": None if p.shell is None else list(p.shell),
        "script": script_json(p.script),
        "args": [_arg(a) for a in p.argv or ()],
        "steps": [_step(s) for s in p.steps],
        "unknowns": [_unknown(u) for u in p.unknowns],
    }


def _final(f: FinalProcess | None) -> dict[str, Any] | None:
    """What the entrypoint script execs: its argv with provenance, PID 1, the rule."""
    if f is None:
        return None
    from cmdresolve.render.phrases.final import final_notes, final_summary

    return {
        "argv": None if f.argv is None else [a.value for a in f.argv],
        "pid1": f.pid1,
        "shell": f.shell,
        "script": f.script,
        "rule": f.rule,
        "test": f.test,
        "source": f.source,
        "complete": f.complete,
        "depends_on": f.depends_on,
        "alternatives": [[a.value for a in alt] for alt in f.alternatives],
        "setup": [
            {k: v for k, v in (("kind", s.kind), ("user", s.user), ("via", s.via), ("dir", s.dir))
             if v is not None}
            for s in f.setup
        ],
        "summary": final_summary(f),
        "notes": final_notes(f),
        "args": [_arg(a) for a in f.argv or ()],
        **_where(f.span),
    }


def _where(span: Span | None) -> dict[str, Any]:
    if span is None:
        return {"file": None, "line": None}
    return {"file": span.file, "line": span.line}


def _arg(a: Arg) -> dict[str, Any]:
    where = _where(a.span)
    return {"value": a.value, "origin": a.origin, **where, "path": a.path, "note": note_text(a)}


def _env(env: tuple[str, ...]) -> dict[str, str | None]:
    """``KEY=VALUE`` entries as a mapping; a bare ``NAME`` (a compose variable set
    nowhere, sent to the engine without ``=``) maps to null, as ``docker inspect``
    and ``docker compose config`` show it."""
    out: dict[str, str | None] = {}
    for item in env:
        key, equals, value = item.partition("=")
        out[key] = value if equals else None
    return out


def _step(s: Step) -> dict[str, Any]:
    return {
        "rule": s.rule,
        "summary": step_summary(s),
        "authority": s.authority,
        **_where(s.span),
        "params": {key: _plain(value) for key, value in s.params.items()},
    }


def _plain(value: object) -> object:
    """A parameter as JSON has it: tuples as arrays, kinds as their names, a quoted fact
    (an image source) as an object of its set fields."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    fields: tuple[str, ...] | None = getattr(type(value), "__record_fields__", None)
    if fields is not None:
        shown = {name: _plain(getattr(value, name)) for name in fields}
        return {k: v for k, v in shown.items() if v is not None}
    return value


def _unknown(u: Unknown) -> dict[str, Any]:
    return {"reason": unknown_reason(u), **_where(u.span)}


def _finding(f: Finding) -> dict[str, Any]:
    where = _where(f.span)
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": finding_message(f),
        **where,
        "column": f.span.col if f.span else None,
        **({"process": f.params["process"]} if "process" in f.params else {}),
    }


_MAKERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "args": _arg,
    "steps": _step,
    "unknowns": _unknown,
    "findings": _finding,
}
"""The lists of a result, in order, and how each item becomes JSON."""
