"""Where a result comes from, and how a path is named for a tool that reads it back.

The text and Markdown views group results by the input file that declares them;
SARIF and GitHub annotations name each file relative to the directory the tool
resolves paths against.
"""

from __future__ import annotations

import os

from cmdresolve.sources.text import STDIN

TYPE_CHECKING = False  # typing costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from cmdresolve.model import Resolution

# sources.cmdline.program.RUN_FILE, the place of a --run line (a test keeps them equal);
# importing that module costs a run that has no run line 13 ms.
RUN_FILE = "--run"

__all__ = ["built_here", "declared_in", "for_tools", "relative_to"]


def built_here(r: Resolution) -> bool:
    """A Dockerfile's own result: its image is named by the Dockerfile's path."""
    return r.runtime == "docker" and any(
        step.span is not None and step.span.file == r.image for step in r.steps
    )


def declared_in(r: Resolution) -> str | None:
    """The input file that declares the result's container (a manifest, a compose file,
    a Dockerfile); None for a ``--run`` line and for a result made without a source."""
    if r.source is not None:
        return None if r.source.file == RUN_FILE else r.source.file
    return r.image if built_here(r) and r.image else None


def relative_to(path: str, base: str) -> str | None:
    """``path`` relative to the directory ``base``, with ``/`` between its parts and no
    ``./``; None when it is outside ``base`` (or on another drive)."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.path.abspath(base))
    except ValueError:  # Windows: another drive
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative.replace(os.sep, "/")


def for_tools(path: str, base: str, given_relative: bool = False) -> tuple[str, bool]:
    """``path`` as a tool resolving paths against ``base`` reads it: relative to
    ``base`` (True), else absolute (False). With ``given_relative`` a path given
    relative stays relative even outside ``base`` (``../x``). Standard input and the
    ``--run`` line are no files and keep their names (as relative ones)."""
    if path in (STDIN, RUN_FILE):
        return path, True
    relative = relative_to(path, base)
    if relative is None and given_relative and not os.path.isabs(path):
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
        relative = relative.replace(os.sep, "/")
    return (relative, True) if relative is not None else (os.path.abspath(path), False)
