"""One shell-quoted line per result: paste it into a shell to run the same argv.

With several results each line starts with the result's label and a tab
(``Pod/red/wait-for-db<TAB>sh -c 'sleep 5'``); a result without an argv still has its
line, a ``#`` comment saying why, so that the lines always match the results.
"""

from __future__ import annotations

from itertools import chain

from cmdresolve.model.facts import N_
from cmdresolve.render.catalog import say
from cmdresolve.render.escape import escape_line, shell_join
from cmdresolve.render.phrases import failure_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from cmdresolve.model import Resolution

__all__ = ["argv_lines", "label"]


def argv_lines(results: Iterable[Resolution]) -> Iterator[tuple[str, str | None]]:
    """Each result's line as it comes (a single result's has no label), with what
    stops a container that cannot start (None for the others)."""
    stream = iter(results)
    first = next(stream, None)
    if first is None:
        return
    second = next(stream, None)
    if second is None:
        yield _line(first), _failure(first)
        return
    for result in chain((first, second), stream):
        yield f"{label(result)}\t{_line(result)}", _failure(result)


def _failure(r: Resolution) -> str | None:
    if r.error is None:
        return None
    return f"{label(r)}: {failure_text(r.error)}"


def label(r: Resolution) -> str:
    """``Pod/red/wait-for-db``, ``compose/web``, or the Dockerfile or image of a run."""
    if r.workload and r.container:
        text = f"{r.workload}/{r.container}"
    elif r.runtime == "compose" and r.container:
        text = f"compose/{r.container}"
    else:
        text = r.workload or r.container or r.image or r.runtime
    return escape_line(text).replace("\t", "\\t")


def _line(r: Resolution) -> str:
    if r.values is not None:
        return shell_join(r.values)
    if r.error is not None:
        why = say(N_("cannot start: {failure}"), {"failure": failure_text(r.error)})
    else:
        why = say(N_("argv not known; -o text says why"))
    return "# " + escape_line(why)
