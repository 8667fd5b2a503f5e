"""One shell-quoted line per result: paste it into a shell to run the same argv."""

from __future__ import annotations

import shlex

from cmdresolve.model import Resolution


def render_argv(results: list[Resolution]) -> str:
    """``shlex.join(argv)`` for each result that starts; the others say nothing here."""
    return "\n".join(shlex.join(r.values) for r in results if r.values is not None)
