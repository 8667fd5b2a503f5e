"""Rich renderables for people: the argv first, then where each token came from and why."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cmdresolve.model import Arg, Resolution, Span
from cmdresolve.render.escape import escape_block, escape_json, shell_join
from cmdresolve.render.phrases import (
    failure_text,
    finding_message,
    note_text,
    step_summary,
    unknown_reason,
)


def render_text(results: list[Resolution]) -> RenderableType:
    return Group(*(_result(r) for r in results))


def text_of(text: str, style: str | None = None) -> Text:
    """A line of the screen; control characters from the input are shown escaped."""
    return Text(escape_block(text), style=style or "")


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
        parts.extend(
            text_of(f"  ? {_where(u.span)}{unknown_reason(u)}", style="yellow") for u in r.unknowns
        )
    if r.findings:
        parts.append(Text("Findings", style="bold"))
        parts.extend(
            text_of(f"  {f.code} {f.severity}: {_where(f.span)}{finding_message(f)}")
            for f in r.findings
        )
    if r.verification is not None:
        from cmdresolve.render.verification import verification_text

        parts.extend(verification_text(r.verification))
    return Panel(Group(*parts), title=text_of(_title(r)), title_align="left")


def _headline(r: Resolution) -> RenderableType:
    if r.argv is not None:
        return Group(
            Text("argv", style="bold"),
            Text("  " + _json_list(r.argv), style="bold green"),
            Text("  $ " + shell_join(a.value for a in r.argv), style="dim"),
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
    for i, arg in enumerate(argv):
        where = _where(arg.span).rstrip(": ") + (f" {arg.path}" if arg.path else "")
        note = note_text(arg) or ""
        table.add_row(str(i), Text(repr(arg.value)), arg.origin, text_of(where), text_of(note))
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
    rows = [Text("Steps", style="bold")]
    for i, step in enumerate(r.steps, 1):
        rows.append(text_of(f"  {i}. {_where(step.span)}{step_summary(step)}"))
        rows.append(Text(f"     rule {step.rule} — {step.authority}", style="dim"))
    return Group(*rows)


def _where(span: Span | None) -> str:
    return f"{span}: " if span is not None else ""
