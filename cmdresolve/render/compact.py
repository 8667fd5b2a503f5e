"""Several results: one line per container, in a table per input file
(../shared/UX.md, "Several containers"), each table followed by its containers'
findings and notes.

A table's heading names the file; when every container in it belongs to one workload
(a Pod, a Deployment, a compose project) the heading names that too, and otherwise
each line starts with its workload. A Dockerfile's own result is its file's one line.
"""

from __future__ import annotations

from itertools import chain

from cmdresolve.model.facts import N_
from cmdresolve.render.catalog import say
from cmdresolve.render.escape import escape_line
from cmdresolve.render.phrases import failure_text
from cmdresolve.render.screen import width_of
from cmdresolve.render.text import (
    _argv_style,
    _finding,
    _joined,
    _notes,
    _shown_findings,
    _word,
    cut,
)
from cmdresolve.render.where import built_here, declared_in

TYPE_CHECKING = False  # typing costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Iterator

    from cmdresolve.model import Resolution
    from cmdresolve.render.screen import Screen
    from cmdresolve.render.text import Tally, View

__all__ = ["render_compact"]

CHUNK = 200
"""Results laid out in one table at most: a file of 10,000 Deployments is shown in
tables of this many, each under the file's heading, and is never held whole."""

_STARTING = ("initContainer", "sidecar")
_UNDER = "    "  # the indent of an argv too wide for its column


def render_compact(results: Iterator[Resolution], view: View, tally: Tally) -> Iterator[str]:
    """The tables, piece by piece; ``tally`` counts every result for the summary line."""
    group: list[Resolution] = []
    key: tuple[str, str | None] | None = None
    first = True
    for result in chain(results, (None,)):
        this = None
        if result is not None:
            tally.add(result)
            this = _group_of(result)
        if group and (result is None or this != key or len(group) >= CHUNK):
            later: list[str] = []
            table = _table(group, view, tally, later)
            yield ("" if first else "\n") + table + "".join("\n" + part for part in later)
            first, group = False, []
        if result is not None:
            group.append(result)
            key = this


def _group_of(r: Resolution) -> tuple[str, str | None]:
    """Results of one file go together; those of no file, by workload."""
    file = declared_in(r)
    return ("file", file) if file is not None else ("workload", r.workload)


def _heading(group: list[Resolution], one_workload: bool) -> list[str]:
    """The heading's parts: the file, then the workload or ``image built here``."""
    first = group[0]
    file = declared_in(first)
    if file is not None and len(group) == 1 and built_here(first):
        return [say(N_("{file} · image built here"), {"file": escape_line(cut(file))})]
    parts = [file] if file is not None else []
    if one_workload and first.workload:
        parts.append(first.workload)
    return [escape_line(cut(part)) for part in parts]


def _table(group: list[Resolution], view: View, tally: Tally, later: list[str]) -> str:
    s = view.screen
    one_workload = all(r.workload == group[0].workload for r in group)
    heading = _heading(group, one_workload)
    # a part that would pass the width goes on a line of its own (a path is never cut)
    lines = [s.paint(line, "bold") for line in _joined(heading, " · ", s)] if heading else []
    places = _places_in_start_order(group)
    workloads = [] if one_workload else _workload_cells(group)
    names = ["" if built_here(r) else escape_line(cut(_name(r))) for r in group]
    widths = (
        min(max((width_of(w) for w in workloads), default=0), max(s.width // 4, 12)),
        max(width_of(role) for role, _ in places),
        min(max(width_of(name) for name in names), max(s.width // 3, 16)),
    )
    lead = 2 + sum(width + 2 for width in widths if width)
    fated = [width_of(_argv_text(r)) for r, (_, fate) in zip(group, places) if fate]
    fate_at = lead + max(fated, default=0) + 3
    for i, r in enumerate(group):
        cells = (workloads[i] if workloads else "", places[i][0], names[i])
        head = "  "
        for j, (text, width) in enumerate(zip(cells, widths), 1):
            if not width:
                continue
            if width_of(text) > width:  # alone on its line; the row goes on under it
                if width_of(head) + width_of(text) > s.width and head.strip():
                    lines.append(head.rstrip())  # nor does it fit there: further left
                    head = _UNDER
                lines.append(head + text)
                head = " " * (lead - sum(w + 2 for w in widths[j:] if w))
            else:
                head += text + " " * (width - width_of(text) + 2)
        lines.extend(_row(r, head, places[i][1], fate_at, s))
        lines.extend(_then_row(r, lead, s))
        for f in _shown_findings(r, view):
            later.append("\n".join(_finding(f, r, view)) + "\n")
        notes = _notes(r, view, tally)
        if notes:
            later.append("\n".join(notes) + "\n")
    return "\n".join(lines) + "\n"


def _workload_cells(group: list[Resolution]) -> list[str]:
    """Each line's workload, said on the first line of its containers only."""
    cells = []
    for i, r in enumerate(group):
        same = i > 0 and group[i - 1].workload == r.workload
        cells.append("" if same else escape_line(cut(r.workload or "")))
    return cells


def _places_in_start_order(group: list[Resolution]) -> list[tuple[str, str]]:
    """Each container's role and where it stands in its pod's start order: init
    containers and sidecars are numbered in the order they start, pod by pod."""
    out: list[tuple[str, str]] = []
    start = 0
    while start < len(group):
        end = start
        while end < len(group) and group[end].workload == group[start].workload:
            end += 1
        pod = group[start:end]
        starting = sum(r.container_type in _STARTING for r in pod)
        number = 0
        for r in pod:
            number += r.container_type in _STARTING
            out.append((_role(r, number), _fate(r, number, starting)))
        start = end
    return out


def _role(r: Resolution, number: int) -> str:
    if r.container_type == "sidecar":
        return say(N_("side"))
    if r.container_type == "initContainer":
        return say(N_("init {number}"), {"number": number})
    if r.container_type == "ephemeralContainer":
        return say(N_("debug"))
    if r.container_type in ("container", "service"):
        return say(N_("app"))
    return ""


def _fate(r: Resolution, number: int, starting: int) -> str:
    if r.container_type == "sidecar":
        return say(N_("keeps running beside the app"))
    if r.container_type == "initContainer":
        if number < starting:  # an init container or a sidecar starts next
            return say(N_("exits before the next starts"))
        return say(N_("exits before the app starts"))
    return ""


def _name(r: Resolution) -> str:
    return r.container or r.image or r.runtime


def _argv_words(r: Resolution) -> list[str]:
    """The argv as shell words; a quoted word has spaces but is never broken."""
    return [_word(a.value) for a in r.argv] if r.argv else ["[]"]


def _argv_text(r: Resolution) -> str:
    return " ".join(_argv_words(r))


def _wrap_words(words: list[str], first: str, rest: str, width: int) -> list[str]:
    lines, line, empty = [], first, True
    for word in words:
        if not empty and width_of(line) + 1 + width_of(word) > width:
            lines.append(line)
            line, empty = rest, True
        line = line + word if empty else f"{line} {word}"
        empty = False
    lines.append(line)
    return lines


def _then_row(r: Resolution, lead: int, s: Screen) -> list[str]:
    """What an entrypoint script ends in, under the argv (model/final.py): ``then`` and
    its argv, and whether its shell stays PID 1; nothing when not known (-v, or one
    container, says why)."""
    f = r.final_process
    if f is None or not f.argv:
        return []
    from cmdresolve.render.phrases.final import THEN, final_notes

    head = " " * lead + say(THEN) + " "
    words = [_word(a.value) for a in f.argv]
    lines = _wrap_words(words, head, " " * width_of(head), s.width)
    for note in final_notes(f):
        lines.extend(s.wrap(escape_line(note), " " * width_of(head)))
    return [s.paint(line, "dim") for line in lines]


def _row(r: Resolution, head: str, fate: str, fate_at: int, s: Screen) -> list[str]:
    """One container's line: its argv (or why none), and where it stands in the start
    order, in a column when it fits, else under the argv."""
    hang = " " * width_of(head)
    if r.argv is None:
        if r.error is not None:
            text = say(N_("cannot start: {failure}"), {"failure": failure_text(r.error)})
            return [s.paint(line, "error") for line in s.wrap(escape_line(text), head, hang)]
        return [head + s.paint(say(N_("not known (see the notes below)")), "unknown")]
    style = _argv_style(r)
    words = _argv_words(r)
    above: list[str] = []
    if max(width_of(word) for word in words) > s.width - width_of(head):
        above = [head.rstrip()] if head.strip() else []  # a word wider than the column
        head = hang = _UNDER
    lines = _wrap_words(words, head, hang, s.width)
    cuts = [len(head)] + [len(hang)] * (len(lines) - 1)  # where each line's argv starts
    painted = [line[:at] + s.paint(line[at:], style) for line, at in zip(lines, cuts)]
    if fate:
        end = width_of(lines[-1])
        if len(lines) == 1 and end + 3 <= fate_at and fate_at + width_of(fate) <= s.width:
            painted[-1] += " " * (fate_at - end) + s.paint(fate, "dim")
        elif end + 3 + width_of(fate) <= s.width:
            painted[-1] += "   " + s.paint(fate, "dim")
        else:
            painted.extend(s.paint(line, "dim") for line in s.wrap(fate, hang))
    return above + painted
