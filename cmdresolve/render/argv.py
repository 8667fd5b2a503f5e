"""One shell-quoted line per result: paste it into a shell to run the same argv."""

from __future__ import annotations

from cmdresolve.model import Resolution
from cmdresolve.render.escape import shell_join


def render_argv(results: list[Resolution]) -> str:
    """The shell-quoted argv of each result that starts; the others say nothing here."""
    return "\n".join(shell_join(r.values) for r in results if r.values is not None)
