"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per
finding, which the runner turns into annotations on the files and lines they name.

Authority: GitHub Docs, "Workflow commands for GitHub Actions" (setting an error,
warning or notice message); the escaping is actions/toolkit
``packages/core/src/command.ts :: escapeData`` and ``escapeProperty``.
"""

from __future__ import annotations

from cmdresolve.model import Finding, Resolution
from cmdresolve.render.escape import escape_line
from cmdresolve.render.phrases import finding_message
from cmdresolve.render.where import for_tools

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Iterable

    from cmdresolve.model import Severity

_COMMAND: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(results: Iterable[Resolution], base: str = ".") -> str:
    """One workflow command per finding of every result, in order; empty when none.

    Each ``file`` is relative to ``base``, the workspace: the runner reads a relative
    path against it and makes an absolute one relative to it (actions/runner
    ``src/Runner.Worker/ActionCommandManager.cs``, the issue commands), so a file
    named from another directory still lands on its line; a file outside it stays
    absolute.
    """
    return "\n".join(_command(f, base) for r in results for f in r.findings)


def _command(finding: Finding, base: str) -> str:
    properties: list[tuple[str, object]] = []
    span = finding.span
    if span is not None:
        properties.append(("file", for_tools(span.file, base)[0]))
        if span.line is not None:
            properties.append(("line", span.line))
            if span.col is not None:
                properties.append(("col", span.col))
    properties.append(("title", f"{finding.code} {finding.name}"))
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{_COMMAND[finding.severity]} {joined}::{escape_data(finding_message(finding))}"


def escape_data(text: str) -> str:
    """A command's message: ``%`` first, so the escapes it makes are not escaped again;
    then every other control character is shown escaped, as on the terminal."""
    return escape_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A property value: also ``:`` and ``,``, which would end the value early."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
