"""Rich renderables for people: the argv first, then where each token came from and why."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cmdresolve.model import Arg, Resolution, Span
from cmdresolve.model.facts import N_
from cmdresolve.render.catalog import say
from cmdresolve.render.escape import escape_block, escape_json, shell_join
from cmdresolve.render.phrases import (
    cut_middle,
    failure_text,
    finding_message,
    note_text,
    step_summary,
    unknown_reason,
)

TYPE_CHECKING = False  # typing costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import TypeVar

    T = TypeVar("T")

def render_text(results: list[Resolution]) -> RenderableType:
    return Group(*(_result(r) for r in results))


def text_of(text: str, style: str | None = None) -> Text:
    """A line of the screen; control characters from the input are shown escaped, and
    a line past :data:`LONGEST_LINE` is cut in the middle (see :func:`cut`)."""
    return Text(escape_block(cut(text)), style=style or "")


LONGEST_LINE = 4000
"""Characters of one screen line before its middle is cut: laying out a 10 MB line
costs the terminal view minutes, and nobody reads it there (``-o json`` and
``-o argv`` give every value whole)."""
MOST_ROWS = 300
"""Rows of one list (tokens, steps, unknowns, findings) before its middle is left out."""


def cut(text: str) -> str:
    if len(text) <= LONGEST_LINE:
        return text
    template = N_("{start} … [{count} characters left out here; -o json shows them] … {end}")
    return cut_middle(text, 3000, 500, template)


def _rows(items: Sequence[T]) -> Iterator[tuple[int, T] | int]:
    """``(index, item)`` for the first and last rows of ``items``, and in between, when
    there are more than :data:`MOST_ROWS`, the number of rows left out."""
    if len(items) <= MOST_ROWS:
        yield from enumerate(items)
        return
    head, tail = MOST_ROWS - 50, 50
    yield from enumerate(items[:head])
    yield len(items) - head - tail
    yield from ((len(items) - tail + i, item) for i, item in enumerate(items[-tail:]))


def _left_out(count: int) -> Text:
    template = N_("  … {count} more here (-o json lists them all)")
    return Text(say(template, {"count": count}), style="dim")


_ROLE = {
    "initContainer": "init container",
    "container": "app container",
    "ephemeralContainer": "ephemeral container",
}
# Pod start order, said under each Kubernetes container's title.
_ORDER = {
    "initContainer": "runs to completion before the next container of the pod starts",
    "container": "starts after the init containers, together with the other app containers",
    "ephemeralContainer": "added to a running pod (kubectl debug)",
}


def _title(r: Resolution) -> str:
    parts: list[str] = [r.runtime]
    if r.workload:
        parts.append(r.workload)
    if r.container:
        parts.append(f"{_ROLE.get(r.container_type or '', 'container')} {r.container}")
    if r.image:
        parts.append(f"image {r.image}")
    return " · ".join(parts)


def _result(r: Resolution) -> RenderableType:
    parts: list[RenderableType] = [_headline(r)]
    if r.container_type in _ORDER:
        parts.insert(0, Text(_ORDER[r.container_type], style="dim"))
    if r.argv:
        parts.append(_tokens(r.argv))
    parts.append(_process(r))
    if r.steps:
        parts.append(_steps(r))
    if r.unknowns:
        parts.append(Text("Unknown", style="bold yellow"))
        for row in _rows(r.unknowns):
            if isinstance(row, int):
                parts.append(_left_out(row))
                continue
            u = row[1]
            parts.append(text_of(f"  ? {_where(u.span)}{unknown_reason(u)}", style="yellow"))
    if r.findings:
        parts.append(Text("Findings", style="bold"))
        for found in _rows(r.findings):
            if isinstance(found, int):
                parts.append(_left_out(found))
                continue
            f = found[1]
            parts.append(text_of(f"  {f.code} {f.severity}: {_where(f.span)}{finding_message(f)}"))
    if r.verification is not None:
        from cmdresolve.render.verification import verification_text

        parts.extend(verification_text(r.verification))
    return Panel(Group(*parts), title=text_of(_title(r)), title_align="left")


def _headline(r: Resolution) -> RenderableType:
    if r.argv is not None:
        return Group(
            Text("argv", style="bold"),
            Text(cut("  " + _json_list(r.argv)), style="bold green"),
            Text(cut("  $ " + shell_join(a.value for a in r.argv)), style="dim"),
        )
    if r.error:
        return text_of(f"cannot start: {failure_text(r.error)}", style="bold red")
    return Text("argv not known (see Unknown below)", style="bold yellow")


def _json_list(argv: tuple[Arg, ...]) -> str:
    import json

    return escape_json(json.dumps([a.value for a in argv], ensure_ascii=False))


def _tokens(argv: tuple[Arg, ...]) -> Table:
    table = Table(show_edge=False, box=None, pad_edge=False, padding=(0, 2, 0, 2))
    for column in ("#", "token", "origin", "from", "note"):
        table.add_column(column, style="dim" if column == "#" else None, overflow="fold")
    for row in _rows(argv):
        if isinstance(row, int):
            table.add_row("…", _left_out(row))
            continue
        i, arg = row
        where = _where(arg.span).rstrip(": ") + (f" {arg.path}" if arg.path else "")
        note = note_text(arg) or ""
        value = Text(cut(repr(arg.value)))  # repr escapes control characters itself
        table.add_row(str(i), value, arg.origin, text_of(where), text_of(note))
    return table


def _process(r: Resolution) -> Text:
    """Working directory, user and env; what is not (wholly) known says so."""
    workdir = "(not known)" if "working_dir" in r.incomplete else r.working_dir
    user = "(not known)" if "user" in r.incomplete else (r.user or "(none set: root)")
    lines = [f"working dir: {workdir}", f"user: {user}"]
    if r.env is not None:
        shown = ", ".join(r.env) if r.env else "(none known)"
        lines.append("env: " + shown + ("  [incomplete]" if "env" in r.incomplete else ""))
    return text_of("\n".join(lines))


def _steps(r: Resolution) -> RenderableType:
    rows: list[RenderableType] = [Text("Steps", style="bold")]
    for row in _rows(r.steps):
        if isinstance(row, int):
            rows.append(_left_out(row))
            continue
        i, step = row
        rows.append(text_of(f"  {i + 1}. {_where(step.span)}{step_summary(step)}"))
        rows.append(Text(f"     rule {step.rule} — {step.authority}", style="dim"))
    return Group(*rows)


def _where(span: Span | None) -> str:
    return f"{span}: " if span is not None else ""
