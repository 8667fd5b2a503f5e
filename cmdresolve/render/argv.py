"""One shell-quoted line per result: paste it into a shell to run the same argv.

With several results each line starts with the result's label and a tab
(``Pod/red/wait-for-db<TAB>sh -c 'sleep 5'``); when they come from more than one
file, the label starts with the file that declares the container
(``deploy/web.yaml:Deployment/web/app``), so that two ``Pod/web/app`` of two files
differ. A result without an argv still has its line, a ``#`` comment saying why, so
that the lines always match the results.
"""

from __future__ import annotations

from itertools import chain

from cmdresolve.model.facts import N_
from cmdresolve.render.catalog import say
from cmdresolve.render.escape import escape_line, shell_join
from cmdresolve.render.phrases import failure_text
from cmdresolve.render.where import declared_in

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from cmdresolve.model import Resolution

__all__ = ["argv_lines", "label"]


class _Entry:
    """What a result's line needs, without the result (a long run holds only these)."""

    __slots__ = ("failure", "file", "label", "line")

    def __init__(self, r: Resolution) -> None:
        file = declared_in(r)
        self.label = label(r)
        self.file = None if file is None else _field(file)
        self.line = _line(r)
        self.failure = None if r.error is None else failure_text(r.error)

    def labelled(self, by_file: bool) -> str:
        if by_file and self.file is not None and self.file != self.label:
            return f"{self.file}:{self.label}"
        return self.label


def argv_lines(results: Iterable[Resolution]) -> Iterator[tuple[str, str | None]]:
    """Each result's line as it comes (a single result's has no label), with what
    stops a container that cannot start (None for the others).

    Lines wait only until a second file shows up (or the results end), to know
    whether labels need their file.
    """
    entries = (_Entry(r) for r in results)
    first = next(entries, None)
    if first is None:
        return
    second = next(entries, None)
    if second is None:
        yield first.line, _failure(first, False)
        return
    held = [first, second]
    files = {e.file for e in held if e.file is not None}
    if len(files) < 2:
        for entry in entries:
            held.append(entry)
            if entry.file is not None:
                files.add(entry.file)
                if len(files) > 1:
                    break
    by_file = len(files) > 1
    for entry in chain(held, entries):
        yield f"{entry.labelled(by_file)}\t{entry.line}", _failure(entry, by_file)


def _failure(entry: _Entry, by_file: bool) -> str | None:
    if entry.failure is None:
        return None
    return f"{entry.labelled(by_file)}: {entry.failure}"


def _field(text: str) -> str:
    return escape_line(text).replace("\t", "\\t")


def label(r: Resolution) -> str:
    """``Pod/red/wait-for-db``, ``compose/web``, or the Dockerfile or image of a run."""
    if r.workload and r.container:
        text = f"{r.workload}/{r.container}"
    elif r.runtime == "compose" and r.container:
        text = f"compose/{r.container}"
    else:
        text = r.workload or r.container or r.image or r.runtime
    return _field(text)


def _line(r: Resolution) -> str:
    if r.values is not None:
        return shell_join(r.values)
    if r.error is not None:
        why = say(N_("cannot start: {failure}"), {"failure": failure_text(r.error)})
    else:
        why = say(N_("argv not known; -o text says why"))
    return "# " + escape_line(why)
